/** Cases for the check table of the vsphere plugin (checks/data/vsphere.json): vsphere-iso and vsphere-clone. */
import type { CheckCase } from "./cases.ts";
import { durationCase, editor, type Args } from "./edit.ts";

const CONNECT: Args = {
  vcenter_server: '"vcenter.example.com"',
  username: '"packer@vsphere.local"',
  password: '"secret"',
  vm_name: '"debian-12"',
  cluster: '"cluster-1"',
  ssh_username: '"debian"',
};
const DISK = "  storage {\n    disk_size = 40960\n  }\n";
const iso = editor("vsphere-iso", { ...CONNECT, iso_paths: '["[datastore1] iso/debian.iso"]' }, DISK);
const clone = editor("vsphere-clone", { ...CONNECT, template: '"debian-12-base"' });
const S = "vsphere:common.";
const block = (type: string, inner: string): string => `  ${type} {\n${inner}  }\n`;
const LINUX = block("linux_options", '    host_name = "web"\n    domain    = "example.com"\n');
const customize = (inner: string): string => block("customize", inner.replace(/^/gm, "  ").replace(/ {2}$/, "") + "    network_interface {}\n");

const oneOf = (entry: string, arg: string, good: string, bad: string, message: string): CheckCase =>
  iso(entry, { [arg]: bad }, message, bad, { valid: { [arg]: good } });

const ISO_CASES: CheckCase[] = [
  iso(`${S}ConnectConfig:vcenter-server`, { vcenter_server: null }, "'vcenter_server' is required", '"vsphere-iso"'),
  iso(`${S}ConnectConfig:username`, { username: null }, "'username' is required", '"vsphere-iso"'),
  iso(`${S}ConnectConfig:password`, { password: null }, "'password' is required", '"vsphere-iso"'),
  iso("vsphere:iso.CreateConfig:storage-required", {}, "no storage devices have been defined", '"vsphere-iso"', { blocks: "" }),
  iso("vsphere:iso.CreateConfig:usb-controller", { usb_controller: '["usb", "ehci"]' }, "usb_controller[1] references an unknown usb controller", '"ehci"', {
    valid: { usb_controller: '["usb", "xhci"]' },
  }),
  iso(`${S}StorageConfig:disk-size`, {}, "storage[1].'disk_size' is required", "storage {", {
    blocks: `${DISK}  storage {\n    disk_thin_provisioned = true\n  }\n`,
    nth: 1,
  }),
  iso(`${S}StorageConfig:disk-controller-index`, {}, "storage[0].'disk_controller_index' references an unknown disk controller", "disk_controller_index = |1", {
    name: "vsphere-iso counts one controller when disk_controller_type is not set",
    validBlocks: "  storage {\n    disk_size             = 40960\n    disk_controller_index = 0\n  }\n",
    blocks: "  storage {\n    disk_size             = 40960\n    disk_controller_index = 1\n  }\n",
  }),
  iso(`${S}LocationConfig:vm-name`, { vm_name: null }, "'vm_name' is required", '"vsphere-iso"'),
  iso(`${S}LocationConfig:host-or-cluster`, { cluster: null }, "'host' or 'cluster' is required", '"vsphere-iso"'),
  iso(
    `${S}HardwareConfig:ram-reservation`,
    { RAM_reserve_all: "true" },
    "'RAM_reservation' and 'RAM_reserve_all' cannot be used together",
    "RAM_reserve_all =",
    {
      valid: { RAM_reservation: "2048" },
    },
  ),
  oneOf(`${S}HardwareConfig:firmware`, "firmware", '"efi-secure"', '"uefi"', "'firmware' must be '', 'bios', 'efi' or 'efi-secure'"),
  iso(`${S}HardwareConfig:vtpm-needs-efi`, { firmware: '"bios"' }, "'vTPM' could be enabled only when 'firmware' set to 'efi' or 'efi-secure'", "vTPM =", {
    valid: { firmware: '"efi"', vTPM: "true" },
  }),
  oneOf(`${S}HardwareConfig:precision-clock`, "precision_clock", '"ptp"', '"gps"', "'precision_clock' must be '', 'ptp', 'ntp', or 'none'"),
  ...(
    [
      ["vbs-needs-vvtd", { vvtd_enabled: null }, "`vvtd_enabled` must be set to `true` when `vbs_enabled` is set to `true`"],
      ["vbs-needs-nestedhv", { NestedHV: "false" }, "`nestedhv` must be set to `true` when `vbs_enabled` is set to `true`"],
      ["vbs-needs-efi-secure", { firmware: '"efi"' }, "`firmware` must be set to `efi-secure` when `vbs_enabled` is set to `true`"],
    ] as Array<[string, Args, string]>
  ).map(([id, changes, message]) =>
    iso(`${S}FlagConfig:${id}`, changes, message, "vbs_enabled =", {
      valid: { firmware: '"efi-secure"', NestedHV: "true", vvtd_enabled: "true", vbs_enabled: "true" },
    }),
  ),
  oneOf(`${S}CDRomConfig:cdrom-type`, "cdrom_type", '"sata"', '"scsi"', "'cdrom_type' must be 'ide' or 'sata'"),
  iso(
    `${S}CDRomConfig:reattach-cdroms`,
    { reattach_cdroms: "5" },
    "'reattach_cdroms' should be between 1 and 4, if set to 0, `reattach_cdroms` is ignored and the step is skipped",
    "5",
    { valid: { reattach_cdroms: "1" } },
  ),
  oneOf(
    `${S}WaitIpConfig:ip-wait-address`,
    "ip_wait_address",
    '"10.0.0.0/8"',
    '"10.0.0.0"',
    'unable to parse "ip_wait_address": invalid CIDR address: 10.0.0.0',
  ),
  durationCase(iso, `${S}WaitIpConfig:durations`, "ip_wait_timeout"),
  durationCase(iso, `${S}ShutdownConfig:durations`, "shutdown_timeout"),
  iso(`${S}ExportConfig:output-format`, {}, "unsupported output format: vmx. available options include 'ovf' and 'ova'", '"vmx"', {
    validBlocks: `${DISK}${block("export", '    output_format = "ovf"\n')}`,
    blocks: `${DISK}${block("export", '    output_format = "vmx"\n')}`,
  }),
  iso(`${S}ExportConfig:manifest`, {}, "unsupported hash: md5. available options include 'none', 'sha1', 'sha256', and 'sha512'", '"md5"', {
    validBlocks: `${DISK}${block("export", '    manifest = "sha512"\n')}`,
    blocks: `${DISK}${block("export", '    manifest = "md5"\n')}`,
  }),
  iso(`${S}ContentLibraryDestinationConfig:library`, {}, "a library name must be provided", "content_library_destination", {
    validBlocks: `${DISK}${block("content_library_destination", '    library = "templates"\n')}`,
    blocks: `${DISK}${block("content_library_destination", '    name = "debian-12-template"\n')}`,
  }),
  iso(
    `${S}ContentLibraryDestinationConfig:name-differs`,
    {},
    "the content library destination name must be different from the VM name",
    'name    = "debian-12"',
    {
      validBlocks: `${DISK}${block("content_library_destination", '    library = "templates"\n    name    = "debian-12-template"\n')}`,
      blocks: `${DISK}${block("content_library_destination", '    library = "templates"\n    name    = "debian-12"\n')}`,
    },
  ),
];

