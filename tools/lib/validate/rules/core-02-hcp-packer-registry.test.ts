import { ruleTester } from "../tester/testing.ts";
import { rule as core02 } from "./core-02-hcp-packer-registry.ts";

const BUILD = 'source "null" "n" {\n  communicator = "none"\n}\nbuild {\n  sources = ["null.n"]\n}\n';

ruleTester(core02, {
  valid: [
    { code: `hcp_packer_registry {\n  bucket_name   = "golden-ubuntu"\n  description   = "The base image."\n  bucket_labels = { os = "ubuntu" }\n}\n${BUILD}` },
    { name: "a bucket name Packer takes from HCP_PACKER_BUCKET_NAME", code: `hcp_packer_registry {\n  description = "x"\n}\n${BUILD}` },
    { name: "a bucket name not known here", code: `variable "b" {\n  type = string\n}\nhcp_packer_registry {\n  bucket_name = var.b\n}\n${BUILD}` },
    { name: "no registry: two builds are fine", code: `${BUILD}build {\n  sources = ["null.n"]\n}\n` },
  ],
  invalid: [
    {
      name: "an underscore in the bucket name",
      code: `hcp_packer_registry {\n  bucket_name = "golden_ubuntu"\n}\n${BUILD}`,
      errors: [{ message: "hcp_packer_registry.bucket_name can only contain between 3 and 36 ASCII letters, numbers and hyphens", line: 2, column: 17 }],
    },
    {
      name: "a description over 255 characters",
      code: `hcp_packer_registry {\n  description = "${"x".repeat(256)}"\n}\n${BUILD}`,
      errors: [{ message: "hcp_packer_registry.description should have a maximum length of 255 characters", line: 2, column: 17 }],
    },
    {
      name: "labels and bucket_labels",
      code: `hcp_packer_registry {\n  labels        = { a = "b" }\n  bucket_labels = { a = "b" }\n}\n${BUILD}`,
      errors: [
        {
          message:
            "hcp_packer_registry.labels and hcp_packer_registry.bucket_labels are mutually exclusive; please use the recommended argument hcp_packer_registry.bucket_labels",
          line: 2,
          column: 3,
        },
      ],
    },
    {
      name: "the deprecated labels",
      code: `hcp_packer_registry {\n  labels = { a = "b" }\n}\n${BUILD}`,
      errors: [{ message: /^the argument hcp_packer_registry.labels has been deprecated/, line: 2, column: 3, severity: "warning" }],
    },
    {
      name: "a label value that is not a string",
      code: `hcp_packer_registry {\n  bucket_labels = { a = ["b"] }\n}\n${BUILD}`,
      errors: [{ message: 'Unsuitable value type for "bucket_labels": element "a": string required', line: 2, column: 19 }],
    },
    {
      name: "two top-level blocks",
      code: `hcp_packer_registry {\n  bucket_name = "one"\n}\nhcp_packer_registry {\n  bucket_name = "two"\n}\n${BUILD}`,
      errors: [{ message: "Only one hcp_packer_registry is allowed", line: 4, column: 1 }],
    },
    {
      name: "a build-level block beside a top-level one",
      code: `hcp_packer_registry {\n  bucket_name = "one"\n}\nsource "null" "n" {\n  communicator = "none"\n}\nbuild {\n  sources = ["null.n"]\n  hcp_packer_registry {\n    bucket_name = "two"\n  }\n}\n`,
      errors: [{ message: "Multiple HCP Packer registry block declaration", line: 9, column: 3 }],
    },
    {
      name: "a build-level block (deprecated)",
      code: 'source "null" "n" {\n  communicator = "none"\n}\nbuild {\n  sources = ["null.n"]\n  hcp_packer_registry {\n    bucket_name = "one"\n  }\n}\n',
      errors: [{ message: "Build block level hcp_packer_registry are deprecated", line: 6, column: 3, severity: "warning" }],
    },
    {
      name: "a registry and two builds",
      code: `hcp_packer_registry {\n  bucket_name = "one"\n}\n${BUILD}build {\n  sources = ["null.n"]\n}\n`,
      errors: [{ message: "Multiple build blocks", line: 10, column: 1 }],
    },
  ],
});
