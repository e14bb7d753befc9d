import { describe, expect, it } from "vitest";
import { GoReadError, ExprParser, ctyType, findMethod, funcResult, readHCL2Spec, readImports, readStruct, tokenize } from "./goread.ts";
import { Workspace, compactDefs, generatePlugin, renderPlugin, stableJson, type Def, type Pin, type Sources, type Tree } from "./gen.ts";
import { whole } from "./whole.ts";

/** Snippets written for these tests, in the shape packer-sdc emits. */
function spec(flat: string, entries: string): string {
  return `package demo

import (
\t"github.com/hashicorp/hcl/v2/hcldec"
\t"github.com/zclconf/go-cty/cty"
)

// FlatThing is a test type.
func (*${flat}) HCL2Spec() map[string]hcldec.Spec {
\ts := map[string]hcldec.Spec{
${entries}
\t}
\treturn s
}
`;
}

function typeOf(expr: string): string {
  const toks = tokenize(expr);
  return ctyType(new ExprParser(toks, 0, "t.go").expr(), "t.go");
}

describe("cty types", () => {
  it("reads every cty form as an HCL type expression", () => {
    expect(typeOf("cty.String")).toBe("string");
    expect(typeOf("cty.Number")).toBe("number");
    expect(typeOf("cty.Bool")).toBe("bool");
    expect(typeOf("cty.DynamicPseudoType")).toBe("any");
    expect(typeOf("cty.List(cty.String)")).toBe("list(string)");
    expect(typeOf("cty.Set(cty.Number)")).toBe("set(number)");
    expect(typeOf("cty.Map(cty.List(cty.Bool))")).toBe("map(list(bool))");
    expect(typeOf(`cty.Object(map[string]cty.Type{"b": cty.Number, "a": cty.String})`)).toBe("object({a=string,b=number})");
    expect(typeOf("cty.Tuple([]cty.Type{cty.String, cty.Number})")).toBe("tuple([string,number])");
    expect(typeOf("cty.EmptyObject")).toBe("object({})");
    expect(typeOf("cty.List(cty.Map(cty.DynamicPseudoType))")).toBe("list(map(any))");
  });

  it("refuses a cty form it does not know", () => {
    expect(() => typeOf("cty.Capsule")).toThrow(GoReadError);
    expect(() => typeOf("cty.List(cty.String, cty.Bool)")).toThrow(/not a cty type/);
    expect(() => typeOf("cty.ObjectWithOptionalAttrs(x)")).toThrow(/not a cty type/);
  });
});

describe("HCL2Spec maps", () => {
  it("reads attributes and nested blocks of every kind", () => {
    const src = spec(
      "FlatThing",
      `\t\t"name": &hcldec.AttrSpec{Name: "name", Type: cty.String, Required: false},
\t\t"count": &hcldec.AttrSpec{Name: "count", Type: cty.Number, Required: true},
\t\t"one": &hcldec.BlockSpec{TypeName: "one", Nested: hcldec.ObjectSpec((*FlatOther)(nil).HCL2Spec())},
\t\t"many": &hcldec.BlockListSpec{TypeName: "many", Nested: hcldec.ObjectSpec((*shared.FlatKV)(nil).HCL2Spec())},
\t\t"bag": &hcldec.BlockSetSpec{TypeName: "bag", Nested: hcldec.ObjectSpec((*FlatOther)(nil).HCL2Spec()), MinItems: 1},
\t\t"named": &hcldec.BlockMapSpec{TypeName: "named", LabelNames: []string{"key"}, Nested: hcldec.ObjectSpec((*FlatOther)(nil).HCL2Spec())},
\t\t"labels": &hcldec.BlockAttrsSpec{TypeName: "labels", ElementType: cty.String, Required: false},`,
    );
    const entries = readHCL2Spec(tokenize(src, "demo.go"), "FlatThing", "demo.go");
    expect(entries).toEqual([
      { kind: "attr", name: "name", type: "string" },
      { kind: "attr", name: "count", type: "number" },
      { kind: "block", name: "one", nesting: "single", nested: { pkg: null, name: "FlatOther" } },
      { kind: "block", name: "many", nesting: "list", nested: { pkg: "shared", name: "FlatKV" } },
      { kind: "block", name: "bag", nesting: "set", nested: { pkg: null, name: "FlatOther" } },
      { kind: "block", name: "named", nesting: "map", nested: { pkg: null, name: "FlatOther" }, labels: ["key"] },
      { kind: "block", name: "labels", nesting: "attrs", type: "string" },
    ]);
    expect(readHCL2Spec(tokenize(src), "FlatMissing", "demo.go")).toBeUndefined();
  });

  it("uses the HCL name, not the map key", () => {
    const src = spec("FlatThing", `\t\t"Key": &hcldec.AttrSpec{Name: "key_name", Type: cty.Bool, Required: false},`);
    expect(readHCL2Spec(tokenize(src), "FlatThing", "demo.go")).toEqual([{ kind: "attr", name: "key_name", type: "bool" }]);
  });

  it("fails with the file and line on an attribute without a type", () => {
    const src = spec("FlatThing", `\t\t"x": &hcldec.AttrSpec{Name: "x", Required: false},`);
    expect(() => readHCL2Spec(tokenize(src), "FlatThing", "demo.go")).toThrow(/demo\.go:11: "x": AttrSpec has no Type/);
  });

  it("fails on a spec kind or a nested form it does not know", () => {
    const unknown = spec("FlatThing", `\t\t"x": &hcldec.LiteralSpec{Value: cty.True},`);
    expect(() => readHCL2Spec(tokenize(unknown), "FlatThing", "d.go")).toThrow(/spec kind hcldec.LiteralSpec is not known/);
    const nested = spec("FlatThing", `\t\t"x": &hcldec.BlockSpec{TypeName: "x", Nested: &hcldec.AttrSpec{Name: "y", Type: cty.String}},`);
    expect(() => readHCL2Spec(tokenize(nested), "FlatThing", "d.go")).toThrow(/nested spec of a form this reader does not know/);
    const noNested = spec("FlatThing", `\t\t"x": &hcldec.BlockListSpec{TypeName: "x"},`);
    expect(() => readHCL2Spec(tokenize(noNested), "FlatThing", "d.go")).toThrow(/has no Nested spec/);
  });

  it("fails when the body does more than return one map", () => {
    const src = spec("FlatThing", "").replace("\treturn s", '\ts["x"] = nil\n\treturn s');
    expect(() => readHCL2Spec(tokenize(src), "FlatThing", "d.go")).toThrow(/does more than return its map/);
  });
});

