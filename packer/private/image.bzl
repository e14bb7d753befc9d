"""packer_image's rules: `bazel run` builds the image, `bazel test` validates the template.

Three rules, each with its own implementation, sharing the helpers that read the attributes:
`packer_image_run` (a launcher that runs the helper's `build`), `packer_image_test` (the
validator as a build action, and a test that reports its result) and `packer_validate_test`
(Packer's own `packer validate`). The arguments are computed at analysis time from the attributes
and the resolved toolchains; the CACHE_BUST of the build's --action_env comes from a small action
(see _cache_bust_file), shared by the run and test targets of one image.
"""

load("@bazel_skylib//lib:shell.bzl", "shell")
load("@bazel_skylib//rules:common_settings.bzl", "BuildSettingInfo")
load(":helper.bzl", "HelperInfo", "LAUNCHER_ATTRS", "cached_validate", "repo_dir", "rlocation_path", "write_launcher")
load(":toolchain_rules.bzl", "PackerReleaseInfo")
load(":toolchain_types.bzl", "NODE_RUNTIME_TOOLCHAIN_TYPE", "NODE_TOOLCHAIN_TYPE", "PACKER_RUNTIME_TOOLCHAIN_TYPE", "PACKER_TOOLCHAIN_TYPE")

_SEVERITIES = ["off", "error", "warning", "info"]

# The launcher replaces this with the absolute runfiles directory at run time.
RUNFILES_MARKER = "@@RULES_PACKER_RUNFILES@@"

def _expand(ctx, value):
    """Expands $(location x) to an absolute path in the runfiles, whatever directory Packer runs in."""
    for plural in ["$(locations ", "$(rootpaths ", "$(rlocationpaths ", "$(execpaths "]:
        if plural in value:
            fail("%s: %s...) is not supported in vars/env; use one $(location label) per path" % (ctx.label, plural.strip()))
    for singular in ["$(location ", "$(rootpath ", "$(execpath "]:
        value = value.replace(singular, "$(rlocationpath ")
    value = value.replace("$(rlocationpath ", RUNFILES_MARKER + "/$(rlocationpath ")
    return ctx.expand_location(value, targets = ctx.attr.data + ctx.attr.srcs + ctx.attr.var_files)

def _in_runfiles(ctx, f):
    return RUNFILES_MARKER + "/" + rlocation_path(ctx, f)

def _relative_to_repo(ctx, f):
    path = rlocation_path(ctx, f)
    prefix = repo_dir(ctx, ctx.label) + "/"
    return path[len(prefix):] if path.startswith(prefix) else "../" + path

def _cache_bust_action(ctx, out):
    """Writes CACHE_BUST to `out` when a template declares the cache-bust variable, else nothing.

    The action runs with the build's --action_env, in both forms (`CACHE_BUST=001`, and
    `CACHE_BUST` taken from the shell), so it is keyed on the value; its output changes only for
    templates that use it: the image target of a template without the variable stays byte-for-byte
    the same when the value is bumped.
    """
    ctx.actions.run(
        executable = ctx.executable._cli,
        arguments = ["cache-bust-value", "--var", ctx.attr.cache_bust_var, "--out", out.path] + [f.path for f in ctx.files.srcs],
        inputs = ctx.files.srcs,
        outputs = [out],
        use_default_shell_env = True,
        mnemonic = "PackerCacheBust",
        progress_message = "Checking %{label} for the cache-bust variable",
    )

def _cache_bust_file(ctx):
    """The cache-bust value file: the shared one packer_image makes, or this target's own."""
    if not ctx.attr.cache_bust_var:
        return None
    if ctx.file.cache_bust_value:
        return ctx.file.cache_bust_value
    out = ctx.actions.declare_file(ctx.label.name + ".cache_bust.txt")
    _cache_bust_action(ctx, out)
    return out

def _packer_cache_bust_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name + ".txt")
    _cache_bust_action(ctx, out)
    return [DefaultInfo(files = depset([out]))]

