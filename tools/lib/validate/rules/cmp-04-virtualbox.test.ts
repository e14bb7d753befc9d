import { ruleTester } from "../tester/testing.ts";
import { rule as cmp04 } from "./cmp-04-component-prepare-checks.ts";
import { samples, source } from "../../../testing/checks/cases.ts";
import { VIRTUALBOX_CASES } from "../../../testing/checks/virtualbox.ts";

// One case per entry of the virtualbox plugin's check table.
ruleTester(cmp04, samples(VIRTUALBOX_CASES));

const ISO = { iso_url: '"https://example.com/debian.iso"', iso_checksum: '"sha256:0123abcd"' };

// How virtualbox-iso's Prepare wires the SDK's configs.
ruleTester(cmp04, {
  valid: [
    {
      name: "a WinRM build with the guest additions attached",
      code: source("virtualbox-iso", { ...ISO, communicator: '"winrm"', winrm_username: '"vagrant"', guest_additions_mode: '"attach"' }),
    },
    {
      name: "an older release the table was not read from is not checked (virtualbox 1.0.5 had fewer chipsets)",
      code: `packer {\n  required_plugins {\n    virtualbox = {\n      source  = "github.com/hashicorp/virtualbox"\n      version = "1.0.5"\n    }\n  }\n}\n${source("virtualbox-iso", { ...ISO, ssh_username: '"vagrant"', chipset: '"armv8"' })}`,
    },
  ],
  invalid: [
    {
      name: "the ISO config is the SDK's",
      code: source("virtualbox-iso", { iso_url: ISO.iso_url, ssh_username: '"vagrant"' }),
      errors: [{ message: "A checksum must be specified", line: 1, column: 8 }],
    },
    {
      name: "the boot command's durations are the SDK's",
      code: source("virtualbox-iso", { ...ISO, ssh_username: '"vagrant"', boot_wait: '"5"' }),
      errors: [{ message: "error decoding 'boot_wait': time: missing unit in duration \"5\"", line: 5, column: 15 }],
    },
  ],
});
