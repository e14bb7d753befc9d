import { ruleTester } from "../tester/testing.ts";
import { rule as cmp04 } from "./cmp-04-component-prepare-checks.ts";
import { samples, step } from "../../../testing/checks/cases.ts";
import { ANSIBLE_CASES } from "../../../testing/checks/ansible.ts";

// One case per entry of the ansible plugin's check table (the ansible and ansible-local provisioners).
ruleTester(cmp04, samples(ANSIBLE_CASES));

const pinned = (version: string, args: Record<string, string>): string =>
  `packer {\n  required_plugins {\n    ansible = {\n      source  = "github.com/hashicorp/ansible"\n      version = "${version}"\n    }\n  }\n}\n\n${step("provisioner", "ansible", args)}`;

// The table holds for ansible 1.0.4 and 0.0.3 too, whose schemas lack arguments newer entries read.
ruleTester(cmp04, {
  valid: [
    {
      name: "ansible 1.0.4 has no ansible_proxy_key_type: the entry that reads it says nothing, the others run",
      code: pinned("1.0.4", { playbook_file: '"${path.root}/site.yml"' }),
      disk: { "site.yml": "" },
    },
    {
      name: "on ansible 1.0.4, ansible_proxy_key_type fails decoding (CMP-02): Packer never reaches Prepare",
      code: pinned("1.0.4", { playbook_file: '"${path.root}/missing.yml"', ansible_proxy_key_type: '"dsa"' }),
    },
  ],
  invalid: [
    {
      name: "ansible 1.0.4 checks the playbook as 1.1.6 does",
      code: pinned("1.0.4", { playbook_file: '"${path.root}/missing.yml"' }),
      errors: [{ message: "playbook_file: missing.yml is invalid: stat missing.yml: no such file or directory", line: 17, column: 21 }],
    },
    {
      name: "ansible 0.0.3 too",
      code: pinned("0.0.3", { local_port: "65536", playbook_file: '"${path.root}/site.yml"' }),
      disk: { "site.yml": "" },
      errors: [{ message: "local_port: 65536 must be a valid port", line: 17, column: 18 }],
    },
  ],
});
