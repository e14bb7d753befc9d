/**
 * The generated release data, read the way the rules read it, and the facts the rules' evidence
 * claims of it.
 */
import { describe, expect, it } from "vitest";
import { IMAGES } from "./base-images/data.ts";
import { KNOWN } from "./image-names.ts";
import { listShapes, recordOf, shipStatus, type ImageShape } from "./releases.ts";

const shape = (cloud: "aws" | "gcp", distro: ImageShape["distro"], version: string, variant?: string): ImageShape => ({
  cloud,
  distro,
  version,
  ...(variant ? { variant } : {}),
});

describe("release data", () => {
  it("every record is an image the names know", () => {
    for (const r of IMAGES)
      expect(
        KNOWN.some((k) => recordOf(k.shape) === r),
        `${r.cloud} ${r.distro} ${r.version} ${r.variant ?? ""}`,
      ).toBe(true);
  });

  it("only manifests are complete; each record names its source and date", () => {
    for (const r of IMAGES) {
      expect(r.complete).toBe(r.kind === "manifest");
      expect(r.source).not.toBe("");
      expect(r.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("PRV-07's evidence: no Amazon Linux image has apt or dpkg, no Debian image yum, dnf or rpm", () => {
    for (const r of IMAGES.filter((x) => x.distro === "amazon-linux")) expect(r.packages.filter((p) => ["apt", "dpkg"].includes(p))).toEqual([]);
    for (const r of IMAGES.filter((x) => x.distro === "debian")) expect(r.packages.filter((p) => ["yum", "dnf", "rpm"].includes(p))).toEqual([]);
    // AL2023 has dnf and no amazon-linux-extras; AL2 has amazon-linux-extras.
    expect(recordOf(shape("aws", "amazon-linux", "2023", "standard"))!.packages).toContain("dnf");
    expect(recordOf(shape("aws", "amazon-linux", "2023", "standard"))!.packages).not.toContain("amazon-linux-extras");
    expect(recordOf(shape("aws", "amazon-linux", "2", "minimal"))!.packages).toContain("amazon-linux-extras");
  });

  it("what differs between releases of one distribution", () => {
    const debian = ["10", "11", "12", "13"].map((v) => shape("aws", "debian", v));
    const st = shipStatus(debian, ["rsyslog"]);
    expect(st.ships.map((s) => s.version)).toEqual(["10", "11"]);
    expect(st.notNamed.map((s) => s.version)).toEqual(["12", "13"]);
    const al = shipStatus([shape("aws", "amazon-linux", "2023", "standard"), shape("aws", "amazon-linux", "2023", "minimal")], ["rsync"]);
    expect(listShapes(al.ships)).toBe("Amazon Linux 2023 standard AMI");
    expect(listShapes(al.absent)).toBe("Amazon Linux 2023 minimal AMI");
    expect(shipStatus([shape("aws", "ubuntu", "24.04", "standard")], ["rsync"]).noData).toHaveLength(1);
    expect(listShapes(debian)).toBe("Debian 10, 11, 12 and 13");
  });
});
