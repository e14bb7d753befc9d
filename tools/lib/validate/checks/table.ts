/**
 * The shape of the check tables (data/*.json, described in README.md) and their loading: one
 * table per plugin (`amazon`), one for Packer core (`packer`) and one for the SDK's shared
 * configs (`sdk`). A table is parsed the first time a template uses a component it covers.
 */
import { readChecks } from "./read.ts";

export type Scalar = string | number | boolean;

/** A condition on the arguments of the scope an entry checks (unset arguments have Go's zero value). */
export type Predicate =
  /** At least one of the arguments (or blocks) is set: not Go's zero value, or at least one block. */
  | { set: string | string[] }
  /** None of the arguments is set. */
  | { unset: string | string[] }
  /** The argument's value (its zero value when unset) is one of these. */
  | { arg: string; in: Scalar[] }
  /** The argument's value (its zero value when unset) is none of these. */
  | { arg: string; notIn: Scalar[] }
  /** The argument's string value matches the pattern (a JavaScript regular expression). */
  | { arg: string; matches: string }
  /** The argument is written, with one of these values (a bool written `false`, not merely unset). */
  | { arg: string; written: Scalar[] }
  /** The argument's value equals another argument's (`../name` for the enclosing block's). */
  | { arg: string; eqArg: string }
  /** Some element (or map value) of the argument is an empty string, or a non-empty one. */
  | { arg: string; some: "empty" | "nonEmpty" }
  /** The argument's number (its default, or 0 when unset) is greater than this (Go's `x > n`). */
  | { arg: string; above: number }
  /** The predicate does not hold. */
  | { not: Predicate }
  /** At least one of the predicates holds. */
  | { any: Predicate[] };

export type CheckKind =
  | "required"
  | "requires"
  | "atLeastOne"
  | "atMostOne"
  | "exactlyOne"
  | "allOrNone"
  | "forbidden"
  | "oneOf"
  | "pattern"
  | "format"
  | "duration"
  | "range"
  | "length"
  | "multipleOf"
  | "unique"
  | "subset"
  | "ratio"
  | "order"
  | "index"
  | "fileExists"
  | "fileKind"
  | "not-checkable"
  | "elsewhere";

/** One error path of a component's Prepare/Configure, as the table writes it. */
export interface Entry {
  /** Unique within its table; cases and docs name an entry by it. */
  id: string;
  kind: CheckKind;
  /** The argument checked (a name of the scope, or `block.name` into a single nested block). */
  arg?: string;
  /** The arguments of the presence kinds (atLeastOne, atMostOne, exactlyOne, allOrNone), or of `required` (all). */
  args?: string[];
  /** For `requires`: the arguments of which one must be set when `arg` is. */
  requires?: string[];
  /** For `oneOf`: the allowed values (as Go compares them: exactly, unless `caseInsensitive`). */
  values?: Scalar[];
  /** For `oneOf`: compare in any case (Go's strings.EqualFold); for `pattern`: match in any case. */
  caseInsensitive?: boolean;
  /** For `pattern`: a regular expression (RE2 syntax, the subset JavaScript shares) the value must match. */
  pattern?: string;
  /** For `format`: a format Go checks with a library call (`cidr`, `key=value`). */
  format?: "cidr" | "key=value" | "ssh-tunnel" | "rfc3339" | "ip" | "ip-or-cidr" | "azure-resource-id";
  /** For `range`, `length` (of a string, list or map): inclusive bounds. */
  min?: number;
  max?: number;
  /** For `multipleOf`. */
  n?: number;
  /** The check applies to each element of a list argument (each value of a map). */
  each?: boolean;
  /**
   * For `subset`: the arguments whose values (list elements, map keys, a scalar) `arg`'s values must be among.
   * For `index`: the one list argument whose number of elements `arg` must be below.
   */
  of?: string[];
  /** For `subset` and `unique`, and value checks with `each`: a map argument's keys (not its values). */
  keys?: boolean;
  /** For `ratio`: the argument `arg` is divided by (integer division, as Go's); `max` is the largest quotient allowed. */
  per?: string;
  /** For `order`: the argument `arg` may not be greater than. */
  than?: string;
  /** Packer returns on this error: the group's later entries are not checked (BlockDevice.Prepare). */
  stop?: boolean;
  /** For `fileExists`: a folder, not a file. For `fileKind`: the path, when it exists, must be a folder (else a file, not a folder). */
  folder?: boolean;
  /** For `fileExists`: Packer opens the file (os.ReadFile), so Go's error says "open", not "stat". */
  open?: boolean;
  /**
   * For `fileExists`/`fileKind`: the arguments (all of them, with `true`) name credentials — an SSH
   * key, a certificate — which live on the machine that builds, never among a target's inputs: a
   * missing one is a warning wherever its path points.
   */
  secret?: boolean | string[];
  /** All must hold for the entry to apply. */
  when?: Predicate[];
  /** Packer's message, verbatim (a Go format string). */
  message: string;
  /**
   * What fills the message's verbs: `$value` (the value checked), `$upper` (it in upper case), `$arg:NAME` (another argument's
   * value), `$index` (the element's index in its list, for `each`; else the nested block's among its kind), `$key` (the map key
   * of the element checked), `$length` (Go's len() of the value checked), `$set` (the names of `args` that are set, joined with
   * ", "), a literal, or `{format, params}`: an error the plugin made and wrapped in the message (`"os_disk_cache_type: %v"`).
   */
  params?: unknown[];
  /** Our hint: how to fix it. */
  hint?: string;
  /** Where Packer makes the error: `path:line` in the table's repository at its tag (or `repo@tag:path:line` for another). */
  cite: string[];
  /** For `not-checkable`: why it cannot be known before a build; for `elsewhere`: what checks it; for a warning: why not an error. */
  why?: string;
  /** For `elsewhere`: the rule that reports it. */
  rule?: string;
  /** A check that depends on the machine the build runs on: at most a warning (`why` says why). */
  severity?: "warning";
}

