#!/usr/bin/env bash
# Runs every end-to-end scenario (e2e/*.sh but this file and lib.sh), each in its own process,
# and fails when one does. `npm run test:e2e`; `bash e2e/all.sh NAME...` runs only those.
set -o nounset -o pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -gt 0 ]]; then
  scenarios=("$@")
else
  scenarios=()
  for file in "$here"/*.sh; do
    name="$(basename "$file" .sh)"
    [[ "$name" == all || "$name" == lib ]] || scenarios+=("$name")
  done
fi
failures=()
for name in "${scenarios[@]}"; do
  echo "e2e: == $name =="
  started=$SECONDS
  bash "$here/$name.sh" || failures+=("$name")
  echo "e2e: $name took $((SECONDS - started)) s"
done
if [[ ${#failures[@]} -gt 0 ]]; then
  echo "e2e: failed: ${failures[*]}" >&2
  exit 1
fi
echo "e2e: all ${#scenarios[@]} scenarios passed"
