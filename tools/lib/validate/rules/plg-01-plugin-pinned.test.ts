import { ruleTester } from "../tester/testing.ts";
import { rule as plg01 } from "./plg-01-plugin-pinned.ts";

const requires = (...entries: string[]) => `packer {\n  required_plugins {\n${entries.map((e) => `    ${e}\n`).join("")}  }\n}\n`;
const AMAZON = 'amazon = { source = "github.com/hashicorp/amazon", version = "~> 1.3" }';
const PINS = { "github.com/hashicorp/amazon": "1.8.1" };

ruleTester(plg01, {
  valid: [
    { name: "pinned within the constraint", code: requires(AMAZON), pluginPins: PINS },
    {
      name: "a pre-release pin whose core version the constraint allows (Packer 1.11+)",
      code: requires(AMAZON),
      pluginPins: { "github.com/hashicorp/amazon": "1.8.1-dev" },
    },
    {
      name: "source compared as Packer does (case, scheme)",
      code: requires('amazon = { source = "https://GitHub.com/HashiCorp/amazon", version = ">= 1.2, < 2" }'),
      pluginPins: PINS,
    },
    { name: "no pins: packer init installs the plugins", code: requires(AMAZON, 'ansible = { source = "github.com/hashicorp/ansible", version = "~> 1.1" }') },
    { name: "a pin set with nothing required", code: 'source "null" "x" {\n  communicator = "none"\n}\n', pluginPins: PINS },
    { name: "a source that is not a literal is SYN-03's", code: requires('amazon = { source = var.src, version = "~> 1.3" }'), pluginPins: PINS },
  ],
  invalid: [
    {
      name: "a required plugin Bazel does not pin",
      code: requires(AMAZON, 'ansible = { source = "github.com/hashicorp/ansible", version = "~> 1.1" }'),
      pluginPins: PINS,
      errors: [
        {
          message:
            "ansible: github.com/hashicorp/ansible is not pinned in MODULE.bazel (pinned: github.com/hashicorp/amazon 1.8.1); with pinned plugins Packer sees only those",
          line: 4,
          column: 26,
        },
      ],
    },
    {
      name: "pinned at a version outside the constraint",
      code: requires('amazon = { source = "github.com/hashicorp/amazon", version = "~> 2.0" }'),
      pluginPins: PINS,
      errors: [{ message: 'amazon "~> 2.0" does not allow 1.8.1, the version MODULE.bazel pins for github.com/hashicorp/amazon', line: 3, column: 66 }],
    },
    {
      name: "a pre-release pin is judged by its core version, as Packer does",
      code: requires('amazon = { source = "github.com/hashicorp/amazon", version = ">= 1.10" }'),
      pluginPins: { "github.com/hashicorp/amazon": "1.9.0-beta.1" },
      errors: [{ message: 'amazon ">= 1.10" does not allow 1.9.0-beta.1, the version MODULE.bazel pins for github.com/hashicorp/amazon', line: 3, column: 66 }],
    },
  ],
});
