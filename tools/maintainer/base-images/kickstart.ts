/**
 * Kickstart files (Anaconda), as the RHEL-family cloud image builds write them: the packages a
 * `%packages` section names, and the packages the `%post` scripts install or remove with dnf or
 * yum unconditionally.
 *
 * What a kickstart installs is more than it names: Anaconda adds the `@core` group (unless
 * `%packages --nocore`) and any group named with `@`, whose members the kickstart does not list,
 * and every dependency. The result
 * keeps the groups apart so the data can say what is named and what is not.
 */

export interface KickstartPackages {
  /** Packages named in `%packages` or installed by a `%post` command that always runs. */
  packages: string[];
  /** Groups named in `%packages` (`@core`), without the `@`. */
  groups: string[];
  /** Packages excluded in `%packages` (`-name`) or removed by an unconditional `%post` command. */
  removed: string[];
}

/** Resolves `%include path` to the included file's text, or undefined when it is not part of the source (a file written at install time). */
export type Includer = (path: string) => string | undefined;

const NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

/** Names a dnf/yum/microdnf command line installs or removes, when every argument is literal. */
export function packageCommand(line: string): { action: "install" | "remove"; names: string[]; groups: string[] } | undefined {
  const words = line.trim().split(/\s+/);
  const i = words.findIndex((w) => w === "dnf" || w === "yum" || w === "microdnf" || w.endsWith("/dnf") || w.endsWith("/yum"));
  if (i < 0) return undefined;
  const rest = words.slice(i + 1).filter((w) => !w.startsWith("-"));
  const verb = rest[0];
  const action = verb === "install" ? "install" : verb === "remove" || verb === "erase" ? "remove" : undefined;
  if (!action) return undefined;
  // `remove --oldinstallonly kernel` removes old kernels, not the package.
  if (words.includes("--oldinstallonly")) return undefined;
  // `--installroot=/mnt/sysimage` keeps the command about the image; any other root is not.
  const root = words.find((w) => w.startsWith("--installroot="));
  if (root && !/^--installroot=\/(mnt\/sysimage|rootfs)\/?$/.test(root)) return undefined;
  const args = rest.slice(1).filter((w) => !/^[;&|]/.test(w));
  const end = args.findIndex((w) => /[;&|]/.test(w));
  const own = end < 0 ? args : args.slice(0, end);
  if (own.some((w) => w.includes("$") || w.includes("`") || w.includes("*"))) return undefined;
  const groups = own.filter((w) => w.startsWith("@")).map((w) => w.slice(1));
  const names = own.filter((w) => !w.startsWith("@")).map(rpmName);
  if (names.some((n) => n === undefined)) return undefined;
  return { action, names: names as string[], groups };
}

/** `name`, or the package a URL of an RPM names (`…/amazon-ssm-agent.rpm`, `…/foo-1.2-3.el9.noarch.rpm`). */
function rpmName(word: string): string | undefined {
  const w = word.replace(/^["']|["']$/g, "");
  if (NAME.test(w)) return w;
  const m = /\/([^/]+)\.rpm$/.exec(w);
  if (!m) return undefined;
  const base = m[1]!.replace(/\.(noarch|x86_64|aarch64)$/, "");
  // name-version-release: drop the last two dash-separated parts when they look like versions.
  const parts = base.split("-");
  while (parts.length > 1 && /^\d/.test(parts[parts.length - 1]!)) parts.pop();
  const name = parts.join("-").replace(/-latest$/, "");
  return NAME.test(name) ? name : undefined;
}

/**
 * The packages of a kickstart. `%post` commands inside an `if`, a `case`, a loop or a function
 * run only sometimes and are left out; so are lines continued from the previous one.
 */
export function kickstartPackages(text: string, include: Includer): KickstartPackages {
  const packages = new Set<string>();
  const groups = new Set<string>();
  const removed = new Set<string>();
  const lines = expand(text, include, 0);
  let section = "";
  let depth = 0;
  let continued = false;
  for (const raw of lines) {
    const line = raw.replace(/\s+#.*$/, "").trim();
    if (/^%(packages|post|pre|pre-install|onerror|traceback|addon|anaconda)\b/.test(line)) {
      section = line.split(/\s+/)[0]!.slice(1);
      depth = 0;
      // Anaconda installs @core unless the section says --nocore.
      if (section === "packages" && !/\s--nocore\b/.test(line)) groups.add("core");
      continue;
    }
    if (line === "%end") {
      section = "";
      continue;
    }
    if (!line || line.startsWith("#")) continue;
    if (section === "packages") {
      if (line.startsWith("@^")) groups.add(line.slice(2));
      else if (line.startsWith("@")) groups.add(line.slice(1).split(/\s+/)[0]!);
      else if (line.startsWith("-")) removed.add(line.slice(1));
      else if (NAME.test(line)) packages.add(line);
      continue;
    }
    if (section !== "post") continue;
    const wasContinued = continued;
    continued = line.endsWith("\\");
    if (/^(if|case|for|while|until)\b/.test(line) || /\)\s*\{$|^function\b/.test(line)) depth++;
    if (/^(fi|esac|done)\b/.test(line) || line === "}") depth = Math.max(0, depth - 1);
    if (depth > 0 || wasContinued || continued) continue;
    const cmd = packageCommand(line);
    if (!cmd) continue;
    for (const n of cmd.names) {
      if (cmd.action === "install") {
        packages.add(n);
        removed.delete(n);
      } else {
        removed.add(n);
        packages.delete(n);
      }
    }
    for (const g of cmd.groups) if (cmd.action === "install") groups.add(g);
  }
  for (const r of removed) packages.delete(r);
  return { packages: [...packages].sort(), groups: [...groups].sort(), removed: [...removed].sort() };
}

function expand(text: string, include: Includer, level: number): string[] {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    const m = /^%include\s+(\S+)/.exec(line.trim());
    if (m && level < 8) {
      const inc = include(m[1]!);
      if (inc !== undefined) out.push(...expand(inc, include, level + 1));
      continue;
    }
    out.push(line);
  }
  return out;
}
