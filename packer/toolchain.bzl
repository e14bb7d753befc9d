"""Packer toolchain: the `PackerInfo` provider and the `packer_toolchain` rule.

Each tool has two toolchain types with the same binaries behind them:

- `@rules_packer//packer:toolchain_type`, matched to the execution platform: what actions,
  genrules and tests run.
- `@rules_packer//packer:runtime_toolchain_type`, matched to the target platform: what
  `bazel run` starts on the user's machine.

Rules that run Packer resolve one of them and read `ctx.toolchains[...].packerinfo`. The
toolchain also offers `$(PACKER_BIN)` to rules that take make variables:

```starlark
genrule(
    name = "packer_version",
    outs = ["packer_version.txt"],
    cmd = "CHECKPOINT_DISABLE=1 $(PACKER_BIN) version > $@",
    toolchains = ["@rules_packer//packer:resolved_toolchain"],
    tools = ["@rules_packer//packer:resolved_toolchain"],
)
```

The Node.js toolchain that runs the TypeScript helper follows the same pattern
(`@rules_packer//packer:node_toolchain_type`, `node_runtime_toolchain_type`, `NodeInfo`,
`node_toolchain`).
"""

load("//packer/private:toolchain_rules.bzl", _NodeInfo = "NodeInfo", _PackerInfo = "PackerInfo", _node_toolchain = "node_toolchain", _packer_toolchain = "packer_toolchain")

PackerInfo = _PackerInfo
NodeInfo = _NodeInfo
packer_toolchain = _packer_toolchain
node_toolchain = _node_toolchain
