/**
 * How the distributions name the cloud images they publish: AMI names and owner accounts on AWS,
 * image families, image names and projects on GCE. A name (or an AMI filter's name pattern) that
 * only a published image of one release can carry settles the release; a name that merely
 * mentions a distribution or a codename tells the distribution (and release), but not that the
 * image is the one the distribution published.
 */
import type { Cloud, Distro, ImageShape } from "./releases.ts";

interface Known {
  shape: ImageShape;
  /** AWS owner account ids and aliases, GCE projects, that publish it. */
  publishers: string[];
  /** Names of the image (AMI names; GCE image families and image names). */
  patterns: RegExp[];
  /** Names it has carried, to match a name pattern (`*`) against. */
  samples: string[];
}

const AL_OWNERS = ["137112412989", "amazon"];
/** The owner of the ECS-optimized AMIs, which also go by the alias "amazon". */
const ECS_OWNERS = ["591542846629", "amazon"];
const UBUNTU: Array<[code: string, version: string]> = [
  ["bionic", "18.04"],
  ["focal", "20.04"],
  ["jammy", "22.04"],
  ["noble", "24.04"],
];
const DEBIAN: Array<[code: string, version: string]> = [
  ["buster", "10"],
  ["bullseye", "11"],
  ["bookworm", "12"],
  ["trixie", "13"],
];

const range = (n: number): number[] => [...Array(n).keys()];

function aws(distro: Distro, version: string, variant: string | undefined, publishers: string[], patterns: RegExp[], samples: string[]): Known {
  return { shape: { cloud: "aws", distro, version, ...(variant ? { variant } : {}) }, publishers, patterns, samples };
}
function gcp(distro: Distro, version: string, variant: string | undefined, project: string, patterns: RegExp[], samples: string[]): Known {
  return { shape: { cloud: "gcp", distro, version, ...(variant ? { variant } : {}) }, publishers: [project], patterns, samples };
}

const ARCHES = ["amd64", "arm64"];
const AL_ARCHES = ["x86_64", "arm64"];

