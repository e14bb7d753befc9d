/**
 * The lock of the base-image data: for every cloud image release the data covers, the published
 * sources it is read from, pinned by repository and commit (or by page and the release the page
 * was published for), and how to read them. generate.ts reads exactly these.
 *
 * Releases the data leaves out, for want of a published source the generator can read: Ubuntu
 * (Canonical publishes `.manifest` files on cloud-images.ubuntu.com and builds from the
 * ubuntu-seeds tasks; neither is stored where the generator can read it), the Amazon Linux 2
 * standard AMI (AWS publishes the list only on a page not stored), RHEL on AWS (Red Hat's AMI build
 * is not public), CentOS Stream on AWS, and Debian 10 on GCE (Google no longer builds it).
 */

export type Cloud = "aws" | "gcp";
export type Distro = "debian" | "ubuntu" | "amazon-linux" | "rhel" | "rocky" | "alma" | "centos-stream";

/** A file set in a git repository at a commit. `mirror` is the GitHub repository to read when the upstream is elsewhere. */
export interface GitRef {
  repo: string;
  mirror?: string;
  commit: string;
}

export type Part =
  /** FAI package_config directories (later ones override files of the same name) and the classes of the build. */
  | { type: "fai"; layers: Array<GitRef & { dir: string }>; classes: string[] }
  /** A kickstart, with `%include`s resolved against its repository (paths relative to `includeDir`). */
  | { type: "kickstart"; ref: GitRef; path: string; includeDir?: string }
  /** Ansible task files, in the order the role runs them. */
  | { type: "ansible"; ref: GitRef; files: string[] }
  /** A column of a package table on a published page (saved under pages/ in the sources root). */
  | { type: "page"; url: string; heading: string; column: string };

export interface ReleaseSource {
  cloud: Cloud;
  distro: Distro;
  version: string;
  /** The AMI or image variant, where the distribution publishes several (`minimal`). */
  variant?: string;
  /** A manifest lists what the image holds; a build definition names what the build installs. */
  kind: "manifest" | "build-definition";
  /** When the source is a page: the date of the release the page lists (a git source's date is its commit's). */
  date?: string;
  parts: Part[];
  note?: string;
}

const DCI = { repo: "salsa.debian.org/cloud-team/debian-cloud-images", mirror: "GoCarrot/debian-cloud-images" };
/** Upstream master after the Debian 13 release preparation (merge of 2025-06-02). */
const DCI_MASTER: GitRef = { ...DCI, commit: "e1910bcd363fa481a3a4d359902c2fd67d5021b9" };
/** The last upstream master that built Debian 10 (2024-07-01; the next commits stop building it). */
const DCI_BUSTER: GitRef = { ...DCI, commit: "248b2cca96df62fc57eaebd61a62938cbc564744" };
const CIT: GitRef = { repo: "GoogleCloudPlatform/compute-image-tools", commit: "433e600ca8f2085007d5e9c43888102ec9424c1b" };
/** compute-image-tools before Google stopped building Rocky Linux images there (2025-10-13). */
const CIT_ROCKY: GitRef = { repo: "GoogleCloudPlatform/compute-image-tools", commit: "1e81c0de2fe680d5895b75ab4ca56bd3e2ceb113" };
const ROCKY_R8: GitRef = { repo: "rocky-linux/kickstarts", commit: "0d82d4bcbb824c4732f4d97233e9189647e5bec0" };
const ROCKY_R9: GitRef = { repo: "rocky-linux/kickstarts", commit: "126d7433e0bbab3a5a722385f7e08b920c41ec1d" };
const ALMA: GitRef = { repo: "AlmaLinux/cloud-images", commit: "bac09d68122ee16309e2f10433bfae5ab248b212" };

const DEBIAN_CODENAME: Record<string, string> = { "10": "buster", "11": "bullseye", "12": "bookworm", "13": "trixie" };

/** The classes debian-cloud-images gives an official amd64 EC2 image (cli/build.py, resources/image.yaml). */
function debianEc2(version: string): ReleaseSource {
  const code = DEBIAN_CODENAME[version]!;
  const release = version === "10" ? ["BUSTER", "LINUX_VERSION_BUSTER", "EXTRAS"] : [code.toUpperCase(), "LINUX_VERSION_BASE", "EXTRAS"];
  // Debian 13's config space is config_space/sid (config_space/trixie links to it).
  const dir = `config_space/${version === "13" ? "sid" : code}/package_config`;
  return {
    cloud: "aws",
    distro: "debian",
    version,
    kind: "build-definition",
    parts: [
      {
        type: "fai",
        layers: [{ ...(version === "10" ? DCI_BUSTER : DCI_MASTER), dir }],
        classes: [
          "BUILD_IMAGE",
          "BASE",
          "DEBIAN",
          ...release,
          "SYSTEM_BOOT",
          "CLOUD",
          "EC2",
          "LINUX_VARIANT_CLOUD",
          "TIME_SYSTEMD",
          "IPV6_DHCP",
          "AMD64",
          "LAST",
        ],
      },
    ],
    note: "debootstrap --variant=minbase (Priority: required) plus the named packages, and their dependencies",
  };
}

