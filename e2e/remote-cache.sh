#!/usr/bin/env bash
# A team's shared cache: a real HTTP remote cache (nginx with WebDAV PUT, as Bazel's remote-caching
# documentation sets it up) on 127.0.0.1. `bazel test //images/...` in one copy of rules_packer
# fills it; a second copy at another path, with an empty output base, gets every validation from
# it (each PackerValidate action and each .validate test a remote cache hit, read from Bazel's
# execution log). A CACHE_BUST bump misses; the next machine with the bump hits again. `bazel
# run --remote_download_minimal` still works. Prints hits/total and the times.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_begin remote-cache
nginx="$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null || true)"
if [[ -z "$nginx" ]]; then
  skip "nginx is not installed (Debian: apt-get install -y nginx; .ci/run installs it); no remote cache to test"
  e2e_end
  exit
fi
if [[ -z "$have_python" ]]; then
  skip "needs python3 (a free port, Bazel's execution log)"
  e2e_end
  exit
fi

# The cache: nginx serving and storing /cache/ under $work/nginx/data.
port="$(free_port)"
prefix="$work/nginx"
mkdir -p "$prefix/data/cache" "$prefix/tmp"
chmod -R a+rwx "$prefix/data" "$prefix/tmp" # the workers may run as another user than the master
cat >"$prefix/nginx.conf" <<EOF
worker_processes 1;
daemon on;
pid $prefix/nginx.pid;
error_log $prefix/error.log;
# Bazel uploads over many connections at once: with too few, some uploads break and their
# actions are not cached.
events { worker_connections 1024; }
http {
  access_log $prefix/access.log;
  client_body_temp_path $prefix/tmp/body;
  proxy_temp_path $prefix/tmp/proxy;
  fastcgi_temp_path $prefix/tmp/fastcgi;
  uwsgi_temp_path $prefix/tmp/uwsgi;
  scgi_temp_path $prefix/tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    client_max_body_size 0;
    location /cache/ {
      root $prefix/data;
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw group:rw all:r;
    }
  }
}
EOF
if ! "$nginx" -e "$prefix/error.log" -c "$prefix/nginx.conf" -p "$prefix" >"$log" 2>&1; then
  not_ok "nginx did not start"
  e2e_end
fi
trap 'kill -QUIT "$(cat "$prefix/nginx.pid" 2>/dev/null)" 2>/dev/null || true' EXIT
cache="http://127.0.0.1:$port/cache"
for _ in $(seq 50); do curl -fsS -o /dev/null -X PUT --data probe "$cache/probe" 2>/dev/null && break; sleep 0.1; done
if curl -fsS "$cache/probe" 2>/dev/null | grep -q probe; then
  ok "nginx on 127.0.0.1:$port stores and serves $cache/"
else
  log="$prefix/error.log"
  not_ok "nginx WebDAV cache on 127.0.0.1:$port"
  e2e_end
fi

# Two copies of rules_packer's files, as two machines' clones would be.
copy() {
  mkdir -p "$1"
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard | grep -zv '^e2e/' | xargs -0 tar cf -) | (cd "$1" && tar xf -)
  # bazel run needs Packer: the machine's, where it has one (no download from here).
  [[ -z "$local_packer" ]] || printf 'common --repo_env=RULES_PACKER_HOST_PACKER=%s\n' "$local_packer" >"$1/user.bazelrc"
}
a="$work/clone-a"
b="$work/clone-b"
copy "$a"
copy "$b"
remote=(--remote_cache="$cache" --remote_upload_local_results)

# validate_spawns LOG: "hits total" over the PackerValidate and test spawns of //images validations.
validate_spawns() {
  python3 - "$1" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
decoder, at, spawns = json.JSONDecoder(), 0, []
while at < len(text):
    while at < len(text) and text[at].isspace():
        at += 1
    if at >= len(text):
        break
    spawn, at = decoder.raw_decode(text, at)
    spawns.append(spawn)
def hit(spawn):
    return spawn.get("cacheHit") and spawn.get("runner") == "remote cache hit"
mine = [s for s in spawns if s.get("targetLabel", "").endswith(".validate") and s.get("mnemonic") in ("PackerValidate", "TestRunner")]
print(sum(map(hit, mine)), len(mine), sum(map(hit, spawns)), len(spawns))
PY
}
seconds() { python3 -c 'import time; print(f"{time.time():.1f}")'; }

