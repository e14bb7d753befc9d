# Amazon Linux 2 runner image for Aspect Workflows (us-east-2).
# The validator has no package list of the AL2 standard AMI (see
# tools/lib/validate/rules/utils/base-images/README.md), so everything the runner needs is
# installed here; yum leaves what the AMI already has as it is.
packer {
  required_plugins {
    amazon = {
      source  = "github.com/hashicorp/amazon"
      version = "~> 1.3"
    }
  }
}

variable "cache_bust" {
  type        = string
  description = "Bumped (CACHE_BUST in .bazelrc) to force a new image; part of the AMI name."
}

variable "instance_type" {
  type    = string
  default = "t3.medium"
}

# packer-validate: ignore WF-04 issue 2 asks for this AL2 image; al2023.pkr.hcl is the successor
source "amazon-ebs" "runner" {
  # AMI IDs are regional: this one is Amazon Linux 2 in us-east-2.
  region        = "us-east-2"
  source_ami    = "ami-051dfed8f67f095f5"
  instance_type = var.instance_type
  ssh_username  = "ec2-user"
  ami_name      = "aspect-workflows-al2-${var.cache_bust}"

  # Open SSH to the machine running Packer only, not to 0.0.0.0/0.
  temporary_security_group_source_public_ip = true
  tags = {
    Name       = "aspect-workflows-al2"
    cache_bust = var.cache_bust
  }
}

build {
  sources = ["source.amazon-ebs.runner"]

  provisioner "shell" {
    inline = [
      "sudo yum --setopt=skip_missing_names_on_install=False install -y amazon-cloudwatch-agent amazon-ssm-agent fuse git mdadm rsync rsyslog zip",
      "sudo systemctl enable amazon-cloudwatch-agent amazon-ssm-agent",
    ]
  }
}
