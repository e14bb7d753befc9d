#!/usr/bin/env bash
# End-to-end test: rules_packer used from another Bazel module (e2e/smoke), with the real Bazel
# and a real Packer. It runs on a copy of e2e/smoke in e2e/.work/smoke/, so it can change that
# copy's MODULE.bazel and .bazelrc without touching the checkout.
#
# Which Packer download it proves depends on the machine:
#   mirror   - a `packer` is on PATH: it is zipped into a file:// mirror with its own sha256 and
#              pinned through packer.toolchain(version, sha256, urls), as an air-gapped team would.
#   official - no local Packer: the default pinned release is downloaded from HashiCorp.
# Either way a wrong sha256 must fail the fetch with a clear message, before anything runs.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_begin smoke
ws="$work/ws"
out="$work/out"
bazel() { bazel_in "$ws" "$@"; }

mkdir -p "$ws" "$out"
(cd "$repo/e2e/smoke" && tar cf - --exclude='./bazel-*' .) | (cd "$ws" && tar xf -)
# The copy takes rules_packer from this checkout, wherever the copy sits.
sed "s|path = \"../..\"|path = \"$repo\"|" "$repo/e2e/smoke/MODULE.bazel" >"$ws/MODULE.bazel.base"

if [[ -n "$local_packer" && -z "$have_python" ]]; then
  echo "e2e: a local packer is on PATH, but the file:// mirror needs python3 (to zip it); using the official download"
fi
if [[ -n "$local_packer" && -n "$have_python" && "${RULES_PACKER_E2E_MODE:-}" != "official" ]]; then
  mode=mirror
  version="$local_packer_version"
  mkdir -p "$work/mirror"
  zip="$work/mirror/packer_${version}_${platform}.zip"
  rm -f "$zip"
  zip_executable "$local_packer" packer "$zip"
  good_sha="$(sha256 "$zip")"
  echo "e2e: path=mirror: Packer $version from $local_packer, zipped to file://$zip (sha256 $good_sha)"
  toolchain() {
    cat <<EOT
packer = use_extension("@rules_packer//packer:extensions.bzl", "packer")
packer.toolchain(
    version = "$version",
    sha256 = {"$platform": "$1"},
    urls = ["$(file_uri "$work/mirror")/packer_{version}_{platform}.zip"],
)
EOT
  }
else
  mode=official
  version="$(sed -nE 's/^DEFAULT_PACKER_VERSION = "(.*)"/\1/p' "$repo/packer/private/versions.bzl")"
  good_sha=""
  echo "e2e: path=official: no local packer on PATH; Packer $version from releases.hashicorp.com"
  toolchain() {
    [[ -z "$1" ]] && return 0
    cat <<EOT
packer = use_extension("@rules_packer//packer:extensions.bzl", "packer")
packer.toolchain(version = "$version", sha256 = {"$platform": "$1"})
EOT
  }
fi
write_module() { { cat "$ws/MODULE.bazel.base"; toolchain "$1"; } >"$ws/MODULE.bazel"; }
# extension_module LINE...: the base module, the packer extension, and these lines.
extension_module() {
  { cat "$ws/MODULE.bazel.base"; printf '%s\n' 'packer = use_extension("@rules_packer//packer:extensions.bzl", "packer")' "$@"; } >"$ws/MODULE.bazel"
}

# 0. Unknown versions and platforms are refused with what is known.
extension_module 'packer.toolchain(version = "0.0.1")'
if ! bazel build //:smoke >"$log" 2>&1 && expect_in_log "Packer 0.0.1 is not in the table of confirmed versions (1.10.0, " &&
  expect_in_log 'packer.toolchain(version = "0.0.1", sha256 = {'; then
  ok "an unknown Packer version fails, listing the known versions and how to pin one"
else
  not_ok "unknown version message"
