/**
 * Values as Packer computes them, rule by rule: a template stays clean when a literal it holds is
 * moved into a local, a variable default, a var file, or computed with concat/for/coalesce/a
 * conditional/try; a value the validator cannot know is never read as absent or empty; and one
 * mistake (an undeclared name) gives one error, REF-01's.
 */
import { describe, expect, it } from "vitest";
import { ruleTester, runSample } from "../tester/testing.ts";
import { rule as cmp04 } from "./cmp-04-component-prepare-checks.ts";
import { rule as fnc01 } from "./fnc-01-function-arguments.ts";
import { rule as nam01 } from "./nam-01-image-name-changes.ts";
import { rule as nam03 } from "./nam-03-image-name-valid.ts";
import { rule as prv03 } from "./prv-03-shell-scripts.ts";
import { rule as prv04 } from "./prv-04-sudo-for-packages.ts";
import { rule as ref01 } from "./ref-01-undeclared-reference.ts";
import { rule as ref03 } from "./ref-03-unknown-function.ts";
import { rule as wf01 } from "./wf-01-runner-programs.ts";

const AMAZON = 'packer {\n  required_plugins {\n    amazon = {\n      source  = "github.com/hashicorp/amazon"\n      version = "~> 1"\n    }\n  }\n}\n';

/** A Windows amazon-ebs source whose communicator is `expr` (with `extra` declarations). */
const winrm = (expr: string, extra = ""): string =>
  `${AMAZON}${extra}source "amazon-ebs" "a" {\n  ami_name       = "win-${"${"}formatdate("YYYYMMDDhhmmss", timestamp())}"\n  instance_type  = "t3.large"\n  region         = "us-east-1"\n  source_ami     = "ami-0123456789abcdef0"\n  communicator   = ${expr}\n  winrm_username = "Administrator"\n}\nbuild {\n  sources = ["source.amazon-ebs.a"]\n}\n`;

ruleTester(cmp04, {
  valid: [
    { name: "communicator from a local", code: winrm("local.c", 'locals {\n  c = "winrm"\n}\n') },
    { name: "communicator from a variable default", code: winrm("var.c", 'variable "c" {\n  type    = string\n  default = "winrm"\n}\n') },
    {
      name: "communicator from a var file",
      code: { "main.pkr.hcl": winrm("var.c", 'variable "c" {\n  type = string\n}\n'), "w.auto.pkrvars.hcl": 'c = "winrm"\n' },
    },
    { name: "communicator from try()", code: winrm('try("winrm", null)') },
    { name: "communicator from a conditional", code: winrm('1 > 0 ? "winrm" : "ssh"') },
    { name: "communicator from a template", code: winrm('"${"winrm"}"') },
    { name: "communicator from coalesce()", code: winrm('coalesce("", "winrm")') },
    { name: "communicator not known before the build", code: winrm("data.x.y.communicator", 'data "x" "y" {}\n') },
    {
      name: "communicator given only when the build runs (its default does not count)",
      code: winrm("var.c", 'variable "c" {\n  type    = string\n  default = "ssh"\n}\n'),
      runtimeVars: ["c"],
    },
    {
      name: "spot_instance_types computed empty: instance_type alone is set",
      code:
        `${AMAZON}variable "spot" {\n  type    = list(string)\n  default = []\n}\nsource "amazon-ebs" "a" {\n  ami_name            = "a-${"${"}uuidv4()}"\n` +
        `  instance_type       = "t3.large"\n  spot_instance_types = var.spot\n  source_ami          = "ami-0123456789abcdef0"\n  ssh_username        = "ec2-user"\n}\n`,
    },
    {
      name: "filters computed by merge(), owners by concat()",
      code:
        `${AMAZON}source "amazon-ebs" "a" {\n  ami_name      = "a-${"${"}uuidv4()}"\n  instance_type = "t3.large"\n  ssh_username  = "ec2-user"\n` +
        `  source_ami_filter {\n    filters = merge({ name = "al2023-*" }, { architecture = "x86_64" })\n    owners  = concat([], ["137112412989"])\n  }\n}\n`,
    },
  ],
  invalid: [
    {
      name: "communicator computed as ssh, without ssh_username",
      code: winrm('lower("SSH")'),
      errors: [{ message: /^An ssh_username must be specified/, line: 9, column: 8 }],
    },
  ],
});

/** A shell-local provisioner with a missing script, `only`/`except` as given. */
const prv = (only: string, extra = "", sources = '["source.null.a"]'): string =>
  `${extra}source "null" "a" {\n  communicator = "none"\n}\nbuild {\n  sources = ${sources}\n  provisioner "shell-local" {\n    script = "${"${"}path.root}/missing.sh"\n    ${only}\n  }\n}\n`;