export const KNOWN: Known[] = [
  ...DEBIAN.map(([, v]) =>
    aws(
      "debian",
      v,
      undefined,
      ["136693071363"],
      [new RegExp(`^debian-${v}-(backports-)?(amd64|arm64)-\\d{8}-\\d+$`)],
      ARCHES.flatMap((a) => [`debian-${v}-${a}-20240702-1796`, `debian-${v}-backports-${a}-20240702-1796`]),
    ),
  ),
  ...UBUNTU.flatMap(([code, v]) =>
    (
      [
        ["standard", "ubuntu", "server"],
        ["minimal", "ubuntu-minimal", "minimal"],
        ["pro", "ubuntu-pro-server", "pro-server"],
      ] as const
    ).map(([variant, prefix, kind]) =>
      aws(
        "ubuntu",
        v,
        variant,
        ["099720109477"],
        [new RegExp(`^${prefix}/images/[^/]+/ubuntu-${code}-${v.replace(".", "\\.")}-(amd64|arm64)-${kind}-\\d{8}(\\.\\d+)?$`)],
        ["hvm-ssd", "hvm-ssd-gp3"].flatMap((d) => ARCHES.map((a) => `${prefix}/images/${d}/ubuntu-${code}-${v}-${a}-${kind}-20240701`)),
      ),
    ),
  ),
  aws(
    "amazon-linux",
    "2023",
    "standard",
    AL_OWNERS,
    [/^al2023-ami-2023\.[0-9.]+-kernel-[0-9.]+-(x86_64|arm64)$/],
    ["6.1", "6.12"].flatMap((k) => AL_ARCHES.map((a) => `al2023-ami-2023.6.20241111.0-kernel-${k}-${a}`)),
  ),
  aws(
    "amazon-linux",
    "2023",
    "minimal",
    AL_OWNERS,
    [/^al2023-ami-minimal-2023\.[0-9.]+-kernel-[0-9.]+-(x86_64|arm64)$/],
    ["6.1", "6.12"].flatMap((k) => AL_ARCHES.map((a) => `al2023-ami-minimal-2023.6.20241111.0-kernel-${k}-${a}`)),
  ),
  aws(
    "amazon-linux",
    "2023",
    "ecs",
    ECS_OWNERS,
    [/^al2023-ami-ecs-[\w.-]+$/],
    ["hvm", "gpu-hvm", "neuron-hvm"].flatMap((k) => AL_ARCHES.map((a) => `al2023-ami-ecs-${k}-2023.0.20240709-kernel-6.1-${a}`)),
  ),
  aws(
    "amazon-linux",
    "2",
    "standard",
    AL_OWNERS,
    [/^amzn2-ami-(kernel-[0-9.]+-)?hvm-2\.0\.[0-9.]+-(x86_64|arm64)-(gp2|ebs)$/],
    ["", "kernel-5.10-"].flatMap((k) => AL_ARCHES.flatMap((a) => ["gp2", "ebs"].map((d) => `amzn2-ami-${k}hvm-2.0.20240709.1-${a}-${d}`))),
  ),
  aws(
    "amazon-linux",
    "2",
    "minimal",
    AL_OWNERS,
    [/^amzn2-ami-minimal-(selinux-enforcing-)?hvm-2\.0\.[0-9.]+-(x86_64|arm64)-ebs$/],
    ["", "selinux-enforcing-"].flatMap((s) => AL_ARCHES.map((a) => `amzn2-ami-minimal-${s}hvm-2.0.20240709.1-${a}-ebs`)),
  ),
  aws(
    "amazon-linux",
    "2",
    "ecs",
    ECS_OWNERS,
    [/^amzn2-ami-ecs-[\w.-]+$/],
    ["hvm", "kernel-5.10-hvm", "gpu-hvm", "inf-hvm"].map((k) => `amzn2-ami-ecs-${k}-2.0.20240709-x86_64-ebs`),
  ),
  aws(
    "amazon-linux",
    "2018.03",
    undefined,
    AL_OWNERS,
    [/^amzn-ami-(minimal-)?(hvm|pv)-2018\.03\.[0-9.]+-x86_64-(gp2|ebs|s3)$/],
    ["hvm", "minimal-hvm", "pv"].map((k) => `amzn-ami-${k}-2018.03.0.20231218.0-x86_64-gp2`),
  ),
  ...(["8", "9", "10"] as const).map((v) =>
    aws(
      "rhel",
      v,
      undefined,
      ["309956199498"],
      [new RegExp(`^RHEL-${v}\\.\\d+(\\.\\d+)?_HVM(_BETA)?-\\d{8}-(x86_64|arm64)-[\\w.-]+$`)],
      range(11).flatMap((m) => AL_ARCHES.map((a) => `RHEL-${v}.${m}.0_HVM-20240605-${a}-82-Hourly2-GP3`)),
    ),
  ),
  ...(["8", "9"] as const).flatMap((v) => [
    aws(
      "rocky",
      v,
      undefined,
      ["792107900819"],
      [new RegExp(`^Rocky-${v}-(EC2-Base|ec2)-${v}\\.\\d+-\\d{8}(\\.\\d+)?\\.(x86_64|aarch64)$`)],
      range(11).flatMap((m) =>
        ["x86_64", "aarch64"].flatMap((a) => [`Rocky-${v}-EC2-Base-${v}.${m}-20240523.0.${a}`, `Rocky-${v}-ec2-${v}.${m}-20220515.0.${a}`]),
      ),
    ),
    aws(
      "rocky",
      v,
      "lvm",
      ["792107900819"],
      [new RegExp(`^Rocky-${v}-EC2-LVM-${v}\\.\\d+-\\d{8}(\\.\\d+)?\\.(x86_64|aarch64)$`)],
      range(11).map((m) => `Rocky-${v}-EC2-LVM-${v}.${m}-20240523.0.x86_64`),
    ),
    aws(
      "alma",
      v,
      undefined,
      ["764336703387"],
      [new RegExp(`^AlmaLinux OS ${v}\\.\\d+\\.\\d{8} (x86_64|aarch64)$`)],
      range(11).flatMap((m) => ["x86_64", "aarch64"].map((a) => `AlmaLinux OS ${v}.${m}.20240507 ${a}`)),
    ),
  ]),
  aws(
    "centos-stream",
    "9",
    undefined,
    ["125523088429"],
    [/^CentOS Stream 9 (x86_64|aarch64) \d{8}(\.\d+)?$/],
    ["x86_64", "aarch64"].map((a) => `CentOS Stream 9 ${a} 20240708`),
  ),
  ...DEBIAN.map(([code, v]) =>
    gcp(
      "debian",
      v,
      undefined,
      "debian-cloud",
      [new RegExp(`^debian-${v}(-arm64)?$`), new RegExp(`^debian-${v}-${code}(-arm64)?-v\\d{8}$`)],
      [`debian-${v}`, `debian-${v}-arm64`, `debian-${v}-${code}-v20240709`, `debian-${v}-${code}-arm64-v20240709`],
    ),
  ),
  ...UBUNTU.flatMap(([code, v]) => {
    const yymm = v.replace(".", "");
    return (
      [
        ["standard", "ubuntu", "ubuntu-os-cloud"],
        ["minimal", "ubuntu-minimal", "ubuntu-os-cloud"],
        ["pro", "ubuntu-pro", "ubuntu-os-pro-cloud"],
      ] as const
    ).map(([variant, prefix, project]) =>
      gcp(
        "ubuntu",
        v,
        variant,
        project,
        [new RegExp(`^${prefix}-${yymm}-lts(-amd64|-arm64)?$`), new RegExp(`^${prefix}-${yymm}-${code}(-amd64|-arm64)?-v\\d{8}[a-z]?$`)],
        ["", "-amd64", "-arm64"].flatMap((a) => [`${prefix}-${yymm}-lts${a}`, `${prefix}-${yymm}-${code}${a}-v20240701`]),
      ),
    );
  }),
  ...(
    [
      ["rhel", "rhel", "rhel-cloud", ["8", "9", "10"]],
      ["rocky", "rocky-linux", "rocky-linux-cloud", ["8", "9"]],
      ["alma", "almalinux", "almalinux-cloud", ["8", "9", "10"]],
      ["centos-stream", "centos-stream", "centos-cloud", ["9", "10"]],
    ] as const
  ).flatMap(([distro, prefix, project, versions]) =>
    versions.map((v) =>
      gcp(
        distro,
        v,
        undefined,
        project,
        [new RegExp(`^${prefix}-${v}(-arm64)?$`), new RegExp(`^${prefix}-${v}(-arm64)?-v\\d{8}$`)],
        [`${prefix}-${v}`, `${prefix}-${v}-arm64`, `${prefix}-${v}-v20240515`, `${prefix}-${v}-arm64-v20240515`],
      ),
    ),
  ),
  ...(["8", "9"] as const).map((v) =>
    gcp(
      "rocky",
      v,
      "optimized-gcp",
      "rocky-linux-cloud",
      [new RegExp(`^rocky-linux-${v}-optimized-gcp(-arm64)?$`), new RegExp(`^rocky-linux-${v}-optimized-gcp(-arm64)?-v\\d{8}$`)],
      [`rocky-linux-${v}-optimized-gcp`, `rocky-linux-${v}-optimized-gcp-arm64`, `rocky-linux-${v}-optimized-gcp-v20240515`],
    ),
  ),
];

