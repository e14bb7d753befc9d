import { describe, expect, it } from "vitest";
import { ruleTester, runSample } from "../tester/testing.ts";
import { rule as cmp01 } from "./cmp-01-unknown-component.ts";
import { rule as cmp02 } from "./cmp-02-unknown-argument.ts";
import { rule as cmp03 } from "./cmp-03-argument-type.ts";
import { rule as cmp04 } from "./cmp-04-component-prepare-checks.ts";
import { rule as var07 } from "./var-07-type-expression.ts";

const PLUGINS = `packer {
  required_plugins {
    amazon = {
      source  = "github.com/hashicorp/amazon"
      version = ">= 1.2.0"
    }
  }
}
`;
/** A clean AL2023 template: every mistake below is one edit of it. */
const EBS = (body = "", extra = "") => `${PLUGINS}
source "amazon-ebs" "runner" {
  region        = "us-east-2"
  instance_type = "t3.medium"
  ssh_username  = "ec2-user"
  ami_name      = "runner-\${formatdate("YYYYMMDDhhmmss", timestamp())}"
  source_ami_filter {
    filters = {
      name = "al2023-ami-2023.*-x86_64"
    }
    owners      = ["137112412989"]
    most_recent = true
  }
${body}}

build {
  sources = ["source.amazon-ebs.runner"]
${extra}}
`;
// Line of the first line of `body` in EBS(body).
const BODY_LINE = 22;

ruleTester(cmp01, {
  valid: [
    { code: EBS() },
    { name: "core components", code: `source "null" "x" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.x"]\n  provisioner "shell-local" {\n    inline = ["true"]\n  }\n  post-processor "manifest" {}\n}\n` },
    {
      name: "a plugin the table does not cover is never judged",
      code: `packer {\n  required_plugins {\n    foo = {\n      source  = "github.com/example/foo"\n      version = ">= 1.0"\n    }\n  }\n}\nsource "foo-bar" "x" {}\nbuild {\n  sources = ["source.foo-bar.x"]\n}\n`,
    },
  ],
  invalid: [
    {
      name: "a fork of a covered plugin is not judged by the upstream table: said once, as info",
      code: `packer {\n  required_plugins {\n    amazon = {\n      source  = "github.com/example/amazon"\n      version = ">= 1.0"\n    }\n  }\n}\nsource "amazon-ebsx" "x" {}\nsource "amazon-ebsy" "y" {}\nbuild {\n  sources = ["source.amazon-ebsx.x", "source.amazon-ebsy.y"]\n}\n`,
      errors: [
        {
          message: "amazon components are not checked against a schema: amazon comes from github.com/example/amazon here; the schema table covers github.com/hashicorp/amazon",
          line: 9,
          column: 8,
          severity: "info",
        },
      ],
    },
    {
      name: "a constraint no release in the table meets",
      code: EBS().replace('version = ">= 1.2.0"', 'version = "= 99.0.0"'),
      errors: [{ message: /^amazon components are not checked against a schema: the schema table holds amazon [\d., ]+, which "= 99.0.0" does not allow$/, line: 10, column: 8, severity: "info" }],
    },
    {
      name: "misspelled builder of a covered plugin",
      code: EBS().replace('source "amazon-ebs"', 'source "amazon-ebss"'),
      errors: [{ message: /^Unknown source type "amazon-ebss": the amazon plugin \([\d.]+\) has no builder of that name; did you mean "amazon-ebs"\?$/, line: 10, column: 8 }],
    },
    {
      name: "misspelled core provisioner",
      code: EBS("", '  provisioner "shel" {\n    inline = ["true"]\n  }\n'),
      errors: [{ message: 'Unknown provisioner type "shel"; did you mean "shell"?', line: 26, column: 15 }],
    },
    {
      name: "misspelled core post-processor",
      code: EBS("", '  post-processor "manifests" {}\n'),
      errors: [{ message: 'Unknown post-processor type "manifests"; did you mean "manifest"?', line: 26, column: 18 }],
    },
    {
      name: "misspelled data source",
      code: `${EBS()}data "amazon-amii" "x" {\n  owners = ["amazon"]\n}\n`,
      errors: [{ message: /^Unknown data type "amazon-amii": .*did you mean "amazon-ami"\?$/, line: 27, column: 6 }],
    },
  ],
});

describe("a misspelled type is reported once, where it is written", () => {
  it("no missing-plugin or unknown-source finding points at the typo", () => {
    const got = runSample({ code: EBS().replace('source "amazon-ebs"', 'source "amazon-ebss"') }).filter((f) => f.severity === "error");
    expect(got.map((f) => f.rule)).toEqual(["CMP-01"]);
  });
  it("a misspelled provisioner does not ask for a plugin", () => {
    const got = runSample({ code: EBS("", '  provisioner "shel" {\n    inline = ["true"]\n  }\n') }).filter((f) => f.rule === "SYN-05");
    expect(got).toEqual([]);
  });
});