const CLONE_CASES: CheckCase[] = [
  clone("vsphere:clone.CloneConfig:template", { template: null }, "'template' is required", '"vsphere-clone"'),
  clone("vsphere:clone.CloneConfig:linked-clone-disk-size", { disk_size: "40960" }, "'linked_clone' and 'disk_size' cannot be used together", "disk_size =", {
    valid: { linked_clone: "true" },
  }),
  clone("vsphere:clone.CloneConfig:mac-address-needs-network", { network: null }, "'network' is required when 'mac_address' is specified", "mac_address =", {
    valid: { network: '"VM Network"', mac_address: '"00:50:56:00:00:01"' },
  }),
  clone(
    `${S}StorageConfig:disk-controller-index`,
    { disk_controller_type: null },
    "storage[0].'disk_controller_index' references an unknown disk controller",
    "storage {",
    {
      name: "vsphere-clone counts no controller when disk_controller_type is not set",
      valid: { disk_controller_type: '["pvscsi"]' },
      validBlocks: DISK,
      blocks: DISK,
    },
  ),
  clone("vsphere:clone.CustomizeConfig:network-interface", {}, "one or more `network_interface` must be provided", "customize", {
    validBlocks: customize(LINUX),
    blocks: block("customize", LINUX.replace(/^/gm, "  ").replace(/ {2}$/, "")),
  }),
  clone(
    "vsphere:clone.CustomizeConfig:one-option",
    {},
    "only one of `linux_options`, `windows_options`, `windows_sysprep_file` can be set",
    "windows_sysprep_text",
    {
      validBlocks: customize(LINUX),
      blocks: customize(`${LINUX}  windows_sysprep_text = "<unattend/>"\n`),
    },
  ),
  clone(
    "vsphere:clone.CustomizeConfig:an-option",
    {},
    "one of `linux_options`, `windows_options`, `windows_sysprep_file`, or 'windows_sysprep_text' must be set",
    "customize",
    { validBlocks: customize(LINUX), blocks: customize("") },
  ),
  clone("vsphere:clone.LinuxOptions:host-name", {}, "linux options: `host_name` is required", "linux_options", {
    validBlocks: customize(LINUX),
    blocks: customize(block("linux_options", '    domain = "example.com"\n')),
  }),
  clone("vsphere:clone.LinuxOptions:domain", {}, "linux options: `domain` is required", "linux_options", {
    validBlocks: customize(LINUX),
    blocks: customize(block("linux_options", '    host_name = "web"\n')),
  }),
  clone("vsphere:clone.WindowsOptions:computer-name", {}, "windows options: `computer_name` is required", "windows_options", {
    validBlocks: customize(block("windows_options", '    computer_name = "web"\n')),
    blocks: customize(block("windows_options", '    workgroup = "WORKGROUP"\n')),
  }),
];

export const VSPHERE_CASES: CheckCase[] = [...ISO_CASES, ...CLONE_CASES];
