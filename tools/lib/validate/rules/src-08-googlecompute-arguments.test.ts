import { ruleTester } from "../tester/testing.ts";
import { rule as src08 } from "./src-08-googlecompute-arguments.ts";

ruleTester(src08, {
  valid: [{ code: 'source "googlecompute" "x" {\n  project_id = "p"\n  zone = "z"\n  source_image_family = "debian-12"\n}\n' }],
  invalid: [
    {
      code: 'source "googlecompute" "x" {\n  project_id = "p"\n}\n',
      errors: [
        { message: "a source_image or source_image_family must be specified", line: 1, column: 8 },
        { message: "a zone must be specified", line: 1, column: 8 },
      ],
    },
  ],
});
