"""`packer.lock(file = ...)`: the plugins (and the Packer) that a lock file written by `lock` pins.

The lock file is packer.lock.json as `bazel run @rules_packer//tools:cli -- lock` writes it
(tools/lib/lock/lockfile.ts describes it). What it pins goes through the same verified downloads
as `packer.plugin` and `packer.toolchain`: only the executing platform's zips are fetched, each
checked against the sha256 the lock holds. A file edited by hand into an invalid state fails with
the file and the line.
"""

load(":platforms.bzl", "PLATFORMS")
load(":toolchain_types.bzl", "PACKER_RUNTIME_TOOLCHAIN_TYPE", "PACKER_TOOLCHAIN_TYPE")
load(":toolchains_repo.bzl", "toolchains_repo")

lock_tag = tag_class(
    doc = """Pin the plugins (and Packer, when it holds one) of a lock file that `lock` writes.

```starlark
packer.lock(file = "//:packer.lock.json")
```

Write and update the file with `bazel run @rules_packer//tools:cli -- lock` (see docs/lock.md);
check it against the templates in `bazel test` with `packer_lock_test`. A plugin may be pinned
either here or with `packer.plugin`, not both; a locked Packer takes the place of
`packer.toolchain(version = ...)`, whose `urls` (mirrors) still apply to it.""",
    attrs = {
        "file": attr.label(mandatory = True, doc = "The lock file, e.g. `//:packer.lock.json`."),
    },
)

_HEX = "0123456789abcdef"

def _line_of(lines, needle, start = 0):
    """The 1-based number of the first line from `start` (0-based) that holds `needle`, else start + 1."""
    for i in range(start, len(lines)):
        if needle in lines[i]:
            return i + 1
    return start + 1

def json_error_line(text):
    """Where a text stops being JSON: json.decode says only that it failed.

    Args:
      text: the file's text.

    Returns:
      The 1-based line of the first token that breaks JSON's grammar (a small tokenizer and
      parser), or of the end of the file when it stops early.
    """
    tokens = []
    i = 0
    line = 1
    for _ in range(len(text) + 1):
        if i >= len(text):
            break
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif c in " \t\r":
            i += 1
        elif c in "{}[]:,":
            tokens.append((c, line))
            i += 1
        elif c == "\"":
            j = i + 1
            for _ in range(len(text)):
                if j >= len(text) or text[j] in "\"\n":
                    break
                j += 2 if text[j] == "\\" else 1
            if j >= len(text) or text[j] != "\"":
                return line
            tokens.append(("v", line))
            i = j + 1
        else:
            j = i
            for _ in range(len(text)):
                if j >= len(text) or text[j] in " \t\r\n{}[]:,\"":
                    break
                j += 1
            if json.decode(text[i:j], default = "_bad") == "_bad":
                return line
            tokens.append(("v", line))
            i = j
    return _json_parse_line(tokens, line)

def _json_parse_line(tokens, last_line):
    """The line of the first token that breaks JSON's grammar, or of the end when it stops early."""
    stack = []
    expect = "value"  # value | key | colon | next | value_or_close | key_or_close | end
    for kind, line in tokens:
        if expect in ("value", "value_or_close"):
            if kind == "v":
                expect = "next" if stack else "end"
            elif kind in "{[":
                stack.append(kind)
                expect = "key_or_close" if kind == "{" else "value_or_close"
            elif kind == "]" and expect == "value_or_close":
                stack.pop()
                expect = "next" if stack else "end"
            else:
                return line
        elif expect in ("key", "key_or_close"):
            if kind == "v":
                expect = "colon"
            elif kind == "}" and expect == "key_or_close":
                stack.pop()
                expect = "next" if stack else "end"
            else:
                return line
        elif expect == "colon":
            if kind != ":":
                return line
            expect = "value"
        elif expect == "next":
            if kind == ",":
                expect = "key" if stack[-1] == "{" else "value"
            elif (kind == "}" and stack[-1] == "{") or (kind == "]" and stack[-1] == "["):
                stack.pop()
                expect = "next" if stack else "end"
            else:
                return line
        else:
            return line
    return last_line

def _is_sha256(value):
    if type(value) != "string" or len(value) != 64:
        return False
    for c in value.elems():
        if c not in _HEX:
            return False
    return True

def _release_problems(release, what):
    """Problems of one release entry: a list of (member whose line to show, or "", message)."""
    if type(release) != "dict":
        return [("", "%s: a release must be an object with version, sha256 and urls" % what)]
    problems = []
    if type(release.get("version")) != "string" or not release["version"]:
        problems.append(("version", "%s: \"version\" must be a version such as \"1.8.1\"" % what))
    sums = release.get("sha256")
    if type(sums) != "dict" or not sums:
        problems.append(("sha256", "%s: \"sha256\" must map each platform to the sha256 of its zip" % what))
    else:
        for platform, value in sums.items():
            if not _is_sha256(value):
                problems.append((platform, "%s: the sha256 for %s must be 64 lower-case hex digits" % (what, platform)))
    urls = release.get("urls")
    if type(urls) != "list" or not urls or [u for u in urls if type(u) != "string"]:
        problems.append(("urls", "%s: \"urls\" must be a non-empty list of URL templates" % what))
    return problems

def _error(where, line, message):
    return ("rules_packer: %s:%d: %s\nThe lock file is written by `bazel run @rules_packer//tools:cli -- lock`: run it " +
            "again, or undo the edit (`lock --check` lists every problem).") % (where, line, message)