def _common_args(ctx, cache_bust_file, path):
    args = []
    for name, value in sorted(ctx.attr.vars.items()):
        args.extend(["--var", "%s=%s" % (name, _expand(ctx, value))])
    for f in ctx.files.var_files:
        args.extend(["--var-file", path(ctx, f)])
    if cache_bust_file:
        args.extend(["--cache-bust-var", ctx.attr.cache_bust_var, "--cache-bust", struct(contents_of = rlocation_path(ctx, cache_bust_file))])
    return args

def _templates(ctx, path):
    for f in ctx.files.srcs:
        if not (f.basename.endswith(".pkr.hcl") or f.basename.endswith(".pkr.json")):
            fail("%s: srcs must be Packer templates (*.pkr.hcl or *.pkr.json), got %s" % (ctx.label, f.short_path))
    dirs = {f.dirname: True for f in ctx.files.srcs}
    if len(dirs) > 1:
        # Packer reads one file or one directory.
        fail("%s: the templates of one build must sit in one directory (Packer reads a file or a directory); got %s" % (ctx.label, ", ".join(sorted([f.short_path for f in ctx.files.srcs]))))
    return [path(ctx, f) for f in ctx.files.srcs]

def _input_runfiles(ctx, cache_bust_file):
    files = ctx.runfiles(files = ctx.files.srcs + ctx.files.var_files + ctx.files.data + ([cache_bust_file] if cache_bust_file else []))

    # A binary in `data` (a provisioner's tool) brings its own runfiles; it finds them through the
    # RUNFILES_DIR that Packer and its provisioners inherit from the launcher.
    return files.merge_all([target[DefaultInfo].default_runfiles for target in ctx.attr.data])

def _packer_image_run_impl(ctx):
    packer = ctx.toolchains[PACKER_RUNTIME_TOOLCHAIN_TYPE].packerinfo
    cache_bust_file = _cache_bust_file(ctx)
    packer_arg = struct(rlocation = rlocation_path(ctx, packer.binary)) if packer.binary else packer.path

    # Packer runs where the user ran `bazel run` (their relative paths after `--` and Packer's
    # own outputs stay there); the target's files are given as absolute runfiles paths.
    args = ["build", "--packer", packer_arg]
    if packer.version:
        args.extend(["--packer-version", packer.version])
    if packer.plugin_path:
        args.extend(["--plugin-path", struct(rlocation = packer.plugin_path)])
    args.extend(_common_args(ctx, cache_bust_file, _in_runfiles))
    for item in ctx.attr.only:
        args.extend(["--only", item])
    for item in ctx.attr.excepts:
        args.extend(["--except", item])
    for name, value in sorted(ctx.attr.env.items()):
        args.extend(["--env", "%s=%s" % (name, _expand(ctx, value))])
    label = ("@%s" % ctx.label.workspace_name if ctx.label.workspace_name else "") + "//%s:%s" % (ctx.label.package, ctx.label.name)
    args.extend(["--label", label])
    args.extend(_templates(ctx, _in_runfiles))
    args.append("--")

    launcher = ctx.actions.declare_file(ctx.label.name + ".sh")
    runfiles = write_launcher(ctx, launcher, ctx.attr._helper[HelperInfo], args)
    runfiles = runfiles.merge(_input_runfiles(ctx, cache_bust_file))
    runfiles = runfiles.merge(ctx.runfiles(files = [packer.binary] if packer.binary else [], transitive_files = packer.plugins))
    return [DefaultInfo(executable = launcher, runfiles = runfiles)]

