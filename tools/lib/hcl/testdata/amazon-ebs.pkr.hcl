# Ubuntu base image on AWS.
packer {
  required_plugins {
    amazon = {
      version = ">= 1.2.8"
      source  = "github.com/hashicorp/amazon"
    }
  }
}

variable "region" {
  type        = string
  default     = "us-east-1"
  description = "AWS region to build in"
}

variable "instance_type" {
  type    = string
  default = "t3.micro"

  validation {
    condition     = can(regex("^t3\\.", var.instance_type))
    error_message = "The instance_type must be a t3 type."
  }
}

variable "tags" {
  type = map(string)
  default = {
    Team  = "platform"
    Owner = "infra@example.com"
  }
}

variable "cache_bust" {
  type    = string
  default = ""
}

locals {
  timestamp  = regex_replace(timestamp(), "[- TZ:]", "")
  image_name = "ubuntu-base-${local.timestamp}${var.cache_bust == "" ? "" : "-${var.cache_bust}"}"
  all_tags   = merge(var.tags, { Name = local.image_name, Built = "packer" })
}

data "amazon-ami" "ubuntu" {
  filters = {
    name                = "ubuntu/images/*ubuntu-jammy-22.04-amd64-server-*"
    root-device-type    = "ebs"
    virtualization-type = "hvm"
  }
  most_recent = true
  owners      = ["099720109477"]
  region      = var.region
}

source "amazon-ebs" "ubuntu" {
  ami_name      = local.image_name
  instance_type = var.instance_type
  region        = var.region
  source_ami_filter {
    filters = {
      name                = "ubuntu/images/*ubuntu-jammy-22.04-amd64-server-*"
      root-device-type    = "ebs"
      virtualization-type = "hvm"
    }
    most_recent = true
    owners      = ["099720109477"]
  }
  ssh_username = "ubuntu"
  tags         = local.all_tags

  launch_block_device_mappings {
    device_name           = "/dev/sda1"
    volume_size           = 20
    volume_type           = "gp3"
    delete_on_termination = true
  }
}

build {
  name    = "ubuntu-base"
  sources = ["source.amazon-ebs.ubuntu"]

  provisioner "shell" {
    inline = [
      "sudo apt-get update",
      "sudo apt-get -y upgrade",
      "echo built at $${HOME} > /tmp/marker",
    ]
    environment_vars = ["DEBIAN_FRONTEND=noninteractive"]
  }

  provisioner "file" {
    source      = "${path.root}/files/motd"
    destination = "/tmp/motd"
  }

  provisioner "shell" {
    only   = ["amazon-ebs.ubuntu"]
    script = "${path.root}/scripts/harden.sh"
  }

  post-processor "manifest" {
    output     = "manifest.json"
    strip_path = true
  }
}
