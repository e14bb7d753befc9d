import { ruleTester } from "../tester/testing.ts";
import { rule as ref03 } from "./ref-03-unknown-function.ts";

ruleTester(ref03, {
  valid: [
    {
      name: "a type argument is a type expression, not a call",
      code: 'locals {\n  xs = convert(["a"], list(string))\n  m  = convert({}, map(object({ a = string })))\n}\n',
    },
    { code: 'variable "home" {\n  type    = list(string)\n  default = [env("HOME")]\n}\nlocals {\n  t = formatdate("YYYY", timestamp())\n}\n' },
    { name: "env() in a legacy variables block", code: 'variables {\n  home = env("HOME")\n}\n' },
    {
      name: "functions in a validation condition",
      code: 'variable "ami" {\n  default = "ami-1"\n  validation {\n    condition     = can(regex("^ami-", var.ami))\n    error_message = "Use an AMI id."\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: "a function other than env() in a variable default (nested calls reported once)",
      code: 'variable "stamp" {\n  default = formatdate("YYYYMMDD", timestamp())\n}\n',
      errors: [{ message: 'Call to unknown function "formatdate": a variable default may only call env(); compute it in a local', line: 2, column: 13 }],
    },
    {
      name: "sibling calls in a default, env() inside one",
      code: 'variable "l" {\n  default = [upper("a"), lower(env("B"))]\n}\n',
      errors: [
        { message: 'Call to unknown function "upper": a variable default may only call env(); compute it in a local', line: 2, column: 14 },
        { message: 'Call to unknown function "lower": a variable default may only call env(); compute it in a local', line: 2, column: 26 },
      ],
    },
    {
      name: "a function in a legacy variables block",
      code: "variables {\n  t = timestamp()\n}\n",
      errors: [{ message: 'Call to unknown function "timestamp": a variable default may only call env(); compute it in a local', line: 2, column: 7 }],
    },
    {
      name: "a misspelt function in a default",
      code: 'variable "u" {\n  default = uper("x")\n}\n',
      errors: [{ message: 'Call to unknown function "uper"; did you mean upper?', line: 2, column: 13 }],
    },
    {
      name: "env() in a validation condition (only defaults have it)",
      code: 'variable "v" {\n  default = "x"\n  validation {\n    condition     = env("X") != var.v\n    error_message = "Bad."\n  }\n}\n',
      errors: [{ message: 'Call to unknown function "env"; read it in a variable default', line: 4, column: 21 }],
    },
    { code: 'locals {\n  h = env("HOME")\n}\n', errors: [{ message: 'Call to unknown function "env"; read it in a variable default', line: 2, column: 7 }] },
    { code: 'locals {\n  h = uper("x")\n}\n', errors: [{ message: 'Call to unknown function "uper"; did you mean upper?', line: 2, column: 7 }] },
    { code: 'locals {\n  h = clean_resource_name("x")\n}\n', errors: [{ message: 'Call to unknown function "clean_resource_name"', line: 2, column: 7 }] },
  ],
});
