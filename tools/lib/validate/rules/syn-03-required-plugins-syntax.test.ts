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
      name: "a plugin name with two dashes in a row",
      code: 'packer {\n  required_plugins {\n    x = { source = "github.com/acme/my--cloud", version = "~> 1.0" }\n  }\n}\n',
      errors: [{ message: /Invalid plugin type "my--cloud" in source: cannot use multiple consecutive dashes/, line: 3, column: 20 }],
    },
    {
      name: "a packer- prefix",
      code: 'packer {\n  required_plugins {\n    x = { source = "github.com/acme/packer-cloud", version = "~> 1.0" }\n  }\n}\n',
      errors: [{ message: /Plugin source has a type with the "packer-" prefix, which isn't valid/, line: 3, column: 20 }],
    },
    {
      name: "a prerelease constraint",
      code: 'packer {\n  required_plugins {\n    amazon = { source = "github.com/hashicorp/amazon", version = ">= 1.2.0-beta" }\n  }\n}\n',
      errors: [{ message: 'Invalid version constraint: Unsupported prerelease for constraint ">= 1.2.0-beta"', line: 3, column: 66 }],
    },
    {
      name: "a plugin written as a block",
      code: 'packer {\n  required_plugins {\n    amazon {\n      source  = "github.com/hashicorp/amazon"\n      version = "~> 1.3"\n    }\n  }\n}\n',
      errors: [{ message: 'Unexpected "amazon" block; Blocks are not allowed here.', line: 3, column: 5 }],
    },
    {
      name: "one plugin name in two required_plugins blocks",
      code: {
        "a.pkr.hcl": 'packer {\n  required_plugins {\n    amazon = { source = "github.com/hashicorp/amazon", version = "~> 1.3" }\n  }\n}\n',
        "b.pkr.hcl": 'packer {\n  required_plugins {\n    amazon = { source = "github.com/hashicorp/amazon", version = "~> 1.3" }\n  }\n}\n',
      },
      errors: [{ message: 'Duplicate required_plugin."amazon" block', line: 3, column: 5, file: "b.pkr.hcl" }],
    },
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
