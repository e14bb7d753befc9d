/**
 * Cloud image releases: the images a build source can start from (a distribution release, and
 * variant, on a cloud), how each is named, and what each ships according to the generated data
 * (base-images/data.ts, made from the distributions' published package lists and image build
 * definitions; see base-images/README.md).
 */
import { IMAGES } from "./base-images/data.ts";

export type Cloud = "aws" | "gcp";
export type Distro = "debian" | "ubuntu" | "amazon-linux" | "rhel" | "rocky" | "alma" | "centos-stream";

/** One release's facts, as generated. */
export interface ImageRecord {
  cloud: Cloud | string;
  distro: Distro | string;
  version: string;
  variant?: string;
  /** A manifest lists what the image holds; a build definition names what the build installs. */
  kind: "manifest" | "build-definition";
  /** Every package of the image is listed: a package not in `packages` is not in the image. */
  complete: boolean;
  date: string;
  source: string;
  note?: string;
  /** Package groups the build installs whose members the source does not list (`core`). */
  groups: readonly string[];
  packages: readonly string[];
}

/** An image a source may start from. */
export interface ImageShape {
  cloud: Cloud;
  distro: Distro;
  version: string;
  /** `standard`, `minimal`, … where the distribution publishes several images of a release. */
  variant?: string;
}

const DISTRO_NAME: Record<Distro, string> = {
  debian: "Debian",
  ubuntu: "Ubuntu",
  "amazon-linux": "Amazon Linux",
  rhel: "RHEL",
  rocky: "Rocky Linux",
  alma: "AlmaLinux",
  "centos-stream": "CentOS Stream",
};

/** "Debian 12", "Amazon Linux 2023 minimal AMI". */
export function shapeLabel(s: ImageShape, withVariant = true): string {
  const base = `${DISTRO_NAME[s.distro]} ${s.version}`;
  if (!withVariant || !s.variant) return base;
  return `${base} ${s.variant}${s.cloud === "aws" ? " AMI" : " image"}`;
}

export function distroName(d: Distro): string {
  return DISTRO_NAME[d];
}

export function recordOf(s: ImageShape): ImageRecord | undefined {
  return IMAGES.find((r) => r.cloud === s.cloud && r.distro === s.distro && r.version === s.version && (r.variant ?? undefined) === s.variant);
}

/** What the data says of a program (a set of package names any one of which provides it) on each candidate image. */
export interface ShipStatus {
  /** Images whose source names one of the packages. */
  ships: ImageShape[];
  /** Images whose complete package list has none of them: certainly absent. */
  absent: ImageShape[];
  /** Images whose build definition does not name them (a dependency or a package group may still install one). */
  notNamed: ImageShape[];
  /** Images the data has nothing on. */
  noData: ImageShape[];
}

export function shipStatus(candidates: readonly ImageShape[], packages: readonly string[]): ShipStatus {
  const st: ShipStatus = { ships: [], absent: [], notNamed: [], noData: [] };
  for (const c of candidates) {
    const r = recordOf(c);
    if (!r) st.noData.push(c);
    else if (packages.some((p) => r.packages.includes(p))) st.ships.push(c);
    else if (r.complete) st.absent.push(c);
    else st.notNamed.push(c);
  }
  return st;
}

/** "Debian 10 and 11", "Amazon Linux 2023 standard and minimal AMIs": labels grouped by distribution. */
export function listShapes(shapes: readonly ImageShape[]): string {
  const groups = new Map<string, ImageShape[]>();
  for (const s of shapes) {
    const key = `${s.distro} ${s.cloud}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const parts: string[] = [];
  for (const list of groups.values()) {
    const first = list[0]!;
    const versions = [...new Set(list.map((s) => s.version))];
    if (versions.length > 1) {
      parts.push(
        `${DISTRO_NAME[first.distro]} ${joinAnd(versions)}${list.some((s) => s.variant) ? ` (${joinAnd([...new Set(list.map((s) => s.variant ?? "standard"))])})` : ""}`,
      );
    } else if (list.length > 1 || first.variant) {
      const variants = list.map((s) => s.variant ?? "standard");
      parts.push(
        `${DISTRO_NAME[first.distro]} ${first.version} ${joinAnd(variants)} ${first.cloud === "aws" ? "AMI" : "image"}${variants.length > 1 ? "s" : ""}`,
      );
    } else parts.push(shapeLabel(first));
  }
  return joinAnd(parts);
}

export function joinAnd(items: readonly string[]): string {
  if (items.length <= 2) return items.join(" and ");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
