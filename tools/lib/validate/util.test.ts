import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { boundedDistance, closest, editDistance, hclSuggest, MAX_SUGGESTED_NAME, setSuggestionBudget, suggest, suggestionBudget } from "./util.ts";

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

/** The textbook O(m·n) Levenshtein distance, to hold the banded one to. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length]![b.length]!;
}

describe("bounded edit distance", () => {
  test("equals the textbook distance within the limit, and limit + 1 beyond it", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "b", "c", "_"), maxLength: 14 }),
        fc.string({ unit: fc.constantFrom("a", "b", "c", "_"), maxLength: 14 }),
        fc.nat(16),
        (a, b, limit) => {
          const want = reference(a, b);
          expect(boundedDistance(a, b, limit)).toBe(want <= limit ? want : limit + 1);
          expect(editDistance(a, b)).toBe(want);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test("closest picks what an unbounded search picks", () => {
    const words = fc.string({ unit: fc.constantFrom("a", "b", "c"), minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(words, fc.array(words, { maxLength: 8 }), fc.nat(4), (name, candidates, limit) => {
        const ranked = candidates
          .filter((c) => c !== name)
          .map((c) => [reference(name, c), c] as const)
          .filter(([d]) => d <= limit)
          .sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
        expect(closest(name, candidates, limit)).toBe(ranked[0]?.[1]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("a word added or dropped", () => {
  test("a unique candidate the name starts or ends, or that starts or ends the name", () => {
    const ssh = ["ssh_username", "ssh_password", "ssh_port", "ssh_timeout"];
    expect(hclSuggest("ssh_user", ssh)).toBe("ssh_username");
    expect(hclSuggest("ssh_username_x", ssh)).toBe("ssh_username");
    expect(hclSuggest("image_name", ["source_image_name", "image_family"])).toBe("source_image_name");
    expect(suggest("ssh_user", ssh)).toBe("ssh_username");
  });

  test("nothing when several candidates fit, or the shared part is short", () => {
    expect(hclSuggest("ssh_", ["ssh_username", "ssh_password"])).toBeUndefined();
    expect(hclSuggest("ami", ["ami_name"])).toBeUndefined();
    expect(hclSuggest("ami_n", ["ami_name_prefix_and_more"])).toBeUndefined();
    expect(hclSuggest("volume", ["volume_size", "volume_type"])).toBeUndefined();
  });

  test("a near edit still wins over a dropped word", () => {
    expect(hclSuggest("ssh_usernam", ["ssh_username", "ssh_usernam_long"])).toBe("ssh_username");
  });
});

describe("the suggestion budget", () => {
  test("names longer than MAX_SUGGESTED_NAME are not compared", () => {
    const long = "a".repeat(MAX_SUGGESTED_NAME + 1);
    expect(suggest(long, [long + "b"])).toBeUndefined();
    expect(suggest("abcd", [long])).toBeUndefined();
  });

  test("once spent, no suggestion; a new budget brings them back", () => {
    try {
      setSuggestionBudget(0);
      expect(hclSuggest("instance_typ", ["instance_type"])).toBeUndefined();
      setSuggestionBudget(1000);
      expect(hclSuggest("instance_typ", ["instance_type"])).toBe("instance_type");
      expect(suggestionBudget()).toBeLessThan(1000);
    } finally {
      setSuggestionBudget(Number.POSITIVE_INFINITY);
    }
  });
});
