"""The TypeScript helper: its files, its npm packages, and launchers that run it with Node.js."""

load("@bazel_skylib//lib:shell.bzl", "shell")
load(":toolchain_types.bzl", "NODE_RUNTIME_TOOLCHAIN_TYPE", "NODE_TOOLCHAIN_TYPE")

HelperInfo = provider(
    doc = "rules_packer's TypeScript helper, ready to run with the Node.js toolchain.",
    fields = {
        "entry": "File: the CLI entry point (cli.js, stripped from cli.ts).",
        "cached": "struct(loader, files) or None: `validate` as one script with a V8 code cache (see cached_entry); run `loader`, which needs `files`.",
        "cached_node": "The node (File or path) that wrote the code cache; V8 uses the cache only in it.",
        "data": "list of File: files the helper reads at run time (with the cached script too), beside its code.",
        "runfiles": "runfiles: the helper's sources, package.json and npm packages at node_modules/.",
    },
)

def repo_dir(ctx, label):
    """The runfiles directory of the repository holding `label` ("_main" for the main one)."""
    return label.workspace_name or ctx.workspace_name

def _node_executable(node_info):
    """What to run for a NodeInfo: its File, or the path of a node on the machine."""
    return node_info.binary or node_info.path

def rlocation_path(ctx, file):
    """The runfiles-relative path of a file, as the launcher's rlocation expects."""
    if file.short_path.startswith("../"):
        return file.short_path[3:]
    return ctx.workspace_name + "/" + file.short_path

def _strip_types(ctx):
    """Strips the types of every source in one action.

    Returns:
      ({source File: .js File}, [the cached script File, its loader File] or None).
    """
    node_info = ctx.toolchains[NODE_TOOLCHAIN_TYPE].nodeinfo
    cached_sources = [ctx.file.cached_entry, ctx.file.cache_loader] if ctx.file.cached_entry else []
    sources = depset([ctx.file.entry] + ctx.files.srcs + cached_sources).to_list()
    outputs = {}
    args = ctx.actions.args()
    args.add_all(["--disable-warning=ExperimentalWarning", ctx.file._strip_script, "--bundle-from", ctx.file.entry])
    cached = None
    if ctx.file.cached_entry:
        # Three files side by side: <stem>.js (the script), <stem>.cjs (its loader), <stem>.cache.
        cached = [ctx.actions.declare_file(ctx.label.name + ".validate.js"), ctx.actions.declare_file(ctx.label.name + ".validate.cjs")]
        args.add_all(["--code-cache", ctx.file.cached_entry, cached[0], ctx.file.cache_loader, cached[1]])
    for src in sources:
        if src.owner.package != ctx.label.package and not src.owner.package.startswith(ctx.label.package + "/"):
            fail("%s: %s is outside package %s" % (ctx.label, src.short_path, ctx.label.package))
        relative = src.short_path[src.short_path.find(ctx.label.package + "/") + len(ctx.label.package) + 1:] if ctx.label.package else src.short_path
        out = ctx.actions.declare_file(relative[:-len(".ts")] + ".js")
        outputs[src] = out
        args.add_all([src, out])
    ctx.actions.run(
        executable = _node_executable(node_info),
        arguments = [args],
        inputs = sources + [ctx.file._strip_script, ctx.file.package_json],
        outputs = outputs.values() + (cached or []),
        mnemonic = "StripTypes",
        progress_message = "Stripping TypeScript types of %{label}",
    )
    return outputs, cached

def _write_code_cache(ctx, script, loader, data):
    """Runs the script's warm-up through its loader and writes V8's code for it: <stem>.cache."""
    node_info = ctx.toolchains[NODE_TOOLCHAIN_TYPE].nodeinfo
    cache = ctx.actions.declare_file(ctx.label.name + ".validate.cache")
    ctx.actions.run(
        executable = _node_executable(node_info),
        # Without a fixed --random-seed, V8 writes different bytes on every run. With it (V8 does
        # not check a cache against the seed), runs from the same directory write the same bytes;
        # sandboxes at paths of other lengths differ in a few bytes of function state, so a
        # rebuilt cache reruns the tests that use it.
        arguments = ["--random-seed=1", loader.path, "--write-code-cache", cache.path],
        # The warm-up validates templates, which reads the data files beside the loader.
        inputs = [script, loader] + data,
        outputs = [cache],
        mnemonic = "NodeCodeCache",
        progress_message = "Writing the V8 code cache of %{label}",
    )
    return cache

def _data_files(ctx):
    """The helper's data files, at the same place under the package as in the sources."""
    out = []
    for src in ctx.files.data:
        relative = src.short_path[src.short_path.find(ctx.label.package + "/") + len(ctx.label.package) + 1:] if ctx.label.package else src.short_path
        link = ctx.actions.declare_file(relative)
        ctx.actions.symlink(output = link, target_file = src)
        out.append(link)
    return out

