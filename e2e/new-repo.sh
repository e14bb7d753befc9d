#!/usr/bin/env bash
# A new user's first hour: a repository written only from the README's snippets (MODULE.bazel
# with this checkout in place of the archive_override, .bazelrc, the root BUILD.bazel, one
# template's BUILD.bazel) passes its first `bazel test //...` without fetching Packer. Then:
# a passing template's warning reaches the console once, as a compiler's does; the canary config
# check of the README's canary section fails as a test, naming the command that makes the missing
# file, and passes once it is run; a broken cache bust prints the command that fixes it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_begin new-repo
ws="$work/repo"
bazel() { bazel_in "$ws" "$@"; }

readme_repo "$ws"
if [[ ! -s "$ws/images/BUILD.bazel" || ! -s "$ws/BUILD.bazel" || ! -s "$ws/.bazelrc" ]] || ! grep -q 'local_path_override' "$ws/MODULE.bazel"; then
  log="$ws/MODULE.bazel"
  not_ok "the README's snippets (<!-- snippet: NAME --> markers) were not all found"
  e2e_end
fi

# 1. The first bazel test //... passes, and fetches no Packer (test --build_tests_only).
if bazel test //... >"$log" 2>&1 && grep -E '//images:runner.validate +PASSED' "$log" >/dev/null &&
  grep -E '//:cache_bust_test +PASSED' "$log" >/dev/null; then
  ok "the first bazel test //... of a repository written from the README passes"
else
  not_ok "the first bazel test //... of a repository written from the README"
fi
fetched="$(ls "$(bazel info output_base 2>/dev/null)/external" | grep -E 'packer_(linux|darwin|windows)_[a-z0-9]+$' || true)"
if [[ -z "$fetched" ]]; then ok "bazel test //... fetched no Packer"; else not_ok "bazel test //... fetched Packer: $fetched"; fi

# 2. A warning of a passing template reaches the console, once; --test_output=all shows it again.
sed -i.bak 's/^  communicator = "none"/    communicator = "none"/' "$ws/images/runner.pkr.hcl"
if bazel test //images:runner.validate >"$log" 2>&1 && expect_in_log "INFO: From Validating the Packer templates of //images:runner.validate:" &&
  expect_in_log "images/runner.pkr.hcl:17:3: warning FMT-01" && grep -E '//images:runner.validate +PASSED' "$log" >/dev/null; then
  ok "a passing template's FMT-01 warning is printed by bazel test, as a compiler's warning is"
else
  not_ok "the warning of a passing template on the console"
fi
if bazel test //images:runner.validate >"$log" 2>&1 && grep -E '//images:runner.validate +\(cached\) PASSED' "$log" >/dev/null &&
  ! expect_in_log "FMT-01" && bazel test --test_output=all //images:runner.validate >"$log" 2>&1 && expect_in_log "warning FMT-01"; then
  ok "a cached result prints no warning again; --test_output=all shows it"
else
  not_ok "the warning of a cached result"
fi
mv "$ws/images/runner.pkr.hcl.bak" "$ws/images/runner.pkr.hcl"

# 3. The canary config check (README, canary section) without .aspect/workflows: a failing test
#    that names the command, the other tests still run; then the command makes it pass.
readme_snippet "canary BUILD.bazel" | grep -v '^load(' >>"$ws/BUILD.bazel"
sed -i.bak 's/load("@rules_packer\/\/packer:defs.bzl", "packer_cache_bust_test")/load("@rules_packer\/\/packer:defs.bzl", "packer_cache_bust_test", "packer_canary_config_test")/' "$ws/BUILD.bazel"
if ! bazel test //... >"$log" 2>&1 && grep -E '//:canary_config_test +FAILED' "$log" >/dev/null &&
  grep -E '//images:runner.validate +(\(cached\) )?PASSED' "$log" >/dev/null && ! expect_in_log "NO STATUS" &&
  expect_in_log ".aspect/workflows/config.yaml: missing." && expect_in_log "bazel run @rules_packer//tools:cli -- canary"; then
  ok "without .aspect/workflows the canary config test fails as a test, naming the command; no NO STATUS"
else
  not_ok "the canary config test without .aspect/workflows"
fi
mkdir -p "$ws/.aspect/workflows"
printf 'tasks:\n  - test:\n' >"$ws/.aspect/workflows/config.yaml"
if ! bazel test //:canary_config_test >"$log" 2>&1 && expect_in_log "config-canary.yaml: missing; run \`bazel run @rules_packer//tools:cli -- canary\`" &&
  bazel run @rules_packer//tools:cli -- canary >"$log" 2>&1 && bazel test //:canary_config_test >"$log" 2>&1; then
  ok "with config.yaml the test names the canary command; after running it the test passes"
else
  not_ok "the canary config test once config.yaml exists"
fi

# 4. A broken cache bust: the test prints the command that fixes it, and that command does.
sed -i.bak 's/--action_env=CACHE_BUST=001/--action_env=CACHE_BUST=002/' "$ws/.bazelrc"
if ! bazel test //:cache_bust_test >"$log" 2>&1 && expect_in_log "fix: bazel run @rules_packer//tools:cache_bust -- bump --value 001"; then
  fix="$(sed -nE 's/^fix: bazel (run .*)$/\1/p' "$log" | head -n1)"
  # shellcheck disable=SC2086 # the printed command, word for word
  if bazel $fix >"$log" 2>&1 && bazel test //:cache_bust_test >"$log" 2>&1; then
    ok "a failing cache_bust_test prints the bump command, and running it fixes .bazelrc"
  else
    not_ok "the printed fix did not fix .bazelrc"
  fi
else
  not_ok "a failing cache_bust_test names the fix"
fi

e2e_end
