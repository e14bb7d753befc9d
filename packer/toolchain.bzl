"""Packer toolchain: the `PackerInfo` provider and the `packer_toolchain` rule.

Rules that run Packer resolve `@rules_packer//packer:toolchain_type` and read
`ctx.toolchains[...].packerinfo`. The toolchain also offers `$(PACKER_BIN)` to rules that take
make variables (for example `genrule(toolchains = ["@rules_packer//packer:resolved_toolchain"])`).

The Node.js toolchain that runs the TypeScript helper follows the same pattern
(`@rules_packer//packer:node_toolchain_type`, `NodeInfo`, `node_toolchain`).
"""

load("//packer/private:toolchain_rules.bzl", _NodeInfo = "NodeInfo", _PackerInfo = "PackerInfo", _node_toolchain = "node_toolchain", _packer_toolchain = "packer_toolchain")

PackerInfo = _PackerInfo
NodeInfo = _NodeInfo
packer_toolchain = _packer_toolchain
node_toolchain = _node_toolchain
