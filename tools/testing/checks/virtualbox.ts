/** Cases for the check table of the virtualbox plugin (checks/data/virtualbox.json): virtualbox-iso. */
import type { CheckCase } from "./cases.ts";
import { durationCase, editor } from "./edit.ts";

const vbox = editor("virtualbox-iso", {
  iso_url: '"https://example.com/debian.iso"',
  iso_checksum: '"sha256:0123abcd"',
  ssh_username: '"vagrant"',
});
/** Without a communicator: nothing to upload (no version file, no guest additions). */
const NONE = { ssh_username: null, communicator: '"none"', virtualbox_version_file: '""', guest_additions_mode: '"disable"' };
const I = "virtualbox:iso.Config:";
const C = "virtualbox:common.";

const oneOf = (entry: string, arg: string, good: string, bad: string, message: string, name?: string): CheckCase =>
  vbox(entry, { [arg]: bad }, message, bad, { valid: { [arg]: good }, ...(name ? { name } : {}) });

export const VIRTUALBOX_CASES: CheckCase[] = [
  oneOf(`${C}ExportConfig:format`, "format", '"ova"', '"vmdk"', "invalid format, only 'ovf' or 'ova' are allowed"),
  vbox(`${C}RunConfig:vrdp-port-range`, { vrdp_port_min: "6100" }, "vrdp_port_min must be less than vrdp_port_max", "6100", {
    name: "vrdp_port_max defaults to 6000",
    valid: { vrdp_port_min: "5950" },
  }),
  durationCase(vbox, `${C}ShutdownConfig:durations`, "post_shutdown_delay"),
  vbox(`${C}CommConfig:host-port-range`, { host_port_min: "5000" }, "host_port_min must be less than host_port_max", "5000", {
    name: "host_port_max defaults to 4444",
    valid: { host_port_min: "3000" },
  }),
  vbox(`${C}HWConfig:cpus`, { cpus: "-1" }, "An invalid number of cpus was specified (cpus < 0): -1", "-1", { valid: { cpus: "2" } }),
  vbox(`${C}HWConfig:memory`, { memory: "-512" }, "An invalid memory size was specified (memory < 0): -512", "-512", { valid: { memory: "2048" } }),
  vbox(
    `${C}VBoxVersionConfig:version-file-without-communicator`,
    { virtualbox_version_file: '".vbox_version"' },
    "virtualbox_version_file has to be an empty string when communicator = 'none'.",
    "virtualbox_version_file =",
    { valid: NONE },
  ),
  vbox(
    `${C}VBoxVersionConfig:version-file-default-without-communicator`,
    { virtualbox_version_file: null },
    "virtualbox_version_file has to be an empty string when communicator = 'none'.",
    '"virtualbox-iso"',
    { name: "it defaults to .vbox_version", valid: NONE },
  ),
  oneOf(
    `${C}GuestAdditionsConfig:mode`,
    "guest_additions_mode",
    '"attach"',
    '"copy"',
    "guest_additions_mode is invalid. Must be one of: [disable attach upload]",
  ),
  vbox(
    `${C}GuestAdditionsConfig:upload-without-communicator`,
    { guest_additions_mode: null },
    "communicator must not be 'none' when guest_additions_mode = 'upload'.",
    "communicator =",
    { name: "guest_additions_mode defaults to upload", valid: { ...NONE, guest_additions_mode: '"attach"' } },
  ),
  oneOf(`${I}chipset`, "chipset", '"ich9"', '"i440fx"', "chipset can only be piix3, ich9, armv8, or armv8virtual"),
  oneOf(`${I}firmware`, "firmware", '"efi"', '"uefi"', "firmware can only be bios or efi"),
  oneOf(`${I}rtc-time-base`, "rtc_time_base", '"UTC"', '"utc"', "rtc_time_base can only be UTC or local", "in Go's case"),
  oneOf(`${I}nic-type`, "nic_type", '"virtio"', '"e1000"', "NIC type can only be 82540EM, 82543GC, 82545EM, Am79C970A, Am79C973, Am79C960, usbnet, virtio"),
  oneOf(`${I}gfx-controller`, "gfx_controller", '"vmsvga"', '"vga"', "Graphics controller type can only be vboxvga, vboxsvga, vmsvga, qemuramfb, none"),
  vbox(`${I}gfx-vram-size`, { gfx_vram_size: "256" }, "VGRAM size must be from 0 (use default) to 128", "gfx_vram_size = |256", {
    valid: { gfx_vram_size: "128" },
  }),
  oneOf(`${I}gfx-efi-resolution`, "gfx_efi_resolution", '"1920x1080"', '"1920*1080"', "EFI resolution must be in the format WIDTHxHEIGHT, e.g. 1920x1080"),
  oneOf(`${I}audio-controller`, "audio_controller", '"hda"', '"es1370"', "Audio controller type can only be ac97, hda or sb16"),
  oneOf(`${I}usb-controller`, "usb_controller", '"xhci"', '"uhci"', "USB controller type can only be ohci, ehci, xhci, or none"),
  oneOf(`${I}mouse`, "mouse", '"usbtablet"', '"tablet"', "Mouse type can only be ps2, usb, usbtablet, or usbmultitouch"),
  oneOf(`${I}keyboard`, "keyboard", '"usb"', '"at"', "Keyboard type can only be ps2 or usb"),
  oneOf(`${I}hard-drive-interface`, "hard_drive_interface", '"pcie"', '"nvme"', "hard_drive_interface can only be ide, sata, pcie, scsi or virtio"),
  vbox(`${I}sata-port-count`, { sata_port_count: "31" }, "sata_port_count cannot be greater than 30", "31", { valid: { sata_port_count: "30" } }),
  vbox(`${I}nvme-port-count`, { nvme_port_count: "256" }, "nvme_port_count cannot be greater than 255", "nvme_port_count = |256", {
    valid: { nvme_port_count: "255" },
  }),
  oneOf(`${I}iso-interface`, "iso_interface", '"sata"', '"scsi"', "iso_interface can only be ide, sata or virtio"),
];
