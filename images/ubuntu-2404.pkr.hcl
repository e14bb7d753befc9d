# Ubuntu 24.04 (Noble) runner image for Aspect Workflows on AWS.
# The validator has no package list of Ubuntu's AMIs, so everything the runner needs is installed
# here: the SSM agent as the snap Canonical's AMIs already carry (snap leaves it as it is), the
# CloudWatch agent from AWS's S3 .deb (it is not in the Ubuntu archive), the rest from apt.
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
  ssh_username  = "ubuntu"
  ami_name      = "aspect-workflows-ubuntu-2404-${var.cache_bust}"

  # Open SSH to the machine running Packer only, not to 0.0.0.0/0.
  temporary_security_group_source_public_ip = true

  source_ami_filter {
    filters = {
      name                = "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*"
      virtualization-type = "hvm"
      root-device-type    = "ebs"
    }
    owners      = ["099720109477"]
    most_recent = true
  }

  tags = {
    Name       = "aspect-workflows-ubuntu-2404"
    cache_bust = var.cache_bust
  }
}

build {
  sources = ["source.amazon-ebs.runner"]

  provisioner "shell" {
    inline = [
      "cloud-init status --wait",
      "sudo DEBIAN_FRONTEND=noninteractive apt-get update",
      "sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fuse3 git mdadm rsync rsyslog zip",
      "sudo snap install amazon-ssm-agent --classic",
      "curl -fsSLo /tmp/amazon-cloudwatch-agent.deb https://s3.${var.region}.amazonaws.com/amazoncloudwatch-agent-${var.region}/ubuntu/amd64/latest/amazon-cloudwatch-agent.deb",
      "sudo dpkg -i -E /tmp/amazon-cloudwatch-agent.deb",
      "sudo systemctl enable amazon-cloudwatch-agent",
      "echo 'kernel.apparmor_restrict_unprivileged_userns=0' | sudo tee /etc/sysctl.d/99-bazel-sandbox.conf",
    ]
  }
}