start="$(seconds)"
bazel_in "$a" test "${remote[@]}" --execution_log_json_file="$work/a.json" //images/... >"$log" 2>&1 || true
cold="$(python3 -c "print(f'{$(seconds) - $start:.1f}')")"
cp "$log" "$work/a.log"
tests="$(grep -cE '//images:[a-z0-9-]+\.validate +PASSED' "$log" || true)"
if [[ "$tests" -ge 1 ]] && ! expect_in_log "WARNING: Remote Cache:"; then
  ok "clone A: bazel test //images/... passed $tests validations and filled the cache (${cold} s, empty cache)"
else
  not_ok "clone A: bazel test //images/... with the remote cache"
fi

start="$(seconds)"
bazel_in "$b" test "${remote[@]}" --execution_log_json_file="$work/b.json" //images/... >"$log" 2>&1 || true
warm="$(python3 -c "print(f'{$(seconds) - $start:.1f}')")"
read -r hits total all_hits all_spawns < <(validate_spawns "$work/b.json")
summary="$(grep -E '^INFO: [0-9]+ processes' "$log" | tail -n1)"
echo "e2e: remote-cache: clone B (another path, empty output base): $hits/$total validation spawns were remote cache hits ($all_hits/$all_spawns spawns in all); cold ${cold} s in clone A, ${warm} s in clone B from the cache"
echo "e2e: remote-cache: Bazel's summary in clone B: ${summary#INFO: }"
echo "e2e: remote-cache: clone A: $(grep -oE 'Elapsed time: .*' "$work/a.log" | tail -n1); clone B: $(grep -oE 'Elapsed time: .*' "$log" | tail -n1)"
if [[ "$total" -eq $((2 * tests)) && "$hits" -eq "$total" ]] && grep -cE '//images:[a-z0-9-]+\.validate +(\(cached\) )?PASSED' "$log" | grep -qx "$tests"; then
  ok "clone B: every validation ($tests PackerValidate actions and $tests tests) came from the remote cache"
else
  not_ok "clone B: expected $((2 * tests)) validation spawns, all remote cache hits; got $hits/$total"
fi

# A canary's CACHE_BUST bump misses on purpose (every test's key changes) ...
bazel_in "$b" run //tools:cache_bust -- bump --value e2e-remote-"$port" >/dev/null 2>&1
bazel_in "$b" test "${remote[@]}" --execution_log_json_file="$work/b2.json" //images/... >"$log" 2>&1 || true
tests_run="$(python3 - "$work/b2.json" <<'PY'
import json, sys
text, decoder, at, n = open(sys.argv[1]).read(), json.JSONDecoder(), 0, 0
while at < len(text):
    while at < len(text) and text[at].isspace():
        at += 1
    if at >= len(text):
        break
    s, at = decoder.raw_decode(text, at)
    n += s.get("mnemonic") == "TestRunner" and s.get("targetLabel", "").endswith(".validate") and not s.get("cacheHit")
print(n)
PY
)"
if [[ "$tests_run" -eq "$tests" ]]; then
  ok "after a CACHE_BUST bump in clone B, all $tests validation tests ran again (remote cache misses)"
else
  not_ok "after a CACHE_BUST bump: $tests_run of $tests tests ran"
fi
# ... and the next machine with the same bump hits again.
cp "$b/.bazelrc" "$a/.bazelrc"
bazel_in "$a" test "${remote[@]}" --execution_log_json_file="$work/a2.json" //images/... >"$log" 2>&1 || true
read -r hits total _ _ < <(validate_spawns "$work/a2.json")
if [[ "$total" -eq $((2 * tests)) && "$hits" -eq "$total" ]]; then
  ok "clone A with the same bump: $hits/$total validation spawns were remote cache hits again"
else
  not_ok "clone A after the bump: $hits/$total remote cache hits"
fi

# bazel run with --remote_download_minimal: the launcher and its runfiles come from the cache.
bazel_in "$b" clean >/dev/null 2>&1
if bazel_in "$b" run "${remote[@]}" --remote_download_minimal //images:amzn2 -- --dry-run >"$log" 2>&1 &&
  expect_in_log "//images:amzn2: dry run, nothing was run"; then
  ok "bazel run --remote_download_minimal //images:amzn2 -- --dry-run works from the cache"
else
  not_ok "bazel run with --remote_download_minimal"
fi

e2e_end