/** An AWS name filter or a GCE name as a regular expression: `*` any characters, `?` one. */
function globRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\/]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
}

export interface NameMatch {
  shapes: ImageShape[];
  /** Some matching image is published by one of `publishers` (or none were given). */
  published: boolean;
}

/**
 * The published images `name` can be: the name itself when it has no wildcard, else every name
 * the distributions have used that the pattern matches. `publishers` (owners, projects) narrow
 * the published images down; undefined when not known.
 */
export function matchName(cloud: Cloud, name: string, publishers?: readonly string[]): NameMatch {
  const glob = /[*?]/.test(name);
  const re = glob ? globRegExp(name) : undefined;
  const hits = KNOWN.filter((k) => k.shape.cloud === cloud && (re ? k.samples.some((s) => re.test(s)) : k.patterns.some((p) => p.test(name))));
  if (!publishers) return { shapes: hits.map((k) => k.shape), published: hits.length > 0 };
  const own = hits.filter((k) => k.publishers.some((p) => publishers.includes(p)));
  return own.length ? { shapes: own.map((k) => k.shape), published: true } : { shapes: hits.map((k) => k.shape), published: false };
}

/** Every image of `distro` (and `version`, when given) the names know on `cloud`. */
export function shapesOf(cloud: Cloud, distro: Distro, version?: string): ImageShape[] {
  return KNOWN.filter((k) => k.shape.cloud === cloud && k.shape.distro === distro && (version === undefined || k.shape.version === version)).map(
    (k) => k.shape,
  );
}