fi
extension_module 'packer.toolchain(version = "9.0.0", sha256 = {"plan9_mips": "00"})'
if ! bazel build //:smoke >"$log" 2>&1 && expect_in_log "unknown platform \"plan9_mips\"" && expect_in_log "known platforms: darwin_amd64, darwin_arm64, linux_amd64, linux_arm64, windows_amd64"; then
  ok "an unknown platform fails, listing the known platforms"
else
  not_ok "unknown platform message"
fi

other_platform="$([[ "$platform" == windows_amd64 ]] && echo linux_amd64 || echo windows_amd64)"
extension_module "packer.toolchain(version = \"9.0.0\", sha256 = {\"$other_platform\": \"$(printf '0%.0s' $(seq 64))\"})"
if ! bazel build //:smoke >"$log" 2>&1 && expect_in_log "Packer 9.0.0 has no toolchain for the platform it has to run on; it has sha256 sums for: $other_platform"; then
  ok "a pinned version without this platform's sha256 fails with what is known, not Bazel's generic toolchain error"
else
  not_ok "missing-platform message"
fi

# 0b. What needs Packer fetched: with a Packer that cannot be downloaded, bazel test of the
#     templates still passes (Node.js and the validator only), while bazel run -- --dry-run fails
#     with the download error, naming the file and the URL it tried.
extension_module "packer.toolchain(version = \"9.9.9\", sha256 = {\"$platform\": \"$(printf '1%.0s' $(seq 64))\"}, urls = [\"file:///nonexistent/packer_{version}_{platform}.zip\"])"
if bazel test //:smoke.validate //:cache_bust_test //:canary_config_test >"$log" 2>&1 &&
  ! bazel run //:smoke -- --dry-run >"$log" 2>&1 &&
  expect_in_log "rules_packer: could not download packer_9.9.9_${platform}.zip; no source could be reached:" &&
  expect_in_log "file:///nonexistent/packer_9.9.9_${platform}.zip"; then
  ok "bazel test needs no Packer; bazel run -- --dry-run fetches it and says which download failed"
else
  not_ok "what needs Packer fetched"
fi

# 1. A wrong sha256 fails the fetch, naming the file and both sums; nothing runs.
bad_sha="0000000000000000000000000000000000000000000000000000000000000000"
write_module "$bad_sha"
if bazel run //:smoke -- -var "output_dir=$out" >"$log" 2>&1; then
  not_ok "wrong sha256: the build should have failed"
elif expect_in_log "checksum mismatch for packer_${version}_${platform}.zip" &&
  expect_in_log "expected: sha256 $bad_sha" && expect_in_log "actual:   sha256" && [[ ! -e "$out/manifest.json" ]]; then
  ok "wrong sha256 fails the fetch with file, expected and actual sum; Packer never ran"
else
  not_ok "wrong sha256: the error does not name the file and both sums"
fi

# 2. The pinned download is fetched, verified and used; only this platform's archive.
write_module "$good_sha"
if bazel run //:smoke -- --dry-run >"$log" 2>&1 && expect_in_log "Packer:    $version" &&
  expect_in_log "packer_${platform}/packer" && expect_in_log "api_token  = <sensitive>" &&
  ! expect_in_log "not-a-real-token" && expect_in_log "-var cache_bust=e2e-001"; then
  ok "dry run: Packer $version from the pinned download, sensitive value masked, cache bust passed"
else
  not_ok "dry run"
fi
external="$(bazel info output_base 2>/dev/null)/external"
others="$(ls "$external" | grep -v '\.marker$' | grep -E 'packer_(linux|darwin|windows)_' | grep -v "packer_${platform}\$" || true)"
if [[ -z "$others" ]]; then ok "only the $platform Packer repository was fetched"; else not_ok "other platforms were fetched: $others"; fi

# 2f. The user's NODE_OPTIONS (here a loader that does not exist) do not reach the helper's
#     Node.js. The launcher is run directly, as `bazel run --script_path` users do.
if bazel build //:smoke >"$log" 2>&1 &&
  NODE_OPTIONS="--require $work/no-such-loader.cjs" "$(bazel info bazel-bin 2>/dev/null)/smoke.sh" --dry-run >"$log" 2>&1 &&
  expect_in_log "dry run, nothing was run"; then
  ok "the shell's NODE_OPTIONS do not reach the helper's Node.js"
