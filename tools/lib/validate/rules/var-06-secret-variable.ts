import { getAttribute, staticValue } from "../../hcl/ast.ts";
import type { Report, Rule } from "../types.ts";
import { declType } from "../model/values.ts";

const SECRET_NAME = /(^|_)(token|secret|password|passwd|private_key|access_key|secret_key|api_key|client_secret)$/i;
const CREDENTIAL = /^(AKIA|ASIA)[0-9A-Z]{16}$|^-----BEGIN [A-Z ]*PRIVATE KEY-----|^gh[pousr]_[A-Za-z0-9]{30,}$|^xox[abprs]-/;
const CREDENTIAL_ARGS = new Set(["access_key", "secret_key", "token", "password", "ssh_password", "winrm_password", "account_file", "client_secret"]);
/**
 * Builders that install a guest OS on a local or private hypervisor from an ISO or disk
 * image: their ssh/winrm password is the throwaway one the preseed/kickstart/cloud-init
 * (committed next to the template) sets, not a credential to anything.
 */
const LOCAL_VM = /^(qemu|virtualbox-|vmware-|vsphere-|hyperv-|parallels-|proxmox-|libvirt|arm-image|tart-|utm-)/;
const GUEST_PASSWORDS = new Set(["ssh_password", "winrm_password"]);

export const rule: Rule = {
  id: "VAR-06",
  name: "secret-variable",
  severity: "warning",
  docs: {
    summary:
      "Secret-like variables are `sensitive = true`; no literal credentials in templates. Warnings: Packer builds such templates; raise the rule with `--rule VAR-06=error` to block them.",
    why:
      "Packer prints variable values in logs and `--dry-run` output unless they are sensitive; a credential " +
      "committed in a template leaks to everyone with the repository. Neither stops the build, so neither is an " +
      "error by default.",
    fix: "Mark the variable `sensitive = true`; pass credentials from the environment or a secret store, never as literals.",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const [name, decls] of ctx.variables) {
      const d = decls[0]!;
      if (d.block.type !== "variable") continue;
      const sens = getAttribute(d.block.body, "sensitive");
      // A flag or a count (`vnc_disable_password = true`) names a secret but holds none.
      const t = declType(d)?.k;
      const defaultValue = d.default ? staticValue(d.default.expr) : undefined;
      const flag = t === "bool" || t === "number" || (t === undefined && (typeof defaultValue === "boolean" || typeof defaultValue === "number"));
      if (SECRET_NAME.test(name) && !flag && (!sens || staticValue(sens.expr) !== true)) {
        out.push({
          file: d.file,
          at: d.nameRange.start,
          message: `var.${name} should be sensitive`,
          hint: "add sensitive = true so Packer masks it in output",
        });
      }
      const def = d.default ? staticValue(d.default.expr) : undefined;
      if (typeof def === "string" && CREDENTIAL.test(def)) {
        out.push({
          file: d.file,
          at: d.default!.expr.range.start,
          message: `literal credential in the default of var.${name}`,
          hint: "pass it from the environment or a secret store",
        });
      }
    }
    for (const [, ds] of ctx.sources) {
      for (const d of ds) {
        for (const a of d.block.body.attributes) {
          const v = staticValue(a.expr);
          if (typeof v !== "string" || v === "") continue;
          if (GUEST_PASSWORDS.has(a.name) && LOCAL_VM.test(d.type) && !CREDENTIAL.test(v)) continue;
          if ((CREDENTIAL_ARGS.has(a.name) && !/^\$\{/.test(v)) || CREDENTIAL.test(v)) {
            out.push({
              file: d.file,
              at: a.expr.range.start,
              message: `literal credential in ${a.name}`,
              hint: "use a sensitive variable filled from the environment",
            });
          }
        }
      }
    }
    return out;
  },
};
