import { ruleTester } from "../tester/testing.ts";
import { rule as syn04 } from "./syn-04-unbounded-plugin-version.ts";

ruleTester(syn04, {
  valid: [
    {
      code:
        'packer {\n  required_plugins {\n    a = { source = "github.com/x/a", version = "~> 1.3" }\n    b = { source = ' +
        '"github.com/x/b", version = ">= 1.2, < 2" }\n    c = { source = "github.com/x/c", version = "1.2.3" }\n  }\n}\n',
    },
  ],
  invalid: [
    {
      code: 'packer {\n  required_plugins {\n    amazon = { source = "github.com/hashicorp/amazon", version = ">= 1.1.5" }\n  }\n}\n',
      errors: [{ message: 'amazon ">= 1.1.5" unpinned; use "~> 1.1"', line: 3, column: 66, severity: "warning" }],
    },
    {
      name: 'from 0.x, "~> 0.0" would shut out the 1.x the constraint allows (philips-labs)',
      code: 'packer {\n  required_plugins {\n    amazon = { source = "github.com/hashicorp/amazon", version = ">= 0.0.2" }\n  }\n}\n',
      errors: [{ message: 'amazon ">= 0.0.2" unpinned; bound it to the major version in use, e.g. "~> 1.3"', line: 3, column: 66, severity: "warning" }],
    },
  ],
});
