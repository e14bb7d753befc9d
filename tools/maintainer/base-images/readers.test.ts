/** The source readers on self-written snippets in each format. */
import { describe, expect, it } from "vitest";
import { ansiblePackages } from "./ansible.ts";
import { cellName, docTables, tableColumn } from "./awsdocs.ts";
import { faiPackages, parsePackageConfig } from "./fai.ts";
import { kickstartPackages, packageCommand } from "./kickstart.ts";

describe("FAI package_config", () => {
  const files = new Map([
    [
      "SYSTEM_BOOT",
      "PACKAGES install-norec\nsudo\n# a comment\nrsyslog # inline\n\nPACKAGES install-norec TIME_CHRONY\nchrony\nPACKAGES remove BOOKWORM\nlibnss-resolve\n",
    ],
    [
      "EC2",
      "PACKAGES install-norec\nawscli cloud-init\nPACKAGES install-norec LINUX_VERSION_BASE+LINUX_VARIANT_CLOUD\nlinux-image-cloud-amd64/bookworm-backports\n",
    ],
    ["GCE", "PACKAGES install\ngoogle-guest-agent\n"],
    ["CLOUD", "PACKAGES install-norec\nlibnss-resolve\n"],
  ]);
  it("reads sections with their action and classes", () => {
    expect(parsePackageConfig(files.get("SYSTEM_BOOT")!)).toEqual([
      { action: "install-norec", classes: [], packages: ["sudo", "rsyslog"] },
      { action: "install-norec", classes: ["TIME_CHRONY"], packages: ["chrony"] },
      { action: "remove", classes: ["BOOKWORM"], packages: ["libnss-resolve"] },
    ]);
  });
  it("installs the files and sections of the classes, combined classes by their parts, and removes", () => {
    expect(faiPackages(files, ["SYSTEM_BOOT", "EC2", "CLOUD", "BOOKWORM", "LINUX_VERSION_BASE", "LINUX_VARIANT_CLOUD"])).toEqual([
      "awscli",
      "cloud-init",
      "linux-image-cloud-amd64",
      "rsyslog",
      "sudo",
    ]);
    expect(faiPackages(files, ["SYSTEM_BOOT", "TIME_CHRONY", "CLOUD", "GCE"])).toEqual(["chrony", "google-guest-agent", "libnss-resolve", "rsyslog", "sudo"]);
  });
});

describe("kickstart", () => {
  const ks = [
    "text",
    "%include parts.ks",
    "%include /tmp/written-at-install-time",
    "%packages --ignoremissing",
    "@core",
    "cloud-init",
    "firewalld",
    "-plymouth",
    "-iwl*-firmware",
    "%end",
    "%post --erroronfail",
    "dnf -C -y remove firewalld --setopt=clean_requirements_on_remove=1",
    "dnf install -y google-compute-engine google-osconfig-agent",
    'if [ "$IS_SAP" = true ]; then',
    "  dnf -y install pacemaker",
    "fi",
    'dnf -y install "${UNIQUE_PKGS[@]}"',
    "dnf --installroot=/mnt/sysimage remove -y --oldinstallonly kernel-core",
    "%end",
  ].join("\n");
  const include = (p: string) => (p === "parts.ks" ? "%packages\nrsync\n%end\n" : undefined);
  it("reads %packages, %include and the unconditional %post installs and removals", () => {
    expect(kickstartPackages(ks, include)).toEqual({
      packages: ["cloud-init", "google-compute-engine", "google-osconfig-agent", "rsync"],
      groups: ["core"],
      removed: ["firewalld", "iwl*-firmware", "plymouth"],
    });
  });
  it("takes package names from literal dnf and yum commands and RPM URLs only", () => {
    expect(packageCommand("sudo yum install -y https://s3.amazonaws.com/x/amazon-ssm-agent.rpm")).toEqual({
      action: "install",
      names: ["amazon-ssm-agent"],
      groups: [],
    });
    expect(packageCommand("dnf -y --installroot=/rootfs install kernel @core")).toEqual({ action: "install", names: ["kernel"], groups: ["core"] });
    expect(packageCommand("dnf --installroot=/elsewhere install kernel")).toBeUndefined();
    expect(packageCommand("dnf install -y $PKGS")).toBeUndefined();
    expect(packageCommand("dnf config-manager --set-disabled x")).toBeUndefined();
  });
  it("adds no @core with --nocore", () => {
    expect(kickstartPackages("%packages --nocore\nbash\n%end\n", () => undefined).groups).toEqual([]);
  });
});

describe("ansible tasks", () => {
  it("reads dnf tasks and dnf shell commands, leaving out conditional tasks and computed names", () => {
    const tasks = [
      '- name: base\n  ansible.builtin.shell:\n    cmd: >\n      dnf -y --installroot=/rootfs --setopt=install_weak_deps=False install\n      kernel\n      tar\n      @core\n      --exclude="*firmware"\n',
      "- name: more\n  ansible.builtin.dnf:\n    name:\n      - rsync\n      - https://s3.amazonaws.com/ec2-downloads-windows/SSMAgent/latest/linux_amd64/amazon-ssm-agent.rpm\n    state: present\n" +
        "- name: update\n  ansible.builtin.dnf:\n    name: '*'\n    state: latest\n" +
        "- name: later releases\n  dnf:\n    name: google-cloud-cli\n  when: ansible_distribution_major_version | int >= 10\n" +
        "- name: drop\n  dnf:\n    name: tar\n    state: absent\n",
    ];
    expect(ansiblePackages(tasks)).toEqual({ packages: ["amazon-ssm-agent", "kernel", "rsync"], groups: ["core"], removed: ["tar"] });
  });
});

describe("AWS user guide package tables", () => {
  const page = [
    "# Page",
    "## Comparing A and B",
    "| Package | A AMI | B AMI |",
    "| --- | --- | --- |",
    "|  rsync  | 3.4.0 |  |",
    "|  [`curl-minimal`](https://example.com/x.html)  |  | 8.5.0 |",
    "|  libstdc\\+\\+  | 14.2.1 | 16.1.1 |",
    "|  microcode\\_ctl  | 2.1 (x86\\_64) |  |",
    "",
    "## Other",
    "| Package | A | B |",
    "| --- | --- | --- |",
    "| x | 1 | 2 |",
  ].join("\n");
  it("reads the tables under their headings, undoing links and escapes", () => {
    expect(docTables(page).map((t) => [t.heading, t.rows.length])).toEqual([
      ["Comparing A and B", 4],
      ["Other", 1],
    ]);
    expect(cellName("[`curl`](https://docs.aws.amazon.com/x)")).toBe("curl");
    expect(tableColumn(page, "Comparing A and B", "A AMI")).toEqual(["libstdc++", "microcode_ctl", "rsync"]);
    expect(tableColumn(page, "Comparing A and B", "B AMI")).toEqual(["curl-minimal", "libstdc++"]);
    expect(() => tableColumn(page, "Comparing A and B", "C AMI")).toThrow(/no column "C AMI"/);
  });
});
