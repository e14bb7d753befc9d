#!/usr/bin/env bash
# Offline and firewalled users. A repository from the README's snippets whose Packer download
# cannot be reached (a mirror that refuses connections) gets an error that names the settings to
# paste; with `common --repo_env=RULES_PACKER_HOST_PACKER=...` in a try-imported user.bazelrc
# (no committed file edited) bazel run, bazel build and ibazel use the installed Packer.
# rules_packer's own checkout works offline the same way.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_begin offline
if [[ -z "$local_packer" || -z "$local_packer_version" ]]; then
  skip "needs a Packer on PATH (the installed Packer these users point at)"
  e2e_end
  exit
fi
ws="$work/repo"
bazel() { bazel_in "$ws" "$@"; }
readme_repo "$ws"
# The firewall: Packer's only source refuses connections.
cat >>"$ws/MODULE.bazel" <<'EOF'

packer = use_extension("@rules_packer//packer:extensions.bzl", "packer")
packer.toolchain(urls = ["https://127.0.0.1:1/packer/{version}/packer_{version}_{platform}.zip"])
EOF

if ! bazel run //images:runner -- --dry-run >"$log" 2>&1 && expect_in_log "could not download packer_" &&
  expect_in_log "common --repo_env=RULES_PACKER_HOST_PACKER=/usr/local/bin/packer" &&
  expect_in_log 'packer.host(path = "/usr/local/bin/packer")' && expect_in_log 'packer.toolchain(urls = ["https://mirror.example.com/packer/{version}/packer_{version}_{platform}.zip"])'; then
  ok "an unreachable Packer download names RULES_PACKER_HOST_PACKER, packer.host and packer.toolchain(urls) to paste"
else
  not_ok "the download error's advice"
fi

# ibazel before the fix: its query of what to watch follows the toolchains, so it fails the same way.
ibazel_wrapper="$work/bazel-for-ibazel"
printf '#!/bin/sh\nexec "%s" --output_base="%s" "$@"\n' "$repo/node_modules/.bin/bazelisk" "$work/output-bases/repo" >"$ibazel_wrapper"
chmod +x "$ibazel_wrapper"
# run_ibazel SECONDS: ibazel test //images/... in the background until its first result (or
# SECONDS); then an edit that makes the template unformatted, and ibazel's second run, which
# prints its FMT-01 warning. ibazel's output (colours removed) ends up in $log.
run_ibazel() {
  local limit="$1" pid
  # The npm package's native binary itself (its node wrapper would leave it running when killed).
  (cd "$ws" && exec "$repo/node_modules/@bazel/ibazel/bin/$platform/ibazel" -bazel_path "$ibazel_wrapper" test //images/...) >"$work/ibazel.out" 2>&1 &
  pid=$!
  plain() { sed 's/\x1b\[[0-9;]*m//g' "$work/ibazel.out"; }
  for _ in $(seq "$limit"); do
    plain | grep -qE '^//images:runner.validate +(\(cached\) )?PASSED|Build failed|ERROR:' && break
    sleep 1
  done
  if plain | grep -qE '^//images:runner.validate +(\(cached\) )?PASSED'; then
    sed -i.bak 's/^  communicator = "none"/    communicator = "none"/' "$ws/images/runner.pkr.hcl"
    for _ in $(seq "$limit"); do
      plain | grep -q 'warning FMT-01' && break
      sleep 1
    done
    mv "$ws/images/runner.pkr.hcl.bak" "$ws/images/runner.pkr.hcl"
  fi
  # ibazel stops on Ctrl-C (SIGINT); it is killed if it has not within 10 s.
  kill -INT "$pid" 2>/dev/null || true
  for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  plain >"$log"
}
run_ibazel 60
if expect_in_log "could not download packer_" && ! grep -qE 'runner.validate +PASSED' "$log"; then
  ok "before: ibazel test stops at the same download error"
else
  not_ok "ibazel before RULES_PACKER_HOST_PACKER was set (expected the download error)"
fi

# The fix for this machine only: user.bazelrc, which the README's .bazelrc try-imports.
printf 'common --repo_env=RULES_PACKER_HOST_PACKER=%s\n' "$local_packer" >"$ws/user.bazelrc"
if bazel run //images:runner -- --dry-run >"$log" 2>&1 && expect_in_log "Packer:    $local_packer_version ($local_packer)"; then
  ok "with RULES_PACKER_HOST_PACKER in user.bazelrc, bazel run uses $local_packer (Packer $local_packer_version)"
else
  not_ok "bazel run with RULES_PACKER_HOST_PACKER"
fi
if bazel run //images:runner >"$log" 2>&1 && expect_in_log "installing for prod in us-east-2"; then
  ok "bazel run //images:runner builds with the installed Packer (its shell-local step ran)"
else
  not_ok "bazel run //images:runner with the installed Packer"
fi
if bazel build //... >"$log" 2>&1 && bazel test //... >>"$log" 2>&1 && ! ls "$(bazel info output_base 2>/dev/null)/external" | grep -qE 'packer_(linux|darwin|windows)_[a-z0-9]+$'; then
  ok "bazel build //... and bazel test //... pass, and no Packer download repository exists"
else
  not_ok "bazel build and test //... with RULES_PACKER_HOST_PACKER"
fi
run_ibazel 90
if grep -qE '^//images:runner.validate +(\(cached\) )?PASSED' "$log" && expect_in_log "images/runner.pkr.hcl:17:3: warning FMT-01"; then
  ok "ibazel test //images/... runs, and on a save re-validates and prints the new warning"
else
  not_ok "ibazel with RULES_PACKER_HOST_PACKER"
fi

# rules_packer's own checkout, offline: a copy of its files with the same user.bazelrc line.
self="$work/rules_packer"
mkdir -p "$self"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard | grep -zv '^e2e/' | xargs -0 tar cf -) | (cd "$self" && tar xf -)
printf 'common --repo_env=RULES_PACKER_HOST_PACKER=%s\n' "$local_packer" >"$self/user.bazelrc"
if bazel_in "$self" run //images:amzn2 -- --dry-run >"$log" 2>&1 && expect_in_log "Packer:    $local_packer_version ($local_packer)"; then
  ok "rules_packer's own checkout: bazel run //images:amzn2 -- --dry-run with the user.bazelrc line, no MODULE.bazel edit"
else
  not_ok "rules_packer's own checkout with RULES_PACKER_HOST_PACKER"
fi

e2e_end
