#!/usr/bin/env bash
# Benchmarks (prints numbers; asserts nothing). Run with `npm run bench`.
#   1. bazel test //images:amzn2.validate: cold (after bazel clean, toolchains already fetched)
#      and a second, cached run.
#   2. One template validated as a whole process (hermetic Node.js 24 + the helper: the cached
#      script with its V8 code cache as `bazel test` runs it, and the bundled JavaScript as
#      `bazel run //tools:cli` runs it) next to `packer validate -syntax-only` on the same
#      Packer-1.6.6-compatible template, as ratios from one run, with Node.js's own empty start.
#   3. One template formatted as a whole process: `bazel run //tools:cli -- fmt -check` (the
#      bundled JavaScript) next to `packer fmt -check` on the same file, as a ratio from one run.
#   4. In-process throughput of the parser, the validator and fmt (templates per second).
# BENCH_RUNS=N sets the runs per program in 2 (default 15); BENCH_BAZEL=0 skips 1.
set -o errexit -o nounset -o pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
bazel=node_modules/.bin/bazelisk
runs="${BENCH_RUNS:-15}"
template="e2e/smoke/smoke.pkr.hcl"

# Clock in microseconds. Bash 5's EPOCHREALTIME reads it without starting a process, so a
# whole-process figure holds only the measured program; elsewhere `date` (about a millisecond of
# fork and exec per reading, added to both sides of a ratio) is the fallback.
if [[ -n "${EPOCHREALTIME:-}" ]]; then
  now() { local t="$EPOCHREALTIME"; echo "${t/[.,]/}"; }
  clock="bash EPOCHREALTIME"
else
  now() { echo $(($(date +%s%N) / 1000)); }
  clock="date +%s%N (one process per reading)"
fi
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e3 }'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
# "median M ms (middle half A-B ms)" of the numbers on stdin.
summary() {
  sort -n | awk '{a[NR]=$1} END {
    m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2
    lo = a[int(NR/4) + 1]; hi = a[NR - int(NR/4)]
    printf "median %.1f ms (middle half %.1f-%.1f ms)", m, lo, hi }'
}

if [[ "${BENCH_BAZEL:-1}" == 0 ]]; then
  echo "== bazel test //images:amzn2.validate: skipped (BENCH_BAZEL=0)"
else
  echo "== bazel test //images:amzn2.validate"
  $bazel build //tools:cli //images:amzn2.validate >/dev/null 2>&1
  $bazel clean >/dev/null 2>&1
  $bazel shutdown >/dev/null 2>&1
  t0=$(now); $bazel test //images:amzn2.validate >/dev/null 2>&1; t1=$(now)
  echo "cold (bazel clean, new server): $(ms "$t0" "$t1") ms"
  $bazel clean >/dev/null 2>&1
  t0=$(now); $bazel test //images:amzn2.validate >/dev/null 2>&1; t1=$(now)
  echo "cold (bazel clean, warm server): $(ms "$t0" "$t1") ms"
  t0=$(now); $bazel test //images:amzn2.validate >/dev/null 2>&1; t1=$(now)
  echo "second run (cached):            $(ms "$t0" "$t1") ms"
fi

