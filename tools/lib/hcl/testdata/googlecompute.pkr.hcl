packer {
  required_plugins {
    googlecompute = {
      version = "~> 1.1"
      source  = "github.com/hashicorp/googlecompute"
    }
  }
}

variable "project_id" {
  type = string
}

variable "zones" {
  type    = list(string)
  default = ["europe-west1-b", "europe-west1-c"]
}

variable "disk_size" {
  type    = number
  default = 30
  validation {
    condition     = var.disk_size >= 10 && var.disk_size <= 2000
    error_message = "Disk size must be between 10 and 2000 GB."
  }
}

locals {
  zone        = var.zones[0]
  labels      = { for k, v in { team = "web", env = "prod" } : k => lower(v) }
  image_family = "web-${formatdate("YYYYMMDD", timestamp())}"
  upper_zones = [for z in var.zones : upper(z) if z != ""]
  first_two   = slice(var.zones, 0, min(2, length(var.zones)))
}

source "googlecompute" "web" {
  project_id          = var.project_id
  source_image_family = "debian-12"
  zone                = local.zone
  disk_size           = var.disk_size
  image_name          = "web-{{timestamp}}"
  image_family        = local.image_family
  image_labels        = local.labels
  ssh_username        = "packer"
  metadata = {
    enable-oslogin = "FALSE"
  }
  startup_script_file = "${path.root}/startup.sh"
}

build {
  sources = ["sources.googlecompute.web"]

  provisioner "shell" {
    execute_command = "chmod +x {{ .Path }}; sudo {{ .Vars }} {{ .Path }}"
    inline          = ["apt-get install -y nginx"]
    except          = ["googlecompute.other"]
  }

  provisioner "shell" {
    inline = [<<-EOS
      set -euo pipefail
      echo "zones: ${join(",", var.zones)}"
      %{ for z in var.zones ~}
      echo ${z}
      %{ endfor ~}
    EOS
    ]
  }

  post-processor "shell-local" {
    inline = ["echo done"]
  }
}
