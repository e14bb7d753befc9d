/** The Go reader and the spec reading of gen.ts, on small self-written Go snippets. */
import { describe, expect, it } from "vitest";
import { buildTable, countBounds, findSpec, GenError, hclType, parseGoMod, readParams, repoOfModule, revOfVersion, touchesFiles, type Loader } from "./gen.ts";
import { implicitName, importFor, readPackage, tokenize, type FuncDecl, type Pkg } from "./go.ts";

const FN = `import (
	"os"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)
`;

function pkgOf(importPath: string, ...sources: string[]): Pkg {
  return readPackage(
    importPath,
    sources.map((src, k) => ({ path: `f${k}.go`, src })),
  );
}

function loaderOf(...pkgs: Pkg[]): Loader {
  return (path) => pkgs.find((p) => p.importPath === path);
}

function specOf(pkg: Pkg, name: string, loader: Loader = loaderOf(pkg)) {
  const v = pkg.values.get(name)!;
  return findSpec(loader, { pkg, file: v.file }, v.expr);
}

describe("tokenize", () => {
  it("drops comments and decodes strings, raw strings and runes", () => {
    const toks = tokenize('a := "x\\"y" // c\n/* b\n */ b := `r\n"s"` + \'\\n\'');
    expect(toks.map((t) => [t.kind, t.text, t.line])).toEqual([
      ["id", "a", 1],
      ["op", ":=", 1],
      ["str", 'x"y', 1],
      ["id", "b", 3],
      ["op", ":=", 3],
      ["str", 'r\n"s"', 3],
      ["op", "+", 4],
      ["char", "'\\n'", 4],
    ]);
  });
  it("keeps multi-character operators whole", () => {
    expect(tokenize("f(xs...) && a != b").map((t) => t.text)).toEqual(["f", "(", "xs", "...", ")", "&&", "a", "!=", "b"]);
  });
});

describe("readPackage", () => {
  it("indexes imports, vars (grouped too), funcs and init() assignments", () => {
    const pkg = pkgOf(
      "example.com/p",
      `package p

import (
	"fmt"
	ctyyaml "github.com/zclconf/go-cty-yaml"
	"github.com/hashicorp/go-cty-funcs/filesystem"
)

type T struct{ A int }

const c = 1

var (
	A = 1
	B, C = fmt.Sprint(
		2,
	), 3
)

var D function.Function

func init() {
	D = function.New(&function.Spec{})
}

func (t *T) Method() {}

func Maker(dir string, b bool) map[string]interface{} {
	return nil
}
`,
    );
    const file = pkg.files[0]!;
    expect(importFor(file, "ctyyaml")).toBe("github.com/zclconf/go-cty-yaml");
    expect(importFor(file, "filesystem")).toBe("github.com/hashicorp/go-cty-funcs/filesystem");
    expect(importFor(file, "fmt")).toBe("fmt");
    expect(importFor(file, "yaml")).toBeUndefined();
    expect([...pkg.values.keys()].sort()).toEqual(["A", "B", "C", "D"]);
    expect(pkg.values.get("B")!.expr.end - pkg.values.get("B")!.expr.start).toBe(7);
    expect([...pkg.funcs.keys()]).toEqual(["Maker"]);
    expect(pkg.funcs.get("Maker")!.params).toEqual(["dir", "b"]);
  });
  it("names unaliased imports as Go would in the usual cases", () => {
    expect(implicitName("github.com/hashicorp/hcl/v2")).toBe("hcl");
    expect(implicitName("github.com/mitchellh/go-homedir")).toBe("homedir");
    expect(implicitName("gopkg.in/yaml.v2")).toBe("yaml");
  });
});

