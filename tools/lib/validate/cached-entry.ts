/**
 * The validator as one script with a V8 code cache: what `bazel test` of a packer_image runs.
 *
 * Bazel bundles this module and everything it imports into one script (bundle.ts's "script"
 * format) and, at build time, runs `warmUp()` once through the code-cache loader
 * (lib/code-cache.ts): it validates sample templates, so V8's code for the functions the rules
 * use is compiled and written to the cache. A test then starts the script from that code instead
 * of parsing and compiling it.
 *
 * Arguments are those of `cli [--chdir DIR] validate ...`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { EXIT_USAGE, processIo, runCommand, takeChdir, type Io } from "../io.ts";
import { main } from "./command.ts";

export async function runValidate(argv: string[], io: Io): Promise<number> {
  const chdir = takeChdir(argv, io);
  if (typeof chdir === "string") {
    io.stderr(`validate: ${chdir}\n`);
    return EXIT_USAGE;
  }
  const [first, ...rest] = chdir.argv;
  return runCommand("validate", main, first === "validate" ? rest : chdir.argv, chdir.io);
}

/** A template touching most rules: variables, locals, data, two builders, provisioners. */
const SAMPLE = `packer {
  required_plugins {
    amazon = {
      source  = "github.com/hashicorp/amazon"
      version = "~> 1.3"
    }
  }
}

variable "cache_bust" {
  type        = string
  description = "New value per canary run."
  validation {
    condition     = length(var.cache_bust) > 0
    error_message = "The cache bust must not be empty."
  }
}

variable "token" {
  type      = string
  default   = ""
  sensitive = true
}

locals {
  packages = ["fuse", "zip", "git"]
  stamp    = formatdate("YYYYMMDDhhmmss", timestamp())
}

data "amazon-ami" "base" {
  region = "us-east-2"
  filters = {
    name = "al2023-ami-2023.*-x86_64"
  }
  owners      = ["137112412989"]
  most_recent = true
}

source "amazon-ebs" "runner" {
  region        = "us-east-2"
  source_ami    = data.amazon-ami.base.id
  instance_type = "t3.medium"
  ssh_username  = "ec2-user"
  ami_name      = "sample-\${var.cache_bust}-\${local.stamp}"
  tags = {
    Token = var.token
  }
}

build {
  sources = ["source.amazon-ebs.runner"]

  provisioner "shell" {
    inline = [
      "sudo dnf install -y \${join(" ", local.packages)} amazon-cloudwatch-agent mdadm rsyslog",
      "sudo systemctl enable amazon-cloudwatch-agent",
    ]
  }

  post-processor "manifest" {
    output = "manifest.json"
  }
}
`;

/** A local build (null builder, shell-local, manifest) and a GCE source, for the other paths. */
const LOCAL = `variable "cache_bust" {
  type = string
}

variable "out" {
  type    = string
  default = "."
}

source "null" "local" {
  communicator = "none"
}

source "googlecompute" "gce" {
  project_id          = "p"
  zone                = "us-central1-a"
  source_image_family = "debian-12"
  ssh_username        = "packer"
  image_name          = "sample-\${var.cache_bust}"
}

build {
  sources = ["source.null.local"]

  provisioner "shell-local" {
    inline = ["echo \${var.cache_bust}", "test -d \${path.root}"]
  }

  post-processor "manifest" {
    output      = "\${var.out}/manifest.json"
    custom_data = { bust = var.cache_bust }
  }
}
`;

/** Validates the samples in every output format, as a test would: the code cache's contents. */
export async function warmUp(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "rules-packer-code-cache-"));
  try {
    writeFileSync(join(dir, "sample.pkr.hcl"), SAMPLE);
    writeFileSync(join(dir, "local.pkr.hcl"), LOCAL);
    writeFileSync(join(dir, "prod.pkrvars.hcl"), 'out = "/tmp"\n');
    writeFileSync(join(dir, "broken.pkr.hcl"), 'source "null" "x" {\n  communicator = "none"\n\nbuild {\n  sources = ["source.null.y"]\n');
    const quiet: Io = { cwd: dir, env: {}, isTTY: false, stdout: () => {}, stderr: () => {} };
    for (const format of ["human", "json"]) {
      await runValidate(["validate", "--format", format, "--junit", join(dir, "junit.xml"), "--var", "cache_bust=1", "sample.pkr.hcl"], quiet);
      await runValidate(["validate", "--format", format, "broken.pkr.hcl", "missing.pkr.hcl"], quiet);
      await runValidate(
        ["validate", "--format", format, "--var-file", "prod.pkrvars.hcl", "--cache-bust-var", "cache_bust", "--cache-bust", "2", "local.pkr.hcl"],
        quiet,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A test run: the process's arguments and output; the exit code in process.exitCode. */
export function run(argv: string[]): void {
  runValidate(argv, processIo(process)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`validate: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