ruleTester(prv03, {
  valid: [
    { name: "except from a local", code: prv("except = local.skip", 'locals {\n  skip = ["null.a"]\n}\n') },
    {
      name: "except from a var file",
      code: { "main.pkr.hcl": prv("except = var.skip", 'variable "skip" {\n  type = list(string)\n}\n'), "s.auto.pkrvars.hcl": 'skip = ["null.a"]\n' },
    },
    { name: "except from for", code: prv('except = [for x in ["null.a"] : x]') },
    { name: "except from concat()", code: prv('except = concat(["null.a"], [])') },
    { name: "except from lookup()", code: prv('except = lookup({ k = ["null.a"] }, "k", [])') },
    { name: "except from coalescelist()", code: prv('except = coalescelist([], ["null.a"])') },
    { name: "except from try()", code: prv('except = try(["null.a"], null)') },
    { name: "except from a conditional", code: prv('except = (true ? ["null.a"] : null)') },
    { name: "except not known before the build", code: prv("except = [data.x.y.name]", 'data "x" "y" {}\n') },
    { name: "sources from coalescelist()", code: prv('except = ["null.a"]', "", 'coalescelist([], ["source.null.a"])') },
    {
      name: "script unset by a computed null, inline set",
      code: 'source "null" "a" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.a"]\n  provisioner "shell-local" {\n    inline = ["echo hi"]\n    script = try(local.none.script, null)\n  }\n}\nlocals {\n  none = {}\n}\n',
    },
  ],
  invalid: [
    {
      name: "only computed to include the source: checked",
      code: prv('only = concat(["null.a"], [])'),
      errors: [{ message: /^Bad script ".*missing.sh": no such file/, line: 7, column: 14 }],
    },
  ],
});

/** A Workflows runner image on AL2023 whose shell runs `inline`. */
const runner = (inline: string): string =>
  `${AMAZON}source "amazon-ebs" "runner" {\n  ami_name      = "aspect-workflows-al2023-${"${"}formatdate("YYYYMMDDhhmmss", timestamp())}"\n  instance_type = "t3.large"\n  region        = "us-east-1"\n  ssh_username  = "ec2-user"\n  source_ami_filter {\n    filters = {\n      name = "al2023-ami-2023.*-x86_64"\n    }\n    owners      = ["137112412989"]\n    most_recent = true\n  }\n}\nbuild {\n  sources = ["source.amazon-ebs.runner"]\n  provisioner "shell" {\n    inline = ${inline}\n  }\n}\n`;
const INSTALL = '"sudo dnf install -y amazon-cloudwatch-agent git zip fuse mdadm rsyslog"';

ruleTester(wf01, {
  valid: [
    { name: "inline from coalescelist()", code: runner(`coalescelist([], [${INSTALL}])`) },
    { name: "inline from concat()", code: runner(`concat([${INSTALL}], [])`) },
    { name: "inline from a local", code: runner("local.steps") + `locals {\n  steps = [${INSTALL}]\n}\n` },
    { name: "inline not known before the build", code: runner("[data.x.y.script]") + 'data "x" "y" {}\n' },
  ],
  invalid: [],
});

const ebs = (extra: string, name: string): string =>
  `${AMAZON}${extra}source "amazon-ebs" "r" {\n  ami_name = ${name}\n}\nbuild {\n  sources = ["source.amazon-ebs.r"]\n}\n`;

ruleTester(nam03, {
  valid: [
    { name: "timestamp() in the result a known condition does not choose", code: ebs("", '"r-${1 > 0 ? formatdate("YYYYMMDD", timestamp()) : timestamp()}"') },
    { name: "timestamp() after a non-empty coalesce() argument", code: ebs("", 'coalesce("fixed-name", timestamp())') },
    { name: "timestamp() reshaped in a local", code: ebs('locals {\n  ts = replace(timestamp(), ":", "")\n}\n', '"r-${local.ts}"') },
    {
      name: "an empty googlecompute image_name is the plugin's default",
      code: 'variable "image_name" {\n  type    = string\n  default = ""\n}\nsource "googlecompute" "a" {\n  project_id          = "p"\n  zone                = "z"\n  source_image_family = "debian-12"\n  image_name          = var.image_name\n}\nbuild {\n  sources = ["source.googlecompute.a"]\n}\n',
    },
  ],
  invalid: [
    {
      name: "timestamp() through a local keeps its colons",
      code: ebs("locals {\n  ts = timestamp()\n}\n", '"r-${local.ts}"'),
      errors: [{ message: "timestamp() in ami_name yields colons, which image names do not allow", line: 13, column: 14 }],
    },
  ],
});

ruleTester(nam01, {
  valid: [{ name: "a name fed by a secret store", code: ebs("", '"r-${aws_secretsmanager("build", "tag")}"') }],
  invalid: [],
});