else
  not_ok "NODE_OPTIONS from the shell broke the launcher"
fi

# 2e. CACHE_BUST taken from the shell (`--action_env=CACHE_BUST`, no value) counts as well.
if CACHE_BUST=e2e-shell bazel run --action_env=CACHE_BUST //:smoke -- --dry-run >"$log" 2>&1 &&
  expect_in_log "-var cache_bust=e2e-shell"; then
  ok "--action_env=CACHE_BUST without a value: the shell's CACHE_BUST reaches the template"
else
  not_ok "--action_env=CACHE_BUST from the shell"
fi

# 2a. The README's dry run of the example images, analysed and run from the consuming module.
if bazel run @rules_packer//images:amzn2 -- --dry-run >"$log" 2>&1 && grep -E "@rules_packer[^/]*//images:amzn2: dry run, nothing was run" "$log" >/dev/null &&
  grep -E "packer' init .*/images/amzn2.pkr.hcl" "$log" >/dev/null && grep -E "packer' build -var cache_bust=e2e-001 .*/images/amzn2.pkr.hcl" "$log" >/dev/null &&
  bazel build @rules_packer//images:all >"$log" 2>&1; then
  ok "the example images build and dry-run from another module (packer init, then build with the cache bust)"
else
  not_ok "@rules_packer//images: dry run and build"
fi

# 2c. bazel run starts Packer and Node.js on the target platform, whatever runs the actions:
#     for a macOS target this Linux build wants the macOS binaries (which this pin lacks).
if ! bazel build --platforms=//:macos_arm64 //:smoke >"$log" 2>&1 &&
  { expect_in_log "Packer $version has no toolchain for the platform it has to run on" || expect_in_log "darwin-arm64"; } &&
  bazel build --platforms=//:macos_arm64 //:smoke.validate >/dev/null 2>&1; then
  ok "a macOS target platform gets macOS Packer/Node.js for bazel run; its validation still builds with the host's"
else
  not_ok "runtime toolchains follow the target platform"
fi

# 2b. Air-gapped hosts: packer.host() uses the installed binary, version detected.
if [[ "$mode" == mirror ]]; then
  extension_module "packer.host(path = \"$local_packer\")"
  if bazel run //:smoke -- --dry-run >"$log" 2>&1 && expect_in_log "Packer:    $version ($local_packer)"; then
    ok "packer.host() runs the installed $local_packer (version $version detected)"
  else
    not_ok "packer.host()"
  fi
  write_module "$good_sha"
fi

