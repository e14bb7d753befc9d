/**
 * Release detection for certain: what detectBase makes of the names a template gives (AMI filters,
 * owners, data sources, GCE image families and names, values computed through locals and
 * variables), run through the validator on real templates with a probe rule.
 */
import { describe, expect, it } from "vitest";
import { rulesFor, runSample } from "../../tester/testing.ts";
import type { Rule } from "../../types.ts";
import { detectBase } from "./base-image.ts";
import { matchName, nameHints } from "./image-names.ts";

const probe: Rule = {
  id: "TST-01",
  name: "probe",
  severity: "info",
  docs: { summary: "", why: "", fix: "" },
  check(ctx) {
    return ctx.builds.flatMap((b) =>
      b.uses.map((use) => {
        const base = detectBase(ctx, use, []);
        const shapes = base.candidates.map((c) => [c.distro, c.version, c.variant].filter(Boolean).join(" "));
        const summary = [
          base.family,
          base.release ? `${base.release.distro} ${base.release.version}` : "-",
          base.published ? "published" : "-",
          base.guessed ? "guessed" : "-",
        ];
        return { file: b.file, at: use.range.start, message: `${summary.join(" | ")} | ${[...new Set(shapes)].join(", ")} | ${base.evidence}` };
      }),
    );
  },
};