def _first_problem(where, lines, start, problems):
    """The error for the first of a release's problems, at its member's line, or None."""
    if not problems:
        return None
    member, message = problems[0]
    return _error(where, _line_of(lines, "\"%s\"" % member, start) if member else start + 1, message)

def _known_sums(sums):
    """Only the platforms rules_packer has toolchains for (the lock keeps every platform published)."""
    return {p: s for p, s in sums.items() if p in PLATFORMS}

def read_lock(module_ctx, tag, toolchain_tag):
    """The pins of a `packer.lock()` tag.

    A missing or broken lock file does not fail the extension (that would break every repository
    it makes, the `lock` command's Node.js among them, and so the way to repair the file): it is
    returned as `error`, for lock_error_toolchains.

    Args:
      module_ctx: the module_ctx.
      tag: the root module's packer.lock tag, or None.
      toolchain_tag: the root module's packer.toolchain tag, or None (its `urls` apply to a
        locked Packer; a different `version` or its own `sha256` conflict with it).

    Returns:
      struct(plugins = list of dicts as pinned_plugins returns, packer = struct(version, sums,
      url_templates) or None, error = a message or None).
    """
    if not tag:
        return struct(plugins = [], packer = None, error = None)
    where = "%s (%s)" % (tag.file.name, tag.file)
    path = module_ctx.path(tag.file)
    if hasattr(module_ctx, "watch"):
        module_ctx.watch(path)  # re-run when the file appears or changes
    if not path.exists:
        return struct(plugins = [], packer = None, error = (
            "rules_packer: %s does not exist; write it with `bazel run @rules_packer//tools:cli -- lock` " +
            "(or remove packer.lock() from MODULE.bazel)"
        ) % where)
    text = module_ctx.read(path)
    lines = text.split("\n")
    doc = json.decode(text, default = None)
    error = None
    if doc == None:
        error = _error(where, json_error_line(text), "not valid JSON")
    elif type(doc) != "dict":
        error = _error(where, 1, "not a lock file: expected a JSON object")
    elif doc.get("lock_version") != 1:
        error = _error(where, _line_of(lines, "\"lock_version\""), "\"lock_version\" must be 1 (this rules_packer reads version 1 lock files)")
    elif type(doc.get("plugins", {})) != "dict":
        error = _error(where, _line_of(lines, "\"plugins\""), "\"plugins\" must be an object: source -> release")
    if error:
        return struct(plugins = [], packer = None, error = error)

    plugins = []
    entries = doc.get("plugins", {})
    for source in sorted(entries.keys()):
        release = entries[source]
        start = _line_of(lines, "\"%s\"" % source) - 1
        problems = _release_problems(release, source)
        if len(source.split("/")) != 3:
            problems.append(("", "plugin source \"%s\" must be HOST/NAMESPACE/NAME" % source))
        error = _first_problem(where, lines, start, problems)
        if error:
            return struct(plugins = [], packer = None, error = error)
        namespace = source.split("/")[1]
        plugins.append({
            "source": source,
            "version": release["version"],
            "sha256": _known_sums(release["sha256"]),
            "urls": [u.replace("{namespace}", namespace) for u in release["urls"]],
        })

    packer = None
    if "packer" in doc:
        release = doc["packer"]
        error = _first_problem(where, lines, _line_of(lines, "\"packer\"") - 1, _release_problems(release, "packer"))
        if error:
            return struct(plugins = [], packer = None, error = error)
        if toolchain_tag and toolchain_tag.version and toolchain_tag.version != release["version"]:
            fail("rules_packer: packer.toolchain(version = %r) and %s (Packer %s) disagree; keep one of them" % (toolchain_tag.version, where, release["version"]))
        if toolchain_tag and toolchain_tag.sha256:
            fail("rules_packer: packer.toolchain(sha256 = ...) and the Packer of %s both pin Packer; keep one of them" % where)
        packer = struct(
            version = release["version"],
            sums = _known_sums(release["sha256"]),
            url_templates = (toolchain_tag.urls if toolchain_tag and toolchain_tag.urls else []) or release["urls"],
        )
    return struct(plugins = plugins, packer = packer, error = None)

def lock_error_toolchains(error):
    """A Packer toolchain hub whose only toolchain fails with `error` when a target needs Packer.

    So `bazel run` of an image reports the lock file's problem, while everything that needs no
    Packer (the helper's Node.js, `lock` itself, `bazel test` of templates) still works.

    Args:
      error: the message.

    Returns:
      False: no Packer on the host is used.
    """

    # The validate tests read the hub's `:release`: no version is known, so none is checked.
    toolchains_repo("packer_toolchains", (PACKER_TOOLCHAIN_TYPE, PACKER_RUNTIME_TOOLCHAIN_TYPE), None, {}, error, files = {"plugin_pins.json": "[]"}, release = struct(version = ""))
    return False

def merge_locked_plugins(pinned, lock):
    """`packer.plugin` pins and the lock's, failing on a source pinned both ways.

    Args:
      pinned: the plugins of packer.plugin tags (pinned_plugins).
      lock: what read_lock returned.

    Returns:
      The list of both.
    """
    by_tag = {p["source"]: True for p in pinned}
    for p in lock.plugins:
        if p["source"] in by_tag:
            fail("rules_packer: %s is pinned both by packer.plugin() and by packer.lock(); keep one of them" % p["source"])
    return pinned + lock.plugins