# 2d. A plugin pinned by Bazel: verified, laid out as Packer 1.10+ expects (with its _SHA256SUM),
#     given as PACKER_PLUGIN_PATH, and `packer init` is not needed. (Packer 1.6.6 cannot load
#     such plugins, so this checks the layout and the wiring, not a plugin run.)
if [[ "$mode" == mirror ]]; then
  plugin_bin="packer-plugin-fake_v0.1.0_x5.0_$platform"
  plugin_zip="$work/mirror/packer-plugin-fake_0.1.0_$platform.zip"
  rm -f "$plugin_zip"
  printf '#!/bin/sh\necho fake plugin\n' >"$work/fake-plugin"
  zip_executable "$work/fake-plugin" "$plugin_bin" "$plugin_zip"
  plugin_module() {
    { cat "$ws/MODULE.bazel.base"; toolchain "$good_sha"; cat <<EOT
packer.plugin(
    source = "example.com/acme/fake",
    version = "0.1.0",
    sha256 = {"$platform": "$1"},
    urls = ["$(file_uri "$work/mirror")/packer-plugin-{name}_{version}_{platform}.zip"],
)
EOT
    } >"$ws/MODULE.bazel"
  }
  plugin_module "$bad_sha"
  if ! bazel build //:smoke >"$log" 2>&1 && expect_in_log "checksum mismatch for packer-plugin-fake_0.1.0_$platform.zip"; then
    ok "a pinned plugin with a wrong sha256 fails the fetch"
  else
    not_ok "plugin checksum mismatch"
  fi
  plugin_module "$(sha256 "$plugin_zip")"
  if bazel run //:smoke -- --dry-run >"$log" 2>&1 && expect_in_log "(pinned by Bazel; no packer init)"; then
    plugin_dir="$(sed -nE 's/^Plugins: +PACKER_PLUGIN_PATH=(.*) \(pinned.*/\1/p' "$log")"
    plugin_file="$plugin_dir/example.com/acme/fake/$plugin_bin"
    if [[ -f "$plugin_file" && "$(cat "${plugin_file}_SHA256SUM")" == "$(sha256 "$plugin_file")" ]]; then
      ok "a pinned plugin is laid out under PACKER_PLUGIN_PATH with its _SHA256SUM; no packer init"
    else
      not_ok "plugin layout under $plugin_dir"
    fi
  else
    not_ok "plugin dry run"
  fi
  # The pin (0.1.0) against a template that asks for "~> 0.2": bazel test says where, and
  # bazel run stops before Packer; with "~> 0.1" the validation passes.
  if ! bazel test //:pins.validate >"$log" 2>&1 &&
    expect_in_log 'pins/pins.pkr.hcl:7:17: error PLG-01: fake "~> 0.2" does not allow 0.1.0, the version MODULE.bazel pins for example.com/acme/fake' &&
    ! bazel run //:pins -- --dry-run >"$log" 2>&1 &&
    expect_in_log 'pins/pins.pkr.hcl:7:17: fake = "~> 0.2" does not allow example.com/acme/fake 0.1.0, the version Bazel pins' &&
    sed -i.bak 's/~> 0.2/~> 0.1/' "$ws/pins/pins.pkr.hcl" && bazel test //:pins.validate >"$log" 2>&1; then
    ok "a pinned plugin outside required_plugins' constraint fails bazel test (PLG-01) and bazel run; inside it passes"
  else
    not_ok "plugin pins against required_plugins"
  fi
  write_module "$good_sha"
fi

# 3. bazel run really runs Packer: null builder, shell-local (running a binary from `data` that
#    reads its own runfiles), manifest post-processor.
if bazel run //:smoke -- -var "output_dir=$out" >"$log" 2>&1 && [[ -f "$out/manifest.json" ]] &&
  grep -q '"image_name": "ci-runner-e2e-001"' "$out/manifest.json" && expect_in_log "greetings from a data binary's runfiles"; then
  ok "bazel run //:smoke built with Packer and wrote manifest.json (image_name ci-runner-e2e-001); a data binary found its runfiles"
else
  not_ok "bazel run //:smoke (manifest.json with image_name ci-runner-e2e-001, the data binary's greeting)"
fi

# 3b. Packer runs where `bazel run` was started: a relative -var-file after -- and Packer's own
#     outputs (the manifest at output_dir = ".") are in that directory, not in Bazel's tree.
mkdir -p "$ws/sub"
printf 'output_dir = "."\n' >"$ws/sub/local.pkrvars.hcl"
rm -f "$ws/sub/manifest.json"
if bazel_in "$ws/sub" run //:smoke -- -var-file=local.pkrvars.hcl >"$log" 2>&1 &&
  grep -q '"image_name": "ci-runner-e2e-001"' "$ws/sub/manifest.json"; then
  ok "bazel run from a subdirectory: its -var-file and Packer's manifest.json are in that directory"
else
  not_ok "Packer's working directory is where bazel run was started"
fi

