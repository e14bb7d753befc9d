/**
 * The check tables on their own (no plugin sources needed): well-formed entries, components and
 * arguments the schema tables know, and a case for every checkable entry that fires that entry
 * (and a template it accepts). Against the plugins' sources: tools/maintainer/checks.
 */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkAll, rule as cmp04 } from "../rules/cmp-04-component-prepare-checks.ts";
import { PLUGINS } from "../schemas/data/index.ts";
import { readSchema } from "../schemas/read.ts";
import { wholeDef } from "../schemas/whole.ts";
import { rulesFor, runSample } from "../tester/testing.ts";
import type { Rule } from "../types.ts";
import type { BodySchema } from "../rules/utils/components.ts";
import { checksDir } from "./read.ts";
import { checkTable, type CheckKind, type Entry, type GroupRef, type Predicate } from "./table.ts";
import type { CheckCase } from "../../../testing/checks/cases.ts";
import { AMAZON_CASES } from "../../../testing/checks/amazon.ts";
import { GOOGLECOMPUTE_CASES } from "../../../testing/checks/googlecompute.ts";
import { AZURE_ALL_CASES } from "../../../testing/checks/azure-others.ts";
import { ANSIBLE_CASES } from "../../../testing/checks/ansible.ts";
import { DOCKER_CASES } from "../../../testing/checks/docker.ts";
import { PACKER_CASES } from "../../../testing/checks/packer.ts";
import { QEMU_SDK_GROUPS, SDK_CASES } from "../../../testing/checks/sdk.ts";
import { QEMU_CASES } from "../../../testing/checks/qemu.ts";
import { VIRTUALBOX_CASES } from "../../../testing/checks/virtualbox.ts";
import { VSPHERE_CASES } from "../../../testing/checks/vsphere.ts";

const NAMES = readdirSync(checksDir())
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.replace(/\.json$/, ""));
const KINDS: Record<CheckKind, Array<keyof Entry>> = {
  required: [],
  requires: ["requires"],
  atLeastOne: ["args"],
  atMostOne: ["args"],
  exactlyOne: ["args"],
  allOrNone: ["args"],
  forbidden: [],
  oneOf: ["values"],
  pattern: ["pattern"],
  format: ["format"],
  duration: [],
  range: [],
  length: [],
  multipleOf: ["n"],
  unique: ["arg"],
  subset: ["arg", "of"],
  ratio: ["arg", "per", "max"],
  order: ["arg", "than"],
  index: ["arg", "of"],
  fileExists: [],
  fileKind: [],
  "not-checkable": ["why"],
  elsewhere: ["why", "rule"],
};
const CHECKABLE = (e: Entry): boolean => e.kind !== "not-checkable" && e.kind !== "elsewhere";

function schemaDefs(plugin: string): { defs: Record<string, BodySchema>; releases: Record<string, Record<string, Record<string, string>>> } {
  return JSON.parse(readSchema(plugin)) as never;
}

/** The body schema at a dotted block path of a component's schema. */
function bodyAt(defs: Record<string, BodySchema>, top: BodySchema, path: string | undefined): BodySchema | undefined {
  let body: BodySchema | undefined = top;
  for (const step of path ? path.split(".") : []) {
    const nb: BodySchema["blocks"][string] | undefined = body?.blocks[step];
    body = nb?.def ? (wholeDef(defs as never, nb.def) as BodySchema | undefined) : undefined;
  }
  return body;
}

/** Every argument path an entry reads (its own and its predicates'). */
function argsOf(e: Entry): string[] {
  const out = [...(e.arg ? [e.arg] : []), ...(e.args ?? []), ...(e.requires ?? []), ...(e.of ?? []), ...(e.per ? [e.per] : []), ...(e.than ? [e.than] : [])];
  const pred = (p: Predicate): void => {
    if ("not" in p) return pred(p.not);
    if ("any" in p) return p.any.forEach(pred);
    if ("set" in p) out.push(...(typeof p.set === "string" ? [p.set] : p.set));
    else if ("unset" in p) out.push(...(typeof p.unset === "string" ? [p.unset] : p.unset));
    else {
      out.push(p.arg);
      if ("eqArg" in p) out.push(p.eqArg);
    }
  };
  for (const p of e.when ?? []) pred(p);
  for (const p of e.params ?? []) if (typeof p === "string" && p.startsWith("$arg:")) out.push(p.slice(5));
  return out;
}

/** Whether an argument path exists in a body (following `../` to the parent and dots into blocks). */
function exists(defs: Record<string, BodySchema>, bodies: BodySchema[], path: string): boolean {
  let stack = bodies;
  let p = path;
  while (p.startsWith("../")) {
    stack = stack.slice(0, -1);
    p = p.slice(3);
  }
  const body = stack[stack.length - 1];
  if (!body) return false;
  const parts = p.split(".");
  const inner = bodyAt(defs, body, parts.slice(0, -1).join(".") || undefined);
  const last = parts[parts.length - 1]!;
  return inner !== undefined && (Object.hasOwn(inner.attrs, last) || Object.hasOwn(inner.blocks, last));
}