ruleTester(ref01, {
  valid: [
    {
      name: "an undeclared name in a conditional's result the known condition does not choose",
      code: 'variable "boot_override" {\n  type    = list(string)\n  default = null\n}\nlocals {\n  x = var.boot_override == null ? ["echo default"] : var.boot_overide\n}\n',
    },
    {
      name: "the object of all locals",
      code: 'variable "os" {\n  default = "linux"\n}\nlocals {\n  linux = { greeting = "hello" }\n  g     = lookup(local, var.os, { greeting = "none" }).greeting\n}\n',
    },
    { name: "the object of all variables", code: 'variable "name" {\n  default = "world"\n}\nlocals {\n  g = lookup(var, "name", "nobody")\n}\n' },
    { name: "inside try()", code: 'locals {\n  x = try(var.maybe, "d")\n}\n' },
    { name: "inside can()", code: "locals {\n  x = can(local.maybe)\n}\n" },
    { name: "after a decisive &&", code: "locals {\n  x = false && var.nope\n}\n" },
  ],
  invalid: [
    {
      name: "the chosen result",
      code: 'variable "o" {\n  default = null\n}\nlocals {\n  x = var.o == null ? var.typo : []\n}\n',
      errors: [{ message: "var.typo undeclared", line: 5, column: 27 }],
    },
    {
      name: "a condition not known before the build: a warning",
      code: 'data "x" "y" {}\nlocals {\n  x = data.x.y.on ? var.typo : []\n}\n',
      errors: [{ message: /^var\.typo undeclared \(if Packer takes this branch/, line: 3, column: 25, severity: "warning" }],
    },
  ],
});

ruleTester(ref03, {
  valid: [{ name: "an unknown function inside can()", code: "locals {\n  x = can(nosuch(1))\n}\n" }],
  invalid: [],
});

ruleTester(cmp04, {
  valid: [
    {
      name: "file provisioner content and a source that may be empty",
      code: 'variable "src" {\n  type = string\n}\nsource "null" "a" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.a"]\n  provisioner "file" {\n    content     = "x"\n    source      = var.src\n    destination = "/tmp/x"\n  }\n}\n',
    },
  ],
  invalid: [],
});

ruleTester(cmp04, {
  valid: [
    {
      name: "zone from a variable default, image family from a local",
      code: 'variable "zone" {\n  default = "us-central1-a"\n}\nlocals {\n  fam = "debian-12"\n}\nsource "googlecompute" "a" {\n  project_id          = "p"\n  zone                = var.zone\n  source_image_family = local.fam\n  ssh_username        = "packer"\n}\nbuild {\n  sources = ["source.googlecompute.a"]\n}\n',
    },
  ],
  invalid: [
    {
      name: "a zone computed empty",
      code: 'locals {\n  z = trimspace(" ")\n}\nsource "googlecompute" "a" {\n  project_id          = "p"\n  zone                = local.z\n  source_image_family = "debian-12"\n  ssh_username        = "packer"\n}\nbuild {\n  sources = ["source.googlecompute.a"]\n}\n',
      errors: [{ message: "a zone must be specified", line: 4, column: 8 }],
    },
  ],
});

ruleTester(fnc01, {
  valid: [{ name: "an argument not known before the build", code: 'data "x" "y" {}\nlocals {\n  x = upper(data.x.y.list)\n}\n' }],
  invalid: [
    {
      name: "an argument computed in a local",
      code: 'locals {\n  l = ["a"]\n  x = upper(local.l)\n}\n',
      errors: [{ message: 'Invalid value for "str" parameter: string required.', line: 3, column: 13 }],
    },
  ],
});

const UBUNTU = (user: string, extra = "", only = ""): string =>
  `${extra}source "amazon-ebs" "u" {\n  ssh_username = ${user}\n}\nbuild {\n  sources = ["source.amazon-ebs.u"]\n  provisioner "shell" {\n    inline = ["apt-get install -y git"]\n${only}  }\n}\n`;

ruleTester(prv04, {
  valid: [
    { name: "only/except not known before the build", code: UBUNTU('"ubuntu"', 'data "x" "y" {}\n', "    only = [data.x.y.name]\n") },
    { name: "the user not known before the build", code: UBUNTU("data.x.y.user", 'data "x" "y" {}\n') },
  ],
  invalid: [
    {
      name: "the user from a local",
      code: UBUNTU("local.user", 'locals {\n  user = "ubuntu"\n}\n'),
      errors: [{ message: "apt-get needs sudo (the provisioner runs as ubuntu)", line: 10, column: 16 }],
    },
  ],
});

describe("one mistake, one error", () => {
  it("an undeclared variable used everywhere gives REF-01 errors and nothing else", () => {
    const code =
      `${AMAZON}source "amazon-ebs" "a" {\n  ami_name      = var.nope\n  instance_type = var.nope\n  source_ami    = var.nope\n  ssh_username  = var.nope\n  communicator  = var.nope\n}\n` +
      `build {\n  sources = var.nope\n  provisioner "shell" {\n    inline = var.nope\n    script = var.nope\n    except = var.nope\n  }\n  provisioner "file" {\n    source      = var.nope\n    content     = var.nope\n    destination = var.nope\n  }\n}\n`;
    const errors = runSample({ code }).filter((f) => f.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    expect([...new Set(errors.map((f) => f.rule))]).toEqual(["REF-01"]);
  });
});