describe("function specs", () => {
  it("reads fixed, variadic and empty parameter lists in every literal form", () => {
    const pkg = pkgOf(
      "example.com/p",
      `package p
${FN}
var Fixed = function.New(&function.Spec{
	Description: "x, y",
	Params: []function.Parameter{
		{Name: "a", Type: cty.String},
		function.Parameter{
			Name: "b",
			Type: cty.List(cty.Map(cty.Number)),
		},
	},
	Type: function.StaticReturnType(cty.String),
})

var Var = function.New(&function.Spec{
	Params: []function.Parameter{},
	VarParam: &function.Parameter{Name: "vals", Type: cty.DynamicPseudoType, AllowNull: true},
})

var Nothing = function.New(&function.Spec{
	Type: function.StaticReturnType(cty.Bool),
})

var Structural = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "o", Type: cty.Object(map[string]cty.Type{"z": cty.Bool, "a": cty.Set(cty.String)})},
		{Name: "t", Type: cty.Tuple([]cty.Type{cty.String, cty.EmptyObject})},
	},
})
`,
    );
    expect(readParams(specOf(pkg, "Fixed"))).toEqual({
      params: [
        { name: "a", type: "string" },
        { name: "b", type: "list(map(number))" },
      ],
    });
    expect(readParams(specOf(pkg, "Var"))).toEqual({ params: [], variadic: { name: "vals", type: "any" } });
    expect(readParams(specOf(pkg, "Nothing"))).toEqual({ params: [] });
    expect(readParams(specOf(pkg, "Structural")).params.map((p) => p.type)).toEqual(["object({a = set(string), z = bool})", "tuple([string, object({})])"]);
  });

  it("follows aliases, makers with local Params, and functions built in init()", () => {
    const lib = pkgOf(
      "example.com/lib",
      `package lib
${FN}
var Sha = makeHash(1)
var Alias = Sha

func makeHash(n int) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}},
	})
}

func MakeTemplate(baseDir string) function.Function {
	params := []function.Parameter{
		{Name: "path", Type: cty.String},
		{Name: "vars", Type: cty.DynamicPseudoType},
	}
	load := func(p string) ([]byte, error) {
		return os.ReadFile(p)
	}
	stub := function.New(&function.Spec{Params: params})
	_ = stub
	return function.New(&function.Spec{
		Params: params,
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			b, err := load(args[0].AsString())
			return cty.StringVal(string(b)), err
		},
	})
}

var Late function.Function

func init() {
	Late = function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "e", Type: customdecode.ExpressionClosureType},
	})
}
`.replace(`"os"`, `"os"\n\t"github.com/hashicorp/hcl/v2/ext/customdecode"`),
    );
    const user = pkgOf(
      "example.com/user",
      `package user
import (
	l "example.com/lib"
)
var X = l.MakeTemplate(dir)
var Y = l.Alias
`,
    );
    const loader = loaderOf(lib, user);
    expect(readParams(specOf(user, "Y", loader)).params).toEqual([{ name: "str", type: "string" }]);
    const tmpl = specOf(user, "X", loader);
    expect(tmpl.maker?.name).toBe("MakeTemplate");
    expect(readParams(tmpl).params.map((p) => p.name)).toEqual(["path", "vars"]);
    expect(touchesFiles(loader, tmpl, tmpl.maker!.body)).toBe(true);
    expect(touchesFiles(loader, tmpl, tmpl.fields.get("Impl")!)).toBe(false); // the closure is in the maker's body
    expect(readParams(specOf(lib, "Late"))).toEqual({ params: [], variadic: { name: "e", type: "any", kind: "expr" } });
  });

  it("refuses forms it cannot read, naming them", () => {
    const pkg = pkgOf(
      "example.com/p",
      `package p
${FN}
var Odd = function.New(spec)
var OddType = function.New(&function.Spec{Params: []function.Parameter{{Name: "b", Type: Bytes}}})
`,
    );
    expect(() => specOf(pkg, "Odd")).toThrow(/function\.New of something other than/);
    expect(() => readParams(specOf(pkg, "OddType"))).toThrow(/not a cty type: Bytes/);
    expect(() => specOf(pkg, "Missing" as never)).toThrow();
  });

  it("converts cty types to HCL type strings", () => {
    const pkg = pkgOf("example.com/p", `package p\n${FN}\nvar T = cty.Map(cty.List(cty.DynamicPseudoType))\n`);
    const v = pkg.values.get("T")!;
    expect(hclType({ pkg, file: v.file }, v.expr)).toBe("map(list(any))");
  });
});