/**
 * Where a group of entries applies: the component's body, or each nested block at `at` (a dotted
 * path for deeper blocks). `always`: a single block Go prepares even when it is not written (a
 * struct, not a pointer). `except`: ids of the group's entries that do not apply (a copy of the
 * config whose check differs). `defaults`: values the component sets before the group's checks run
 * when an argument is unset (docker sets `communicator = "docker"`); for an `at` group they apply to
 * the enclosing body too (what its entries read with `../`). `when`: conditions on the component's
 * body under which Go runs the group at all (vsphere-iso prepares its ISO config only when an ISO
 * URL is set); a condition that reads a value not known here leaves the group out.
 */
export type GroupRef =
  string | { group: string; at?: string; always?: boolean; defaults?: Record<string, Scalar | Scalar[]>; except?: string[]; when?: Predicate[] };

export interface CheckTable {
  /** github.com/owner/name */
  repository: string;
  /** The tag the entries were read from. */
  tag: string;
  /** The schema table's plugin name whose components this table covers (absent for `sdk`). */
  plugin?: string;
  /** The plugin releases the entries hold for (the schema table's release names). */
  releases?: string[];
  /** `<kind> <type>` (`source amazon-ebs`, `provisioner shell`) -> the groups that apply, in order. */
  components: Record<string, GroupRef[]>;
  /** `<Go package>.<struct>` -> the entries of that struct's Prepare (and what it calls). */
  groups: Record<string, Entry[]>;
}

const tables = new Map<string, CheckTable | null>();

/** A check table by name (`sdk`, `packer`, a plugin's name), or undefined when there is none. */
export function checkTable(name: string): CheckTable | undefined {
  let t = tables.get(name);
  if (t === undefined) {
    const text = readChecks(name);
    t = text === undefined ? null : (JSON.parse(text) as CheckTable);
    tables.set(name, t);
  }
  return t ?? undefined;
}

/** A group reference (`group` in the same table, `table:group` in another) to its table and entries. */
export function resolveGroup(from: string, ref: string): { table: string; key: string; entries: Entry[] } | undefined {
  const colon = ref.indexOf(":");
  const table = colon < 0 ? from : ref.slice(0, colon);
  const key = colon < 0 ? ref : ref.slice(colon + 1);
  const entries = checkTable(table)?.groups[key];
  return entries ? { table, key, entries } : undefined;
}
