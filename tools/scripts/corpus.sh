#!/usr/bin/env bash
# `npm run corpus -- DIR...`: validate every Packer template under the folders as Packer would be
# run on them and count the findings (see tools/lib/validate/corpus.ts). Builds the CLI with Bazel
# and runs the bundle with Bazel's hermetic Node.js, outside Bazel's sandbox, so the folders can
# be anywhere; relative paths are taken from the directory npm was started in.
set -o errexit -o nounset -o pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
"$repo/node_modules/.bin/bazelisk" build //tools:cli >&2
runfiles="$repo/bazel-bin/tools/cli.sh.runfiles"
node="$(ls -d "$runfiles"/*node_*/bin/node 2>/dev/null | head -n1)"
[[ -x "$node" ]] || { echo "corpus: no hermetic node under $runfiles" >&2; exit 2; }
cd "${INIT_CWD:-$PWD}"
exec "$node" --preserve-symlinks --preserve-symlinks-main --disable-warning=ExperimentalWarning \
  "$runfiles/_main/tools/cli.js" corpus "$@"
