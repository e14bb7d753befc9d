#!/usr/bin/env bash
# rules_packer: runs the template validator as a build action, as a compiler runs.
#
#   validate_action.sh REPORT STATUS JUNIT [--link DIR EXEC_PATH...]... -- COMMAND...
#
# The target's files are linked into a tree laid out as its runfiles are (a template, its scripts
# and a generated var file side by side, whichever rule made them): each `--link DIR` puts the
# files after it into DIR of the tree. COMMAND runs with @@RULES_PACKER_RUNFILES@@ in its
# arguments replaced by the tree, @@RULES_PACKER_EXECROOT@@ by the action's working directory,
# and an argument @@RULES_PACKER_CONTENTS@@PATH by the contents of PATH in the tree.
#
# The findings go to REPORT, the exit code to STATUS and the JUnit XML to JUNIT; the test target
# reports them. The action itself fails only when it cannot write them. The findings of a
# validation that passes (warnings, notes) are printed here: Bazel shows an action's output once,
# when it runs, as it shows a compiler's warnings. A failing validation prints nothing here: its
# findings are the failing test's output.
set -o nounset -o pipefail
# "${x//pattern/$dir}" must not treat `&` in a directory name as the matched text (bash 5.2).
shopt -u patsub_replacement 2>/dev/null || true

report="$1" status="$2" junit="$3"
shift 3
tree="$(mktemp -d "${TMPDIR:-/tmp}/rules_packer_validate.XXXXXXXX")" || exit 1
trap 'rm -rf "$tree"' EXIT
while [[ "${1:-}" == --link ]]; do
  dir="$tree/$2"
  shift 2
  files=()
  while [[ $# -gt 0 && "$1" != --link && "$1" != -- ]]; do
    files+=("$PWD/$1")
    shift
  done
  mkdir -p "$dir" && ln -s "${files[@]}" "$dir/" || exit 1
done
[[ "${1:-}" == -- ]] || { echo "validate_action.sh: expected -- before the command" >&2; exit 1; }
shift

command=()
for arg in "$@"; do
  arg="${arg//@@RULES_PACKER_RUNFILES@@/$tree}"
  arg="${arg//@@RULES_PACKER_EXECROOT@@/$PWD}"
  if [[ "$arg" == @@RULES_PACKER_CONTENTS@@* ]]; then
    arg="$(cat "$tree/${arg#@@RULES_PACKER_CONTENTS@@}")" || exit 1
  fi
  command+=("$arg")
done

"${command[@]}" >"$report" 2>&1
code=$?
echo "$code" >"$status" || exit 1
[[ -e "$junit" ]] || : >"$junit" || exit 1
# Findings of a passing validation: every line but the summary that ends the report.
if [[ "$code" == 0 && "$(wc -l <"$report")" -gt 1 ]]; then
  cat "$report"
fi
exit 0
