# Supplied only through the target's env (PKR_VAR_greeting): the validation must see it.
variable "greeting" {
  type        = string
  description = "Given as PKR_VAR_greeting."
}

source "null" "env" {
  communicator = "none"
}

build {
  sources = ["source.null.env"]

  provisioner "shell-local" {
    inline = ["echo ${var.greeting}"]
  }
}