def _validate_args(ctx, cache_bust_file, release):
    """The validator's arguments: paths relative to the target's repository in the runfiles."""
    args = ["--chdir", struct(rlocation = repo_dir(ctx, ctx.label)), "validate"]
    args.extend(_common_args(ctx, cache_bust_file, _relative_to_repo))
    for name, value in sorted(ctx.attr.packer_env.items()):
        if name.startswith("PKR_VAR_"):
            args.extend(["--env", "%s=%s" % (name, _expand(ctx, value))])
    for name in ctx.attr.runtime_vars:
        args.extend(["--runtime-var", name])

    # What `bazel run` will use, as the packer extension resolved it (no Packer is fetched): the
    # plugins MODULE.bazel pins (required_plugins, PLG-01) and the Packer version, when known.
    args.extend(["--plugin-pins", struct(rlocation = rlocation_path(ctx, release.plugin_pins))])
    if release.version:
        args.extend(["--packer-version", release.version])

    # With -force Packer replaces an existing image of the same name: a fixed name does not collide.
    if "-force" in ctx.attr.packer_args or "--force" in ctx.attr.packer_args:
        args.append("--force")

    # The repository's settings (--@rules_packer//packer:validate_rules), then the target's: the
    # validator applies them in order, so the target's win. Each with the error a bad one gets.
    severities = ", ".join(_SEVERITIES)
    settings = []
    for value in ctx.attr._validate_rules_flag[BuildSettingInfo].value:
        for setting in [s.strip() for s in value.split(",") if s.strip()]:
            rule_id, _, severity = setting.partition("=")
            settings.append((rule_id, severity, "--@rules_packer//packer:validate_rules: %r must be RULE-ID=SEVERITY (or FAMILY-*=SEVERITY), the severity one of %s" % (setting, severities)))
    for rule_id, severity in sorted(ctx.attr.validate_rules.items()):
        settings.append((rule_id, severity, "%s: validate_rules[%r] must be one of %s, got %r" % (ctx.label, rule_id, severities, severity)))
    for rule_id, severity, error in settings:
        if severity not in _SEVERITIES:
            fail(error)
        args.extend(["--rule", "%s=%s" % (rule_id, severity)])
    args.extend(_templates(ctx, _relative_to_repo))
    return args

def _action_arg(arg):
    """A launcher argument (see helper.bzl's _quote_arg) for validate_action.sh, which resolves it."""
    if type(arg) == "string":
        return arg
    if hasattr(arg, "contents_of"):
        return "@@RULES_PACKER_CONTENTS@@" + arg.contents_of
    return RUNFILES_MARKER + "/" + arg.rlocation

def _validate_action(ctx, argv, files):
    """Runs the validator as a build action; returns its (report, status, junit) files.

    A build action, not the test itself, so that Bazel prints the findings of a passing run as it
    prints a compiler's warnings, and caches them (locally and remotely) with the result.
    """
    node_info = ctx.toolchains[NODE_TOOLCHAIN_TYPE].nodeinfo
    helper_info = ctx.attr._helper[HelperInfo]
    cached = cached_validate(ctx, helper_info, NODE_TOOLCHAIN_TYPE) or helper_info.cached
    report = ctx.actions.declare_file(ctx.label.name + ".findings.txt")
    status = ctx.actions.declare_file(ctx.label.name + ".status")
    junit = ctx.actions.declare_file(ctx.label.name + ".junit.xml")

    # The target's files, at their runfiles paths in the action's tree: --link DIR FILE...
    by_dir = {}
    for f in files:
        by_dir.setdefault(rlocation_path(ctx, f).rpartition("/")[0], []).append(f)
    args = ctx.actions.args()
    args.add_all([report, status, junit])
    for directory, group in sorted(by_dir.items()):
        args.add("--link", directory)
        args.add_all(group)
    args.add("--")
    args.add(node_info.binary or node_info.path)
    args.add_all(["--preserve-symlinks", "--preserve-symlinks-main", "--disable-warning=ExperimentalWarning", cached.loader])
    args.add_all([_action_arg(a) for a in argv])
    args.add(junit, format = "--junit=@@RULES_PACKER_EXECROOT@@/%s")
    ctx.actions.run(
        executable = ctx.executable._validate_action,
        arguments = [args],
        inputs = depset(files + cached.files + helper_info.data + ([node_info.binary] if node_info.binary else [])),
        outputs = [report, status, junit],
        mnemonic = "PackerValidate",
        progress_message = "Validating the Packer templates of %{label}",
    )
    return report, status, junit

def _packer_image_test_impl(ctx):
    cache_bust_file = _cache_bust_file(ctx)
    release = ctx.attr._packer_release[PackerReleaseInfo]
    inputs = _input_runfiles(ctx, cache_bust_file).files.to_list() + [release.plugin_pins]
    report, status, junit = _validate_action(ctx, _validate_args(ctx, cache_bust_file, release), inputs)

    launcher = ctx.actions.declare_file(ctx.label.name + ".sh")
    ctx.actions.expand_template(
        template = ctx.file._validate_test_template,
        output = launcher,
        substitutions = {
            "%LABEL%": str(ctx.label),
            "%REPORT%": rlocation_path(ctx, report),
            "%STATUS%": rlocation_path(ctx, status),
            "%JUNIT%": rlocation_path(ctx, junit),
        },
        is_executable = True,
    )
    return [DefaultInfo(executable = launcher, runfiles = ctx.runfiles(files = [report, status, junit]))]

