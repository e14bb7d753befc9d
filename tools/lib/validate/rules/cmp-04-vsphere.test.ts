import { ruleTester } from "../tester/testing.ts";
import { rule as cmp04 } from "./cmp-04-component-prepare-checks.ts";
import { samples, source } from "../../../testing/checks/cases.ts";
import { VSPHERE_CASES } from "../../../testing/checks/vsphere.ts";

// One case per entry of the vsphere plugin's check table.
ruleTester(cmp04, samples(VSPHERE_CASES));

const CONNECT = {
  vcenter_server: '"vcenter.example.com"',
  username: '"packer@vsphere.local"',
  password: '"secret"',
  vm_name: '"debian-12"',
  host: '"esxi-1.example.com"',
  ssh_username: '"debian"',
};
const DISK = "  storage {\n    disk_size = 40960\n  }\n";

// How vsphere's Prepare wires the SDK's configs, and what it cannot know.
ruleTester(cmp04, {
  valid: [
    { name: "vsphere-iso prepares the ISO config only when an ISO URL is set: iso_paths need no checksum", code: source("vsphere-iso", CONNECT, DISK) },
    {
      name: "credentials from variables without a value are not known here",
      code: `variable "password" {\n  type      = string\n  sensitive = true\n}\n${source("vsphere-iso", { ...CONNECT, password: "var.password" }, DISK)}`,
    },
    {
      name: "two controllers: storage may use the second",
      code: source(
        "vsphere-iso",
        { ...CONNECT, disk_controller_type: '["pvscsi", "nvme"]' },
        "  storage {\n    disk_size = 40960\n  }\n  storage {\n    disk_size             = 81920\n    disk_controller_index = 1\n  }\n",
      ),
    },
    {
      name: "the content library template may share the VM's name when it is an OVF template",
      code: source(
        "vsphere-iso",
        CONNECT,
        `${DISK}  content_library_destination {\n    library = "templates"\n    name    = "debian-12"\n    ovf     = true\n  }\n`,
      ),
    },
    {
      name: "an unsupported output format stops the export checks: its manifest is not looked at",
      code: source("vsphere-clone", { ...CONNECT, template: '"base"' }, '  export {\n    output_format = "ova"\n    manifest      = "md5"\n  }\n'),
    },
    {
      name: "a group whose condition reads a value not known here is left out (an iso_url from a variable)",
      code: `variable "iso" {\n  type = string\n}\n${source("vsphere-iso", { ...CONNECT, iso_url: "var.iso" }, DISK)}`,
    },
    {
      name: "a list of controllers not known here: no index is judged",
      code: `variable "controllers" {\n  type = list(string)\n}\n${source("vsphere-clone", { ...CONNECT, template: '"base"', disk_controller_type: "var.controllers" }, DISK)}`,
    },
    {
      name: "RAM_reservation = 0 reserves nothing: RAM_reserve_all may be set (Go checks RAM_reservation > 0)",
      code: source("vsphere-iso", { ...CONNECT, RAM_reservation: "0", RAM_reserve_all: "true" }, DISK),
    },
    {
      name: "vsphere 1.4.2 has the same checks",
      code: `packer {\n  required_plugins {\n    vsphere = {\n      source  = "github.com/hashicorp/vsphere"\n      version = "1.4.2"\n    }\n  }\n}\n${source("vsphere-clone", { ...CONNECT, template: '"base"' })}`,
    },
  ],
  invalid: [
    {
      name: "with iso_url, the ISO config is the SDK's",
      code: source("vsphere-iso", { ...CONNECT, iso_url: '"https://example.com/debian.iso"' }, DISK),
      errors: [{ message: "A checksum must be specified", line: 1, column: 8 }],
    },
    {
      name: "an unsupported output format stops the export checks (ova is looked up on the machine)",
      code: source("vsphere-clone", { ...CONNECT, template: '"base"' }, '  export {\n    output_format = "vmx"\n    manifest      = "md5"\n  }\n'),
      errors: [{ message: "unsupported output format: vmx. available options include 'ovf' and 'ova'", line: 10, column: 21 }],
    },
    {
      name: "vsphere-clone: the SDK's communicator",
      code: source("vsphere-clone", { ...CONNECT, template: '"base"', communicator: '"winrm"', ssh_username: null }),
      errors: [{ message: "winrm_username must be specified.", line: 1, column: 8 }],
    },
  ],
});
