# No cache_bust variable: this target must stay cached when CACHE_BUST changes.
source "null" "steady" {
  communicator = "none"
}

build {
  sources = ["source.null.steady"]

  provisioner "shell-local" {
    inline = ["echo steady"]
  }
}