# The CLI, and a test that runs the cached validate script (the CLI's runfiles do not hold it).
$bazel build //tools:cli //tools:validate_code_cache_test >/dev/null 2>&1
runfiles="bazel-bin/tools/cli.sh.runfiles"
node="$(ls -d "$runfiles"/*node_*/bin/node 2>/dev/null | head -n1)"
[[ -x "$node" ]] || { echo "no hermetic node under $runfiles" >&2; exit 2; }
cli="$runfiles/_main/tools/cli.js"
flags=(--preserve-symlinks --preserve-symlinks-main --disable-warning=ExperimentalWarning)
echo
echo "== one template, whole process, $runs runs each, alternating ($template)"
echo "node: $("$node" --version) ($node)"
echo "clock: $clock; load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
kib() { echo $(($(stat -L -c %s "$1" 2>/dev/null || stat -L -f %z "$1") / 1024)); }
loader="bazel-bin/tools/validate_code_cache_test.sh.runfiles/_main/tools/helper.validate.cjs"
stem="${loader%.cjs}"
[[ -f "$loader" && -f "$stem.cache" ]] || { echo "no cached validate script at $stem.*" >&2; exit 2; }
echo "cached script: $(kib "$stem.js") KiB, its V8 code cache: $(kib "$stem.cache") KiB (no startup snapshot)"
# Measure the fast path only: with RULES_PACKER_CODE_CACHE=require, a cache V8 refuses is an error.
export RULES_PACKER_CODE_CACHE=require
err="$(mktemp)"
trap 'rm -f "$err"' EXIT
status=0
"$node" "$loader" validate --no-color "$template" >/dev/null 2>"$err" || status=$?
[[ "$status" -le 1 ]] || { cat "$err" >&2; exit 2; }
packer="$(command -v packer || true)"
s=(); v=(); p=(); e=()
for _ in $(seq "$runs"); do
  # What `bazel test` of a packer_image runs: the cached script, started from its code cache.
  t0=$(now); "$node" "$loader" validate --no-color "$template" >/dev/null 2>&1 || true; t1=$(now)
  s+=("$(ms "$t0" "$t1")")
  t0=$(now); "$node" -e 0 >/dev/null 2>&1 || true; t1=$(now)
  e+=("$(ms "$t0" "$t1")")
  # What `bazel run //tools:cli -- validate` runs: the bundled JavaScript.
  t0=$(now); "$node" "${flags[@]}" "$cli" validate --no-color "$template" >/dev/null 2>&1 || true; t1=$(now)
  v+=("$(ms "$t0" "$t1")")
  if [[ -n "$packer" ]]; then
    t0=$(now); "$packer" validate -syntax-only "$template" >/dev/null 2>&1 || true; t1=$(now)
    p+=("$(ms "$t0" "$t1")")
  fi
done
sm="$(printf '%s\n' "${s[@]}" | median)"
vm="$(printf '%s\n' "${v[@]}" | median)"
em="$(printf '%s\n' "${e[@]}" | median)"
echo "validate, bazel test path (cached):    $(printf '%s\n' "${s[@]}" | summary)"
echo "validate, bazel run //tools:cli path:  $(printf '%s\n' "${v[@]}" | summary)"
if [[ -n "$packer" ]]; then
  pm="$(printf '%s\n' "${p[@]}" | median)"
  echo "packer validate -syntax-only:          $(printf '%s\n' "${p[@]}" | summary) ($("$packer" version | head -n1))"
  echo "ratio cached/packer:                   $(awk -v a="$sm" -v b="$pm" 'BEGIN { printf "%.2f", a / b }')"
  echo "ratio cli/packer:                      $(awk -v a="$vm" -v b="$pm" 'BEGIN { printf "%.2f", a / b }')"
  echo "ratio node -e 0/packer (the floor):    $(awk -v a="$em" -v b="$pm" 'BEGIN { printf "%.2f", a / b }')"
else
  echo "packer validate -syntax-only: skipped, no packer on PATH"
fi

echo
echo "== fmt -check, one template, whole process, $runs runs each, alternating ($template)"
f=(); q=()
for _ in $(seq "$runs"); do
  t0=$(now); "$node" "${flags[@]}" "$cli" fmt -check "$template" >/dev/null 2>&1 || true; t1=$(now)
  f+=("$(ms "$t0" "$t1")")
  if [[ -n "$packer" ]]; then
    t0=$(now); "$packer" fmt -check "$template" >/dev/null 2>&1 || true; t1=$(now)
    q+=("$(ms "$t0" "$t1")")
  fi
done
fm="$(printf '%s\n' "${f[@]}" | median)"
echo "fmt -check, bazel run //tools:cli path: $(printf '%s\n' "${f[@]}" | summary)"
if [[ -n "$packer" ]]; then
  qm="$(printf '%s\n' "${q[@]}" | median)"
  echo "packer fmt -check:                      $(printf '%s\n' "${q[@]}" | summary) ($("$packer" version | head -n1))"
  echo "ratio fmt/packer:                       $(awk -v a="$fm" -v b="$qm" 'BEGIN { printf "%.2f", a / b }')"
else
  echo "packer fmt -check: skipped, no packer on PATH"
fi

echo
echo "== in process"
for script in tools/maintainer/bench/parse-bench.ts tools/maintainer/bench/validate-bench.ts tools/maintainer/bench/fmt-bench.ts; do
  if [[ -f "$script" ]]; then
    "$node" "${flags[@]}" "$script"
  else
    echo "$script: not present"
  fi
done