# 4. Validation passes. After a CACHE_BUST bump the image target whose template declares the
#    variable gets the new value; the one without it is byte-for-byte unchanged. (Every test
#    re-runs: Bazel gives --action_env to test actions, which is what a canary run wants.)
if bazel test //... >"$log" 2>&1 && grep -E '//:packer_version_test .*PASSED' "$log" >/dev/null &&
  grep -E '//:cache_bust_test .*PASSED' "$log" >/dev/null && grep -E '//:canary_config_test .*PASSED' "$log" >/dev/null; then
  ok "bazel test //...: both templates validate; \$(PACKER_BIN) runs the toolchain's Packer in a genrule; the canary checks pass"
else
  not_ok "bazel test //... in the smoke module"
fi
# A template with mistakes fails its test, with file:line:col findings and a JUnit report.
testlogs="$(bazel info bazel-testlogs 2>/dev/null)"
if ! bazel test //:broken.validate >"$log" 2>&1 &&
  expect_in_log "broken/broken.pkr.hcl:12:14: error SRC-01: Unknown source null.brokn. Did you mean \"null.broken\"?" &&
  expect_in_log "broken/broken.pkr.hcl:15:27: error REF-01: var.greting undeclared; did you mean var.greeting?" &&
  grep -q 'REF-01' "$testlogs/broken.validate/test.xml" && grep -q '<failure' "$testlogs/broken.validate/test.xml"; then
  ok "a broken template fails bazel test with file:line:col findings and a JUnit report"
else
  not_ok "bazel test //:broken.validate should fail with SRC-01 and REF-01 findings and test.xml"
fi
# The repository-wide rule settings (a .bazelrc line), by family: with SRC-* and REF-* off the
# broken template passes.
if bazel test //:broken.validate '--@rules_packer//packer:validate_rules=SRC-*=off,REF-*=off' >"$log" 2>&1; then
  ok "--@rules_packer//packer:validate_rules=SRC-*=off,REF-*=off turns those rule families off for every target"
else
  not_ok "the validate_rules flag"
fi

# The canary from a consumer, with the README's commands and the public check macros.
# The canary config: stale after an edit of config.yaml (the test says so and shows the
# difference), current again after `bazel run @rules_packer//tools:cli -- canary`.
printf '  - format:\n' >>"$ws/.aspect/workflows/config.yaml"
if ! bazel test //:canary_config_test >"$log" 2>&1 && expect_in_log "config-canary.yaml: stale" && grep -qE 'line [0-9]+: \+ +- format:' "$log" &&
  bazel run @rules_packer//tools:cli -- canary >"$log" 2>&1 && bazel test //:canary_config_test >"$log" 2>&1 &&
  grep -q -- '- format:' "$ws/.aspect/workflows/config-canary.yaml"; then
  ok "packer_canary_config_test fails on a stale canary config; bazel run @rules_packer//tools:cli -- canary makes it current"
else
  not_ok "the canary config test and command from a consumer"
fi
if bazel run @rules_packer//tools:cli -- canary --print-ci >"$log" 2>&1 && expect_in_log "config-canary.yaml" &&
  bazel run @rules_packer//tools:cli -- canary --print-terraform --image-prefix ci-runner- >"$log" 2>&1 && expect_in_log 'data "aws_ami"'; then
  ok "bazel run @rules_packer//tools:cli -- canary --print-ci / --print-terraform print the CI switch and the Terraform"
else
  not_ok "canary --print-ci / --print-terraform from a consumer"
fi
# The cache bust: two values that disagree fail packer_cache_bust_test, naming the lines.
cp "$ws/.bazelrc" "$work/bazelrc.before"
sed 's/--action_env=CACHE_BUST=e2e-001/--action_env=CACHE_BUST=e2e-009/' "$work/bazelrc.before" >"$ws/.bazelrc"
if ! bazel test //:cache_bust_test >"$log" 2>&1 && expect_in_log ".bazelrc:4" && expect_in_log "e2e-009"; then
  ok "packer_cache_bust_test fails when --repo_env and --action_env disagree, naming the line"
else
  not_ok "packer_cache_bust_test on disagreeing values"
fi
cp "$work/bazelrc.before" "$ws/.bazelrc"

