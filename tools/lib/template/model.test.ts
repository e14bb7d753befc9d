import { describe, expect, it } from "vitest";
import { parseHcl } from "../hcl/parser.ts";
import { templateFacts } from "./facts.ts";
import { cacheBustVariable, readTemplates, type ParsedFile } from "./model.ts";

const parsed = (path: string, text: string): ParsedFile => ({ path, dir: ".", text, ...parseHcl(text, path), role: "template" });

describe("the template model", () => {
  it("reads every declaration once, in file and document order", () => {
    const a = parsed("a.pkr.hcl", 'variable "x" {}\nlocals {\n  l = 1\n}\nsource "null" "s" {}\nbuild {\n  sources = ["source.null.s"]\n}\n');
    const b = parsed(
      "b.pkr.hcl",
      'variable "x" {}\ndata "http" "d" {}\npacker {\n  required_plugins {\n    amazon = { source = "github.com/hashicorp/amazon" }\n  }\n}\n',
    );
    const model = readTemplates([a, b]);
    expect(model.variables.get("x")?.map((d) => d.file.path)).toEqual(["a.pkr.hcl", "b.pkr.hcl"]);
    expect([...model.locals.keys(), ...model.sources.keys(), ...model.data.keys()]).toEqual(["l", "null.s", "http.d"]);
    expect(model.buildBlocks.map((b) => b.file.path)).toEqual(["a.pkr.hcl"]);
    expect(model.requiredPlugins.map((p) => p.attr.name)).toEqual(["amazon"]);
  });

  it("passes the cache bust only to a declared variable", () => {
    const declared = new Set(["cache_bust"]);
    expect(cacheBustVariable(declared, "cache_bust")).toBe("cache_bust");
    expect(cacheBustVariable(declared, "version")).toBeUndefined();
    expect(cacheBustVariable(declared, undefined)).toBeUndefined();
  });

  it("gives the build the variables of HCL and JSON templates alike", () => {
    const hcl = templateFacts(
      'variables {\n  legacy = "l"\n}\nvariable "token" {\n  sensitive = true\n}\nvariable "region" {\n  default = "us-east-2"\n}\n',
      "t.pkr.hcl",
    );
    expect(hcl.variables).toEqual([
      { name: "token", sensitive: true, hasDefault: false, default: undefined },
      { name: "region", sensitive: false, hasDefault: true, default: "us-east-2" },
      { name: "legacy", sensitive: false, hasDefault: true, default: "l" },
    ]);
    const json = templateFacts('{"variable": {"token": {"sensitive": true}}}', "t.pkr.json");
    expect(json.variables).toEqual([{ name: "token", sensitive: true, hasDefault: false, default: undefined }]);
  });
});