/** The classes Google's Debian build gives an amd64 GCE image (daisy_workflows/image_build/debian/build_fai.py). */
function debianGce(version: string): ReleaseSource {
  const code = DEBIAN_CODENAME[version]!;
  return {
    cloud: "gcp",
    distro: "debian",
    version,
    kind: "build-definition",
    parts: [
      {
        type: "fai",
        layers: [
          { ...DCI_MASTER, dir: `config_space/${version === "13" ? "sid" : code}/package_config` },
          { ...CIT, dir: "daisy_workflows/image_build/debian/fai_config/package_config" },
        ],
        classes: [
          "BASE",
          "DEBIAN",
          "CLOUD",
          "GCE",
          "EXTRAS",
          "GCE_SPECIFIC",
          "GCE_CLEAN",
          "LINUX_VARIANT_CLOUD",
          "BUILD_IMAGE",
          "SYSTEM_BOOT",
          "IPV6_DHCP",
          version === "11" ? "TIME_CHRONY" : "TIME_SYSTEMD",
          "AMD64",
          "GRUB_CLOUD_AMD64",
          code.toUpperCase(),
          "LINUX_VERSION_BASE+LINUX_VARIANT_CLOUD",
        ],
      },
    ],
    note:
      "Google pins debian-cloud-images c54c90cf0b6d55542638f746b24860aeba6fb27f, which the stored mirror lacks; the " +
      "upstream master of 2025-06-02 is read instead. debootstrap minbase plus the named packages, and their dependencies",
  };
}

const amiPage = "https://docs.aws.amazon.com/linux/al2027/ug/al2023-al2027-ami-container.html";

export const SOURCES: ReleaseSource[] = [
  debianEc2("10"),
  debianEc2("11"),
  debianEc2("12"),
  debianEc2("13"),
  debianGce("11"),
  debianGce("12"),
  debianGce("13"),
  {
    cloud: "aws",
    distro: "amazon-linux",
    version: "2023",
    variant: "standard",
    kind: "manifest",
    date: "2026-08-31",
    parts: [{ type: "page", url: amiPage, heading: "Comparing packages installed on Amazon Linux 2023 and Amazon Linux 2027 AMIs", column: "AL2023 AMI" }],
    note: "AL2023 release 2023.12.20260831",
  },
  {
    cloud: "aws",
    distro: "amazon-linux",
    version: "2023",
    variant: "minimal",
    kind: "manifest",
    date: "2026-08-31",
    parts: [
      {
        type: "page",
        url: amiPage,
        heading: "Comparing packages installed on Amazon Linux 2023 and Amazon Linux 2027 Minimal AMIs",
        column: "AL2023 Minimal",
      },
    ],
    note: "AL2023 release 2023.12.20260831",
  },
  {
    cloud: "aws",
    distro: "amazon-linux",
    version: "2",
    variant: "minimal",
    kind: "manifest",
    date: "2024-10-31",
    parts: [
      {
        type: "page",
        url: "https://docs.aws.amazon.com/linux/al2023/ug/amzn2-al2023-minimal-ami.html",
        heading: "Comparing packages installed on Amazon Linux 2 and Amazon Linux 2023 Minimal AMIs",
        column: "AL2 Minimal",
      },
    ],
    note: "published beside AL2023 release 2023.6.20241031",
  },
  ...(["8", "9"] as const).map((v): ReleaseSource => ({
    cloud: "aws",
    distro: "rocky",
    version: v,
    kind: "build-definition",
    parts: [{ type: "kickstart", ref: v === "8" ? ROCKY_R8 : ROCKY_R9, path: `Rocky-${v}-EC2-Base.ks` }],
  })),
  ...(["8", "9"] as const).map((v): ReleaseSource => ({
    cloud: "gcp",
    distro: "rocky",
    version: v,
    kind: "build-definition",
    parts: [{ type: "kickstart", ref: CIT_ROCKY, path: `daisy_workflows/image_build/enterprise_linux/kickstart/rocky_linux_${v}.cfg` }],
  })),
  ...(["8", "9"] as const).map((v): ReleaseSource => ({
    cloud: "gcp",
    distro: "rhel",
    version: v,
    kind: "build-definition",
    parts: [{ type: "kickstart", ref: CIT, path: `daisy_workflows/image_build/enterprise_linux/kickstart/rhel_${v}_consolidated.cfg` }],
  })),
  {
    cloud: "gcp",
    distro: "centos-stream",
    version: "9",
    kind: "build-definition",
    parts: [{ type: "kickstart", ref: CIT, path: "daisy_workflows/image_build/enterprise_linux/kickstart/centos_stream_9.cfg" }],
  },
  ...(["8", "9"] as const).map((v): ReleaseSource => ({
    cloud: "aws",
    distro: "alma",
    version: v,
    kind: "build-definition",
    parts: [{ type: "ansible", ref: ALMA, files: ["os", "guest", "cleanup"].map((f) => `ansible/roles/ami_${v}_x86_64/tasks/${f}.yaml`) }],
  })),
  ...(["8", "9"] as const).map((v): ReleaseSource => ({
    cloud: "gcp",
    distro: "alma",
    version: v,
    kind: "build-definition",
    parts: [
      { type: "kickstart", ref: ALMA, path: `http/almalinux-${v}.gcp-x86_64.ks` },
      { type: "ansible", ref: ALMA, files: ["ansible/roles/gcp_guest/tasks/main.yml", "ansible/roles/cleanup_vm/tasks/main.yml"] },
    ],
  })),
];