# The canary's --repo_env=CACHE_BUST reaches rules_packer's repository rules: a bump re-runs the
# Packer, Node.js and npm-package repositories (verification again, from the repository cache:
# downloads are disabled for that build), their files stay the same, and the toolchain hubs do
# not re-run. An unchanged value re-runs nothing.
external="$(bazel info output_base 2>/dev/null)/external"
repo_named() { find "$external" -maxdepth 1 -type d -name "*[~+]packer[~+]$1" | head -n1; }
stamp() {
  if stat -c %y "$1" >/dev/null 2>&1; then stat -c %y "$1"; else stat -f %Fm "$1"; fi
}
tree_sum() {
  (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z |
    if command -v sha256sum >/dev/null; then xargs -0 sha256sum; else xargs -0 shasum -a 256; fi) |
    { if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi; }
}
rerun_repos=("packer_$platform" "node_$platform" "rules_packer_npm")
hub_repos=(packer_toolchains node_toolchains)
snapshot() {
  for name in "${rerun_repos[@]}" "${hub_repos[@]}"; do
    dir="$(repo_named "$name")"
    if [[ -z "$dir" ]]; then echo "$name|missing"; continue; fi
    marker="$(dirname "$dir")/@$(basename "$dir").marker"
    # name|marker time|CACHE_BUST the marker records|sum of the repository's files
    echo "$name|$(stamp "$marker")|$(grep '^ENV:CACHE_BUST ' "$marker" | cut -d' ' -f2)|$(tree_sum "$dir" | cut -c1-16)"
  done
}
bazel build //:smoke //:smoke.validate >"$log" 2>&1 || true
snapshot >"$work/repos.before"
if bazel build --repository_disable_download //:smoke //:smoke.validate >"$log" 2>&1 && snapshot >"$work/repos.same" &&
  diff "$work/repos.before" "$work/repos.same" >"$log" 2>&1 && ! grep -q '|missing' "$work/repos.same" &&
  [[ "$(grep -c '|e2e-001|' "$work/repos.same")" == "${#rerun_repos[@]}" ]]; then
  ok "an unchanged CACHE_BUST re-runs no repository rule (the ${#rerun_repos[@]} that list it record CACHE_BUST=e2e-001)"
else
  not_ok "an unchanged CACHE_BUST re-ran repository rules"
fi

# The user's command for it: edits the .bazelrc of the workspace it runs in.
if bazel run @rules_packer//tools:cache_bust -- bump --value e2e-002 >"$log" 2>&1 &&
  [[ "$(grep -c 'CACHE_BUST=e2e-002' "$ws/.bazelrc")" == 1 ]] && ! grep -q 'e2e-001' "$ws/.bazelrc"; then
  ok "bazel run @rules_packer//tools:cache_bust -- bump --value e2e-002 edited the smoke module's .bazelrc"
else
  not_ok "cache_bust bump in the smoke module"
fi
if bazel build --repository_disable_download //:smoke //:smoke.validate >"$log" 2>&1 && snapshot >"$work/repos.after"; then
  rerun_ok=1
  for name in "${rerun_repos[@]}"; do
    IFS='|' read -r _ stamp_before env_before files_before < <(grep "^$name|" "$work/repos.before")
    IFS='|' read -r _ stamp_after env_after files_after < <(grep "^$name|" "$work/repos.after")
    # Re-run: a new marker recording the new value; the same files.
    [[ "$env_before" == e2e-001 && "$env_after" == e2e-002 && "$stamp_before" != "$stamp_after" &&
      -n "$files_after" && "$files_before" == "$files_after" ]] || rerun_ok=""
  done
  for name in "${hub_repos[@]}"; do
    [[ "$(grep "^$name|" "$work/repos.before")" == "$(grep "^$name|" "$work/repos.after")" ]] || rerun_ok=""
  done
  if [[ -n "$rerun_ok" ]]; then
    ok "after the bump the Packer, Node.js and npm repositories re-ran from the repository cache (downloads disabled), files unchanged; the hubs did not re-run"
  else
    not_ok "CACHE_BUST bump and repository rules"
    sed 's/^/    | before: /' "$work/repos.before" >&2
    sed 's/^/    | after:  /' "$work/repos.after" >&2
  fi
