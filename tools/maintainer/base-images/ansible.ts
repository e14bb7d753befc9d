/**
 * Ansible task files, as AlmaLinux's cloud image build writes them: the packages its `dnf`/`yum`
 * tasks and its `dnf … install` shell commands install or remove. A task with `when:` runs only
 * sometimes and is left out, as is a name Ansible computes (`{{ … }}`) or `*` (an update).
 */
import { parse } from "yaml";
import { packageCommand } from "./kickstart.ts";

export interface AnsiblePackages {
  packages: string[];
  groups: string[];
  removed: string[];
}

const PACKAGE_MODULES = ["ansible.builtin.dnf", "ansible.builtin.yum", "ansible.builtin.package", "dnf", "yum", "package"];
const SHELL_MODULES = ["ansible.builtin.shell", "ansible.builtin.command", "shell", "command"];

function moduleOf(task: Record<string, unknown>, names: string[]): unknown {
  for (const n of names) if (n in task) return task[n];
  return undefined;
}

function rpmWord(name: string): string {
  const m = /\/([^/]+?)(?:\.(?:noarch|x86_64|aarch64))?\.rpm$/.exec(name);
  return m ? m[1]! : name;
}

/** The packages of the task files (in the order the role runs them). */
export function ansiblePackages(files: string[]): AnsiblePackages {
  const packages = new Set<string>();
  const groups = new Set<string>();
  const removed = new Set<string>();
  const add = (action: "install" | "remove", name: string) => {
    if (action === "install") {
      packages.add(name);
      removed.delete(name);
    } else {
      removed.add(name);
      packages.delete(name);
    }
  };
  for (const text of files) {
    const tasks = parse(text) as unknown;
    if (!Array.isArray(tasks)) continue;
    for (const t of tasks) {
      if (!t || typeof t !== "object" || "when" in t) continue;
      const task = t as Record<string, unknown>;
      const pkg = moduleOf(task, PACKAGE_MODULES);
      if (pkg && typeof pkg === "object") {
        const args = pkg as Record<string, unknown>;
        const state = typeof args["state"] === "string" ? args["state"] : "present";
        const action =
          state === "absent" || state === "removed" ? "remove" : state === "present" || state === "installed" || state === "latest" ? "install" : undefined;
        const names = Array.isArray(args["name"]) ? args["name"] : [args["name"]];
        for (const n of names) {
          if (!action || typeof n !== "string" || n.includes("{{") || n.includes("*")) continue;
          if (n.startsWith("@")) groups.add(n.slice(1));
          else add(action, rpmWord(n));
        }
        continue;
      }
      const shell = moduleOf(task, SHELL_MODULES);
      const cmd = typeof shell === "string" ? shell : shell && typeof shell === "object" ? (shell as Record<string, unknown>)["cmd"] : undefined;
      if (typeof cmd !== "string" || cmd.includes("{{")) continue;
      const c = packageCommand(cmd.replace(/\s+/g, " "));
      if (!c) continue;
      for (const n of c.names) add(c.action, n);
      for (const g of c.groups) if (c.action === "install") groups.add(g);
    }
  }
  return { packages: [...packages].sort(), groups: [...groups].sort(), removed: [...removed].sort() };
}
