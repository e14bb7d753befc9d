"""The TypeScript helper: its files, its npm packages, and launchers that run it with Node.js."""

load("@bazel_skylib//lib:shell.bzl", "shell")

NODE_TOOLCHAIN_TYPE = Label("//packer:node_toolchain_type")
NODE_RUNTIME_TOOLCHAIN_TYPE = Label("//packer:node_runtime_toolchain_type")

HelperInfo = provider(
    doc = "rules_packer's TypeScript helper, ready to run with the Node.js toolchain.",
    fields = {
        "entry": "File: the CLI entry point (cli.js, stripped from cli.ts).",
        "snapshot": "File or None: a V8 startup snapshot running `validate` (see snapshot_entry).",
        "snapshot_node": "The node (File or path) that built the snapshot; only it can load it.",
        "data": "list of File: files the helper reads at run time (with the snapshot too), beside its code.",
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
      ({source File: .js File}, the snapshot script File or None).
    """
    node_info = ctx.toolchains[NODE_TOOLCHAIN_TYPE].nodeinfo
    sources = depset([ctx.file.entry] + ctx.files.srcs + ([ctx.file.snapshot_entry] if ctx.file.snapshot_entry else [])).to_list()
    outputs = {}
    args = ctx.actions.args()
    args.add_all(["--disable-warning=ExperimentalWarning", ctx.file._strip_script, "--bundle-from", ctx.file.entry])
    snapshot_script = None
    if ctx.file.snapshot_entry:
        snapshot_script = ctx.actions.declare_file(ctx.label.name + ".snapshot.cjs")
        args.add_all(["--snapshot", ctx.file.snapshot_entry, snapshot_script])
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
        outputs = outputs.values() + ([snapshot_script] if snapshot_script else []),
        mnemonic = "StripTypes",
        progress_message = "Stripping TypeScript types of %{label}",
    )
    return outputs, snapshot_script

def _build_snapshot(ctx, script, data):
    """`node --build-snapshot`: a V8 heap with the validator loaded and warmed up."""
    node_info = ctx.toolchains[NODE_TOOLCHAIN_TYPE].nodeinfo
    blob = ctx.actions.declare_file(ctx.label.name + ".snapshot.blob")
    ctx.actions.run(
        executable = _node_executable(node_info),
        arguments = ["--snapshot-blob", blob.path, "--build-snapshot", script.path],
        # The warm-up validates templates, which reads data files beside the blob.
        inputs = [script] + data,
        outputs = [blob],
        mnemonic = "NodeSnapshot",
        progress_message = "Building the startup snapshot of %{label}",
    )
    return blob

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
    stripped, snapshot_script = _strip_types(ctx)
    entry = stripped[ctx.file.entry]
    data = _data_files(ctx)
    snapshot = _build_snapshot(ctx, snapshot_script, data) if snapshot_script else None
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
    runfiles = ctx.runfiles(files = stripped.values() + data + [ctx.file.package_json] + ([snapshot] if snapshot else []), root_symlinks = root_symlinks)
    return [
        HelperInfo(
            entry = entry,
            runfiles = runfiles,
            snapshot = snapshot,
            snapshot_node = _node_executable(node_info),
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
        "snapshot_entry": attr.label(doc = "A module that registers a startup-snapshot main (`validate` here); built with `node --build-snapshot`.", allow_single_file = [".ts"]),
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

def write_launcher(ctx, output, helper_info, args, node_type = NODE_RUNTIME_TOOLCHAIN_TYPE, snapshot = None):
    """Writes a launcher that runs the helper with the resolved Node.js and fixed leading args.

    Args:
      ctx: the rule context; it must resolve `node_type` and have `_launcher_template`.
      output: the File to write (executable).
      helper_info: HelperInfo of the helper.
      args: list of strings or struct(rlocation = ...) passed before the user's arguments.
      node_type: NODE_RUNTIME_TOOLCHAIN_TYPE for `bazel run` (the user's machine), or
        NODE_TOOLCHAIN_TYPE for tests (they run on the execution platform).
      snapshot: a startup snapshot File to start from instead of the entry script.

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
    if snapshot:
        # Start from the V8 heap with the validator loaded; the arguments are the same, and the
        # helper's scripts and npm packages are not needed at all: only its data files.
        entry_args = "--snapshot-blob \"$(rlocation %s)\" --" % shell.quote(rlocation_path(ctx, snapshot))
        helper_runfiles = ctx.runfiles(files = [snapshot] + helper_info.data)
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

def validate_snapshot(ctx, helper_info, node_type):
    """The helper's validate snapshot, when the node that runs the test is the one that built it.

    Args:
      ctx: the rule context, resolving `node_type`.
      helper_info: HelperInfo of the helper.
      node_type: the toolchain type of the node that will run.

    Returns:
      The snapshot File, or None (then the launcher runs the entry script).
    """
    node_info = ctx.toolchains[node_type].nodeinfo
    if helper_info.snapshot and helper_info.snapshot_node == _node_executable(node_info):
        return helper_info.snapshot
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
    runfiles = write_launcher(ctx, launcher, ctx.attr.helper[HelperInfo], args, node_type)
    runfiles = runfiles.merge(ctx.runfiles(files = getattr(ctx.files, "data", [])))
    return [DefaultInfo(executable = launcher, runfiles = runfiles)]

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
        "_is_test": attr.bool(default = True),
    }),
    toolchains = [NODE_TOOLCHAIN_TYPE],
    test = True,
)
