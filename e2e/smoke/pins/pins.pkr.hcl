# A template that requires the plugin e2e/smoke.sh pins (example.com/acme/fake 0.1.0): smoke.sh
# checks that a constraint the pin does not meet fails `bazel test` and `bazel run`.
packer {
  required_plugins {
    fake = {
      source  = "example.com/acme/fake"
      version = "~> 0.2"
    }
  }
}

source "null" "pins" {
  communicator = "none"
}

build {
  sources = ["source.null.pins"]
}