describe("argument counts enforced by Type/Impl", () => {
  const pkg = pkgOf(
    "example.com/p",
    `package p
${FN}
var Concat = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "seqs", Type: cty.DynamicPseudoType},
	Type: func(args []cty.Value) (cty.Type, error) {
		if len(args) == 0 {
			return cty.NilType, errors.New("at least one argument is required")
		}
		return cty.String, nil
	},
})

var Merge = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "maps", Type: cty.DynamicPseudoType},
	Type: func(args []cty.Value) (cty.Type, error) {
		if len(args) == 0 {
			return cty.EmptyObject, nil
		}
		for _, a := range args {
			if len(args) > 1 {
				return cty.NilType, errors.New("nested checks do not count")
			}
		}
		return cty.String, nil
	},
})

var Range = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "params", Type: cty.Number},
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		switch len(args) {
		case 1:
		case 2, 3:
		default:
			return cty.NilVal, fmt.Errorf("must have one, two, or three arguments")
		}
		return cty.NilVal, nil
	},
})

var Join = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "sep", Type: cty.String}},
	VarParam: &function.Parameter{Name: "lists", Type: cty.List(cty.String)},
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		lists := args[1:]
		if len(lists) < 1 {
			return cty.NilVal, fmt.Errorf("at least one list is required")
		}
		return check(args)
	},
})

func check(vals []cty.Value) (cty.Value, error) {
	if len(vals) > 4 {
		return cty.NilVal, errors.New("too many")
	}
	return cty.NilVal, nil
}
`,
  );
  const bounds = (name: string) => {
    const spec = specOf(pkg, name);
    return countBounds(spec, spec.fields);
  };
  it("reads if-len checks, switch-len defaults, slices of the arguments and helpers", () => {
    expect(bounds("Concat")).toEqual({ min: 1 });
    expect(bounds("Merge")).toEqual({});
    expect(bounds("Range")).toEqual({ min: 1, max: 3 });
    expect(bounds("Join")).toEqual({ min: 2, max: 4 });
  });
});

describe("Packer's table", () => {
  const FUNCS = `package hcl2template
import (
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
	"example.com/fs"
)

func Functions(basedir string) map[string]function.Function {
	funcs := map[string]function.Function{
		"upper":    stdlib.UpperFunc,
		"file":     fs.MakeFileFunc(basedir),
		"readcwd":  fs.ReadCwd,
	}
	funcs["templ"] = fs.MakeFileFunc(
		basedir,
	)
	return funcs
}
`;
  const VARS = `package hcl2template
import (
	"github.com/zclconf/go-cty/cty/function"
	"example.com/fs"
)
func (c *PackerConfig) decodeInputVariables() {
	ectx := &hcl.EvalContext{
		Functions: map[string]function.Function{
			"env":   fs.Env,
			"upper": stdlib.UpperFunc,
		},
	}
}
`;
  const stdlib = pkgOf(
    "github.com/zclconf/go-cty/cty/function/stdlib",
    `package stdlib\n${FN}\nvar UpperFunc = function.New(&function.Spec{Params: []function.Parameter{{Name: "str", Type: cty.String}}})\n`,
  );
  const fs = pkgOf(
    "example.com/fs",
    `package fs
${FN}
func MakeFileFunc(baseDir string) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			return read(baseDir, args[0])
		},
	})
}
func read(dir string, p cty.Value) (cty.Value, error) {
	_, err := os.Stat(p.AsString())
	return cty.NilVal, err
}
var ReadCwd = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "path", Type: cty.String}},
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		return read("", args[0])
	},
})
var Env = function.New(&function.Spec{Params: []function.Parameter{{Name: "key", Type: cty.String}}})
`,
  );
  it("lists the map, the later assignments and the variable-default functions, with file facts", () => {
    const hcl2template = readPackage("github.com/hashicorp/packer/hcl2template", [
      { path: "hcl2template/functions.go", src: FUNCS },
      { path: "hcl2template/types.packer_config.go", src: VARS },
    ]);
    const varsFile = hcl2template.files[1]!;
    const toks = varsFile.toks;
    const open = toks.findIndex((t, k) => t.text === "{" && toks[k - 1]?.text === ")" && toks[k - 2]?.text === "(");
    let close = open;
    for (let depth = 0, k = open; k < toks.length; k++) {
      if (toks[k]!.text === "{") depth++;
      if (toks[k]!.text === "}" && --depth === 0) {
        close = k;
        break;
      }
    }
    const method: FuncDecl = { file: varsFile, name: "decodeInputVariables", params: [], body: { toks, start: open + 1, end: close } };
    const table = buildTable(loaderOf(stdlib, fs), hcl2template, method, {});
    expect(Object.fromEntries(table)).toEqual({
      env: { params: [{ name: "key", type: "string" }], variableDefaultsOnly: true },
      file: { params: [{ name: "path", type: "string" }], readsFile: true },
      readcwd: { params: [{ name: "path", type: "string" }], readsFile: true, pathFromCwd: true },
      templ: { params: [{ name: "path", type: "string" }], readsFile: true },
      upper: { params: [{ name: "str", type: "string" }] },
    });
    expect([...table.keys()]).toEqual(["env", "file", "readcwd", "templ", "upper"]);
    expect(buildTable(loaderOf(stdlib, fs), hcl2template, method, { upper: { maxArgs: 3, reason: "" }, env: { minArgs: 2, reason: "" } }).get("env")).toEqual({
      params: [{ name: "key", type: "string" }],
      minArgs: 2,
      variableDefaultsOnly: true,
    });
    expect(() => buildTable(loaderOf(stdlib, fs), hcl2template, method, { nope: { minArgs: 1, reason: "" } })).toThrow(/ARITY_OVERRIDES names nope/);
  });
  it("fails on an entry it cannot follow", () => {
    const bad = readPackage("github.com/hashicorp/packer/hcl2template", [
      { path: "hcl2template/functions.go", src: FUNCS.replace("stdlib.UpperFunc", "stdlib.Nope") },
    ]);
    const method: FuncDecl = { file: bad.files[0]!, name: "x", params: [], body: bad.funcs.get("Functions")!.body };
    expect(() => buildTable(loaderOf(stdlib, fs), bad, method, {})).toThrow(GenError);
  });
});

