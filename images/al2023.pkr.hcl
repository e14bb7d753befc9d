# Amazon Linux 2023 runner image for Aspect Workflows.
# AL2023 ships amazon-ssm-agent and rsync; everything else the runner needs is installed here.
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

variable "region" {
  type    = string
  default = "us-east-2"
}

source "amazon-ebs" "runner" {
  region        = var.region
  instance_type = "t3.medium"
  ssh_username  = "ec2-user"
  ami_name      = "aspect-workflows-al2023-${var.cache_bust}"

  # Open SSH to the machine running Packer only, not to 0.0.0.0/0.
  temporary_security_group_source_public_ip = true

  source_ami_filter {
    filters = {
      name                = "al2023-ami-2023.*-kernel-6.1-x86_64"
      virtualization-type = "hvm"
      root-device-type    = "ebs"
    }
    owners      = ["137112412989"]
    most_recent = true
  }

  tags = {
    Name       = "aspect-workflows-al2023"
    cache_bust = var.cache_bust
  }
}

build {
  sources = ["source.amazon-ebs.runner"]

  provisioner "shell" {
    inline = [
      "sudo dnf install -y amazon-cloudwatch-agent fuse mdadm rsyslog zip git",
      "sudo systemctl enable amazon-cloudwatch-agent rsyslog",
    ]
  }
}
