#!/usr/bin/env bash
# packer_image(packer_validate = True): Packer's own `packer validate` as a Bazel test, with the
# Packer that `bazel run` uses (here the machine's, pinned through a file:// mirror with its own
# sha256, as the smoke scenario does). A template it accepts passes (and its result is cached); a
# mistake its components' checks catch fails with Packer's message; a check that needs a secret
# store says so and how to skip it; required_plugins that are not pinned get -syntax-only.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_begin packer-validate
if [[ -z "$local_packer" || -z "$local_packer_version" || -z "$have_python" ]]; then
  skip "needs a Packer on PATH and python3 (the file:// mirror of it)"
  e2e_end
  exit
fi
ws="$work/ws"
bazel() { bazel_in "$ws" "$@"; }
mkdir -p "$ws/mirror"
zip_executable "$local_packer" packer "$ws/mirror/packer_${local_packer_version}_$platform.zip"
cp "$repo/.bazelversion" "$ws/.bazelversion"
cat >"$ws/MODULE.bazel" <<EOF
bazel_dep(name = "rules_packer", version = "0.1.0")
local_path_override(module_name = "rules_packer", path = "$repo")

packer = use_extension("@rules_packer//packer:extensions.bzl", "packer")
packer.toolchain(
    version = "$local_packer_version",
    sha256 = {"$platform": "$(sha256 "$ws/mirror/packer_${local_packer_version}_$platform.zip")"},
    urls = ["$(file_uri "$ws/mirror")/packer_{version}_{platform}.zip"],
)
EOF
printf 'build --repo_env=CACHE_BUST=001 --action_env=CACHE_BUST=001\ntest --test_output=errors\n' >"$ws/.bazelrc"
cat >"$ws/BUILD.bazel" <<'EOF'
load("@rules_packer//packer:defs.bzl", "packer_image")

packer_image(name = "good", srcs = ["good.pkr.hcl"], vars = {"greeting": "hello"}, packer_validate = True)

[
    packer_image(name = name, srcs = [name + ".pkr.hcl"], packer_validate = True, tags = ["manual"])
    for name in ["prepare", "secret", "plugins"]
]
EOF
# Packer 1.6.6 and newer accept it: the null builder, shell-local, the manifest post-processor.
cat >"$ws/good.pkr.hcl" <<'EOF'
variable "cache_bust" {
  type = string
}

variable "greeting" {
  type = string
}

source "null" "good" {
  communicator = "none"
}

build {
  sources = ["source.null.good"]

  provisioner "shell-local" {
    inline = ["echo ${var.greeting} ${var.cache_bust}"]
  }

  post-processor "manifest" {
    output = "manifest.json"
  }
}
EOF
# shell-local's own check (its Prepare) refuses inline and script together.
cat >"$ws/prepare.pkr.hcl" <<'EOF'
source "null" "prepare" {
  communicator = "none"
}

build {
  sources = ["source.null.prepare"]

  provisioner "shell-local" {
    inline = ["echo hi"]
    script = "install.sh"
  }
}
EOF
# A secret store read while the template is read: needs credentials a test does not have.
cat >"$ws/secret.pkr.hcl" <<'EOF'
locals {
  token = vault("/secret/data/ci", "token")
}

source "null" "secret" {
  communicator = "none"
}

build {
  sources = ["source.null.secret"]
}
EOF
cat >"$ws/plugins.pkr.hcl" <<'EOF'
packer {
  required_plugins {
    amazon = {
      source  = "github.com/hashicorp/amazon"
      version = "~> 1.3"
    }
  }
}

source "null" "plugins" {
  communicator = "none"
}

build {
  sources = ["source.null.plugins"]
}
EOF

if bazel test //... >"$log" 2>&1 && grep -E '//:good.packer_validate +PASSED' "$log" >/dev/null && grep -E '//:good.validate +PASSED' "$log" >/dev/null; then
  ok "bazel test //...: Packer $local_packer_version's packer validate passes good.pkr.hcl beside rules_packer's validator"
else
  not_ok "good.packer_validate"
fi
if bazel test //:good.packer_validate >"$log" 2>&1 && grep -E '//:good.packer_validate +\(cached\) PASSED' "$log" >/dev/null &&
  bazel test --test_output=all //:good.packer_validate >"$log" 2>&1 && expect_in_log "+ packer validate -var greeting=hello -var cache_bust=001 good.pkr.hcl"; then
  ok "its result is cached; it ran packer validate with the target's vars and the cache bust, on the workspace path"
else
  not_ok "good.packer_validate: cached result and command line"
fi
if ! bazel test //:prepare.packer_validate >"$log" 2>&1 && expect_in_log "You may only specify one of the following options: Command, Inline, Script or" &&
  expect_in_log "on prepare.pkr.hcl line 8"; then
  ok "a mistake shell-local's own check catches fails the test with Packer's message and the workspace path"
else
  not_ok "prepare.packer_validate should fail with shell-local's message"
fi
if ! bazel test //:secret.packer_validate >"$log" 2>&1 && expect_in_log "VAULT_TOKEN" &&
  expect_in_log "Packer's check above needs the cloud or credentials, which a test does not have" && expect_in_log "packer_validate = False"; then
  ok "a vault() call fails with Packer's message, and the test says it needs credentials and how to skip it"
else
  not_ok "secret.packer_validate should explain the credentials it needs"
fi
if ! bazel test //:plugins.packer_validate >"$log" 2>&1 && expect_in_log "+ packer validate -syntax-only plugins.pkr.hcl" &&
  expect_in_log "that MODULE.bazel does not pin with packer.plugin()"; then
  if [[ "$local_packer_version" == 1.6.* ]] && ! expect_in_log 'Blocks of type "required_plugins" are not expected here'; then
    not_ok "Packer $local_packer_version should refuse required_plugins"
  else
    ok "required_plugins without pins: -syntax-only, said so (Packer $local_packer_version, which has no required_plugins, refuses the block)"
  fi
elif [[ "$local_packer_version" != 1.6.* ]] && expect_in_log "+ packer validate -syntax-only plugins.pkr.hcl"; then
  ok "required_plugins without pins: -syntax-only, said so"
else
  not_ok "plugins.packer_validate should run -syntax-only"
fi

e2e_end
