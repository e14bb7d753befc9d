#!/usr/bin/env bash
# `bash tools/maintainer/run-node.sh SCRIPT.ts ARGS...`: run a maintainer script (the corpus
# harness, the rewrite generator) as TypeScript with Bazel's hermetic Node.js 24, outside Bazel's
# sandbox, so the folders it reads can be anywhere. Builds //tools:cli once to fetch that Node.js.
# Relative paths in ARGS are taken from the directory npm was started in (passed as
# BUILD_WORKING_DIRECTORY, which the helper's I/O layer reads as `bazel run` sets it); the script
# itself runs from the repository root, where the validator finds its schema tables.
set -o errexit -o nounset -o pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
script="$(cd "$repo" && realpath "$1")"
shift
"$repo/node_modules/.bin/bazelisk" build //tools:cli >&2
runfiles="$repo/bazel-bin/tools/cli.sh.runfiles"
node="$(ls -d "$runfiles"/*node_*/bin/node 2>/dev/null | head -n1)"
[[ -x "$node" ]] || { echo "run-node: no hermetic node under $runfiles" >&2; exit 2; }
export BUILD_WORKING_DIRECTORY="${INIT_CWD:-$PWD}"
cd "$repo"
exec "$node" --disable-warning=ExperimentalWarning "$script" "$@"
