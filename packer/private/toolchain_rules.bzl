"""Implementation of the Packer and Node.js toolchain rules."""

PackerInfo = provider(
    doc = "A Packer binary for the platform that runs it.",
    fields = {
        "binary": "File: the packer executable, or None when `path` is set.",
        "path": "string: absolute path of a Packer already installed on the machine, or \"\".",
        "version": "string: the Packer version, e.g. \"1.16.0\" (\"\" when unknown).",
        "plugins": "depset of Files: plugin binaries pinned by Bazel, with their _SHA256SUM files.",
        "plugin_path": "string: runfiles path of the directory to use as PACKER_PLUGIN_PATH, or \"\".",
    },
)

NodeInfo = provider(
    doc = "A Node.js runtime for the TypeScript helper.",
    fields = {
        "binary": "File: the node executable, or None when `path` is set.",
        "path": "string: absolute path of a node already installed on the machine, or \"\".",
        "version": "string: the Node.js version.",
    },
)

PackerReleaseInfo = provider(
    doc = """What the `packer` extension resolved, known without fetching Packer: its version and the plugins it pins.

`bazel test` validates templates against these (the validator's `--packer-version` and
`--plugin-pins`), so the tests need no Packer download.""",
    fields = {
        "version": "string: the Packer version `bazel run` uses, e.g. \"1.16.0\"; \"\" when unknown (packer.host() without `version`).",
        "plugin_pins": "File: JSON list of {source, version}, the plugins packer.plugin() pins.",
    },
)

def _packer_release_info_impl(ctx):
    return [PackerReleaseInfo(version = ctx.attr.version, plugin_pins = ctx.file.plugin_pins)]

packer_release_info = rule(
    implementation = _packer_release_info_impl,
    doc = "The Packer version and plugin pins of the `packer` extension (in the `@packer_toolchains` hub).",
    attrs = {
        "version": attr.string(doc = "The Packer version; empty when unknown."),
        "plugin_pins": attr.label(doc = "JSON list of {source, version}.", allow_single_file = [".json"], mandatory = True),
    },
)

def _check_one(ctx, attr_label, attr_path):
    label = getattr(ctx.attr, attr_label)
    path = getattr(ctx.attr, attr_path)
    if bool(label) == bool(path):
        fail("%s: set exactly one of `%s` (a label) or `%s` (an absolute path on the machine)" % (ctx.label, attr_label, attr_path))
    if path and not path.startswith("/") and not (len(path) > 2 and path[1] == ":"):
        fail("%s: `%s` must be an absolute path, got %r" % (ctx.label, attr_path, path))

def _packer_toolchain_impl(ctx):
    _check_one(ctx, "packer", "packer_path")
    binary = ctx.file.packer
    plugin_path = ""
    if ctx.files.plugins:
        # The plugins sit under <repo>/plugins/<source>/...: that directory is PACKER_PLUGIN_PATH.
        plugin_path = (ctx.label.workspace_name or ctx.workspace_name) + "/" + (ctx.label.package + "/" if ctx.label.package else "") + "plugins"
    info = PackerInfo(binary = binary, path = ctx.attr.packer_path, version = ctx.attr.version, plugins = depset(ctx.files.plugins), plugin_path = plugin_path)
    make_vars = platform_common.TemplateVariableInfo({
        "PACKER_BIN": binary.path if binary else ctx.attr.packer_path,
    })
    files = depset([binary]) if binary else depset()
    return [
        platform_common.ToolchainInfo(packerinfo = info, template_variables = make_vars, default = DefaultInfo(files = files)),
        make_vars,
        DefaultInfo(files = files, runfiles = ctx.runfiles(files = [binary] if binary else [])),
    ]

packer_toolchain = rule(
    implementation = _packer_toolchain_impl,
    doc = """Declares a Packer binary as a toolchain. Set `packer` or `packer_path`, never both.

The `packer` module extension writes these for you; declare one yourself only for a Packer it
cannot fetch, and register it ahead of rules_packer's:

```starlark
load("@rules_packer//packer:toolchain.bzl", "packer_toolchain")

packer_toolchain(name = "packer_vendored", packer = "//third_party/packer:packer", version = "1.16.0")

toolchain(
    name = "packer_vendored_toolchain",
    exec_compatible_with = ["@platforms//os:linux", "@platforms//cpu:x86_64"],
    toolchain = ":packer_vendored",
    toolchain_type = "@rules_packer//packer:toolchain_type",
)
```

(and the same with `runtime_toolchain_type` and `target_compatible_with` for `bazel run`).""",
    attrs = {
        "packer": attr.label(doc = "The packer executable.", allow_single_file = True, executable = True, cfg = "exec"),
        "packer_path": attr.string(doc = "Absolute path of a Packer already installed on the machine."),
        "version": attr.string(doc = "The Packer version, shown by `--dry-run` and used for diagnostics."),
        "plugins": attr.label_list(doc = "Plugin binaries and their _SHA256SUM files, under a `plugins/` directory of this package.", allow_files = True),
    },
)

def _node_toolchain_impl(ctx):
    _check_one(ctx, "node", "node_path")
    binary = ctx.file.node
    info = NodeInfo(binary = binary, path = ctx.attr.node_path, version = ctx.attr.version)
    files = depset([binary]) if binary else depset()
    return [
        platform_common.ToolchainInfo(nodeinfo = info, default = DefaultInfo(files = files)),
        DefaultInfo(files = files),
    ]

node_toolchain = rule(
    implementation = _node_toolchain_impl,
    doc = "Declares a Node.js binary that runs rules_packer's TypeScript helper. Set `node` or `node_path`.",
    attrs = {
        "node": attr.label(doc = "The node executable.", allow_single_file = True, executable = True, cfg = "exec"),
        "node_path": attr.string(doc = "Absolute path of a node (24 or newer) already installed on the machine."),
        "version": attr.string(doc = "The Node.js version."),
    },
)

def _resolved_toolchain_impl(ctx):
    toolchain = ctx.toolchains[ctx.attr._type.label]
    return [toolchain, toolchain.template_variables, toolchain.default]

resolved_packer_toolchain = rule(
    implementation = _resolved_toolchain_impl,
    doc = "Forwards the resolved Packer toolchain, so genrules can use $(PACKER_BIN).",
    attrs = {"_type": attr.label(default = Label("//packer:toolchain_type"))},
    toolchains = [Label("//packer:toolchain_type")],
)

def _unsupported_toolchain_impl(ctx):
    fail(ctx.attr.message)

unsupported_toolchain = rule(
    implementation = _unsupported_toolchain_impl,
    doc = "Registered last, for any platform: fails with `message` when resolution finds nothing better.",
    attrs = {"message": attr.string(mandatory = True)},
)