def _packer_validate_test_impl(ctx):
    packer = ctx.toolchains[PACKER_TOOLCHAIN_TYPE].packerinfo
    cache_bust_file = _cache_bust_file(ctx)
    args = []
    for f in ctx.files.var_files:
        args.append("-var-file=" + _relative_to_repo(ctx, f))
    for name, value in sorted(ctx.attr.vars.items()):
        args.extend(["-var", "%s=%s" % (name, _expand(ctx, value))])
    if ctx.attr.only:
        args.append("-only=" + ",".join(ctx.attr.only))
    if ctx.attr.excepts:
        args.append("-except=" + ",".join(ctx.attr.excepts))
    env = ["%s=%s" % (name, _expand(ctx, value)) for name, value in sorted(ctx.attr.env.items())]
    launcher = ctx.actions.declare_file(ctx.label.name + ".sh")
    quote = lambda values: " ".join([shell.quote(v) for v in values])
    ctx.actions.expand_template(
        template = ctx.file._packer_validate_template,
        output = launcher,
        substitutions = {
            "%LABEL%": str(ctx.label),
            "%REPO%": shell.quote(repo_dir(ctx, ctx.label)),
            "%PACKER%": shell.quote(_in_runfiles(ctx, packer.binary) if packer.binary else packer.path),
            "%PLUGIN_PATH%": shell.quote(RUNFILES_MARKER + "/" + packer.plugin_path if packer.plugin_path else ""),
            "%CACHE_BUST_FILE%": shell.quote(rlocation_path(ctx, cache_bust_file) if cache_bust_file else ""),
            "%CACHE_BUST_VAR%": ctx.attr.cache_bust_var,
            "%TEMPLATES%": quote(_templates(ctx, _relative_to_repo)),
            "%ARGS%": quote(args),
            "%ENV%": quote(env),
        },
        is_executable = True,
    )
    runfiles = _input_runfiles(ctx, cache_bust_file).merge(ctx.runfiles(files = [packer.binary] if packer.binary else [], transitive_files = packer.plugins))
    return [DefaultInfo(executable = launcher, runfiles = runfiles)]

_COMMON_ATTRS = dict(LAUNCHER_ATTRS, **{
    "srcs": attr.label_list(doc = "The template file(s) of one build (*.pkr.hcl), all in one directory.", allow_files = [".pkr.hcl", ".pkr.json"], mandatory = True),
    "data": attr.label_list(doc = "Files the template uses: scripts, uploads. Packer runs in the directory `bazel run` was started from, so refer to them as `${path.root}/...` (the template's directory in the runfiles).", allow_files = True),
    "var_files": attr.label_list(doc = "Variable files (*.pkrvars.hcl), passed as -var-file in order.", allow_files = [".pkrvars.hcl", ".pkrvars.json", ".hcl", ".json"]),
    "vars": attr.string_dict(doc = "Variables passed as -var NAME=VALUE. $(location label) becomes the file's absolute path in the runfiles."),
    "cache_bust_var": attr.string(doc = "The template variable that receives the build's CACHE_BUST (--action_env) when the template declares it. Empty: never passed.", default = "cache_bust"),
    "cache_bust_value": attr.label(doc = "A file holding this build's CACHE_BUST, or nothing when no template declares `cache_bust_var`. `packer_image` sets it to one file that its run and test targets share; left empty, the target checks the templates itself.", allow_single_file = True),
    "_helper": attr.label(default = Label("//tools:helper"), providers = [HelperInfo]),
    "_cli": attr.label(default = Label("//tools:cli"), executable = True, cfg = "exec"),
})

packer_cache_bust = rule(
    implementation = _packer_cache_bust_impl,
    doc = "`<name>.txt`: the build's CACHE_BUST when one of the templates declares `cache_bust_var`, else empty.",
    attrs = {
        "srcs": _COMMON_ATTRS["srcs"],
        "cache_bust_var": attr.string(doc = "The template variable that receives CACHE_BUST.", mandatory = True),
        "_cli": _COMMON_ATTRS["_cli"],
    },
)