ruleTester(cmp02, {
  valid: [
    { code: EBS() },
    {
      name: "nested and dynamic blocks of the schema; meta-arguments of provisioners and post-processors",
      code: EBS(
        '  launch_block_device_mappings {\n    device_name = "/dev/xvda"\n    volume_size = 40\n  }\n' +
          '  dynamic "tag" {\n    for_each = { a = "b" }\n    content {\n      key   = tag.key\n      value = tag.value\n    }\n  }\n',
        '  provisioner "shell" {\n    only         = ["amazon-ebs.runner"]\n    pause_before = "5s"\n    max_retries  = 2\n    timeout      = "5m"\n    inline       = ["true"]\n  }\n' +
          '  post-processor "manifest" {\n    keep_input_artifact = true\n    output              = "m.json"\n  }\n',
      ),
    },
    { name: "a build-level source block takes name", code: EBS("", '  source "amazon-ebs.runner" {\n    name = "second"\n  }\n') },
  ],
  invalid: [
    {
      name: "misspelled argument",
      code: EBS('  instance_typ = "t3.large"\n'),
      errors: [{ message: 'An argument named "instance_typ" is not expected here. Did you mean "instance_type"?', line: BODY_LINE, column: 3 }],
    },
    {
      name: "misspelled communicator argument",
      code: EBS('  ssh_usernme = "ec2-user"\n'),
      errors: [{ message: 'An argument named "ssh_usernme" is not expected here. Did you mean "ssh_username"?', line: BODY_LINE, column: 3 }],
    },
    {
      name: "owner for owners, inside a nested block",
      code: EBS().replace('owners      = ["137112412989"]', 'owner       = ["137112412989"]'),
      errors: [{ message: 'An argument named "owner" is not expected here. Did you mean "owners"?', line: 19, column: 5 }],
    },
    {
      name: "a block written as an argument",
      code: EBS('  launch_block_device_mappings = [{ device_name = "/dev/xvda" }]\n'),
      errors: [{ message: 'An argument named "launch_block_device_mappings" is not expected here. Did you mean to define a block of type "launch_block_device_mappings"?', line: BODY_LINE, column: 3 }],
    },
    {
      name: "a map argument written as a block",
      code: EBS('  tags {\n    Name = "x"\n  }\n'),
      errors: [{ message: 'Blocks of type "tags" are not expected here. Did you mean to define argument "tags"? If so, use the equals sign to assign it a value.', line: BODY_LINE, column: 3 }],
    },
    {
      name: "a dynamic block generating an unknown block",
      code: EBS('  dynamic "launch_block_device_mapping" {\n    for_each = ["/dev/xvda"]\n    content {}\n  }\n'),
      errors: [{ message: 'Blocks of type "launch_block_device_mapping" are not expected here. Did you mean "launch_block_device_mappings"?', line: BODY_LINE, column: 11, severity: "error" }],
    },
    {
      name: "under a dynamic block that may generate nothing, a warning: Packer decodes only what it generates",
      code: `${EBS('  dynamic "assume_role" {\n    for_each = var.roles\n    content {\n      tag = assume_role.value\n    }\n  }\n')}variable "roles" {\n  default = []\n}\n`,
      errors: [
        {
          message: 'An argument named "tag" is not expected here. Did you mean "tags"? (Packer sees it once the dynamic block\'s for_each is not empty)',
          line: BODY_LINE + 3,
          column: 7,
          severity: "warning",
        },
      ],
    },
    {
      name: "an argument an older allowed release has: a warning that says which release has it",
      code: 'packer {\n  required_plugins {\n    vmware = {\n      source  = "github.com/vmware/vmware"\n      version = ">= 1.0.0"\n    }\n  }\n}\nsource "vmware-iso" "x" {\n  remote_host = "esxi.example.com"\n}\nbuild {\n  sources = ["source.vmware-iso.x"]\n}\n',
      errors: [
        {
          message:
            'An argument named "remote_host" is not expected here. Not in vmware 2.1.0, the newest release the template\'s version constraint allows (what packer init installs); vmware 1.2.0 has it.',
          line: 10,
          column: 3,
          severity: "warning",
        },
      ],
    },
    {
      name: "the same argument, with a constraint only newer releases meet: an error",
      code: 'packer {\n  required_plugins {\n    vmware = {\n      source  = "github.com/vmware/vmware"\n      version = ">= 2.0.0"\n    }\n  }\n}\nsource "vmware-iso" "x" {\n  remote_host = "esxi.example.com"\n}\nbuild {\n  sources = ["source.vmware-iso.x"]\n}\n',
      errors: [{ message: 'An argument named "remote_host" is not expected here.', line: 10, column: 3, severity: "error" }],
    },
    {
      name: "a plugin that moved is checked under its former source too",
      code: 'packer {\n  required_plugins {\n    vmware = {\n      source  = "github.com/hashicorp/vmware"\n      version = ">= 1.0.0"\n    }\n  }\n}\nsource "vmware-iso" "x" {\n  iso_urll = "x.iso"\n}\nbuild {\n  sources = ["source.vmware-iso.x"]\n}\n',
      errors: [{ message: 'An argument named "iso_urll" is not expected here. Did you mean "iso_url"?', line: 10, column: 3 }],
    },
    {
      name: "an unknown argument of a core provisioner",
      code: EBS("", '  provisioner "file" {\n    sorce       = "a.txt"\n    destination = "/tmp/a.txt"\n  }\n'),
      errors: [{ message: 'An argument named "sorce" is not expected here. Did you mean "source"?', line: 27, column: 5 }],
    },
    {
      name: "a single block given twice",
      code: EBS('  source_ami_filter {\n    owners = ["amazon"]\n  }\n'),
      errors: [{ message: "Duplicate source_ami_filter block: only one source_ami_filter block is allowed; another was defined at line 15", line: BODY_LINE, column: 3 }],
    },
  ],
});

