#!/usr/bin/env bash
# A tool a provisioner runs: a binary in the image target's `data`, with a data file of its own
# that it finds through the runfiles (RUNFILES_DIR, set for Packer by the image's launcher).
set -o errexit -o nounset -o pipefail
cat "${RUNFILES_DIR:-$0.runfiles}/_main/greeting.txt"
