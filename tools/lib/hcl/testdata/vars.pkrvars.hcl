region        = "eu-central-1"
instance_type = "t3.small"
zones         = ["a", "b"]
disk_size     = 40
tags = {
  Team = "platform"
  "cost-center" = "1234"
}
enable_debug = true