function detect(source: string, extra = "", vars?: Record<string, string>): string {
  const type = /source "([^"]+)" "([^"]+)"/.exec(source)!;
  const code = `${extra}${source}\nbuild {\n  sources = ["source.${type[1]}.${type[2]}"]\n}\n`;
  const f = runSample({ code, ...(vars ? { vars } : {}) }, rulesFor(probe)).filter((x) => x.rule === "TST-01");
  expect(f).toHaveLength(1);
  return f[0]!.message;
}

const ami = (name: string, owners?: string) =>
  `source "amazon-ebs" "r" {\n  source_ami_filter {\n    filters = { name = "${name}" }\n${owners ? `    owners = ${owners}\n` : ""}  }\n}\n`;
const gce = (attr: string, value: string, extra = "") => `source "googlecompute" "r" {\n  ${attr} = "${value}"\n${extra}}\n`;

describe("detectBase: a release for certain", () => {
  it.each([
    [ami("debian-12-amd64-*", '["136693071363"]'), 'debian | debian 12 | published | - | debian 12 | filter name "debian-12-amd64-*", owner 136693071363'],
    [ami("debian-11-*"), 'debian | debian 11 | published | - | debian 11 | filter name "debian-11-*"'],
    [ami("ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*", '["099720109477"]'), "ubuntu | ubuntu 24.04 | published | - | ubuntu 24.04 standard"],
    [ami("ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-*", '["099720109477"]'), "ubuntu | ubuntu 22.04 | published | - | ubuntu 22.04 standard"],
    [ami("al2023-ami-2023.*-x86_64", '["amazon"]'), "al2023 | amazon-linux 2023 | published | - | amazon-linux 2023 standard"],
    [ami("al2023-ami-minimal-*", '["137112412989"]'), "al2023 | amazon-linux 2023 | published | - | amazon-linux 2023 minimal"],
    [ami("amzn2-ami-hvm-*-x86_64-gp2", '["amazon"]'), "al2 | amazon-linux 2 | published | - | amazon-linux 2 standard"],
    [ami("RHEL-9.*", '["309956199498"]'), "el | rhel 9 | published | - | rhel 9"],
    [ami("Rocky-9-EC2-Base-9.*", '["792107900819"]'), "el | rocky 9 | published | - | rocky 9"],
    [gce("source_image_family", "debian-12"), 'debian | debian 12 | published | - | debian 12 | source_image_family "debian-12"'],
    [gce("source_image_family", "ubuntu-2204-lts"), "ubuntu | ubuntu 22.04 | published | - | ubuntu 22.04 standard"],
    [gce("source_image_family", "rocky-linux-9"), "el | rocky 9 | published | - | rocky 9"],
    [gce("source_image", "debian-12-bookworm-v20240709"), "debian | debian 12 | published | - | debian 12"],
    [gce("source_image", "ubuntu-2404-noble-amd64-v20240701"), "ubuntu | ubuntu 24.04 | published | - | ubuntu 24.04 standard"],
  ])("%s", (source, want) => {
    expect(detect(source)).toContain(want);
  });

  it("a name pattern that spans variants keeps the release and lists the variants", () => {
    expect(detect(ami("al2023-ami-*", '["137112412989"]'))).toContain(
      "al2023 | amazon-linux 2023 | published | - | amazon-linux 2023 standard, amazon-linux 2023 minimal |",
    );
    // The "amazon" alias also owns the ECS-optimized AMIs, which the same pattern matches.
    expect(detect(ami("al2023-ami-*", '["amazon"]'))).toContain("amazon-linux 2023 standard, amazon-linux 2023 minimal, amazon-linux 2023 ecs |");
  });

  it("a pattern that spans releases: the family, not the release", () => {
    expect(detect(ami("debian-*-amd64-*", '["136693071363"]'))).toContain("debian | - | published | - | debian 10, debian 11, debian 12, debian 13 |");
    expect(detect(ami("amzn*", '["amazon"]'))).toMatch(/^amazon-linux \| - \| published/);
  });

  it("values computed through locals and variables; what cannot be known matches anything", () => {
    const src = ami("debian-${local.v}-amd64-*", '["136693071363"]');
    expect(detect(src, 'locals {\n  v = "12"\n}\n')).toContain("debian 12 | published");
    expect(detect(src.replace("local.v", "var.v"), 'variable "v" {\n  type = string\n}\n', { v: "11" })).toContain("debian 11 | published");
    // No value: the release is not known, the family is.
    expect(detect(src.replace("local.v", "var.v"), 'variable "v" {\n  type = string\n}\n')).toContain(
      "debian | - | published | - | debian 10, debian 11, debian 12, debian 13",
    );
    expect(detect(gce("source_image_family", "${var.family}"), 'variable "family" {\n  default = "ubuntu-2404-lts-amd64"\n}\n')).toContain(
      "ubuntu 24.04 | published",
    );
  });

  it("a data source through a local", () => {
    const extra =
      'data "amazon-ami" "al" {\n  filters = { name = "al2023-ami-2023.*-kernel-6.1-x86_64" }\n  owners  = ["amazon"]\n  most_recent = true\n}\n' +
      "locals {\n  ami = data.amazon-ami.al.id\n}\n";
    expect(detect('source "amazon-ebs" "r" {\n  source_ami = local.ami\n}\n', extra)).toContain("al2023 | amazon-linux 2023 | published");
  });

  it("an owner that is not the publisher: the images are named like the release but are not as published", () => {
    expect(detect(ami("al2023-ami-2023.*", '["self"]'))).toContain("al2023 | amazon-linux 2023 | - | - |");
  });

  it("a name no published image carries still tells the distribution and a codename the release", () => {
    expect(detect(ami("my-golden-bookworm-*", '["self"]'))).toContain("debian | debian 12 | - | - |");
    expect(detect(ami("company-ubuntu-*", '["self"]'))).toContain("ubuntu | - | - | - |");
  });
});

describe("detectBase: guesses", () => {
  it("the SSH user, and the commands for Amazon Linux", () => {
    expect(detect('source "amazon-ebs" "r" {\n  ssh_username = "admin"\n}\n')).toContain(
      'debian | - | - | guessed | debian 10, debian 11, debian 12, debian 13 | ssh_username "admin"',
    );
    expect(detect('source "googlecompute" "r" {\n  ssh_username = "admin"\n}\n')).toMatch(/^unknown/);
    expect(detect('source "amazon-ebs" "r" {\n  ssh_username = "ec2-user"\n}\n')).toMatch(/^amazon-linux \| - \| - \| guessed/);
  });
  it("names of other distributions stop the guess", () => {
    expect(detect(ami("suse-sles-15-*", '["amazon"]').replace("}\n}\n", '}\n  ssh_username = "ec2-user"\n}\n'))).toMatch(/^unknown \| - \| - \| - \| {2}\|/);
  });
});

describe("image names", () => {
  it("match exact names by the published patterns, and name patterns by names the images carried", () => {
    expect(matchName("aws", "al2023-ami-2023.5.20240722.0-kernel-6.1-x86_64").shapes).toEqual([
      { cloud: "aws", distro: "amazon-linux", version: "2023", variant: "standard" },
    ]);
    expect(matchName("aws", "debian-13-arm64-20250814-2204").shapes.map((s) => s.version)).toEqual(["13"]);
    expect(matchName("aws", "RHEL-8.6.0*").shapes.map((s) => `${s.distro} ${s.version}`)).toEqual(["rhel 8"]);
    expect(matchName("gcp", "debian-12-bookworm-arm64-v20250311").shapes.map((s) => s.version)).toEqual(["12"]);
    expect(matchName("aws", "al2023-ami-*", ["self"]).published).toBe(false);
  });
  it("read codenames and versions from other names", () => {
    expect(nameHints("golden-noble-base")).toEqual({ distro: "ubuntu", version: "24.04" });
    expect(nameHints("my-debian-11-image")).toEqual({ distro: "debian", version: "11" });
    expect(nameHints("packer-rocky-9-base")).toEqual({ distro: "rocky", version: "9" });
    expect(nameHints("Windows_Server-2022-English-Full-Base-*")).toEqual({ other: true });
  });
});
