import { describe, expect, test } from "vitest";
import { closest, editDistance, hclSuggest, suggest } from "./util.ts";

describe("did-you-mean", () => {
  test("editDistance counts insertions, deletions and substitutions", () => {
    expect(editDistance("instance_typ", "instance_type")).toBe(1);
    expect(editDistance("owner", "owners")).toBe(1);
    expect(editDistance("shel", "shell-local")).toBe(7);
    expect(editDistance("", "abc")).toBe(3);
  });

  test("closest: within the limit, never the name itself, ties to the alphabetically first", () => {
    expect(closest("ab", ["ax", "aa", "ab"], 1)).toBe("aa");
    expect(closest("abc", ["xyz"], 2)).toBeUndefined();
    expect(closest("abc", ["xyz"], 3)).toBe("xyz");
    expect(closest("Region", ["region"], 0, true)).toBe("region");
    expect(closest("Region", ["region"], 0)).toBeUndefined();
  });

  test("hclSuggest follows HCL: fewer than 3 edits, case counts", () => {
    expect(hclSuggest("instance_typ", ["instance_type", "instance_types"])).toBe("instance_type");
    expect(hclSuggest("amazon-ebss", ["amazon-ebs", "amazon-ebssurrogate"])).toBe("amazon-ebs");
    expect(hclSuggest("abcdefgh", ["abcdexyz"])).toBeUndefined();
    expect(hclSuggest("SSH_USERNAME", ["ssh_username"])).toBeUndefined();
  });

  test("suggest scales with the name (a third of it, at least 2) and ignores case", () => {
    expect(suggest("abcdefghijkl", ["abcdefghixyz"])).toBe("abcdefghixyz");
    expect(suggest("abcdefghijkl", ["abcdefgwxyz"])).toBeUndefined();
    expect(suggest("SSH_USERNAME", ["ssh_username"])).toBe("ssh_username");
  });
});
