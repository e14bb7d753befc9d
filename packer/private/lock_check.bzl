"""`packer_lock_test`: packer.lock.json against the templates' required_plugins, in `bazel test`."""

load(":helper.bzl", "helper_test")

# The helper that runs the check: rules_packer's own, wherever the macro is called from.
_HELPER = Label("//tools:helper")

def packer_lock_test(name, srcs, lock = "packer.lock.json", **kwargs):
    """A test that the lock file meets every template's `required_plugins` (and `required_version`).

    It runs `lock --check` offline: it fails, with the template's `file:line:col` and the lock
    file's line, when a template requires a plugin the lock does not hold, when a locked version
    is outside a template's constraint, when a locked Packer is outside a `required_version`, or
    when the lock file was edited into something `lock` would not write. A locked plugin that no
    template requires is a warning. Put it next to the lock file (the repository's root package):

    ```starlark
    load("@rules_packer//packer:defs.bzl", "packer_lock_test")

    packer_lock_test(
        name = "lock_test",
        srcs = ["//images:templates"],  # the *.pkr.hcl files, or filegroups of them
    )
    ```

    Args:
      name: the test's name.
      srcs: the templates (`*.pkr.hcl`) to check, as files or filegroups; usually every
        template a `packer_image` builds (`lock` itself walks the whole checkout).
      lock: the lock file, a label (default: `packer.lock.json` of this package).
      **kwargs: common test attributes (`size`, `tags`, `visibility`, ...).
    """
    kwargs.setdefault("size", "small")
    helper_test(
        name = name,
        data = [lock] + srcs,
        # The test starts in its runfiles: the walk of "." finds exactly the templates in `srcs`.
        fixed_args = ["lock", "--check", "--root", ".", "--lock", "$(rootpath %s)" % lock],
        helper = _HELPER,
        **kwargs
    )