def _helper_impl(ctx):
    stripped, cached_files = _strip_types(ctx)
    entry = stripped[ctx.file.entry]
    data = _data_files(ctx)
    cached = None
    if cached_files:
        script, loader = cached_files
        cached = struct(loader = loader, files = [script, loader, _write_code_cache(ctx, script, loader, data)])
    node_info = ctx.toolchains[NODE_TOOLCHAIN_TYPE].nodeinfo
    entry_repo = repo_dir(ctx, entry.owner)

    # Place the npm packages at <repo>/node_modules/<name>/..., next to the sources, so that
    # Node's resolution (with --preserve-symlinks) finds them in the runfiles tree.
    root_symlinks = {}
    for f in ctx.files.node_modules:
        marker = f.short_path.find("/node_modules/")
        if marker < 0:
            fail("%s: %s is not under node_modules/" % (ctx.label, f.short_path))
        root_symlinks[entry_repo + f.short_path[marker:]] = f

    # The cached script is not here: only the launchers that run it (tests) take its files, so
    # `bazel run` of the CLI never waits for the code cache.
    runfiles = ctx.runfiles(files = stripped.values() + data + [ctx.file.package_json], root_symlinks = root_symlinks)
    return [
        HelperInfo(
            entry = entry,
            runfiles = runfiles,
            cached = cached,
            cached_node = _node_executable(node_info),
            data = data,
        ),
        DefaultInfo(files = depset([entry]), runfiles = runfiles),
    ]

helper = rule(
    implementation = _helper_impl,
    doc = """The helper's sources, with package.json and its npm packages.

The TypeScript sources are what vitest tests and what Node.js 24 can run directly. For the
targets Bazel runs, one action strips their types with Node.js's own stripper and bundles each
subcommand's modules into one file, so a run loads plain JavaScript from a few files and skips
the stripper's start-up.""",
    toolchains = [NODE_TOOLCHAIN_TYPE],
    attrs = {
        "_strip_script": attr.label(default = Label("//tools:scripts/strip-types.ts"), allow_single_file = True),
        "entry": attr.label(doc = "The CLI entry point.", allow_single_file = [".ts"], mandatory = True),
        "cached_entry": attr.label(doc = "A module exporting `run(argv)` and `warmUp()` (`validate` here): bundled into one script that `bazel test` starts with a V8 code cache, written after `warmUp()`.", allow_single_file = [".ts"]),
        "cache_loader": attr.label(doc = "The loader that starts the cached script (lib/code-cache-main.ts); needed with `cached_entry`.", allow_single_file = [".ts"]),
        "srcs": attr.label_list(doc = "Every .ts file the entry imports.", allow_files = [".ts"]),
        "data": attr.label_list(doc = "Files the helper reads at run time (the component schema tables), placed beside the code as in the sources.", allow_files = True),
        "package_json": attr.label(doc = "package.json with \"type\": \"module\".", allow_single_file = True, mandatory = True),
        "node_modules": attr.label(doc = "The npm packages (a filegroup of files under node_modules/).", mandatory = True),
    },
)

def _quote_arg(arg):
    """Args are strings, struct(rlocation = path) or struct(contents_of = path), resolved at run time."""
    if type(arg) == "string":
        return shell.quote(arg)
    if hasattr(arg, "contents_of"):
        return "\"$(cat \"$(rlocation %s)\")\"" % shell.quote(arg.contents_of)
    return "\"$(rlocation %s)\"" % shell.quote(arg.rlocation)

def write_launcher(ctx, output, helper_info, args, node_type = NODE_RUNTIME_TOOLCHAIN_TYPE, cached = None):
    """Writes a launcher that runs the helper with the resolved Node.js and fixed leading args.

    Args:
      ctx: the rule context; it must resolve `node_type` and have `_launcher_template`.
      output: the File to write (executable).
      helper_info: HelperInfo of the helper.
      args: list of strings or struct(rlocation = ...) passed before the user's arguments.
      node_type: NODE_RUNTIME_TOOLCHAIN_TYPE for `bazel run` (the user's machine), or
        NODE_TOOLCHAIN_TYPE for tests (they run on the execution platform).
      cached: HelperInfo.cached, to run the cached script (validate) instead of the CLI entry.

    Returns:
      runfiles the launcher needs (Node.js and the helper).
    """
    node_info = ctx.toolchains[node_type].nodeinfo
    if node_info.binary:
        node = "\"$(rlocation %s)\"" % shell.quote(rlocation_path(ctx, node_info.binary))
        node_files = [node_info.binary]
    else:
        node = shell.quote(node_info.path)
        node_files = []
    if cached:
        # The loader starts the validator from its code cache; the arguments are the same, and
        # the helper's other scripts and npm packages are not needed: only its data files.
        entry_args = "\"$(rlocation %s)\"" % shell.quote(rlocation_path(ctx, cached.loader))
        helper_runfiles = ctx.runfiles(files = cached.files + helper_info.data)
    else:
        entry_args = "\"$(rlocation %s)\"" % shell.quote(rlocation_path(ctx, helper_info.entry))
        helper_runfiles = helper_info.runfiles
    ctx.actions.expand_template(
        template = ctx.file._launcher_template,
        output = output,
        substitutions = {
            "%NODE%": node,
            "%ENTRY_ARGS%": entry_args,
            "%ARGS%": " ".join([_quote_arg(a) for a in args]),
        },
        is_executable = True,
    )
    return ctx.runfiles(files = node_files).merge(helper_runfiles)