/** The distributions whose images an AWS owner id or alias (or a GCE project) publishes. */
export function publisherDistros(cloud: Cloud, publisher: string): Distro[] {
  return [...new Set(KNOWN.filter((k) => k.shape.cloud === cloud && k.publishers.includes(publisher)).map((k) => k.shape.distro))];
}

const CODENAMES: Record<string, [Distro, string]> = Object.fromEntries([
  ...UBUNTU.map(([code, v]) => [code, ["ubuntu", v]]),
  ...DEBIAN.map(([code, v]) => [code, ["debian", v]]),
]);

/** Names of distributions the data does not cover; a name that says one of them is not an image the data knows. */
export const OTHER_DISTRO = /fedora|oracle|\bol-?[6-9]|suse|sles|windows|centos-?[5-8]\b|centos[- ]linux|freebsd|\barch\b|alpine|bottlerocket|flatcar/i;

/**
 * What a name that no published image carries still says: a distribution (from its name or a
 * codename) and perhaps a release. `other` when it names a distribution the data does not cover.
 */
export function nameHints(name: string): { distro?: Distro; version?: string; other?: boolean } {
  const lower = name.toLowerCase();
  for (const [code, [distro, version]] of Object.entries(CODENAMES)) if (new RegExp(`(^|[^a-z])${code}([^a-z]|$)`).test(lower)) return { distro, version };
  if (/al2023/.test(lower)) return { distro: "amazon-linux", version: "2023" };
  if (/amzn2/.test(lower)) return { distro: "amazon-linux", version: "2" };
  if (/amzn/.test(lower)) return { distro: "amazon-linux" };
  if (OTHER_DISTRO.test(name)) return { other: true };
  const num = (re: RegExp): string | undefined => re.exec(lower)?.[1];
  if (/ubuntu/.test(lower)) {
    const v = num(/(\d{2}\.(?:04|10))/) ?? num(/ubuntu[-_ ]?(\d{2})(?:04|10)\b/)?.concat(".04");
    return { distro: "ubuntu", ...(v ? { version: v } : {}) };
  }
  const versioned = (distro: Distro, re: RegExp) => {
    const v = num(re);
    return { distro, ...(v ? { version: v } : {}) };
  };
  if (/debian/.test(lower)) return versioned("debian", /debian[-_ ]?(\d{1,2})(?!\d)/);
  if (/rocky/.test(lower)) return versioned("rocky", /rocky(?:[-_ ]?linux)?[-_ ]?(\d{1,2})(?!\d)/);
  if (/alma/.test(lower)) return versioned("alma", /alma(?:linux)?(?:[-_ ]?os)?[-_ ]?(\d{1,2})(?!\d)/);
  if (/centos[- ]?stream/.test(lower)) return versioned("centos-stream", /stream[-_ ]?(\d{1,2})(?!\d)/);
  if (/rhel|red ?hat/.test(lower)) return versioned("rhel", /(?:rhel|red ?hat)[-_ ]?(?:enterprise[-_ ]linux[-_ ]?)?(\d{1,2})(?!\d)/);
  return {};
}

export function distroFamily(d: Distro): "ubuntu" | "debian" | "amazon-linux" | "el" {
  return d === "ubuntu" || d === "debian" || d === "amazon-linux" ? d : "el";
}
