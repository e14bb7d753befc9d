"""Public API of rules_packer: `packer_image` and the rules behind it, and the canary checks.

```starlark
load("@rules_packer//packer:defs.bzl", "packer_cache_bust_test", "packer_canary_config_test", "packer_image")

# BUILD.bazel next to the templates: `bazel run :amzn2` builds, `bazel test :amzn2.validate` validates.
packer_image(
    name = "amzn2",
    srcs = ["amzn2.pkr.hcl"],
    data = ["scripts/install.sh"],
    var_files = ["prod.pkrvars.hcl"],
    vars = {"region": "us-east-2"},
)

# The repository's root BUILD.bazel: the canary's checks of .bazelrc and .aspect/workflows/.
packer_cache_bust_test(name = "cache_bust_test")
packer_canary_config_test(name = "canary_config_test")
```

`packer_image` is the macro to use; `packer_image_run`, `packer_image_test` and
`packer_validate_test` are the rules it creates, for those who want only some of its targets.
"""

load("//packer/private:checks.bzl", _packer_cache_bust_test = "packer_cache_bust_test", _packer_canary_config_test = "packer_canary_config_test")
load("//packer/private:image.bzl", _packer_cache_bust = "packer_cache_bust", _packer_image_run = "packer_image_run", _packer_image_test = "packer_image_test", _packer_validate_test = "packer_validate_test")
load("//packer/private:lock_check.bzl", _packer_lock_test = "packer_lock_test")

packer_image_run = _packer_image_run
packer_image_test = _packer_image_test
packer_validate_test = _packer_validate_test
packer_cache_bust_test = _packer_cache_bust_test
packer_canary_config_test = _packer_canary_config_test
packer_lock_test = _packer_lock_test

def packer_image(
        name,
        srcs,
        data = [],
        var_files = [],
        vars = {},
        only = [],
        excepts = [],
        cache_bust_var = "cache_bust",
        env = {},
        runtime_vars = [],
        validate_rules = {},
        packer_validate = False,
        tags = [],
        visibility = None,
        **kwargs):
    """A Packer image: build it with `bazel run`, validate it with `bazel test`.

    Creates these targets:

    - `<name>`: `bazel run //pkg:<name>` runs `packer init` (when the template has
      `required_plugins` and no plugin is pinned with `packer.plugin`) and `packer build` with
      the hermetic Packer, the vars and var files, and `-var <cache_bust_var>=<CACHE_BUST>` when
      the template declares that variable. Arguments after `--` go to Packer; `-- --dry-run`
      prints the exact command, the resolved variables (sensitive ones masked) and the Packer
      version, and runs nothing. Building it (also for `--dry-run`) fetches Packer for the
      machine that runs it.
    - `<name>.validate`: a test that validates the template(s) and var files: syntax,
      references, variables the target supplies, Workflows readiness and image naming, against
      the Packer version and plugins MODULE.bazel pins. It needs no Packer, no network and no
      credentials. The validator runs as a build action: Bazel prints the warnings of a
      passing template once, when the action runs, as it prints a compiler's warnings.
    - `<name>.packer_validate` (with `packer_validate = True`): a test that runs Packer's own
      `packer validate` with the toolchain's Packer and the pinned plugins (no network, no
      credentials; `-syntax-only` when the template requires plugins that are not pinned).
      It fetches Packer for `bazel test`.
    - `<name>.cache_bust` (private, tagged manual; not created when `cache_bust_var` is ""):
      `<name>.cache_bust.txt` holds the build's CACHE_BUST when a template declares the
      variable, else nothing; both targets read it.

    Args:
      name: the target name.
      srcs: the template file(s) of one build (*.pkr.hcl), in one directory.
      data: files the template uses (scripts, uploads).
      var_files: *.pkrvars.hcl files, passed in order.
      vars: variables, NAME -> VALUE; `$(location label)` gives a path Packer can open.
      only: build only these sources (`-only`).
      excepts: build all sources but these (`-except`); `except` is a Python keyword.
      cache_bust_var: the variable that receives CACHE_BUST from `--action_env` ("" to never pass it).
      env: environment variables for Packer; `PKR_VAR_<name>` entries also count as supplied
        variables for `<name>.validate`.
      runtime_vars: variables the build gets only when it runs, as a CI secret does
        (`PKR_VAR_<name>` in `bazel run`'s environment, or `-- -var name=…`): `<name>.validate`
        takes them as supplied, with values (and defaults) it does not know, so it neither
        reports them unset nor judges the template by their defaults.
      validate_rules: rule id -> "off" | "error" | "warning" | "info" for `<name>.validate`.
      packer_validate: also create `<name>.packer_validate`, Packer's own `packer validate`.
      tags: tags for both targets (the test also gets them).
      visibility: visibility of both targets.
      **kwargs: further common attributes (e.g. `target_compatible_with`) for both targets;
        test attributes (`size`, `timeout`, `flaky`, `shard_count`, `local`) for the test only;
        `args` (Packer arguments placed before those after `--`) for the run target; with `-force`
        among them the validation does not report a fixed image name as colliding.
    """

    # Test-only attributes go to the test alone; `size` defaults to small (no network, seconds).
    test_kwargs = {key: kwargs.pop(key) for key in ["size", "timeout", "flaky", "shard_count", "local"] if key in kwargs}
    test_kwargs.setdefault("size", "small")

    # `args` are Packer's (`bazel run` passes them before the user's); the validator learns from
    # them only whether Packer runs with -force.
    run_kwargs = {key: kwargs.pop(key) for key in ["args"] if key in kwargs}

    # One check of the templates for the cache-bust variable, shared by both targets.
    cache_bust_value = None
    if cache_bust_var:
        _packer_cache_bust(
            name = name + ".cache_bust",
            srcs = srcs,
            cache_bust_var = cache_bust_var,
            # Built as a dependency of the two targets only, never by a `//...` pattern on its own.
            tags = (tags or []) + ["manual"],
            visibility = ["//visibility:private"],
            **kwargs
        )
        cache_bust_value = ":%s.cache_bust" % name
    packer_image_run(
        name = name,
        srcs = srcs,
        data = data,
        var_files = var_files,
        vars = vars,
        only = only,
        excepts = excepts,
        cache_bust_var = cache_bust_var,
        cache_bust_value = cache_bust_value,
        env = env,
        tags = tags,
        visibility = visibility,
        **dict(kwargs, **run_kwargs)
    )
    packer_image_test(
        name = name + ".validate",
        srcs = srcs,
        data = data,
        var_files = var_files,
        vars = vars,
        cache_bust_var = cache_bust_var,
        cache_bust_value = cache_bust_value,
        packer_env = env,
        runtime_vars = runtime_vars,
        packer_args = run_kwargs.get("args", []),
        validate_rules = validate_rules,
        tags = tags,
        visibility = visibility,
        **dict(kwargs, **test_kwargs)
    )
    if packer_validate:
        packer_validate_test(
            name = name + ".packer_validate",
            srcs = srcs,
            data = data,
            var_files = var_files,
            vars = vars,
            only = only,
            excepts = excepts,
            cache_bust_var = cache_bust_var,
            cache_bust_value = cache_bust_value,
            env = env,
            tags = tags,
            visibility = visibility,
            **dict(kwargs, **test_kwargs)
        )
