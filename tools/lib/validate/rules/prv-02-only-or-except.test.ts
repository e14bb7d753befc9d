import { ruleTester } from "../tester/testing.ts";
import { rule as prv02 } from "./prv-02-only-or-except.ts";

ruleTester(prv02, {
  valid: [{ code: 'build {\n  provisioner "shell" {\n    except = ["null.a"]\n  }\n}\n' }],
  invalid: [
    {
      code: 'build {\n  provisioner "shell" {\n    only = ["null.a"]\n    except = ["null.b"]\n  }\n}\n',
      errors: [{ message: "only one of 'only' or 'except' may be specified", line: 4, column: 5 }],
    },
  ],
});
