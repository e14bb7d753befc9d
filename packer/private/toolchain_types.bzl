"""The toolchain types of rules_packer, named once for the rules that use them and the hubs that provide them.

Each tool has two: one resolved for the execution platform (actions and tests run there) and one
for the target platform (`bazel run` starts the tool on the user's machine).
"""

# Packer, for tests and actions: the execution platform's binary.
PACKER_TOOLCHAIN_TYPE = Label("//packer:toolchain_type")

# Packer for `bazel run`: the target platform's binary.
PACKER_RUNTIME_TOOLCHAIN_TYPE = Label("//packer:runtime_toolchain_type")

# Node.js that runs the helper in actions and tests.
NODE_TOOLCHAIN_TYPE = Label("//packer:node_toolchain_type")

# Node.js that runs the helper under `bazel run`.
NODE_RUNTIME_TOOLCHAIN_TYPE = Label("//packer:node_runtime_toolchain_type")
