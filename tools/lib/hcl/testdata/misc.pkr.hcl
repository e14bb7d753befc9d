/* Block comment
   spanning lines */
// Line comment
variable "ami_users" {
  type      = list(string)
  default   = []
  sensitive = true
}

variable "percent" {
  type    = string
  default = "100%%{not} and %% and $$ and $${literal}"
}

locals {
  math      = (1 + 2) * 3 / 4 % 5 - -6
  compare   = 1 < 2 || 3 >= 4 && 5 != 6 == true
  call      = coalesce(var.ami_users...)
  obj_keys  = { "quoted key" = 1, bare = 2, (local.math) = 3 }
  colon_obj = { a: 1, b: "two" }
  multi     = {
    a = 1

    b = [
      "x",
      "y"
    ]
  }
  index_str = local.multi["b"][1]
  empty_str = ""
  empty_list = []
  empty_obj = {}
  tmpl_for  = "%{ for i, v in ["a", "b"] }${i}=${v};%{ endfor }"
  flush = <<-EOF
    line one
      indented
    ${local.math}
    EOF
  plain = <<EOF
  keeps   spacing
EOF
}

build {
  sources = ["source.amazon-ebs.x"]
  hcp_packer_registry {
    bucket_name = "base"
    description = <<EOT
Base image.
EOT
    bucket_labels = {
      "os" = "ubuntu"
    }
  }
  error-cleanup-provisioner "shell-local" {
    inline = ["echo cleanup"]
  }
}
