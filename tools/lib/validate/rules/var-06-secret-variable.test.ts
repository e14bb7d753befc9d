import { ruleTester } from "../tester/testing.ts";
import { rule as var06 } from "./var-06-secret-variable.ts";

ruleTester(var06, {
  valid: [
    { code: 'variable "api_token" {\n  sensitive = true\n}\nvariable "token_count" {\n  default = 1\n}\n' },
    {
      name: "a flag or a number named like a secret holds none (chef/bento)",
      code: 'variable "vmware_vnc_disable_password" {\n  type    = bool\n  default = true\n}\nvariable "use_password" {\n  default = false\n}\nvariable "min_password" {\n  type = number\n}\n',
    },
    {
      name: "the guest password a local VM's preseed sets is not a credential",
      code:
        'source "qemu" "deb" {\n  iso_url      = "debian.iso"\n  ssh_username = "build"\n  ssh_password = ' +
        '"build"\n}\nsource "vsphere-iso" "win" {\n  winrm_username = "Administrator"\n  winrm_password = "S3cret!"\n}\n',
    },
  ],
  invalid: [
    {
      name: "a literal WinRM password of a cloud instance is",
      code: 'source "amazon-ebs" "w" {\n  winrm_password = "S3cret!"\n}\n',
      errors: [{ message: "literal credential in winrm_password", line: 2, column: 20, severity: "warning" }],
    },
    {
      name: "so is the vCenter password of a vsphere source",
      code: 'source "vsphere-iso" "w" {\n  password = "S3cret!"\n}\n',
      errors: [{ message: "literal credential in password", line: 2, column: 14, severity: "warning" }],
    },
    { code: 'variable "api_token" {}\n', errors: [{ message: "var.api_token should be sensitive", line: 1, column: 10, severity: "warning" }] },
    {
      code: 'source "amazon-ebs" "a" {\n  access_key = "AKIAABCDEFGHIJKLMNOP"\n}\n',
      errors: [{ message: "literal credential in access_key", line: 2, column: 16, severity: "warning" }],
    },
  ],
});
