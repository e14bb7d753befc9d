import { ruleTester } from "../tester/testing.ts";
import { rule as syn03 } from "./syn-03-required-plugins-syntax.ts";

const AMAZON = `packer {
  required_plugins {
    amazon = { source = "github.com/hashicorp/amazon", version = "~> 1.3" }
  }
}
`;

ruleTester(syn03, {
  valid: [{ code: `packer {\n  required_version = ">= 1.10.0, < 2.0.0"\n}\n${AMAZON}` }],
  invalid: [
    {
      code: 'packer {\n  required_version = "latest"\n}\n',
      errors: [{ message: "Invalid required_version: not a version constraint string", line: 2, column: 22 }],
    },
    {
      code: 'packer {\n  required_plugins {\n    amazon = ">= 1.0"\n  }\n}\n',
      errors: [{ message: "Invalid plugin requirement: amazon must be an object", line: 3, column: 14 }],
    },
    {
      code: 'packer {\n  required_plugins {\n    amazon = { source = "github.com/hashicorp/packer-plugin-amazon", version = "~> 1.3" }\n  }\n}\n',
      errors: [
        {
          message: 'Invalid plugin source for amazon: the plugin name must not start with "packer-plugin-"; use "github.com/hashicorp/amazon"',
          line: 3,
          column: 25,
        },
      ],
    },
    {
      code: 'packer {\n  required_plugins {\n    amazon = { source = "github.com/hashicorp/amazon" }\n  }\n}\n',
      errors: [{ message: "No version constraint was set for plugin amazon", line: 3, column: 14 }],
    },
    {
      code: 'packer {\n  required_plugins {\n    amazon = { source = "github.com/hashicorp/amazon", version = "~> one" }\n  }\n}\n',
      errors: [{ message: "Invalid version constraint for plugin amazon", line: 3, column: 66 }],
    },
  ],
});
