#!/usr/bin/env bash
# End-to-end: the lock file. In a fresh consumer module (e2e/.work/lock), `bazel run
# @rules_packer//tools:cli -- lock` lists a plugin's releases on a mirror served on 127.0.0.1,
# writes packer.lock.json; `packer.lock(file = ...)` in MODULE.bazel makes the extension pin that
# plugin, and `bazel run :locked -- --dry-run` sees it under PACKER_PLUGIN_PATH; packer_lock_test
# passes, then fails with file:line once a template's constraint moves past the lock, and a lock
# file broken by hand fails the extension with its line.
#
# Needs python3 (the HTTP server and the zips). Packer: a local `packer` zipped into a file://
# mirror when there is one (as e2e/smoke.sh does), else the default download.
set -o errexit -o nounset -o pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$repo/e2e/.work/lock"
ws="$work/ws"
mirror="$work/mirror"
log="$work/log"
passed=0
failed=0

bazel() { (cd "$ws" && "$repo/node_modules/.bin/bazelisk" "$@"); }
ok() { echo "ok   - $1"; passed=$((passed + 1)); }
not_ok() {
  echo "FAIL - $1" >&2
  [[ -f "$log" ]] && sed 's/^/    | /' "$log" | tail -40 >&2
  failed=$((failed + 1))
}
expect_in_log() { grep -qF -- "$1" "$log"; }
sha256() { if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi; }

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux_amd64 ;;
  Linux-aarch64 | Linux-arm64) platform=linux_arm64 ;;
  Darwin-x86_64) platform=darwin_amd64 ;;
  Darwin-arm64) platform=darwin_arm64 ;;
  *) echo "e2e lock: unsupported machine $(uname -s)-$(uname -m)" >&2; exit 2 ;;
esac
command -v python3 >/dev/null || { echo "e2e lock: needs python3" >&2; exit 2; }

# zip_executable FILE NAME ZIP: a zip holding FILE as the executable NAME, as release zips do.
zip_executable() {
  python3 - "$@" <<'PY'
import sys, zipfile
src, name, dst = sys.argv[1:4]
info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
info.external_attr = 0o100755 << 16
info.create_system = 3
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z, open(src, "rb") as f:
    z.writestr(info, f.read())
PY
}

rm -rf "$work"
mkdir -p "$ws/images" "$mirror"

# The mirror: github.com/acme/fake laid out as HashiCorp's release site (index.json, a directory
# per version with the zips and SHA256SUMS). 0.1.0 and 0.1.4 have zips; 0.2.0 exists too.
printf '#!/bin/sh\necho fake plugin\n' >"$work/fake-plugin"
for v in 0.1.0 0.1.4 0.2.0; do
  mkdir -p "$mirror/packer-plugin-fake/$v"
  for p in "$platform" windows_amd64; do
    zip_executable "$work/fake-plugin" "packer-plugin-fake_v${v}_x5.0_$p" "$mirror/packer-plugin-fake/$v/packer-plugin-fake_${v}_$p.zip"
  done
  (cd "$mirror/packer-plugin-fake/$v" && for z in *.zip; do echo "$(sha256 "$z")  $z"; done >"packer-plugin-fake_${v}_SHA256SUMS")
done
printf '{"name": "packer-plugin-fake", "versions": {"0.1.0": {"version": "0.1.0"}, "0.1.4": {"version": "0.1.4"}, "0.2.0": {"version": "0.2.0"}}}\n' >"$mirror/packer-plugin-fake/index.json"

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$mirror" >"$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/packer-plugin-fake/index.json')" 2>/dev/null && break; sleep 0.1; done
template="http://127.0.0.1:$port/packer-plugin-{name}/{version}/packer-plugin-{name}_{version}_{platform}.zip"

# The consumer module: rules_packer from this checkout, Packer pinned as e2e/smoke.sh pins it.
cp "$repo/e2e/smoke/.bazelversion" "$ws/"
{
  echo 'module(name = "rules_packer_lock_e2e")'
  echo 'bazel_dep(name = "rules_packer", version = "0.1.0")'
  echo "local_path_override(module_name = \"rules_packer\", path = \"$repo\")"
  echo 'packer = use_extension("@rules_packer//packer:extensions.bzl", "packer")'
  local_packer="$(command -v packer || true)"
  if [[ -n "$local_packer" ]]; then
    version="$("$local_packer" version | head -n1 | sed -E 's/^Packer v([^ ]+).*/\1/')"
    zip_executable "$local_packer" packer "$mirror/packer_${version}_$platform.zip"
    echo "packer.toolchain(version = \"$version\", sha256 = {\"$platform\": \"$(sha256 "$mirror/packer_${version}_$platform.zip")\"}, urls = [\"http://127.0.0.1:$port/packer_{version}_{platform}.zip\"])"
  fi
} >"$ws/MODULE.bazel.base"
# As a user starts: packer.lock() in MODULE.bazel first, the file written by `lock` after.
{ cat "$ws/MODULE.bazel.base"; echo 'packer.lock(file = "//:packer.lock.json")'; } >"$ws/MODULE.bazel"
cat >"$ws/BUILD.bazel" <<'EOF'
load("@rules_packer//packer:defs.bzl", "packer_lock_test")

packer_lock_test(name = "lock_test", srcs = ["//images:locked.pkr.hcl"])
EOF
cat >"$ws/images/BUILD.bazel" <<'EOF'
load("@rules_packer//packer:defs.bzl", "packer_image")