describe("Go declarations", () => {
  it("reads imports with and without names", () => {
    const toks = tokenize(`package x
import "fmt"
import (
  sl "github.com/hashicorp/packer-plugin-sdk/shell-local"
  "github.com/hashicorp/packer-plugin-sdk/common"
  _ "embed"
)
func f() {}`);
    expect(readImports(toks)).toEqual([
      { alias: null, path: "fmt" },
      { alias: "sl", path: "github.com/hashicorp/packer-plugin-sdk/shell-local" },
      { alias: null, path: "github.com/hashicorp/packer-plugin-sdk/common" },
      { alias: "_", path: "embed" },
    ]);
  });

  it("reads struct fields, embedded ones and tags", () => {
    const toks = tokenize(`package x
type Builder struct {
\tcommon.PackerConfig \`mapstructure:",squash"\`
\t*Embedded
\tconfig   *sl.Config
\ta, b     string
\trunner   multistep.Runner // comment
\tm        map[string]string
}`);
    expect(readStruct(toks, "Builder")).toEqual([
      { name: "PackerConfig", embedded: true, type: { pkg: "common", name: "PackerConfig" } },
      { name: "Embedded", embedded: true, type: { pkg: null, name: "Embedded" } },
      { name: "config", embedded: false, type: { pkg: "sl", name: "Config" } },
      { name: "a", embedded: false, type: { pkg: null, name: "string" } },
      { name: "b", embedded: false, type: { pkg: null, name: "string" } },
      { name: "runner", embedded: false, type: { pkg: "multistep", name: "Runner" } },
      { name: "m", embedded: false, type: undefined },
    ]);
  });

  it("finds methods with or without a receiver name", () => {
    const toks = tokenize("package x\nfunc (b *Builder) ConfigSpec() hcldec.ObjectSpec { return b.config.FlatMapstructure().HCL2Spec() }");
    expect(findMethod(toks, "Builder", "ConfigSpec").recv).toBe("b");
    expect(findMethod(toks, "Other", "ConfigSpec").body).toBe(-1);
  });

  it("reads what a constructor builds", () => {
    const toks = tokenize(`package x
func NewA() packer.PostProcessor { return &A{} }
func NewB() *B {
	b := &B{}
	return b
}
func NewC() other.C { return other.Make() }
func NewD() packer.Builder { return new(D) }`);
    expect(funcResult(toks, "NewA")).toEqual({ pkg: null, name: "A" });
    expect(funcResult(toks, "NewB")).toEqual({ pkg: null, name: "B" });
    expect(funcResult(toks, "NewC")).toEqual({ pkg: "other", name: "C" });
    expect(funcResult(toks, "NewD")).toEqual({ pkg: null, name: "D" });
    expect(funcResult(toks, "NewE")).toBeUndefined();
  });

  it("unquotes Go strings", () => {
    const toks = tokenize('x := "a\\tb\\x41\\u00e9\\"" + `raw\\n`');
    expect(toks.filter((t) => t.t === "str").map((t) => t.v)).toEqual(['a\tbAé"', "raw\\n"]);
  });
});

