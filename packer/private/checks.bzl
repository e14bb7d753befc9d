"""Repository-level checks a consumer puts in its own BUILD file: the canary's cache bust and config."""

load(":helper.bzl", "helper_test")

# The helper that runs the checks: rules_packer's own, wherever the macro is called from.
_HELPER = Label("//tools:helper")

def _file_in_package(path):
    """A file of the calling package that may be missing: its data list and runfiles path.

    A glob, not a label, so that a missing file fails the test with a message naming the command
    that makes it, not the whole build with Bazel's "missing input file". A label (`//x:y`,
    `:y`, `@r//x:y`) is taken as it is: it must exist.
    """
    if path.startswith(("//", ":", "@")):
        return [path], "$(rootpath %s)" % path
    repo = native.repository_name()
    package = native.package_name()
    rootpath = (package + "/" if package else "") + path
    if repo not in ("@", ""):
        rootpath = "../%s/%s" % (repo.lstrip("@"), rootpath)
    return native.glob([path], allow_empty = True), rootpath

def _test_kwargs(kwargs):
    # No network, a few hundred milliseconds: small, unless the caller says otherwise.
    kwargs.setdefault("size", "small")
    return kwargs

def packer_cache_bust_test(name, bazelrc = ".bazelrc", config = "", **kwargs):
    """A test that the canary cache bust in `.bazelrc` is consistent.

    It fails, with `file:line` messages, when `--repo_env=CACHE_BUST` and
    `--action_env=CACHE_BUST` disagree, when one of them is missing or set more than once, or
    when a value is taken from the shell (`--action_env=CACHE_BUST` without `=`), and says
    the command that fixes it (`bazel run @rules_packer//tools:cache_bust -- bump ...`). It
    reads the file itself, not Bazel's parsed options, so it also catches a `.bazelrc` that
    `bump` could not update. A missing `.bazelrc` fails the test, not the build. Put it in the
    BUILD file next to `.bazelrc` (the repository's root package):

    ```starlark
    load("@rules_packer//packer:defs.bzl", "packer_cache_bust_test")

    packer_cache_bust_test(name = "cache_bust_test")
    ```

    Args:
      name: the test's name.
      bazelrc: the `.bazelrc` to check: a path in this package (default `.bazelrc`), or a
        label for a file of another package.
      config: check only the lines of this `--config` (`build:NAME ...`); default: every
        config that sets CACHE_BUST, and it fails when none does.
      **kwargs: common test attributes (`size`, `tags`, `visibility`, ...).
    """
    data, path = _file_in_package(bazelrc)
    args = ["cache-bust", "check", "--bazelrc", path]
    if config:
        args.extend(["--config", config])
    helper_test(
        name = name,
        data = data,
        fixed_args = args,
        helper = _HELPER,
        **_test_kwargs(kwargs)
    )

def packer_canary_config_test(
        name,
        config = ".aspect/workflows/config.yaml",
        canary_config = ".aspect/workflows/config-canary.yaml",
        queue = "",
        **kwargs):
    """For Aspect Workflows users: a test that the canary config is what `canary` makes of the config.

    `bazel run @rules_packer//tools:cli -- canary` writes `config-canary.yaml`: `config.yaml`
    with every task on the canary queue. This test fails while the committed canary config is
    missing or stale (`config.yaml` changed since), printing the lines that differ and the
    command to run; run it and commit the result. A missing file fails the test with that
    message, never the build. Add it once the repository has an Aspect Workflows config, in
    the root BUILD file:

    ```starlark
    load("@rules_packer//packer:defs.bzl", "packer_canary_config_test")

    packer_canary_config_test(name = "canary_config_test")
    ```

    Args:
      name: the test's name.
      config: the source Aspect Workflows config: a path in this package, or a label.
      canary_config: the generated canary config: a path in this package, or a label.
      queue: the canary queue, when not `canary` (the `--queue` given to `canary`).
      **kwargs: common test attributes (`size`, `tags`, `visibility`, ...).
    """
    config_data, config_path = _file_in_package(config)
    canary_data, canary_path = _file_in_package(canary_config)
    args = ["canary", "--check", "--config", config_path, "--out", canary_path]
    if queue:
        args.extend(["--queue", queue])
    helper_test(
        name = name,
        data = config_data + canary_data,
        fixed_args = args,
        helper = _HELPER,
        **_test_kwargs(kwargs)
    )
