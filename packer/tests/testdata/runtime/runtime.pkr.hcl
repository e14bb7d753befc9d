# A token the build gets only when it runs (PKR_VAR_token from CI): the validation must take it as
# supplied, though no value is given here.
variable "token" {
  type      = string
  sensitive = true
}

source "null" "runtime" {
  communicator = "none"
}

build {
  sources = ["source.null.runtime"]

  provisioner "shell-local" {
    inline = ["test -n \"${var.token}\""]
  }
}