packer_image_run = rule(
    implementation = _packer_image_run_impl,
    doc = """`bazel run` target: `packer build` with the hermetic Packer (after `packer init` when the
template has `required_plugins` that `packer.plugin` does not pin).

Packer runs in the directory `bazel run` was started from; the target's files are passed as
absolute paths into the runfiles. Arguments after `--` go to Packer; `-- --dry-run` prints the
command, the variables with where each comes from (sensitive ones masked) and the Packer
version, and runs nothing. The exit code is Packer's. `packer_image` creates one as `<name>`.""",
    attrs = dict(_COMMON_ATTRS, **{
        "only": attr.string_list(doc = "Build only these sources (packer build -only)."),
        "excepts": attr.string_list(doc = "Build all but these sources (packer build -except)."),
        "env": attr.string_dict(doc = "Environment variables for Packer; $(location) is expanded."),
    }),
    toolchains = [PACKER_RUNTIME_TOOLCHAIN_TYPE, NODE_RUNTIME_TOOLCHAIN_TYPE],
    executable = True,
)

packer_image_test = rule(
    implementation = _packer_image_test_impl,
    doc = """`bazel test` target: rules_packer's validator on the template(s) and var files.

No Packer, no network, no credentials. Findings are printed as
`file:line:col: severity RULE-ID: message` and written as JUnit XML; any error fails the test.
The rules and their settings: docs/rules.md. `packer_image` creates one as `<name>.validate`.""",
    attrs = dict(_COMMON_ATTRS, **{
        "validate_rules": attr.string_dict(doc = "Rule id -> severity (off, error, warning, info), overriding the defaults for this target."),
        "packer_env": attr.string_dict(doc = "The environment the run target gives Packer (its `env`): `PKR_VAR_<name>` entries supply variables."),
        "runtime_vars": attr.string_list(doc = "Variables the build gets only when it runs (a CI secret in `PKR_VAR_<name>`): supplied, their values not known to the validation."),
        "packer_args": attr.string_list(doc = "The Packer arguments the run target passes (its `args`): with `-force`, Packer replaces an existing image of the same name, so a fixed image name is not reported as colliding."),
        "_packer_release": attr.label(default = Label("@packer_toolchains//:release"), providers = [PackerReleaseInfo]),
        "_validate_action": attr.label(default = Label("//packer/private:validate_action.sh"), allow_single_file = True, executable = True, cfg = "exec"),
        "_validate_test_template": attr.label(default = Label("//packer/private:validate_test.sh.tpl"), allow_single_file = True),
        "_validate_rules_flag": attr.label(default = Label("//packer:validate_rules"), providers = [BuildSettingInfo]),
    }),
    toolchains = [NODE_TOOLCHAIN_TYPE],
    test = True,
)

packer_validate_test = rule(
    implementation = _packer_validate_test_impl,
    doc = """`bazel test` target: Packer's own `packer validate` of the template(s), with the toolchain's
Packer and the plugins `packer.plugin` pins.

No network, no credentials, none of the user's environment: a check that needs them (a
function reading a secret store, a builder asking the cloud) fails, and the test says which
and how to skip it. A template with `required_plugins` that MODULE.bazel does not pin gets
`packer validate -syntax-only` (a test runs no `packer init`), and says so. Unlike
`<name>.validate`, this test needs Packer: `bazel test` fetches it (and the pinned plugins)
for the execution platform. `packer_image(packer_validate = True)` creates one as
`<name>.packer_validate`.""",
    attrs = dict(_COMMON_ATTRS, **{
        "only": attr.string_list(doc = "Validate only these sources (packer validate -only)."),
        "excepts": attr.string_list(doc = "Validate all but these sources (packer validate -except)."),
        "env": attr.string_dict(doc = "Environment variables for Packer (the run target's `env`); $(location) is expanded."),
        "_packer_validate_template": attr.label(default = Label("//packer/private:packer_validate.sh.tpl"), allow_single_file = True),
    }),
    toolchains = [PACKER_TOOLCHAIN_TYPE],
    test = True,
)
