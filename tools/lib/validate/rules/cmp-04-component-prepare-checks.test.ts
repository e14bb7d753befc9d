import { describe, expect, it } from "vitest";
import { expandRuleIds, ruleSet } from "../engine/engine.ts";
import { ruleTester, runSample } from "../tester/testing.ts";
import { RULES } from "./index.ts";
import { rule as cmp04 } from "./cmp-04-component-prepare-checks.ts";
import { samples } from "../../../testing/checks/cases.ts";
import { PACKER_CASES } from "../../../testing/checks/packer.ts";

// One case per entry of the table of Packer core's components (and of the SDK configs they embed).
ruleTester(cmp04, samples(PACKER_CASES));

const EBS = (body: string, build = ""): string =>
  `source "amazon-ebs" "x" {\n  region        = "us-east-1"\n  source_ami    = "ami-0123"\n  ami_name      = "runner-1"\n${body}}\n\nbuild {\n  sources = ["source.amazon-ebs.x"]\n${build}}\n`;

// How the engine decides what Packer prepares and what it can know.
ruleTester(cmp04, {
  valid: [
    {
      name: "one mistake, one error: a misspelled argument fails decoding, so Prepare's checks say nothing (CMP-02 reports it)",
      code: EBS('  instance_type = "t3.micro"\n  ssh_usernam   = "ec2-user"\n'),
    },
    { name: "a value of the wrong type fails decoding too (CMP-03)", code: EBS('  instance_type = ["t3.micro"]\n  ssh_username  = "ec2-user"\n') },
    {
      name: "values not known here say nothing",
      code: `variable "user" {\n  type = string\n}\nvariable "type" {\n  type = string\n}\n${EBS("  instance_type = var.type\n  ssh_username  = var.user\n")}`,
    },
    {
      name: "a legacy {{ }} template is rendered by Packer: not known here",
      code: EBS('  instance_type = "t3.micro"\n  ssh_username  = "{{user `login`}}"\n  ssh_interface = "{{user `iface`}}"\n'),
    },
    {
      name: "a build-level source block completes the definition",
      code:
        'source "amazon-ebs" "x" {\n  region     = "us-east-1"\n  source_ami = "ami-0123"\n  ami_name   = "runner-1"\n}\n\nbuild {\n' +
        '  source "source.amazon-ebs.x" {\n    instance_type = "t3.micro"\n    ssh_username  = "ec2-user"\n  }\n}\n',
    },
    {
      name: "a build-level block that re-sets an argument fails to merge (SRC-03): Packer prepares nothing",
      code:
        'source "amazon-ebs" "x" {\n  region     = "us-east-1"\n  source_ami = "ami-0123"\n  ami_name   = "runner-1"\n  ssh_username = "a"\n}\n\nbuild {\n' +
        '  source "source.amazon-ebs.x" {\n    ssh_username = "b"\n  }\n}\n',
    },
    {
      name: "a release the table was not read from is not checked (amazon 1.2.9 here)",
      code: `packer {\n  required_plugins {\n    amazon = {\n      source  = "github.com/hashicorp/amazon"\n      version = "~> 1.2.0"\n    }\n  }\n}\n${EBS("")}`,
    },
    {
      name: "the dynamic source's content completes the source (the old SRC-04 case)",
      code:
        'source "amazon-ebs" "base" {\n  instance_type = "t3.micro"\n  region = "us-east-1"\n  ssh_username = "ec2-user"\n}\nlocals {\n  amis = { amd64 = "ami-0a", arm64 = "ami-0b" }\n}\n' +
        'build {\n  dynamic "source" {\n    labels   = ["source.amazon-ebs.base"]\n    for_each = local.amis\n    content {\n      name       = source.key\n      source_ami = source.value\n      ami_name   = "base-${source.key}"\n    }\n  }\n}\n',
    },
    {
      name: "source_ami_filter written as a dynamic block whose owners come from its iterator",
      code: EBS(
        '  instance_type = "t3.micro"\n  ssh_username = "ec2-user"\n  dynamic "source_ami_filter" {\n    for_each = [{ owners = ["amazon"] }]\n    content {\n      owners = source_ami_filter.value.owners\n    }\n  }\n',
      ).replace('  source_ami    = "ami-0123"\n', ""),
    },
    {
      name: "a provisioner whose only leaves out every source is never prepared",
      code: EBS(
        '  instance_type = "t3.micro"\n  ssh_username = "ec2-user"\n',
        '  provisioner "file" {\n    content = "x"\n    only    = ["amazon-ebs.other"]\n  }\n',
      ),
    },
    {
      name: "a provisioner with override is prepared per source with other arguments: not judged",
      code: EBS(
        '  instance_type = "t3.micro"\n  ssh_username = "ec2-user"\n',
        '  provisioner "file" {\n    content = "x"\n    override = {\n      "amazon-ebs.x" = { destination = "/tmp/x" }\n    }\n  }\n',
      ),
    },
  ],
  invalid: [
    {
      name: "a source no build uses: a warning, since Packer prepares only what a build uses",
      code: `${EBS('  instance_type = "t3.micro"\n  ssh_username  = "ec2-user"\n')}\nsource "amazon-ebs" "spare" {\n  region = "us-east-1"\n}\n`,
      errors: [
        { message: "A source_ami or source_ami_filter must be specified", line: 13, column: 8, severity: "warning" },
        { message: 'An ssh_username must be specified Note: some builders used to default ssh_username to "root".', line: 13, column: 8, severity: "warning" },
        { message: "ami_name must be specified", line: 13, column: 8, severity: "warning" },
        { message: "either instance_type or spot_instance_types must be specified", line: 13, column: 8, severity: "warning" },
      ],
    },
    {
      name: "a dynamic source whose content lacks ami_name (the old SRC-04 case)",
      code:
        'source "amazon-ebs" "base" {\n  instance_type = "t3.micro"\n  region = "us-east-1"\n  ssh_username = "ec2-user"\n}\nlocals {\n  amis = { amd64 = "ami-0a" }\n}\n' +
        'build {\n  dynamic "source" {\n    labels   = ["source.amazon-ebs.base"]\n    for_each = local.amis\n    content {\n      source_ami = source.value\n    }\n  }\n}\n',
      errors: [{ message: "ami_name must be specified", line: 1, column: 8 }],
    },
    {
      name: "a dynamic source_ami_filter still needs owners (the old SRC-04 case)",
      code: EBS(
        '  instance_type = "t3.micro"\n  ssh_username = "ec2-user"\n  dynamic "source_ami_filter" {\n    for_each = [1]\n    content {\n      filters = { name = "x" }\n    }\n  }\n',
      ).replace('  source_ami    = "ami-0123"\n', ""),
      errors: [{ message: "For security reasons, your source AMI filter must declare an owner.", line: 8, column: 5 }],
    },
    {
      name: "a user_data_file outside the template's folder: a warning, it depends on the build machine",
      code: EBS('  instance_type = "t3.micro"\n  ssh_username = "ec2-user"\n  user_data_file = "/etc/packer/user-data.sh"\n'),
      errors: [{ message: "user_data_file not found: /etc/packer/user-data.sh", line: 7, column: 20, severity: "warning" }],
    },
    {
      name: "a missing user_data_file in the template's folder: an error (the target's inputs are there)",
      code: EBS('  instance_type = "t3.micro"\n  ssh_username = "ec2-user"\n  user_data_file = "${path.root}/user-data.sh"\n'),
      errors: [{ message: "user_data_file not found: user-data.sh", line: 7, column: 20, severity: "error" }],
    },
    {
      name: "a missing SSH key even in the template's folder: a warning, credentials live on the machine that builds",
      code: EBS('  instance_type = "t3.micro"\n  ssh_username = "ec2-user"\n  ssh_private_key_file = "${path.root}/../keys/id_rsa"\n'),
      errors: [{ message: /^ssh_private_key_file is invalid: stat \.\.\/keys\/id_rsa: no such file or directory/, line: 7, column: 26, severity: "warning" }],
    },
  ],
});

describe("retired rule ids", () => {
  it("a suppression naming SRC-04 suppresses the CMP-04 finding that took its place, and is not unused", () => {
    const code = EBS('  instance_type = "t3.micro"\n').replace(
      'source "amazon-ebs"',
      '# packer-validate: ignore SRC-04 the user comes from a var file in CI\nsource "amazon-ebs"',
    );
    const got = runSample({ code }).filter((f) => f.rule === "CMP-04" || f.rule === "SUP-01");
    expect(got).toEqual([]);
  });
  it("--rule SRC-08=off names CMP-04", () => {
    expect(expandRuleIds("SRC-08", ruleSet(RULES).known)).toEqual(["CMP-04"]);
  });
});
