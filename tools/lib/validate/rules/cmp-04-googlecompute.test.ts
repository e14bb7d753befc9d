import { ruleTester } from "../tester/testing.ts";
import { rule as cmp04 } from "./cmp-04-component-prepare-checks.ts";
import { samples } from "../../../testing/checks/cases.ts";
import { GOOGLECOMPUTE_CASES } from "../../../testing/checks/googlecompute.ts";

// One case per entry of the googlecompute plugin's check table: the builder, its disks, its authentication, the post-processors and the data sources.
ruleTester(cmp04, samples(GOOGLECOMPUTE_CASES));

const GCE = (zone: string, decl = ""): string =>
  `${decl}source "googlecompute" "x" {\n  project_id          = "p"\n  source_image_family = "debian-12"\n  ssh_username        = "packer"\n  zone                = ${zone}\n}\n\nbuild {\n  sources = ["source.googlecompute.x"]\n}\n`;

// An empty value that comes from a variable is an input the build supplies: not known, so not missing for certain.
ruleTester(cmp04, {
  valid: [
    { name: "a variable whose default is empty", code: GCE("var.zone", 'variable "zone" {\n  type    = string\n  default = ""\n}\n\n') },
    {
      name: "a variable whose default is null, in a template string",
      code: GCE('"${var.zone}"', 'variable "zone" {\n  type    = string\n  default = null\n}\n\n'),
    },
    {
      name: "a variable passed through a local and a function",
      code: GCE("local.zone", 'variable "zone" {\n  type    = string\n  default = ""\n}\n\nlocals {\n  zone = trimspace(var.zone)\n}\n\n'),
    },
  ],
  invalid: [
    {
      name: "an empty string written in the template is missing",
      code: GCE('""'),
      errors: [{ message: "a zone must be specified", line: 1, column: 8 }],
    },
    {
      name: "an empty local that no variable feeds is missing",
      code: GCE("local.zone", 'locals {\n  zone = ""\n}\n\n'),
      errors: [{ message: "a zone must be specified", line: 5, column: 8 }],
    },
    {
      name: "a variable given a value by a var file is known",
      code: GCE("var.zone", 'variable "zone" {\n  type    = string\n  default = "us-central1-a"\n}\n\n').replace(
        'source_image_family = "debian-12"',
        'source_image_family = ""',
      ),
      errors: [{ message: "a source_image or source_image_family must be specified", line: 6, column: 8 }],
    },
  ],
});