describe("modules", () => {
  it("reads go.mod requires and replaces", () => {
    const mod = parseGoMod(`module github.com/hashicorp/packer

go 1.25

require (
	github.com/hashicorp/hcl/v2 v2.24.0
	github.com/zclconf/go-cty v1.18.1 // indirect
)

require github.com/hashicorp/go-cty-funcs v0.1.1-0.20260703063543-3af2ddd1aaea

replace github.com/zclconf/go-cty => github.com/nywilken/go-cty v1.13.3 // why
`);
    expect(mod.module).toBe("github.com/hashicorp/packer");
    expect(Object.fromEntries(mod.require)).toEqual({
      "github.com/hashicorp/hcl/v2": "v2.24.0",
      "github.com/zclconf/go-cty": "v1.18.1",
      "github.com/hashicorp/go-cty-funcs": "v0.1.1-0.20260703063543-3af2ddd1aaea",
    });
    expect(mod.replace.get("github.com/zclconf/go-cty")).toEqual({ path: "github.com/nywilken/go-cty", version: "v1.13.3" });
  });
  it("turns versions into revisions and modules into repositories", () => {
    expect(revOfVersion("v0.1.1-0.20260703063543-3af2ddd1aaea")).toEqual({ commit: "3af2ddd1aaea" });
    expect(revOfVersion("v0.0.0-20200930094925-2721b1e36840")).toEqual({ commit: "2721b1e36840" });
    expect(revOfVersion("v1.2.3-pre.0.20200930094925-2721b1e36840")).toEqual({ commit: "2721b1e36840" });
    expect(revOfVersion("v2.24.0")).toEqual({ tag: "v2.24.0" });
    expect(revOfVersion("v3.0.0+incompatible")).toEqual({ tag: "v3.0.0" });
    expect(repoOfModule("github.com/hashicorp/hcl/v2")).toEqual({ repo: "hashicorp/hcl", dirs: ["v2", ""] });
    expect(repoOfModule("github.com/zclconf/go-cty")).toEqual({ repo: "zclconf/go-cty", dirs: [""] });
    expect(() => repoOfModule("golang.org/x/text")).toThrow(/not on GitHub/);
  });
});
