#!/usr/bin/env bash
# Validate against the Packer you build with: the validation action gets the version of the
# Packer that `bazel run` uses, as the packer extension resolved it, without fetching Packer (a
# pinned release's version; packer.host's or RULES_PACKER_HOST_PACKER_VERSION's declared one;
# none for an installed Packer whose version is not declared). And `bazel run` with a Packer that
# has no `packer init` (before 1.7) and a template with required_plugins says so.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_begin packer-version
ws="$work/ws"
bazel() { bazel_in "$ws" "$@"; }
mkdir -p "$ws"
cp "$repo/.bazelversion" "$ws/.bazelversion"
printf 'build --repo_env=CACHE_BUST=001 --action_env=CACHE_BUST=001\ntest --test_output=errors --build_tests_only\ntry-import %%workspace%%/user.bazelrc\n' >"$ws/.bazelrc"
cp "$repo/e2e/smoke/pins/pins.pkr.hcl" "$ws/plugins.pkr.hcl"
sed -i.bak 's/"~> 0.2"/"~> 0.1"/' "$ws/plugins.pkr.hcl"
cat >"$ws/BUILD.bazel" <<'EOF'
load("@rules_packer//packer:defs.bzl", "packer_image")

packer_image(name = "plugins", srcs = ["plugins.pkr.hcl"], tags = ["manual"])
EOF
# module LINE...: this checkout as rules_packer, then the packer extension's LINEs.
module() {
  {
    printf 'bazel_dep(name = "rules_packer", version = "0.1.0")\nlocal_path_override(module_name = "rules_packer", path = "%s")\n' "$repo"
    printf 'packer = use_extension("@rules_packer//packer:extensions.bzl", "packer")\n'
    printf '%s\n' "$@"
  } >"$ws/MODULE.bazel"
}
# version_arg: the --packer-version the validation action of //:plugins.validate gets ("" for none).
version_arg() {
  bazel aquery 'mnemonic("PackerValidate", //:plugins.validate)' >"$log" 2>&1 || return 1
  # aquery prints one argument a line ("--packer-version \", then the value), or both on one line.
  awk '/--packer-version/ { if (sub(/.*--packer-version[ ]+/, "") && $0 !~ /^\\?$/) { v = $0 } else { getline; v = $0 }; gsub(/^[ ]+|[ ]+\\?$|\047/, "", v); sub(/ .*/, "", v); print v; exit }' "$log"
}

# The default: the pinned release, whose download here would fail (firewall), and is not needed.
module 'packer.toolchain(urls = ["https://127.0.0.1:1/packer/{version}/packer_{version}_{platform}.zip"])'
default_version="$(sed -nE 's/^DEFAULT_PACKER_VERSION = "(.*)"/\1/p' "$repo/packer/private/versions.bzl")"
if bazel test //:plugins.validate >"$log" 2>&1 && ! ls "$(bazel info output_base 2>/dev/null)/external" | grep -qE 'packer_(linux|darwin|windows)_[a-z0-9]+$'; then
  ok "bazel test of a template fetches no Packer, with its version known"
else
  not_ok "bazel test with the pinned release unreachable"
fi
# setting|the version the validation gets ("" for none)
for entry in "packer.toolchain()|$default_version" 'packer.host(version = "1.6.6")|1.6.6' "packer.host() without a version|" \
  "RULES_PACKER_HOST_PACKER_VERSION=1.7.10|1.7.10"; do
  setting="${entry%|*}"
  want="${entry##*|}"
  rm -f "$ws/user.bazelrc"
  case "$setting" in
    packer.toolchain*) module 'packer.toolchain(urls = ["https://127.0.0.1:1/packer/{version}/packer_{version}_{platform}.zip"])' ;;
    *version\ =*) module 'packer.host(path = "/no/such/packer", version = "1.6.6")' ;;
    packer.host*) module 'packer.host(path = "/no/such/packer")' ;;
    RULES*) module && printf 'common --repo_env=RULES_PACKER_HOST_PACKER=/no/such/packer\ncommon --repo_env=RULES_PACKER_HOST_PACKER_VERSION=1.7.10\n' >"$ws/user.bazelrc" ;;
  esac
  if ! got="$(version_arg)"; then
    not_ok "$setting: bazel aquery of the validation action"
  elif [[ "$got" == "$want" ]]; then
    ok "$setting: the validation gets --packer-version ${want:-(none: unknown, nothing version-specific is checked)}"
  else
    not_ok "$setting: expected --packer-version '${want}', the action has '${got}'"
  fi
done

# bazel run with a Packer that has no `packer init` (1.6.6) and a template with required_plugins.
if [[ "$local_packer_version" != 1.6.* ]]; then
  skip "bazel run with a Packer without init: needs Packer 1.6.x on PATH (here: ${local_packer_version:-none})"
else
  rm -f "$ws/user.bazelrc"
  module "packer.host(path = \"$local_packer\")"
  if ! bazel run //:plugins >"$log" 2>&1 && ! expect_in_log "\`packer init\` failed" && expect_in_log "$local_packer_version" && expect_in_log "init"; then
    ok "bazel run with Packer $local_packer_version and required_plugins says this Packer has no init, instead of running it"
  else
    not_ok "bazel run with a Packer that has no init"
  fi
fi

e2e_end