/** An in-memory module tree. */
function memTree(files: Record<string, string>): Tree {
  return {
    list: (dir) =>
      Object.keys(files)
        .filter((p) => (dir ? p.startsWith(dir + "/") && !p.slice(dir.length + 1).includes("/") : !p.includes("/")))
        .map((p) => p.slice(dir ? dir.length + 1 : 0)),
    read: (p) => files[p],
  };
}

function memSources(repos: Record<string, Record<string, string>>): Sources {
  return {
    open(repository, ref) {
      const files = repos[`${repository}@${ref}`];
      if (!files) throw new Error(`missing ${repository}@${ref}`);
      return memTree(files);
    },
  };
}

const SDK = "github.com/hashicorp/packer-plugin-sdk";
const PLUGIN = "github.com/acme/packer-plugin-demo";

function demoRepos(extraField = ""): Record<string, Record<string, string>> {
  return {
    [`${PLUGIN}@abc`]: {
      "go.mod": `module ${PLUGIN}\n\ngo 1.22\n\nrequire (\n\t${SDK} v0.6.1\n\tgithub.com/other/thing v1.0.0 // indirect\n)\n`,
      "main.go": `package main
import (
\t"github.com/hashicorp/packer-plugin-sdk/plugin"
\twidget "${PLUGIN}/builder/widget"
\t"${PLUGIN}/datasource/lookup"
)
func main() {
\tpps := plugin.NewSet()
\tpps.RegisterBuilder(plugin.DEFAULT_NAME, new(widget.Builder))
\tpps.RegisterDatasource("lookup", new(lookup.Datasource))
}`,
      "builder/widget/builder.go": `package widget
type Builder struct {
\tconfig Config
}
func (b *Builder) ConfigSpec() hcldec.ObjectSpec { return b.config.FlatMapstructure().HCL2Spec() }`,
      "builder/widget/config.go": `package widget
import "github.com/hashicorp/packer-plugin-sdk/common"
type Config struct {
\tcommon.PackerConfig \`mapstructure:",squash"\`
}`,
      "builder/widget/config.hcl2spec.go":
        spec(
          "FlatConfig",
          `\t\t"packer_debug": &hcldec.AttrSpec{Name: "packer_debug", Type: cty.Bool, Required: false},
\t\t"size": &hcldec.AttrSpec{Name: "size", Type: cty.Number, Required: false},
\t\t"tag": &hcldec.BlockListSpec{TypeName: "tag", Nested: hcldec.ObjectSpec((*config.FlatKeyValue)(nil).HCL2Spec())},
\t\t"part": &hcldec.BlockSpec{TypeName: "part", Nested: hcldec.ObjectSpec((*FlatPart)(nil).HCL2Spec())},
${extraField}`,
        ).replace("import (", 'import (\n\t"github.com/hashicorp/packer-plugin-sdk/template/config"') +
        spec("FlatPart", `\t\t"id": &hcldec.AttrSpec{Name: "id", Type: cty.String, Required: false},`).replace(/^package demo[\s\S]*?\)\n/, ""),
      "datasource/lookup/data.go": `package lookup
type Datasource struct {
\tconfig Config
}
func (d *Datasource) ConfigSpec() hcldec.ObjectSpec {
\treturn d.config.FlatMapstructure().HCL2Spec()
}`,
      "datasource/lookup/data.hcl2spec.go": spec("FlatConfig", `\t\t"filter": &hcldec.AttrSpec{Name: "filter", Type: cty.Map(cty.String), Required: false},`),
    },
    [`${SDK}@v0.6.1`]: {
      "go.mod": `module ${SDK}\n`,
      "template/config/kv.go": "package config\ntype KeyValue struct {}",
      "template/config/kv.hcl2spec.go": spec(
        "FlatKeyValue",
        `\t\t"key": &hcldec.AttrSpec{Name: "key", Type: cty.String, Required: false},
\t\t"value": &hcldec.AttrSpec{Name: "value", Type: cty.String, Required: false},`,
      ).replace("package demo", "package config"),
    },
  };
}

const PIN: Pin = { plugin: "demo", source: "github.com/acme/demo", repository: PLUGIN, tag: "v1.0.0", commit: "abc" };

