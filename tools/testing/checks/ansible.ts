/** Cases for the check table of the ansible plugin (checks/data/ansible.json): the ansible and ansible-local provisioners. */
import { step, withArgs, type CheckCase } from "./cases.ts";

type Args = Record<string, string | null>;

interface Side {
  args: Args;
  disk?: Record<string, string>;
}

/** A case for a provisioner from the arguments (and files) it accepts and those with the mistake. */
function pairOf(type: "ansible" | "ansible-local") {
  return (entry: string, valid: Side, invalid: Side, message: string, at: string, extra: Partial<CheckCase> = {}): CheckCase => {
    const sample = (s: Side) => ({ code: step("provisioner", type, s.args), ...(s.disk ? { disk: s.disk } : {}) });
    return { entry, valid: sample(valid), invalid: sample(invalid), message, at, ...extra };
  };
}

const remote = pairOf("ansible");
const local = pairOf("ansible-local");

const SITE: Args = { playbook_file: '"${path.root}/site.yml"' };
const SITE_YML = { "site.yml": "- hosts: all\n" };
const ROOT = (name: string): string => `"\${path.root}/${name}"`;

export const ANSIBLE_CASES: CheckCase[] = [
  remote("ansible:ansible.Config:playbook-required", { args: SITE, disk: SITE_YML }, { args: {} }, "playbook_file must be specified.", '"ansible"'),
  remote(
    "ansible:ansible.Config:files-exist",
    { args: SITE, disk: SITE_YML },
    { args: SITE },
    "playbook_file: site.yml is invalid: stat site.yml: no such file or directory",
    ROOT("site.yml"),
  ),
  remote(
    "ansible:ansible.Config:files-exist",
    { args: withArgs(SITE, { galaxy_file: '"/etc/ansible/requirements.yml"' }), disk: { ...SITE_YML, "/etc/ansible/requirements.yml": "" } },
    { args: withArgs(SITE, { galaxy_file: '"/etc/ansible/requirements.yml"' }), disk: SITE_YML },
    "galaxy_file: /etc/ansible/requirements.yml is invalid: stat /etc/ansible/requirements.yml: no such file or directory",
    '"/etc/ansible/requirements.yml"',
    { name: "a file outside the template's folder is a warning", severity: "warning" },
  ),
  remote(
    "ansible:ansible.Config:files-exist",
    { args: { playbook_file: '"playbooks/site.yml"' }, disk: { "playbooks/site.yml": "" } },
    { args: { playbook_file: '"playbooks/site.yml"' } },
    "playbook_file: playbooks/site.yml is invalid: stat playbooks/site.yml: no such file or directory",
    '"playbooks/site.yml"',
    { name: "a relative path is relative to the folder Packer starts in, not to the template: a warning", severity: "warning" },
  ),
  remote(
    "ansible:ansible.Config:files-are-files",
    { args: SITE, disk: SITE_YML },
    { args: SITE, disk: { "site.yml/main.yml": "" } },
    "playbook_file: site.yml must point to a file",
    ROOT("site.yml"),
  ),
  remote(
    "ansible:ansible.Config:files-are-files",
    { args: withArgs(SITE, { ssh_host_key_file: ROOT("host_key") }), disk: { ...SITE_YML, host_key: "" } },
    { args: withArgs(SITE, { ssh_host_key_file: ROOT("host_key") }), disk: { ...SITE_YML, "host_key/id": "" } },
    "ssh_host_key_file: host_key must point to a file",
    ROOT("host_key"),
    { name: "ssh_host_key_file" },
  ),
  remote(
    "ansible:ansible.Config:local-port",
    { args: withArgs(SITE, { local_port: "2222" }), disk: SITE_YML },
    { args: withArgs(SITE, { local_port: "70000" }), disk: SITE_YML },
    "local_port: 70000 must be a valid port",
    "70000",
  ),
  remote(
    "ansible:ansible.Config:inventory-directory-exists",
    { args: withArgs(SITE, { inventory_directory: ROOT("inventory") }), disk: { ...SITE_YML, "inventory/hosts": "" } },
    { args: withArgs(SITE, { inventory_directory: ROOT("inventory") }), disk: SITE_YML },
    "inventory_directory: inventory is invalid: stat inventory: no such file or directory",
    ROOT("inventory"),
  ),
  remote(
    "ansible:ansible.Config:inventory-directory-folder",
    { args: withArgs(SITE, { inventory_directory: ROOT("inventory") }), disk: { ...SITE_YML, "inventory/hosts": "" } },
    { args: withArgs(SITE, { inventory_directory: ROOT("inventory") }), disk: { ...SITE_YML, inventory: "" } },
    "inventory_directory: inventory must point to a directory",
    ROOT("inventory"),
  ),
  remote(
    "ansible:ansible.Config:proxy-key-type",
    { args: withArgs(SITE, { ansible_proxy_key_type: '"rsa"' }), disk: SITE_YML },
    { args: withArgs(SITE, { ansible_proxy_key_type: '"dsa"' }), disk: SITE_YML },
    'Invalid value for ansible_proxy_key_type: "DSA". Supported values are ECDSA or RSA.',
    '"dsa"',
  ),

  local(
    "ansible:ansiblelocal.Config:playbook-not-both",
    { args: SITE, disk: SITE_YML },
    { args: withArgs(SITE, { playbook_files: `[${ROOT("site.yml")}]` }), disk: SITE_YML },
    "Either playbook_file or playbook_files can be specified, not both",
    "playbook_files =",
  ),
  local(
    "ansible:ansiblelocal.Config:playbook-required",
    { args: { playbook_files: `[${ROOT("site.yml")}]` }, disk: SITE_YML },
    { args: {} },
    "Either playbook_file or playbook_files must be specified",
    '"ansible-local"',
  ),
  local(
    "ansible:ansiblelocal.Config:files-exist",
    { args: SITE, disk: SITE_YML },
    { args: SITE },
    "playbook_file: site.yml is invalid: stat site.yml: no such file or directory",
    ROOT("site.yml"),
  ),
  local(
    "ansible:ansiblelocal.Config:files-exist",
    { args: withArgs(SITE, { inventory_file: ROOT("hosts.ini") }), disk: { ...SITE_YML, "hosts.ini": "" } },
    { args: withArgs(SITE, { inventory_file: ROOT("hosts.ini") }), disk: SITE_YML },
    "inventory_file: hosts.ini is invalid: stat hosts.ini: no such file or directory",
    ROOT("hosts.ini"),
    { name: "inventory_file" },
  ),
  local(
    "ansible:ansiblelocal.Config:files-are-files",
    { args: withArgs(SITE, { galaxy_file: ROOT("requirements.yml") }), disk: { ...SITE_YML, "requirements.yml": "" } },
    { args: withArgs(SITE, { galaxy_file: ROOT("requirements.yml") }), disk: { ...SITE_YML, "requirements.yml/roles.yml": "" } },
    "galaxy_file: requirements.yml must point to a file",
    ROOT("requirements.yml"),
  ),
  local(
    "ansible:ansiblelocal.Config:playbook-files-empty",
    { args: { playbook_files: '["site.yml"]' }, disk: SITE_YML },
    { args: { playbook_files: '["site.yml", ""]' }, disk: SITE_YML },
    "playbook_files must be specified.",
    "playbook_files =",
  ),
  local(
    "ansible:ansiblelocal.Config:playbook-files-exist",
    { args: { playbook_files: `[${ROOT("site.yml")}, ${ROOT("db.yml")}]` }, disk: { ...SITE_YML, "db.yml": "" } },
    { args: { playbook_files: `[${ROOT("site.yml")}, ${ROOT("db.yml")}]` }, disk: SITE_YML },
    "playbook_files: db.yml is invalid: stat db.yml: no such file or directory",
    ROOT("db.yml"),
  ),
  local(
    "ansible:ansiblelocal.Config:playbook-files-are-files",
    { args: { playbook_files: `[${ROOT("site.yml")}, ${ROOT("db.yml")}]` }, disk: { ...SITE_YML, "db.yml": "" } },
    { args: { playbook_files: `[${ROOT("site.yml")}, ${ROOT("db.yml")}]` }, disk: { ...SITE_YML, "db.yml/main.yml": "" } },
    "playbook_files: db.yml must point to a file",
    ROOT("db.yml"),
  ),
  local(
    "ansible:ansiblelocal.Config:dirs-exist",
    { args: withArgs(SITE, { playbook_dir: ROOT("ansible") }), disk: { ...SITE_YML, "ansible/site.yml": "" } },
    { args: withArgs(SITE, { playbook_dir: ROOT("ansible") }), disk: SITE_YML },
    "playbook_dir: ansible is invalid: stat ansible: no such file or directory",
    ROOT("ansible"),
  ),
  local(
    "ansible:ansiblelocal.Config:dirs-exist",
    { args: withArgs(SITE, { group_vars: '"/etc/ansible/group_vars"' }), disk: { ...SITE_YML, "/etc/ansible/group_vars/all.yml": "" } },
    { args: withArgs(SITE, { group_vars: '"/etc/ansible/group_vars"' }), disk: SITE_YML },
    "group_vars: /etc/ansible/group_vars is invalid: stat /etc/ansible/group_vars: no such file or directory",
    '"/etc/ansible/group_vars"',
    { name: "a folder outside the template's folder is a warning", severity: "warning" },
  ),
  local(
    "ansible:ansiblelocal.Config:dirs-are-folders",
    { args: withArgs(SITE, { host_vars: ROOT("host_vars") }), disk: { ...SITE_YML, "host_vars/web.yml": "" } },
    { args: withArgs(SITE, { host_vars: ROOT("host_vars") }), disk: { ...SITE_YML, host_vars: "" } },
    "host_vars: host_vars must point to a directory",
    ROOT("host_vars"),
  ),
  local(
    "ansible:ansiblelocal.Config:dir-lists-exist",
    { args: withArgs(SITE, { role_paths: `[${ROOT("roles/common")}]` }), disk: { ...SITE_YML, "roles/common/tasks/main.yml": "" } },
    { args: withArgs(SITE, { role_paths: `[${ROOT("roles/common")}]` }), disk: SITE_YML },
    "role_paths: roles/common is invalid: stat roles/common: no such file or directory",
    ROOT("roles/common"),
  ),
  local(
    "ansible:ansiblelocal.Config:dir-lists-are-folders",
    { args: withArgs(SITE, { collection_paths: `[${ROOT("collections")}]` }), disk: { ...SITE_YML, "collections/x": "" } },
    { args: withArgs(SITE, { collection_paths: `[${ROOT("collections")}]` }), disk: { ...SITE_YML, collections: "" } },
    "collection_paths: collections must point to a directory",
    ROOT("collections"),
  ),
];