def cached_validate(ctx, helper_info, node_type):
    """The helper's cached validate script, when the node that runs the test wrote its code cache.

    Another node would compile the script from source: correct, but the CLI entry is as fast.

    Args:
      ctx: the rule context, resolving `node_type`.
      helper_info: HelperInfo of the helper.
      node_type: the toolchain type of the node that will run.

    Returns:
      HelperInfo.cached, or None (then the launcher runs the entry script).
    """
    node_info = ctx.toolchains[node_type].nodeinfo
    if helper_info.cached and helper_info.cached_node == _node_executable(node_info):
        return helper_info.cached
    return None

LAUNCHER_ATTRS = {
    "_launcher_template": attr.label(default = Label("//packer/private:launcher.sh.tpl"), allow_single_file = True),
}

def _helper_binary_impl(ctx):
    launcher = ctx.actions.declare_file(ctx.label.name + ".sh")
    data = getattr(ctx.attr, "data", [])
    args = [ctx.expand_location(a, data) for a in ctx.attr.fixed_args]
    if ctx.attr._is_test:
        # $(rootpath) is relative to the main repository's runfiles directory: where `bazel test`
        # starts a test, but not where `bazel run` of the test does.
        args = ["--chdir", struct(rlocation = ctx.workspace_name)] + args
    node_type = NODE_TOOLCHAIN_TYPE if ctx.attr._is_test else NODE_RUNTIME_TOOLCHAIN_TYPE
    helper_info = ctx.attr.helper[HelperInfo]
    cached = None
    environment = {}
    if getattr(ctx.attr, "cached", False):
        if not helper_info.cached:
            fail("%s: cached = True, but %s has no cached_entry" % (ctx.label, ctx.attr.helper.label))
        cached = helper_info.cached

        # The test passes only on the fast path: V8 must accept the code cache the build wrote.
        environment["RULES_PACKER_CODE_CACHE"] = "require"
    runfiles = write_launcher(ctx, launcher, helper_info, args, node_type, cached)
    runfiles = runfiles.merge(ctx.runfiles(files = getattr(ctx.files, "data", [])))
    return [DefaultInfo(executable = launcher, runfiles = runfiles), RunEnvironmentInfo(environment = environment)]

helper_binary = rule(
    implementation = _helper_binary_impl,
    doc = "`bazel run`-able helper command, e.g. //tools:cli or //tools:cache_bust.",
    attrs = dict(LAUNCHER_ATTRS, **{
        "helper": attr.label(doc = "A `helper` target.", providers = [HelperInfo], mandatory = True),
        "fixed_args": attr.string_list(doc = "Arguments placed before the user's, e.g. [\"cache-bust\"]."),
        "_is_test": attr.bool(default = False),
    }),
    toolchains = [NODE_RUNTIME_TOOLCHAIN_TYPE],
    executable = True,
)

helper_test = rule(
    implementation = _helper_binary_impl,
    doc = "`bazel test` of a helper command with fixed arguments.",
    attrs = dict(LAUNCHER_ATTRS, **{
        "helper": attr.label(doc = "A `helper` target.", providers = [HelperInfo], mandatory = True),
        "fixed_args": attr.string_list(doc = "Arguments of the helper command; $(rootpath) of `data` is expanded (relative to the runfiles root the test runs in)."),
        "data": attr.label_list(doc = "Files the command reads.", allow_files = True),
        "cached": attr.bool(doc = "Run the helper's cached script (`validate` from its V8 code cache, as packer_image tests do) instead of the CLI, and fail unless V8 accepts the cache."),
        "_is_test": attr.bool(default = True),
    }),
    toolchains = [NODE_TOOLCHAIN_TYPE],
    test = True,
)
