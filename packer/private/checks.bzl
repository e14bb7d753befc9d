"""Repository-level checks a consumer puts in its own BUILD file: the canary's cache bust and config."""

load(":helper.bzl", "helper_test")

# The helper that runs the checks: rules_packer's own, wherever the macro is called from.
_HELPER = Label("//tools:helper")

def _test_kwargs(kwargs):
    # No network, a few hundred milliseconds: small, unless the caller says otherwise.
    kwargs.setdefault("size", "small")
    return kwargs

def packer_cache_bust_test(name, bazelrc = ".bazelrc", config = "", **kwargs):
    """A test that the canary cache bust in `.bazelrc` is consistent.

    It fails, with `file:line` messages, when `--repo_env=CACHE_BUST` and
    `--action_env=CACHE_BUST` disagree, when one of them is missing or set more than once, or
    when a value is taken from the shell (`--action_env=CACHE_BUST` without `=`). It reads the
    file itself, not Bazel's parsed options, so it also catches a `.bazelrc` that `bazel run
    @rules_packer//tools:cache_bust -- bump` could not update. Put it in the BUILD file next
    to `.bazelrc` (the repository's root package):

    ```starlark
    load("@rules_packer//packer:defs.bzl", "packer_cache_bust_test")

    packer_cache_bust_test(name = "cache_bust_test")
    ```

    Args:
      name: the test's name.
      bazelrc: the `.bazelrc` to check, a label (default: `.bazelrc` of this package).
      config: check only the lines of this `--config` (`build:NAME ...`); default: every
        config that sets CACHE_BUST, and it fails when none does.
      **kwargs: common test attributes (`size`, `tags`, `visibility`, ...).
    """
    args = ["cache-bust", "check", "--bazelrc", "$(rootpath %s)" % bazelrc]
    if config:
        args.extend(["--config", config])
    helper_test(
        name = name,
        data = [bazelrc],
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
    """A test that the canary Aspect Workflows config is what `canary` makes of the config.

    `bazel run @rules_packer//tools:cli -- canary` writes `config-canary.yaml`: `config.yaml`
    with every task on the canary queue. This test fails while the committed canary config is
    missing or stale (`config.yaml` changed since), printing the lines that differ; run the
    command again and commit the result. Put it in the repository's root BUILD file:

    ```starlark
    load("@rules_packer//packer:defs.bzl", "packer_canary_config_test")

    packer_canary_config_test(name = "canary_config_test")
    ```

    Args:
      name: the test's name.
      config: the source Aspect Workflows config, a label.
      canary_config: the generated canary config, a label.
      queue: the canary queue, when not `canary` (the `--queue` given to `canary`).
      **kwargs: common test attributes (`size`, `tags`, `visibility`, ...).
    """
    args = ["canary", "--check", "--config", "$(rootpath %s)" % config, "--out", "$(rootpath %s)" % canary_config]
    if queue:
        args.extend(["--queue", queue])
    helper_test(
        name = name,
        data = [config, canary_config],
        fixed_args = args,
        helper = _HELPER,
        **_test_kwargs(kwargs)
    )
