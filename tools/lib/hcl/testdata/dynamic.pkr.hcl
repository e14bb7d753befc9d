variable "extra_disks" {
  type = list(object({
    name = string
    size = number
  }))
  default = [
    { name = "data", size = 100 },
    { name = "logs", size = 50 },
  ]
}

variable "enable_debug" {
  type    = bool
  default = false
}

locals {
  disk_names  = var.extra_disks[*].name
  total_size  = sum([for d in var.extra_disks : d.size])
  by_name     = { for d in var.extra_disks : d.name => d }
  grouped     = { for d in var.extra_disks : d.size => d.name... }
  legacy      = var.extra_disks.0.name
  splat_attr  = var.extra_disks.*.size
  script_body = <<EOT
#!/bin/bash
echo "Total: ${local.total_size}"
%{ if var.enable_debug }set -x%{ endif }
EOT
  neg         = -1
  ratio       = 1.5e2
  not_debug   = !var.enable_debug
  nested      = [[1, 2], [3, [4, 5]], {a = [true, null]}]
  cond        = var.enable_debug ? "debug" : "release"
  mixed       = "%{ if var.enable_debug ~} debug %{~ else ~} quiet %{~ endif }"
  unicode     = "héllo wörld ✓ \u00e9 \U0001F600"
  escapes     = "tab\there \"quoted\" back\\slash"
}

source "amazon-ebs" "disks" {
  region        = "eu-west-1"
  instance_type = "m5.large"
  ami_name      = "disks-${uuidv4()}"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ec2-user"

  dynamic "launch_block_device_mappings" {
    for_each = var.extra_disks
    iterator = disk
    content {
      device_name = "/dev/sd${substr("fghij", disk.key, 1)}"
      volume_size = disk.value.size
    }
  }
}

source "null" "local" { communicator = "none" }

build {
  name = "disks"
  sources = [
    "source.amazon-ebs.disks",
    "source.null.local",
  ]

  provisioner "shell-local" {
    only   = ["null.local"]
    inline = ["echo ${local.total_size}"]
  }

  provisioner "shell" {
    except = ["null.local"]
    inline = local.disk_names
    pause_before = "10s"
    max_retries  = 3
  }

  provisioner "breakpoint" {
    disable = !var.enable_debug
    note    = "inspect ${build.ID}"
  }

  post-processors {
    post-processor "manifest" {}
    post-processor "checksum" {
      checksum_types = ["sha256"]
      output         = "out/{{.BuildName}}_{{.ChecksumType}}.checksum"
    }
  }
}