describe("check tables", () => {
  for (const name of NAMES) {
    const table = checkTable(name)!;
    it(`${name}: entries are well-formed`, () => {
      for (const [group, entries] of Object.entries(table.groups)) {
        const ids = entries.map((e) => e.id);
        expect(new Set(ids).size, `${name}:${group}: ids are unique`).toBe(ids.length);
        for (const e of entries) {
          const where = `${name}:${group}:${e.id}`;
          expect(Object.keys(KINDS), where).toContain(e.kind);
          for (const field of KINDS[e.kind]) expect(e[field], `${where} has ${field}`).toBeDefined();
          expect(e.message.length, `${where} has a message`).toBeGreaterThan(0);
          expect(e.cite.length, `${where} cites its source`).toBeGreaterThan(0);
          if (CHECKABLE(e) && !["atLeastOne", "atMostOne", "exactlyOne", "allOrNone", "subset", "ratio", "order", "unique"].includes(e.kind)) {
            expect(e.arg !== undefined || e.args !== undefined, `${where} names its argument`).toBe(true);
          }
          if (e.severity) expect(e.why, `${where}: a warning says why`).toBeDefined();
        }
      }
    });
    if (!table.plugin) continue;
    it(`${name}: its components and the arguments its entries read are in the schema table`, () => {
      const schema = schemaDefs(table.plugin!);
      for (const release of table.releases ?? []) expect(PLUGINS[table.plugin!]!.releases, `${name} release`).toContain(release);
      const release = table.releases?.[0] ?? PLUGINS[table.plugin!]!.releases[0]!;
      for (const [key, refs] of Object.entries(table.components)) {
        const [kind, type] = key.split(" ") as [string, string];
        const def = schema.releases[release]?.[kind]?.[type];
        expect(def, `${name}: ${key} in ${table.plugin} ${release}`).toBeDefined();
        const top = wholeDef(schema.defs as never, def!) as BodySchema;
        for (const ref of refs as GroupRef[]) {
          const r = typeof ref === "string" ? { group: ref } : ref;
          const colon = r.group.indexOf(":");
          const entries = colon < 0 ? table.groups[r.group] : checkTable(r.group.slice(0, colon))?.groups[r.group.slice(colon + 1)];
          expect(entries, `${name}: ${key}: group ${r.group}`).toBeDefined();
          const at = "at" in r ? r.at : undefined;
          const chain = [top];
          for (let i = 0; i < (at ? at.split(".").length : 0); i++)
            chain.push(
              bodyAt(
                schema.defs,
                top,
                at!
                  .split(".")
                  .slice(0, i + 1)
                  .join("."),
              )!,
            );
          expect(
            chain.every((b) => b !== undefined),
            `${name}: ${key}: block ${at}`,
          ).toBe(true);
          for (const e of entries!)
            for (const a of argsOf(e)) expect(exists(schema.defs, chain, a), `${name}: ${key}: ${r.group}:${e.id} reads "${a}"`).toBe(true);
        }
      }
    });
  }

  it("the SDK groups qemu's cases use read arguments qemu has", () => {
    const schema = schemaDefs("qemu");
    const top = wholeDef(schema.defs as never, schema.releases[PLUGINS["qemu"]!.releases[0]!]!["source"]!["qemu"]!) as BodySchema;
    for (const ref of QEMU_SDK_GROUPS) {
      const g = (typeof ref === "string" ? ref : ref.group).split(":")[1]!;
      for (const e of checkTable("sdk")!.groups[g]!)
        for (const a of argsOf(e)) expect(exists(schema.defs, [top], a), `sdk:${g}:${e.id} reads "${a}"`).toBe(true);
    }
  });
});

/** A rule that runs the engine (with `groups` for probes) and notes the entries that fired. */
function firing(fired: Set<string>, probeQemu: boolean): Rule {
  return {
    ...cmp04,
    check: (ctx) =>
      checkAll(ctx, {
        fired,
        ...(probeQemu ? { groups: (found) => (found.type === "qemu" ? QEMU_SDK_GROUPS.map((ref) => ({ table: "sdk", ref })) : undefined) } : {}),
      }),
  };
}

describe("every checkable entry has a case", () => {
  const all: Array<[CheckCase, boolean]> = [
    ...[...PACKER_CASES, ...AMAZON_CASES, ...GOOGLECOMPUTE_CASES, ...AZURE_ALL_CASES].map((c): [CheckCase, boolean] => [c, false]),
    ...[...DOCKER_CASES, ...ANSIBLE_CASES].map((c): [CheckCase, boolean] => [c, false]),
    ...SDK_CASES.map((c): [CheckCase, boolean] => [c, true]),
    ...[...QEMU_CASES, ...VIRTUALBOX_CASES, ...VSPHERE_CASES].map((c): [CheckCase, boolean] => [c, false]),
  ];
  it("a case for each entry of every table", () => {
    const want = NAMES.flatMap((name) =>
      Object.entries(checkTable(name)!.groups).flatMap(([group, entries]) => entries.filter(CHECKABLE).map((e) => `${name}:${group}:${e.id}`)),
    );
    const have = new Set(all.map(([c]) => c.entry));
    expect(want.filter((id) => !have.has(id))).toEqual([]);
    expect([...have].filter((id) => !want.includes(id))).toEqual([]);
  });
  for (const [c, probeQemu] of all) {
    it(`${c.entry}${c.name ? ` (${c.name})` : ""}: the invalid template fires it, the valid one does not`, () => {
      const fired = new Set<string>();
      runSample(c.valid, rulesFor(firing(fired, probeQemu)));
      expect([...fired]).not.toContain(c.entry);
      fired.clear();
      runSample(c.invalid, rulesFor(firing(fired, probeQemu)));
      expect([...fired]).toContain(c.entry);
    });
  }
});
