#!/usr/bin/env bash
# The genrule ran the toolchain's Packer through $(PACKER_BIN).
set -o errexit -o nounset -o pipefail
if grep -qE '^Packer v[0-9]+\.[0-9]+\.[0-9]+' "$1"; then
  echo "toolchain Packer: $(head -n1 "$1")"
else
  echo "expected 'Packer vX.Y.Z' from \$(PACKER_BIN) version, got:" >&2
  cat "$1" >&2
  exit 1
fi
