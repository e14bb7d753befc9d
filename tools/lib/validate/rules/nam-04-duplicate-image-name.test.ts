import { ruleTester } from "../tester/testing.ts";
import { rule as nam04 } from "./nam-04-duplicate-image-name.ts";

ruleTester(nam04, {
  valid: [
    { code: 'source "amazon-ebs" "a" {\n  ami_name = "a-${var.v}"\n}\nsource "amazon-ebs" "b" {\n  ami_name = "b-${var.v}"\n}\nvariable "v" {}\n' },
    {
      code: 'source "amazon-ebs" "a" {\n  ami_name = "r-${source.name}"\n}\nbuild {\n  source "amazon-ebs.a" {\n    name = "x"\n  }\n  source "amazon-ebs.a" {\n    name = "y"\n  }\n}\n',
    },
  ],
  invalid: [
    {
      code: 'source "amazon-ebs" "a" {\n  ami_name = "r-${var.v}"\n}\nsource "amazon-ebs" "b" {\n  ami_name = "r-${var.v}"\n}\nvariable "v" {}\n',
      errors: [{ message: "ami_name is the same as for amazon-ebs.a; add ${var.arch} or ${source.name}", line: 5, column: 14 }],
    },
    {
      code: 'source "amazon-ebs" "a" {\n  ami_name = "r-${var.v}"\n}\nvariable "v" {}\nbuild {\n  source "amazon-ebs.a" {\n    name = "x"\n  }\n  source "amazon-ebs.a" {\n    name = "y"\n  }\n}\n',
      errors: [{ message: "ami_name is the same for every build of amazon-ebs.a; add ${source.name}", line: 2, column: 14 }],
    },
  ],
});
