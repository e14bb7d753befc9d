import { ruleTester } from "../tester/testing.ts";
import { rule as cmp04 } from "./cmp-04-component-prepare-checks.ts";
import { samples, source } from "../../../testing/checks/cases.ts";
import { QEMU_CASES } from "../../../testing/checks/qemu.ts";

// One case per entry of the qemu plugin's check table.
ruleTester(cmp04, samples(QEMU_CASES));

const ISO = { iso_url: '"https://example.com/debian.iso"', ssh_username: '"debian"' };

// How qemu's Prepare wires the SDK's configs.
ruleTester(cmp04, {
  valid: [
    { name: "iso_skip_cache sets the checksum to none: no checksum needed", code: source("qemu", { ...ISO, iso_skip_cache: "true" }) },
    {
      name: "an .iso checksum is not looked at either with iso_skip_cache",
      code: source("qemu", { ...ISO, iso_skip_cache: "true", iso_checksum: '"file:debian.iso"' }),
    },
    {
      name: "a disk image still names its file with iso_url, and both port ranges may move",
      code: source("qemu", {
        ...ISO,
        iso_checksum: '"none"',
        disk_image: "true",
        use_backing_file: "true",
        host_port_min: "5000",
        host_port_max: "5100",
        vnc_port_min: "6100",
        vnc_port_max: "6200",
      }),
    },
    { name: "disk_size in megabytes without a unit", code: source("qemu", { ...ISO, iso_checksum: '"none"', disk_size: "20480" }) },
    {
      name: "qemu 1.0.10 has the same checks",
      code: `packer {\n  required_plugins {\n    qemu = {\n      source  = "github.com/hashicorp/qemu"\n      version = "1.0.10"\n    }\n  }\n}\n${source("qemu", { ...ISO, iso_checksum: '"none"', host_port_min: "5000", host_port_max: "5100" })}`,
    },
  ],
  invalid: [
    {
      name: "iso_skip_cache does not make the ISO's URL optional",
      code: source("qemu", { ssh_username: '"debian"', iso_skip_cache: "true" }),
      errors: [{ message: "One of iso_url or iso_urls must be specified", line: 1, column: 8 }],
    },
    {
      name: "without iso_skip_cache the checksum is required",
      code: source("qemu", ISO),
      errors: [{ message: "A checksum must be specified", line: 1, column: 8 }],
    },
    {
      name: "qemu's communicator is the SDK's",
      code: source("qemu", { ...ISO, iso_checksum: '"none"', ssh_username: null }),
      errors: [{ message: 'An ssh_username must be specified Note: some builders used to default ssh_username to "root".', line: 1, column: 8 }],
    },
  ],
});
