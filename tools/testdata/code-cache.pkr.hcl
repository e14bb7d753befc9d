# Validated by //tools:validate_code_cache_test through the cached validate script: a clean
# template that touches variables, a source, provisioners and a post-processor.

variable "cache_bust" {
  type        = string
  description = "The build's CACHE_BUST."
}

source "null" "local" {
  communicator = "none"
}

build {
  sources = ["source.null.local"]

  provisioner "shell-local" {
    inline = ["echo ${var.cache_bust}"]
  }

  post-processor "manifest" {
    output      = "manifest.json"
    custom_data = { cache_bust = var.cache_bust }
  }
}