ruleTester(cmp03, {
  valid: [
    { code: EBS() },
    { name: 'HCL converts "true" to a bool and "5" to a number', code: EBS('  associate_public_ip_address = "true"\n  max_retries = "5"\n') },
    { name: "a value not known here", code: `${EBS('  ami_users = var.users\n')}variable "users" {\n  type = list(string)\n}\n` },
    { name: "numbers and bools convert to strings", code: EBS('  ami_description = 5\n') },
  ],
  invalid: [
    {
      name: 'most_recent = "yes"',
      code: EBS().replace("most_recent = true", 'most_recent = "yes"'),
      errors: [{ message: 'Inappropriate value for attribute "most_recent": a bool is required.', line: 20, column: 19 }],
    },
    {
      name: "a string where a list is required",
      code: EBS('  ami_users = "123456789012"\n'),
      errors: [{ message: 'Inappropriate value for attribute "ami_users": list of string required.', line: BODY_LINE, column: 15 }],
    },
    {
      name: "a map where a list is required",
      code: EBS('  ami_regions = { a = "us-east-1" }\n'),
      errors: [{ message: 'Inappropriate value for attribute "ami_regions": list of string required.', line: BODY_LINE, column: 17 }],
    },
    {
      name: "a variable's default that does not convert",
      code: `${EBS('  encrypt_boot = var.encrypt\n')}variable "encrypt" {\n  default = "yes"\n}\n`,
      errors: [{ message: 'Inappropriate value for attribute "encrypt_boot": a bool is required.', line: BODY_LINE, column: 18 }],
    },
  ],
});

ruleTester(cmp04, {
  valid: [
    { code: `${EBS()}data "amazon-ami" "al2023" {\n  filters = {\n    name = "al2023-ami-*"\n  }\n  owners      = ["amazon"]\n  most_recent = true\n}\n` },
    { name: "file provisioner with content", code: EBS("", '  provisioner "file" {\n    content     = "x"\n    destination = "/tmp/x"\n  }\n') },
  ],
  invalid: [
    {
      name: "an AMI lookup without owners",
      code: `${EBS()}data "amazon-ami" "al2023" {\n  filters = {\n    name = "al2023-ami-*"\n  }\n}\n`,
      errors: [{ message: "For security reasons, you must declare an owner.", line: 27, column: 6 }],
    },
    {
      name: "a file provisioner without destination",
      code: EBS("", '  provisioner "file" {\n    content = "x"\n  }\n'),
      errors: [{ message: "Destination must be specified.", line: 26, column: 15 }],
    },
    {
      name: "environment_vars entries without =",
      code: EBS("", '  provisioner "shell" {\n    environment_vars = ["FOO"]\n    inline           = ["true"]\n  }\n'),
      errors: [{ message: "Environment variable not in format 'key=value': FOO", line: 27, column: 25 }],
    },
  ],
});

ruleTester(var07, {
  valid: [{ code: 'variable "a" {\n  type = map(object({ x = string, y = optional(number) }))\n}\nvariable "b" {\n  type = any\n}\nvariable "c" {\n  type = tuple([string, bool])\n}\n' }],
  invalid: [
    { code: 'variable "a" {\n  type = strng\n}\n', errors: [{ message: 'Invalid type specification: The keyword "strng" is not a valid type specification.', line: 2, column: 10 }] },
    {
      code: 'variable "a" {\n  type = list[string]\n}\n',
      errors: [{ message: /^Invalid type specification: A type specification is either a primitive type keyword/, line: 2, column: 10 }],
    },
    { code: 'variable "a" {\n  type = list\n}\n', errors: [{ message: "Invalid type specification: The list type constructor requires one argument specifying the element type.", line: 2, column: 10 }] },
  ],
});
