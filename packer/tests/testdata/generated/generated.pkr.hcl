# Its var file and its script are made by genrules: the validation must find both beside it.
variable "greeting" {
  type        = string
  description = "Set only by the generated var file."
}

source "null" "generated" {
  communicator = "none"
}

build {
  sources = ["source.null.generated"]

  provisioner "shell-local" {
    script           = "${path.root}/greet.sh"
    environment_vars = ["GREETING=${var.greeting}"]
  }
}
