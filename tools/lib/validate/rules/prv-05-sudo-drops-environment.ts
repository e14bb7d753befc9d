import { getAttribute } from "../../hcl/ast.ts";
import { tryEvaluatePartial } from "../model/values.ts";
import type { Report, Rule } from "../types.ts";
import { buildShells, firstAt, mayExecuteWithSudo, segLoc, type Segment } from "./utils/provisioners.ts";
import { shellInvocation } from "./utils/shell-scan.ts";

/** Programs known to read DEBIAN_FRONTEND from their environment. */
const DEBCONF = new Set(["apt-get", "apt", "aptitude", "dpkg", "dpkg-reconfigure"]);

/** `NAME=` as a word of `text` (an assignment: `sudo NAME=… cmd`, `sudo env NAME=…`, `sh -c 'NAME=… cmd'`). */
function assigns(text: string, name: string): boolean {
  for (let i = text.indexOf(`${name}=`); i >= 0; i = text.indexOf(`${name}=`, i + 1)) {
    if (i === 0 || !/[A-Za-z0-9_]/.test(text[i - 1]!)) return true;
  }
  return false;
}

/**
 * Whether `raw` (a `sh -c` string as written) leaves `$NAME` / `${NAME…}` for the shell it
 * starts to expand: inside single quotes, or escaped (`\$NAME`). Unquoted and double-quoted
 * expansions are done by the calling shell, which still has the variable.
 */
function deferred(raw: string, name: string): boolean {
  let quote = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (quote === "'") {
      if (c === "'") quote = "";
      else if (c === "$" && expands(raw, i + 1, name)) return true;
      continue;
    }
    if (c === "\\") {
      if (raw[i + 1] === "$" && expands(raw, i + 2, name)) return true;
      i++;
    } else if (c === "'" && quote === "") quote = "'";
    else if (c === '"') quote = quote === '"' ? "" : '"';
  }
  return false;
}

function expands(raw: string, i: number, name: string): boolean {
  if (raw[i] === "{") i++;
  return raw.startsWith(name, i) && !/[A-Za-z0-9_]/.test(raw[i + name.length] ?? "");
}

/** A script file run by the command: `sudo ./setup.sh`, `sudo bash /tmp/setup.sh`. */
function runsScript(seg: Segment): boolean {
  return /\.(?:sh|bash)$/.test(seg.cmd) || shellInvocation(seg)?.kind === "file";
}

export const rule: Rule = {
  id: "PRV-05",
  name: "sudo-drops-environment",
  severity: "warning",
  docs: {
    summary: "Variables from `environment_vars` are not silently dropped by sudo.",
    why: "sudo resets the environment: `DEBIAN_FRONTEND=noninteractive` set through environment_vars does not reach `sudo apt-get`, which then prompts (and hangs) on configuration questions.",
    fix: "Put the variable after sudo (`sudo DEBIAN_FRONTEND=noninteractive apt-get …`), use `sudo -E`, or run the whole provisioner with a sudo execute_command.",
  },
  check(ctx) {
    const out: Report[] = [];
    const seen = new Set<string>();
    for (const { segments } of buildShells(ctx)) {
      // The commands of a `sudo sh -c '…'` string (or heredoc script) run in its environment.
      const children = new Map<Segment, Segment[]>();
      for (const s of segments) {
        if (!s.parent) continue;
        const list = children.get(s.parent);
        if (list) list.push(s);
        else children.set(s.parent, [s]);
      }
      const within = (s: Segment, depth = 0): Segment[] => [s, ...(depth > 8 ? [] : (children.get(s) ?? []).flatMap((c) => within(c, depth + 1)))];
      for (const seg of segments) {
        // Judge each sudo once, at the command it elevates (not again for its sh -c commands).
        if (!seg.sudo || seg.sudoAt === undefined || seg.parent?.sudo) continue;
        const prov = seg.chunk.provisioner;
        const ev = getAttribute(prov.body, "environment_vars");
        const list = ev ? tryEvaluatePartial(ctx, ev.expr) : undefined;
        if (!Array.isArray(list)) continue;
        if (mayExecuteWithSudo(ctx, prov)) continue;
        // sudo -E / --preserve-env[=NAME,…] between sudo and the command.
        const own = seg.words.findIndex((w) => w.offset === seg.sudoAt);
        const cmdIndex = seg.words.length - seg.args.length - 1;
        let keepAll = false;
        const keep = new Set<string>();
        for (const w of own >= 0 ? seg.words.slice(own + 1, cmdIndex) : []) {
          if (/^-[A-Za-z]*E/.test(w.word) || w.word === "--preserve-env") keepAll = true;
          else if (w.word.startsWith("--preserve-env=")) for (const n of w.word.slice("--preserve-env=".length).split(",")) keep.add(n);
        }
        if (keepAll) continue;
        const text = seg.words.map((w) => w.raw).join(" ");
        const run = within(seg);
        const script = run.some(runsScript);
        const debconf = run.some((s) => DEBCONF.has(s.cmd));
        const sh = shellInvocation(seg);
        for (const item of list) {
          if (typeof item !== "string") continue;
          const name = item.split("=")[0]!;
          if (name === "" || keep.has(name) || assigns(text, name)) continue;
          // $NAME on the command line is expanded before sudo runs: only a program (or an
          // inner shell) reading the variable from its environment loses it.
          const reads = script || (name === "DEBIAN_FRONTEND" && debconf) || (sh?.kind === "string" && deferred(sh.word.raw, name));
          if (!reads) continue;
          const loc = segLoc(seg, seg.sudoAt - seg.offset);
          if (!firstAt(seen, loc, name)) continue;
          out.push({
            file: loc.file,
            at: loc.at,
            message: `sudo drops ${name} from environment_vars`,
            hint: script ? `write sudo -E ${seg.cmd} … (or sudo ${item} ${seg.cmd} …)` : `write sudo ${item} ${seg.cmd} …`,
          });
        }
      }
    }
    return out;
  },
};
