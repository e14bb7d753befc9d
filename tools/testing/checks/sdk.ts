/**
 * Cases for the SDK's shared configs the ISO builders embed (the ISO, HTTP, floppy, CD, boot
 * command and shutdown configs of qemu, virtualbox, vsphere, ...), on a qemu source: qemu's table
 * wires them as its Prepare does (sdk.test.ts runs them with CMP-04 as it is), and
 * checks/table.test.ts also runs them with a probe that applies only these groups. The
 * communicator's and shell-local's cases are in packer.ts.
 */
import type { GroupRef } from "../../lib/validate/checks/table.ts";
import { source, withArgs, type CheckCase } from "./cases.ts";

type Args = Record<string, string | null>;

/** The SDK groups qemu's Prepare runs (its own config aside; qemu.json also runs the ISO config's checksum checks only without iso_skip_cache). */
export const QEMU_SDK_GROUPS: GroupRef[] = [
  "sdk:commonsteps.HTTPConfig",
  "sdk:commonsteps.ISOConfig",
  "sdk:commonsteps.FloppyConfig",
  "sdk:commonsteps.CDConfig",
  "sdk:bootcommand.VNCConfig",
  "sdk:bootcommand.BootConfig",
  "sdk:shutdowncommand.ShutdownConfig",
];

const QEMU: Args = { iso_url: '"https://example.com/debian.iso"', iso_checksum: '"sha256:0123abcd"', ssh_username: '"debian"' };
const qemu = (a: Args): string => source("qemu", a);

function edit(entry: string, base: Args, changes: Args, message: string, at: string, disk?: Record<string, string>): CheckCase {
  return {
    entry,
    valid: { code: qemu(withArgs(QEMU, base)), ...(disk ? { disk } : {}) },
    invalid: { code: qemu(withArgs(withArgs(QEMU, base), changes)) },
    message,
    at,
  };
}

const dur = (entry: string, arg: string): CheckCase =>
  edit(entry, { [arg]: '"10s"' }, { [arg]: '"10"' }, `error decoding '${arg}': time: missing unit in duration "10"`, '"10"');

export const SDK_CASES: CheckCase[] = [
  edit(
    "sdk:commonsteps.HTTPConfig:interface-or-address",
    { http_interface: '"eth0"' },
    { http_bind_address: '"0.0.0.0"' },
    "either http_interface or http_bind_address can be specified",
    "http_bind_address =",
  ),
  edit(
    "sdk:commonsteps.HTTPConfig:port-range",
    { http_port_min: "8000", http_port_max: "8100" },
    { http_port_min: "9000" },
    "http_port_min must be less than http_port_max",
    "http_port_min = |9000",
  ),
  edit(
    "sdk:commonsteps.HTTPConfig:content-or-dir",
    { http_directory: '"http"' },
    { http_content: '{ "/preseed.cfg" = "d-i" }' },
    "http_content cannot be used in conjunction with http_dir. Consider using the file function to load file in memory and serve them with http_content: https://www.packer.io/docs/templates/hcl_templates/functions/file/file",
    "http_content =",
  ),
  edit(
    "sdk:commonsteps.HTTPConfig:network-protocol",
    { http_network_protocol: '"tcp4"' },
    { http_network_protocol: '"udp"' },
    "http_network_protocol is invalid. Must be one of: [tcp tcp4 tcp6 unix unixpacket]",
    '"udp"',
  ),
  edit(
    "sdk:commonsteps.ISOConfig:url-or-urls",
    {},
    { iso_urls: '["https://mirror/debian.iso"]' },
    "Only one of iso_url or iso_urls must be specified",
    "iso_urls =",
  ),
  edit("sdk:commonsteps.ISOConfig:url-required", {}, { iso_url: null }, "One of iso_url or iso_urls must be specified", '"qemu"'),
  edit("sdk:commonsteps.ISOConfig:checksum-required", {}, { iso_checksum: null }, "A checksum must be specified", '"qemu"'),
  edit(
    "sdk:commonsteps.ISOConfig:checksum-iso-ending",
    {},
    { iso_checksum: '"file:debian.iso"' },
    "Error parsing checksum: .iso is not a valid checksum ending",
    '"file:debian.iso"',
  ),
  edit(
    "sdk:commonsteps.FloppyConfig:floppy-files",
    { floppy_files: '["${path.root}/ks.cfg"]' },
    {},
    "Bad Floppy disk file 'ks.cfg': stat ks.cfg: no such file or directory",
    '"${path.root}/ks.cfg"',
    { "ks.cfg": "" },
  ),
  edit(
    "sdk:commonsteps.FloppyConfig:floppy-dirs",
    { floppy_dirs: '["${path.root}/floppy"]' },
    {},
    "Bad Floppy disk directory 'floppy': stat floppy: no such file or directory",
    '"${path.root}/floppy"',
    { "floppy/a.cfg": "" },
  ),
  edit(
    "sdk:commonsteps.CDConfig:cd-files",
    { cd_files: '["${path.root}/meta-data"]' },
    {},
    "Bad CD disk file 'meta-data': stat meta-data: no such file or directory",
    '"${path.root}/meta-data"',
    {
      "meta-data": "",
    },
  ),
  dur("sdk:bootcommand.BootConfig:durations", "boot_wait"),
  edit(
    "sdk:bootcommand.VNCConfig:boot-command-without-vnc",
    { boot_command: '["<enter>"]' },
    { disable_vnc: "true" },
    "A boot command cannot be used when vnc is disabled.",
    "boot_command =",
  ),
  dur("sdk:bootcommand.VNCConfig:durations", "boot_key_interval"),
  dur("sdk:shutdowncommand.ShutdownConfig:durations", "shutdown_timeout"),
];
