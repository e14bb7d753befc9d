# A template Packer 1.6.6 and current Packer both accept: no cloud, no plugins.
# The null builder makes no machine; shell-local runs on this host; the manifest
# post-processor writes what was built, with the cache-bust value in custom_data.

variable "cache_bust" {
  type        = string
  description = "The build's CACHE_BUST; packer_image passes it from --action_env."
}

variable "output_dir" {
  type        = string
  default     = "."
  description = "Where the manifest goes (the e2e driver passes a directory it reads)."
}

variable "hello_file" {
  type        = string
  description = "A data file, passed by the target with $(location)."
}

variable "api_token" {
  type        = string
  default     = "not-a-real-token"
  sensitive   = true
  description = "Stands in for a secret: --dry-run must mask it."
}

source "null" "smoke" {
  communicator = "none"
}

build {
  sources = ["source.null.smoke"]

  provisioner "shell-local" {
    inline = [
      "echo smoke image ci-runner-${var.cache_bust}",
      "test -f ${path.root}/hello.txt",
      "test -f ${var.hello_file}",
      "${path.root}/greet",
    ]
  }

  post-processor "manifest" {
    output = "${var.output_dir}/manifest.json"
    custom_data = {
      image_name = "ci-runner-${var.cache_bust}"
    }
  }
}
