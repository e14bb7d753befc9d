import { describe, expect, it } from "vitest";
import { lineMap } from "./lines.ts";

describe("lineMap: the same line of two versions of a file", () => {
  it("follows unchanged lines across a changed header and an inserted line", () => {
    const a = ["// Copyright (c) HashiCorp, Inc.", "package x", "", "func f() {", '  errors.New("a")', "}"];
    const b = ["// Copyright IBM Corp. 2013, 2025", "package x", "", "import y", "func f() {", '  errors.New("a")', "}"];
    expect([...lineMap(a, b)]).toEqual([0, 0, 2, 3, 5, 6, 7]);
  });
  it("a line whose text changed maps to nothing: its check may have changed", () => {
    const a = ["a", 'if c.X == "" {', '  errors.New("x")', "}"];
    const b = ["a", 'if c.X == "" || c.Y {', '  errors.New("x")', "}"];
    expect([...lineMap(a, b)]).toEqual([0, 1, 0, 3, 4]);
  });
});