else
  not_ok "the build after the bump needed a download (or failed)"
fi
bin="$(bazel info bazel-bin 2>/dev/null)"
if bazel test //... >"$log" 2>&1 && grep -E '//:smoke.validate +PASSED' "$log" >/dev/null &&
  [[ "$(cat "$bin/smoke.cache_bust.txt")" == "e2e-002" && -f "$bin/steady.cache_bust.txt" && ! -s "$bin/steady.cache_bust.txt" ]]; then
  ok "after the bump: //:smoke gets CACHE_BUST=e2e-002, //:steady (no cache_bust variable) is unchanged"
else
  not_ok "cache bust: expected smoke.cache_bust.txt=e2e-002 and an empty steady.cache_bust.txt"
fi
rm -f "$out/manifest.json"
if bazel run //:smoke -- -var "output_dir=$out" >"$log" 2>&1 &&
  grep -q '"image_name": "ci-runner-e2e-002"' "$out/manifest.json"; then
  ok "after the bump: the image name carries CACHE_BUST=e2e-002"
else
  not_ok "cache bust did not reach the template (expected ci-runner-e2e-002)"
fi

# 5. Node.js for the helper. Wrong bytes from the first source (a file:// stand-in for the
#    official site) fail with both checksums, and the npm source is not tried. A source that is
#    not there (a real HTTP server on 127.0.0.1 answering 404) falls through to the npm registry's
#    build, verified with its own integrity.
node_version="$(sed -nE 's/^DEFAULT_NODE_VERSION = "(.*)"/\1/p' "$repo/packer/private/versions.bzl")"
node_name="$(case $platform in linux_amd64) echo linux-x64 ;; linux_arm64) echo linux-arm64 ;; darwin_amd64) echo darwin-x64 ;; darwin_arm64) echo darwin-arm64 ;; esac)"
node_file="$(grep -oE "\"v$node_version/node-v$node_version-$node_name\.tar\.(xz|gz)\"" "$repo/packer/private/versions.bzl" | tr -d '"')"
node_module() { { cat "$ws/MODULE.bazel.base"; toolchain "$good_sha"; printf '%s\n' 'node = use_extension("@rules_packer//packer:extensions.bzl", "packer")' "node.node(urls = [\"$1/{path}\"])"; } >"$ws/MODULE.bazel"; }
site="$work/node-site"
rm -rf "$site" && mkdir -p "$site/wrong/$(dirname "$node_file")"
echo "these are not the bytes you are looking for" >"$site/wrong/$node_file"
if [[ -z "$have_python" ]]; then
  echo "skip - Node.js wrong bytes: needs python3 to write the file:// URL"
else
  wrong_uri="$(file_uri "$site/wrong")"
  node_module "$wrong_uri"
  if ! bazel build //:smoke >"$log" 2>&1 && expect_in_log "checksum mismatch for Node.js $node_version for $platform" &&
    expect_in_log "downloaded from: $wrong_uri/$node_file" && expect_in_log "actual:   sha256 "; then
    ok "Node.js: wrong bytes from the first source fail with both checksums; the next source is not tried"
  else
    not_ok "Node.js: wrong bytes from the first source"
  fi
fi
if [[ "$platform" != linux_amd64 ]]; then
  echo "skip - Node.js fallback: the npm registry has no Node.js $node_version build for $platform"
elif [[ -z "$have_python" ]]; then
  echo "skip - Node.js fallback: needs python3 for the local HTTP server"
else
  rm -f "$work/port"
  python3 - "$site" "$work/port" <<'PY' &
