/**
 * The readers gen.ts is made of, on Go written here; and the committed table against what gen.ts
 * makes from Packer's sources when they are present. `npm run gen:packer-versions`
 * (GEN_PACKER_VERSIONS=write) rewrites the table instead of comparing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../lib/validate/funcs/go.ts";
import { skipCheck } from "../../testing/skips.ts";
import { declarations, flatConfigKeys, generate, missingSources, namesIn, releaseParts, sinceOf, sourcesRoot } from "./gen.ts";

const DATA = fileURLToPath(new URL("../../lib/validate/packer-versions-data.ts", import.meta.url));

describe("reading Go", () => {
  const src = `package hcl2template

const (
	packerLabel = "packer"
	dataLabel   = "data"
)

var configSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: packerLabel},
		{Type: dataLabel, LabelNames: []string{"type", "name"}},
		{Type: "build"},
	},
	Attributes: []hcl.AttributeSchema{{Name: "x"}},
}

func (p *Parser) decodeProvisioner(block *hcl.Block) {
	var b struct {
		Name    string   \`hcl:"name,optional"\`
		Timeout string   \`hcl:"timeout,optional"\`
		Rest    hcl.Body \`hcl:",remain"\`
	}
	if t, ok := attrs["type"]; ok {
		_ = Name{Name: "not a schema"}
	}
}
`;
  const toks = tokenize(src);
  const { decls, consts } = declarations(toks);

  it("finds the top-level vars and funcs, and the string constants", () => {
    expect(decls.map((d) => d.name)).toEqual(["configSchema", "decodeProvisioner"]);
    expect([...consts]).toEqual([
      ["packerLabel", "packer"],
      ["dataLabel", "data"],
    ]);
  });

  it("reads schema entries (constants resolved), struct tags and attrs look-ups", () => {
    const [schema, prov] = decls;
    expect([...namesIn(toks, schema!.start, schema!.end, ["schema"], consts)]).toEqual(["packer", "data", "build", "x"]);
    expect([...namesIn(toks, prov!.start, prov!.end, ["tags"], consts)]).toEqual(["name", "timeout"]);
    expect([...namesIn(toks, prov!.start, prov!.end, ["index"], consts)]).toEqual(["type"]);
    expect([...namesIn(toks, prov!.start, prov!.end, ["schema"], consts)]).toEqual([]);
  });

  it("reads the keys of (*FlatConfig).HCL2Spec()", () => {
    const spec = `package shell
func (*FlatConfig) HCL2Spec() map[string]hcldec.Spec {
	s := map[string]hcldec.Spec{
		"inline": &hcldec.AttrSpec{Name: "inline", Type: cty.List(cty.String), Required: false},
		"env":    &hcldec.AttrSpec{Name: "env", Type: cty.Map(cty.String), Required: false},
	}
	return s
}
func (*FlatOther) HCL2Spec() map[string]hcldec.Spec { return map[string]hcldec.Spec{"no": nil} }
`;
    expect([...flatConfigKeys(spec)!]).toEqual(["inline", "env"]);
    expect(flatConfigKeys("package x\n")).toBeUndefined();
  });

  it("a name counts from the release after which every release has it", () => {
    const tags = ["v1.5.0", "v1.6.0", "v1.7.0", "v1.8.0"];
    expect(sinceOf([true, true, true, true], tags)).toBe("1.5.0");
    expect(sinceOf([false, false, true, true], tags)).toBe("1.7.0");
    expect(sinceOf([true, false, true, true], tags)).toBe("1.7.0");
    expect(sinceOf([true, true, true, false], tags)).toBeUndefined();
    expect(releaseParts("v1.7.10")).toEqual([1, 7, 10]);
    expect(releaseParts("v1.11.0-beta")).toBeUndefined();
  });
});

const root = sourcesRoot();
const missing = missingSources(root);
const write = process.env["GEN_PACKER_VERSIONS"] === "write";
if (missing) skipCheck("packer-versions", missing);

describe("the Packer versions table (packer-versions-data.ts)", () => {
  it.skipIf(missing !== undefined)(write ? "is written from the sources" : "matches what gen.ts makes from Packer's sources", () => {
    const { table, text } = generate(root);
    if (write) {
      writeFileSync(DATA, text);
      return;
    }
    // Facts the CHANGELOG states, as a check on the readers: `data` blocks, required_plugins and
    // `packer init` arrived in 1.7.0, error-cleanup-provisioner in 1.7.0, templatefile in 1.7.1.
    expect(table.contexts["root"]?.["data"]).toBe("1.7.0");
    expect(table.contexts["packer"]?.["required_plugins"]).toBe("1.7.0");
    expect(table.features["init"]).toBe("1.7.0");
    expect(table.contexts["build"]?.["error-cleanup-provisioner"]).toBe("1.7.0");
    expect(table.functions["templatefile"]).toBe("1.7.1");
    expect(readFileSync(DATA, "utf8"), "packer-versions-data.ts is stale; run `npm run gen:packer-versions`").toBe(text);
  });
});
