/** Cases for the check table of the qemu plugin (checks/data/qemu.json); the SDK groups it uses have theirs in sdk.ts. */
import type { CheckCase } from "./cases.ts";
import { editor } from "./edit.ts";

const qemu = editor("qemu", { iso_url: '"https://example.com/debian.iso"', iso_checksum: '"sha256:0123abcd"', ssh_username: '"debian"' });
const Q = "qemu:qemu.Config:";
const C = "qemu:qemu.CommConfig:";

const oneOf = (id: string, arg: string, good: string, bad: string, message: string): CheckCase =>
  qemu(`${Q}${id}`, { [arg]: bad }, message, bad, { valid: { [arg]: good } });
const positive = (arg: string): CheckCase => qemu(`${Q}${arg}`, { [arg]: "-1" }, `${arg} must be a positive number`, "-1", { valid: { [arg]: "2" } });

export const QEMU_CASES: CheckCase[] = [
  qemu(`${C}host-port-range`, { host_port_min: "5000" }, "host_port_min must be less than host_port_max", "5000", {
    name: "host_port_max defaults to 4444",
    valid: { host_port_min: "3000" },
  }),
  qemu(`${C}host-port-min-positive`, { host_port_min: "-1" }, "host_port_min must be positive", "-1", { valid: { host_port_min: "2300" } }),
  qemu(`${Q}disk-size`, { disk_size: '"40 GB"' }, "Invalid disk size.", '"40 GB"', { valid: { disk_size: '"40G"' } }),
  oneOf("format", "format", '"raw"', '"vmdk"', "invalid format, only 'qcow2' or 'raw' are allowed"),
  qemu(
    `${Q}backing-file-needs-disk-image`,
    { disk_image: null },
    "use_backing_file can only be enabled for QCOW2 images and when disk_image is true",
    "use_backing_file =",
    { valid: { disk_image: "true", use_backing_file: "true" } },
  ),
  qemu(
    `${Q}backing-file-needs-qcow2`,
    { format: '"raw"' },
    "use_backing_file can only be enabled for QCOW2 images and when disk_image is true",
    "use_backing_file =",
    { valid: { disk_image: "true", use_backing_file: "true" } },
  ),
  qemu(`${Q}skip-resize-needs-disk-image`, { disk_image: "false" }, "skip_resize_disk can only be used when disk_image is true", "skip_resize_disk =", {
    valid: { disk_image: "true", skip_resize_disk: "true" },
  }),
  oneOf("accelerator", "accelerator", '"kvm"', '"kqemu"', "invalid accelerator, only 'kvm', 'tcg', 'xen', 'hax', 'hvf', 'whpx', or 'none' are allowed"),
  oneOf("disk-interface", "disk_interface", '"virtio-scsi"', '"nvme"', "unrecognized disk interface type"),
  oneOf("disk-cache", "disk_cache", '"unsafe"', '"writearound"', "unrecognized disk cache type"),
  oneOf("disk-discard", "disk_discard", '"unmap"', '"on"', "unrecognized disk discard type"),
  oneOf("disk-detect-zeroes", "disk_detect_zeroes", '"unmap"', '"yes"', "unrecognized disk detect zeroes setting"),
  positive("cpus"),
  positive("sockets"),
  positive("cores"),
  positive("threads"),
  qemu(`${Q}vnc-port-min`, { vnc_port_min: "5800" }, "vnc_port_min cannot be below 5900", "5800", { valid: { vnc_port_min: "5910" } }),
  qemu(
    `${Q}vnc-port-min-tcp`,
    { vnc_port_min: "70000", vnc_port_max: "70010" },
    "vmc_port_min and vnc_port_max must both be below 65535 to be valid TCP ports",
    "70000",
    { name: "one error when both are too high, as Go checks them together", valid: { vnc_port_min: "5900", vnc_port_max: "6010" } },
  ),
  qemu(`${Q}vnc-port-max-tcp`, { vnc_port_max: "70000" }, "vmc_port_min and vnc_port_max must both be below 65535 to be valid TCP ports", "70000", {
    valid: { vnc_port_max: "6500" },
  }),
  qemu(`${Q}vnc-port-range`, { vnc_port_min: "6100" }, "vnc_port_min must be less than vnc_port_max", "6100", {
    name: "vnc_port_max defaults to 6000",
    valid: { vnc_port_min: "5950" },
  }),
  qemu(`${Q}boot-command-or-steps`, { boot_steps: '[["<enter>", "Boot"]]' }, "boot_command and boot_steps cannot be used together", "boot_steps =", {
    valid: { boot_command: '["<enter>"]' },
  }),
];