import functools, http.server, sys
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=sys.argv[1]))
open(sys.argv[2], "w").write(str(server.server_port))
server.serve_forever()
PY
  server_pid=$!
  trap 'kill $server_pid 2>/dev/null || true' EXIT
  for _ in $(seq 50); do [[ -s "$work/port" ]] && break; sleep 0.1; done
  port="$(cat "$work/port")"
  node_module "http://127.0.0.1:$port/missing"
  if bazel run //:smoke -- --dry-run >"$log" 2>&1 && expect_in_log "Download from http://127.0.0.1:$port/missing/$node_file failed" &&
    expect_in_log "Packer:    $version"; then
    ok "Node.js: a source that answers 404 (HTTP server on 127.0.0.1) falls through to the npm registry's build"
  else
    not_ok "Node.js: fallback to the npm registry"
  fi
  kill "$server_pid" 2>/dev/null || true
fi
# 6. A private mirror: Packer from an HTTP server on 127.0.0.1 that wants a login. Without
#    credentials the download fails; with a .netrc named by NETRC (as http_archive reads them)
#    it succeeds. First without, so Bazel's repository cache holds nothing to serve.
if [[ "$mode" != mirror ]]; then
  echo "skip - private mirror: needs the local Packer zip (path=mirror)"
else
  rm -f "$work/auth-port"
  python3 - "$work/mirror" "$work/auth-port" <<'PY' &
import base64, functools, http.server, sys
WANT = "Basic " + base64.b64encode(b"builder:s3cret").decode()
class Private(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
    def do_GET(self):
        if self.headers.get("Authorization") != WANT:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="mirror"')
            self.end_headers()
            return
        super().do_GET()
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Private, directory=sys.argv[1]))
open(sys.argv[2], "w").write(str(server.server_port))
server.serve_forever()
PY
  auth_pid=$!
  trap 'kill $auth_pid 2>/dev/null || true' EXIT
  for _ in $(seq 50); do [[ -s "$work/auth-port" ]] && break; sleep 0.1; done
  auth_port="$(cat "$work/auth-port")"
  # Other bytes than the file:// mirror's zip and than any earlier run's (the entry's time is
  # now): Bazel's repository cache, keyed by checksum, cannot answer for the server.
  python3 - "$local_packer" "$work/mirror/private_packer_${version}_${platform}.zip" <<'PY'
import sys, time, zipfile
info = zipfile.ZipInfo("packer", date_time=time.localtime()[:6])
info.external_attr = 0o100755 << 16
info.create_system = 3
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z, open(sys.argv[1], "rb") as f:
    z.writestr(info, f.read())
PY
  private_sha="$(sha256 "$work/mirror/private_packer_${version}_${platform}.zip")"
  { cat "$ws/MODULE.bazel.base"; printf '%s\n' 'packer = use_extension("@rules_packer//packer:extensions.bzl", "packer")' \
    "packer.toolchain(version = \"$version\", sha256 = {\"$platform\": \"$private_sha\"}, urls = [\"http://127.0.0.1:$auth_port/private_packer_{version}_{platform}.zip\"])"; } >"$ws/MODULE.bazel"
  printf 'machine 127.0.0.1\nlogin builder\npassword s3cret\n' >"$work/netrc"
  printf 'machine 127.0.0.1\nlogin builder\npassword wrong\n' >"$work/netrc.wrong"
  if ! NETRC="$work/netrc.wrong" bazel run //:smoke -- --dry-run >"$log" 2>&1 && expect_in_log "could not download packer_${version}_${platform}.zip" &&
    NETRC="$work/netrc" bazel run //:smoke -- --dry-run >"$log" 2>&1 && expect_in_log "Packer:    $version"; then
    ok "a private mirror (HTTP on 127.0.0.1, login required): refused without credentials, fetched with the .netrc NETRC names"
  else
    not_ok "private mirror with .netrc credentials"
  fi
  kill "$auth_pid" 2>/dev/null || true
fi
write_module "$good_sha"

echo "e2e: smoke: Packer from the $mode path"
e2e_end