describe("generatePlugin", () => {
  it("follows registrations, ConfigSpec and nested Flat types across modules", () => {
    const { schema, modules } = generatePlugin(memSources(demoRepos()), [PIN]);
    expect(modules).toEqual({ "1.0.0": { [SDK]: "v0.6.1" } });
    expect(stableJson(schema)).toBe(
      stableJson({
        plugin: "demo",
        source: "github.com/acme/demo",
        repository: PLUGIN,
        releases: { "1.0.0": { source: { demo: "widget.Config" }, data: { "demo-lookup": "lookup.Config" }, provisioner: {}, "post-processor": {} } },
        defs: {
          "config.KeyValue": { attrs: { key: "string", value: "string" }, blocks: {} },
          "lookup.Config": { attrs: { filter: "map(string)" }, blocks: {} },
          "widget.Config": {
            attrs: { packer_debug: "bool", size: "number" },
            blocks: { part: { nesting: "single", def: "widget.Part" }, tag: { nesting: "list", def: "config.KeyValue" } },
            internal: ["packer_debug"],
          },
          "widget.Part": { attrs: { id: "string" }, blocks: {} },
        },
      }),
    );
  });

  it("fails when a nested Flat type has no HCL2Spec (a squashed or missing type)", () => {
    const bad = `\t\t"gone": &hcldec.BlockSpec{TypeName: "gone", Nested: hcldec.ObjectSpec((*FlatGone)(nil).HCL2Spec())},`;
    expect(() => generatePlugin(memSources(demoRepos(bad)), [PIN])).toThrow(/no HCL2Spec for FlatGone/);
  });

  it("fails when a name is declared twice", () => {
    const twice = `\t\t"size2": &hcldec.AttrSpec{Name: "size", Type: cty.String, Required: false},`;
    expect(() => generatePlugin(memSources(demoRepos(twice)), [PIN])).toThrow(/declares "size" twice/);
  });

  it("names a module that is required but absent", () => {
    const repos = demoRepos();
    delete repos[`${SDK}@v0.6.1`];
    expect(() => generatePlugin(memSources(repos), [PIN])).toThrow(/missing github.com\/hashicorp\/packer-plugin-sdk@v0.6.1/);
  });

  it("reads go.mod requires", () => {
    const ws = new Workspace(memSources(demoRepos()), PLUGIN, "abc");
    expect(ws.main.path).toBe(PLUGIN);
    expect(ws.requires.get(SDK)).toBe("v0.6.1");
    expect(ws.requires.get("github.com/other/thing")).toBe("v1.0.0");
  });
});

describe("renderPlugin", () => {
  it("writes one line of JSON, quotes and backslashes escaped as JSON escapes them", () => {
    const { schema, modules } = generatePlugin(memSources(demoRepos()), [PIN]);
    schema.defs["widget.Part"]!.attrs["it's\\odd"] = "string";
    const text = renderPlugin({ schema, modules }, [PIN]);
    expect(text.endsWith("\n")).toBe(true);
    expect(text.trimEnd()).not.toMatch(/\s/);
    expect(JSON.parse(whole(text))).toEqual(JSON.parse(stableJson(schema)));
  });
});

describe("compactDefs and whole()", () => {
  it("write an older def as changes to its key's def, and make it whole again", () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`a${i}`, "string"]));
    const internal = ["packer_build_name", "packer_force"];
    const defs: Record<string, Def> = {
      "x.Config": {
        attrs: { ...many, packer_build_name: "string", packer_force: "bool", gone: "string", moved: "string" },
        blocks: { tag: { nesting: "list", def: "x.Tag" } },
        internal,
      },
      "x.Config#2": {
        attrs: { ...many, packer_build_name: "string", packer_force: "bool", a0: "number", added: "bool" },
        blocks: { moved: { nesting: "single", def: "x.Tag" } },
        internal,
      },
      "sdk/x.Config": { attrs: { ...many, packer_force: "bool" }, blocks: {}, internal: ["packer_force"] },
      "x.Tag": { attrs: { key: "string" }, blocks: {} },
      "x.Tag#2": { attrs: { value: "string" }, blocks: {} },
    };
    const compact = compactDefs(defs);
    expect(compact["x.Config#2"]).toEqual({
      $base: "x.Config",
      attrs: { a0: "number", added: "bool" },
      blocks: { moved: { nesting: "single", def: "x.Tag" } },
      $drop: ["gone", "moved", "tag"],
    });
    expect(compact["sdk/x.Config"]).toMatchObject({ $base: "x.Config" });
    expect(compact["x.Tag#2"]).toEqual(defs["x.Tag#2"]); // a delta would be longer
    const text = stableJson({ plugin: "x", releases: {}, defs: compact });
    expect(JSON.parse(whole(text))).toEqual({ plugin: "x", releases: {}, defs });
    const plain = stableJson({ plugin: "x", releases: {}, defs: { "x.Tag": defs["x.Tag"] } });
    expect(whole(plain)).toBe(plain);
  });
});
