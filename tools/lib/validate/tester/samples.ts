/** Template builders the rule tests share. */

/** A build of `source` running `inline` (one shell provisioner; `extra` goes before inline). */
export const build = (source: string, inline: string[], extra = ""): string =>
  `${source}build {\n  sources = ["source.${/source "([^"]+)" "([^"]+)"/.exec(source)!.slice(1).join(".")}"]\n  provisioner "shell" {\n${extra}    inline = ${JSON.stringify(inline)}\n  }\n}\n`;
/** The same with a script file, `setup.sh`. */
export const scripted = (source: string): string =>
  `${source}build {\n  sources = ["source.${/source "([^"]+)" "([^"]+)"/.exec(source)!.slice(1).join(".")}"]\n  provisioner "shell" {\n    script = "setup.sh"\n  }\n}\n`;

/** required_plugins for the amazon plugin, at releases the component schema table holds. */
export const AMAZON_PLUGIN = `packer {
  required_plugins {
    amazon = {
      source  = "github.com/hashicorp/amazon"
      version = ">= 1.2.0"
    }
  }
}
`;
/** A clean AL2023 template: the component rules' tests make each mistake as one edit of it. */
export const EBS = (body = "", extra = "") => `${AMAZON_PLUGIN}
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
/** The line of the first line of `body` in EBS(body). */
export const EBS_BODY_LINE = 22;

/** One amazon-ebs source the SRC rules' tests build on. */
export const EBS_SOURCE = `source "amazon-ebs" "runner" {
  region        = "us-east-2"
  instance_type = "t3.medium"
  ssh_username  = "ec2-user"
  ami_name      = "x-{{timestamp}}"
  source_ami_filter {
    filters     = { name = "al2023-ami-*" }
    owners      = ["137112412989"]
    most_recent = true
  }
}
`;

export const DYNAMIC_BASE = 'source "amazon-ebs" "base" {\n  instance_type = "t3.micro"\n  region = "us-east-1"\n  ssh_username = "ec2-user"\n}\n';
/** A build whose sources come from a dynamic "source" block over two AMIs. */
export const dynamicSource = (label: string, content: string) =>
  `${DYNAMIC_BASE}locals {\n  amis = { amd64 = "ami-0a", arm64 = "ami-0b" }\n}\nbuild {\n  dynamic "source" {\n  ` +
  `  labels   = ["${label}"]\n    for_each = local.amis\n    content {\n${content}    }\n  }\n}\n`;
export const DYNAMIC_CONTENT = '      name       = source.key\n      source_ami = source.value\n      ami_name   = "base-${source.key}"\n';