packer_image(name = "locked", srcs = ["locked.pkr.hcl"])

exports_files(["locked.pkr.hcl"])
EOF
cat >"$ws/images/locked.pkr.hcl" <<'EOF'
packer {
  required_plugins {
    fake = {
      source  = "github.com/acme/fake"
      version = "~> 0.1.0"
    }
  }
}

source "null" "locked" {
  communicator = "none"
}

build {
  sources = ["source.null.locked"]
}
EOF

# 0. No lock file yet: what needs Packer says how to write it (the extension itself still works).
if ! bazel build //images:locked >"$log" 2>&1 &&
  expect_in_log "rules_packer: packer.lock.json (@@//:packer.lock.json) does not exist; write it with \`bazel run @rules_packer//tools:cli -- lock\`"; then
  ok "without the lock file, building an image says how to write it"
else
  not_ok "missing lock file"
fi

# 1. lock: the newest release "~> 0.1.0" allows, from the mirror; the lock file at the root.
if bazel run @rules_packer//tools:cli -- lock --urls "$template" >"$log" 2>&1 &&
  expect_in_log "github.com/acme/fake 0.1.4: the newest of 2 allowed of 3 releases" &&
  expect_in_log "wrote packer.lock.json: 1 plugin" &&
  grep -qF "\"$platform\": \"$(sha256 "$mirror/packer-plugin-fake/0.1.4/packer-plugin-fake_0.1.4_$platform.zip")\"" "$ws/packer.lock.json"; then
  ok "lock lists the mirror's releases and writes packer.lock.json with the checksums of 0.1.4"
else
  not_ok "lock"
fi

# 2. packer.lock(file) pins it: the dry run sees the plugin laid out under PACKER_PLUGIN_PATH.
if bazel run //images:locked -- --dry-run >"$log" 2>&1 && expect_in_log "Plugins: " && expect_in_log "(pinned"; then
  plugin_dir="$(sed -nE 's/^Plugins: +PACKER_PLUGIN_PATH=(.*) \(pinned.*/\1/p' "$log")"
  plugin_file="$plugin_dir/github.com/acme/fake/packer-plugin-fake_v0.1.4_x5.0_$platform"
  if [[ -f "$plugin_file" && "$(cat "${plugin_file}_SHA256SUM")" == "$(sha256 "$plugin_file")" ]] &&
    grep -q "GET /packer-plugin-fake/0.1.4/packer-plugin-fake_0.1.4_$platform.zip" "$work/server.log"; then
    ok "packer.lock(file) pins the locked plugin: bazel run -- --dry-run sees 0.1.4 under PACKER_PLUGIN_PATH, fetched from 127.0.0.1"
  else
    not_ok "locked plugin layout under $plugin_dir"
  fi
else
  not_ok "dry run with packer.lock"
fi

# 3. packer_lock_test: passes; fails with file:line when the constraint moves past the lock.
if bazel test //:lock_test >"$log" 2>&1; then ok "packer_lock_test passes on a current lock"; else not_ok "packer_lock_test"; fi
sed -i.bak 's/~> 0.1.0/>= 0.2/' "$ws/images/locked.pkr.hcl"
if ! bazel test --test_output=errors //:lock_test >"$log" 2>&1 &&
  expect_in_log 'images/locked.pkr.hcl:5:17: error LOCK-02: fake ">= 0.2" does not allow github.com/acme/fake 0.1.4, the version packer.lock.json:'; then
  ok "packer_lock_test fails with the template's file:line and the lock's line when a constraint moves"
else
  not_ok "packer_lock_test on a stale lock"
fi
mv "$ws/images/locked.pkr.hcl.bak" "$ws/images/locked.pkr.hcl"

# 4. A lock file broken by hand fails what needs Packer with the file and the line; `lock` still runs.
cp "$ws/packer.lock.json" "$work/good.lock.json"
sed 's/"lock_version": 1,/"lock_version": 1,,/' "$work/good.lock.json" >"$ws/packer.lock.json"
line="$(grep -n '"lock_version": 1,,' "$ws/packer.lock.json" | cut -d: -f1)"
if ! bazel build //images:locked >"$log" 2>&1 && expect_in_log "packer.lock.json (@@//:packer.lock.json):$line: not valid JSON" &&
  ! bazel run @rules_packer//tools:cli -- lock --check >"$log" 2>&1 && expect_in_log "packer.lock.json:$line:"; then
  ok "a lock file that is no longer JSON fails the build at its line ($line); lock --check still runs and says so"
else
  not_ok "broken lock file"
fi
sed 's/"linux_amd64": "[0-9a-f]*"/"linux_amd64": "not-a-sum"/' "$work/good.lock.json" >"$ws/packer.lock.json"
line="$(grep -n '"linux_amd64": "not-a-sum"' "$ws/packer.lock.json" | cut -d: -f1)"
if ! bazel build //images:locked >"$log" 2>&1 && expect_in_log "packer.lock.json (@@//:packer.lock.json):$line: github.com/acme/fake: the sha256 for linux_amd64 must be 64 lower-case hex digits"; then
  ok "a hand-edited checksum fails the extension at its line ($line)"
else
  not_ok "hand-edited checksum"
fi
cp "$work/good.lock.json" "$ws/packer.lock.json"

bazel shutdown >/dev/null 2>&1 || true
echo "$passed passed, $failed failed"
[[ "$failed" == 0 ]]
