# Debian 12 (Bookworm) runner image for Aspect Workflows on Google Cloud.
# GCP runners need Google's agents (OS Config, Ops Agent) instead of AWS's; Debian also
# lacks git and rsync in its cloud image.
packer {
  required_plugins {
    googlecompute = {
      source  = "github.com/hashicorp/googlecompute"
      version = "~> 1.1"
    }
  }
}

variable "cache_bust" {
  type        = string
  description = "Bumped (CACHE_BUST in .bazelrc) to force a new image; part of the image name."
}

variable "project_id" {
  type        = string
  description = "GCP project that builds and owns the image (default: $GOOGLE_CLOUD_PROJECT)."
  default     = env("GOOGLE_CLOUD_PROJECT")
}

variable "zone" {
  type    = string
  default = "us-central1-a"
}

source "googlecompute" "runner" {
  project_id          = var.project_id
  zone                = var.zone
  source_image_family = "debian-12"
  machine_type        = "e2-standard-2"
  ssh_username        = "packer"
  image_name          = "aspect-workflows-debian-12-${var.cache_bust}"
  image_family        = "aspect-workflows-debian-12"
  image_labels = {
    cache_bust = var.cache_bust
  }
}

build {
  sources = ["source.googlecompute.runner"]

  provisioner "shell" {
    inline = [
      "sudo DEBIAN_FRONTEND=noninteractive apt-get update",
      "sudo DEBIAN_FRONTEND=noninteractive apt-get install -y fuse git rsync zip google-osconfig-agent",
      "sudo systemctl enable google-osconfig-agent",
      "curl -fsSLO https://dl.google.com/cloudagents/add-google-cloud-ops-agent-repo.sh",
      "sudo bash add-google-cloud-ops-agent-repo.sh --also-install",
    ]
  }
}
