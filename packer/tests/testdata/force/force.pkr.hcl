# A fixed image name: the target passes Packer -force, which replaces the image of that name,
# so the validation must not report the name as colliding.
packer {
  required_plugins {
    googlecompute = {
      source  = "github.com/hashicorp/googlecompute"
      version = "~> 1.1"
    }
  }
}

source "googlecompute" "fixed" {
  project_id          = "rules-packer-test"
  zone                = "us-central1-a"
  source_image_family = "debian-12"
  ssh_username        = "packer"
  image_name          = "rules-packer-fixed"
}

build {
  sources = ["source.googlecompute.fixed"]
}
