# Deliberately wrong: an undeclared variable and a source reference with a typo.
variable "greeting" {
  type    = string
  default = "hello"
}

source "null" "broken" {
  communicator = "none"
}

build {
  sources = ["source.null.brokn"]

  provisioner "shell-local" {
    inline = ["echo ${var.greting}"]
  }
}
