import { ruleTester } from "../tester/testing.ts";
import { rule as ref05 } from "./ref-05-legacy-template-call.ts";

ruleTester(ref05, {
  valid: [
    { code: 'build {\n  provisioner "shell" {\n    execute_command = "sudo {{ .Vars }} bash {{ .Path }}"\n  }\n}\n' },
    {
      name: "a description that mentions the old syntax (kubernetes-sigs/image-builder)",
      code:
        'variable "nutanix_password" {\n  type        = string\n  description = <<-EOT\n    A legacy-JSON-style "{{env ' +
        '`PASSWORD`}}" placeholder is taken literally.\n  EOT\n  default     = env("NUTANIX_PASSWORD")\n  sensitive   ' +
        '= true\n  validation {\n    condition     = length(var.nutanix_password) > 0\n    error_message = "Set it ' +
        'from the environment, not as {{env `PASSWORD`}}."\n  }\n}\n',
    },
  ],
  invalid: [
    {
      code: 'locals {\n  n = "ci-{{timestamp}}"\n}\n',
      errors: [{ message: '{{timestamp}} is a legacy template call; use formatdate("YYYYMMDDhhmmss", timestamp())', line: 2, column: 11 }],
    },
    { code: 'locals {\n  n = "{{user `region`}}"\n}\n', errors: [{ message: "{{user `x`}} renders empty in HCL2; use var.x", line: 2, column: 8 }] },
  ],
});
