# What the end-to-end scenarios (e2e/*.sh) share. A scenario sources this file, calls
# `e2e_begin NAME`, records results with ok / not_ok / skip, and ends with `e2e_end`.
#
# Each scenario works under e2e/.work/NAME/ (ignored by git) with workspaces of its own, so it
# can rewrite their MODULE.bazel and .bazelrc without touching the checkout, and a new Bazel
# output base per workspace (a first run is a first run; Bazel's repository cache still serves
# the downloads). Bazel's servers are shut down at the end.
set -o errexit -o nounset -o pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
passed=0
failed=0
skipped=0
e2e_workspaces=()

# e2e_begin NAME: a fresh e2e/.work/NAME as $work, and $log for the last command's output.
e2e_begin() {
  e2e_name="$1"
  work="$repo/e2e/.work/$1"
  log="$work/log"
  local pid
  # A Bazel server an earlier, interrupted run left behind holds its output base.
  for pid in "$work"/output-bases/*/server/server.pid.txt; do
    [[ -f "$pid" ]] && kill "$(cat "$pid")" 2>/dev/null || true
  done
  [[ -d "$work" ]] && chmod -R u+w "$work" 2>/dev/null || true
  rm -rf "$work"
  mkdir -p "$work"
}

# workspace_of DIR: the workspace DIR is in (the nearest folder up with a MODULE.bazel).
workspace_of() {
  local dir="$1"
  while [[ "$dir" != / && ! -f "$dir/MODULE.bazel" ]]; do dir="$(dirname "$dir")"; done
  echo "$dir"
}

# The build machines' offline Bazel writes the module overrides of each invocation to one file
# that every invocation on the machine shares; another workspace's Bazel starting at the same
# moment can leave this one with the wrong overrides. Such a run is repeated (there only).
offline_bazel=""
if grep -qs 'bazel-offline' "$HOME/.bazeliskrc" || [[ "${USE_BAZEL_VERSION:-}" == *bazel-offline* ]]; then offline_bazel=1; fi
OFFLINE_RACE='the root module specifies overrides on nonexistent module|Error accessing registry https://bcr.bazel.build'

# bazel_in DIR ARGS...: Bazel (through the checkout's bazelisk) in DIR, with its workspace's
# own output base under $work.
bazel_in() {
  local dir="$1" ws code attempt out
  shift
  ws="$(workspace_of "$dir")"
  case " ${e2e_workspaces[*]-} " in *" $ws "*) ;; *) e2e_workspaces+=("$ws") ;; esac
  if [[ -z "$offline_bazel" ]]; then
    (cd "$dir" && "$repo/node_modules/.bin/bazelisk" --output_base="$work/output-bases/$(basename "$ws")" "$@")
    return
  fi
  out="$(mktemp "$work/bazel-out.XXXXXX")"
  for attempt in 1 2 3; do
    code=0
    (cd "$dir" && "$repo/node_modules/.bin/bazelisk" --output_base="$work/output-bases/$(basename "$ws")" "$@") >"$out" 2>"$out.err" || code=$?
    [[ $code -ne 0 ]] && grep -qE "$OFFLINE_RACE" "$out.err" && [[ $attempt -lt 3 ]] || break
    echo "e2e: the offline Bazel's shared override file changed under this run; running it again" >&2
    sleep 2
  done
  cat "$out"
  cat "$out.err" >&2
  rm -f "$out" "$out.err"
  return "$code"
}

ok() {
  echo "ok   - $e2e_name: $1"
  passed=$((passed + 1))
}
not_ok() {
  echo "FAIL - $e2e_name: $1" >&2
  [[ -f "$log" ]] && sed 's/^/    | /' "$log" | tail -40 >&2
  failed=$((failed + 1))
}
skip() {
  echo "skip - $e2e_name: $1"
  skipped=$((skipped + 1))
}
expect_in_log() { grep -qF -- "$1" "$log"; }

e2e_end() {
  local dir
  for dir in ${e2e_workspaces[@]+"${e2e_workspaces[@]}"}; do
    [[ -d "$dir" ]] && bazel_in "$dir" shutdown >/dev/null 2>&1 || true
  done
  echo "e2e: $e2e_name: $passed passed, $failed failed, $skipped skipped"
  [[ $failed -eq 0 ]]
}

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux_amd64 ;;
  Linux-aarch64 | Linux-arm64) platform=linux_arm64 ;;
  Darwin-x86_64) platform=darwin_amd64 ;;
  Darwin-arm64) platform=darwin_arm64 ;;
  *) echo "e2e: unsupported machine $(uname -s)-$(uname -m)" >&2; exit 2 ;;
esac
sha256() { if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi; }

have_python=""
command -v python3 >/dev/null && python3 -c 'import sys' 2>/dev/null && have_python=1
# A file:// URL for a directory (percent-encoded: a checkout path may hold spaces).
file_uri() { python3 -c 'import pathlib, sys; print(pathlib.Path(sys.argv[1]).as_uri())' "$1"; }
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

# The machine's Packer, if any (Debian's 1.6.6 on the build machines): its path and version.
local_packer="$(command -v packer || true)"
local_packer_version=""
if [[ -n "$local_packer" ]]; then
  local_packer_version="$("$local_packer" version 2>/dev/null | head -n1 | sed -nE 's/^Packer v([^ ]+).*/\1/p')"
fi

# readme_snippet NAME: the fenced block after `<!-- snippet: NAME -->` in the README, unindented.
readme_snippet() {
  awk -v want="<!-- snippet: $1 -->" '
    index($0, want) { found = 1; next }
    found && /^ *```/ { if (inside) exit; inside = 1; match($0, /^ */); indent = RLENGTH; next }
    inside { print substr($0, indent + 1) }
  ' "$repo/README.md"
}

# local_override: the README's override of rules_packer, replaced by this checkout.
local_override() {
  awk -v path="$repo" '
    /^(archive|git)_override\(/ { skipping = 1; print "local_path_override(\n    module_name = \"rules_packer\",\n    path = \"" path "\",\n)"; next }
    skipping { if (/^\)/) skipping = 0; next }
    { print }
  '
}

# readme_repo DIR: a new repository written from the README's snippets (this checkout in place of
# the archive_override), with the template, script and var file its packer_image names.
readme_repo() {
  local ws="$1"
  mkdir -p "$ws/images/scripts"
  readme_snippet MODULE.bazel | local_override >"$ws/MODULE.bazel"
  readme_snippet .bazelrc >"$ws/.bazelrc"
  readme_snippet BUILD.bazel >"$ws/BUILD.bazel"
  readme_snippet images/BUILD.bazel >"$ws/images/BUILD.bazel"
  cp "$repo/.bazelversion" "$ws/.bazelversion"
  cat >"$ws/images/runner.pkr.hcl" <<'EOF'
variable "cache_bust" {
  type        = string
  description = "The build's CACHE_BUST, from .bazelrc."
}

variable "region" {
  type        = string
  description = "Where the image is built."
}

variable "environment" {
  type        = string
  description = "From prod.pkrvars.hcl."
}

source "null" "runner" {
  communicator = "none"
}

build {
  sources = ["source.null.runner"]

  provisioner "shell-local" {
    script           = "${path.root}/scripts/install.sh"
    environment_vars = ["REGION=${var.region}", "ENVIRONMENT=${var.environment}", "CACHE_BUST=${var.cache_bust}"]
  }
}
EOF
  printf 'environment = "prod"\n' >"$ws/images/prod.pkrvars.hcl"
  printf '#!/bin/sh\necho "installing for $ENVIRONMENT in $REGION"\n' >"$ws/images/scripts/install.sh"
  chmod +x "$ws/images/scripts/install.sh"
}

# free_port: a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
