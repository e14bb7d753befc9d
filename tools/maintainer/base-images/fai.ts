/**
 * FAI package_config files, as Debian's cloud image build (debian-cloud-images) and Google's
 * Debian image build (compute-image-tools) write them: which packages a build with a given set
 * of classes installs.
 *
 * A file is read when its name is one of the classes. Inside it, `PACKAGES <action> [CLASS…]`
 * opens a section whose package names apply when no class is named or any named class is
 * defined; a class written `A+B` is defined when the build defines that name or each of A and B
 * (debian-cloud-images defines every such combination). `install`, `install-norec` and
 * `aptitude` sections install, `remove` and `purge` sections take packages out again.
 */

export interface FaiSection {
  action: string;
  classes: string[];
  packages: string[];
}

const INSTALL = new Set(["install", "install-norec", "aptitude", "aptitude-r"]);
const REMOVE = new Set(["remove", "purge"]);

/** The sections of one package_config file. */
export function parsePackageConfig(text: string): FaiSection[] {
  const sections: FaiSection[] = [];
  let current: FaiSection | undefined;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const words = line.split(/\s+/);
    if (words[0] === "PACKAGES") {
      current = { action: words[1] ?? "install", classes: words.slice(2), packages: [] };
      sections.push(current);
      continue;
    }
    if (!current) continue;
    // `name/suite` pins a suite and `name:arch` an architecture; the package is `name`.
    for (const w of words) current.packages.push(w.replace(/[/:].*$/, ""));
  }
  return sections;
}

function defined(cls: string, classes: ReadonlySet<string>): boolean {
  return classes.has(cls) || cls.split("+").every((c) => classes.has(c));
}

/**
 * What a build with `classes` installs from `files` (package_config file name → text), with the
 * packages a later section removes taken out.
 */
export function faiPackages(files: ReadonlyMap<string, string>, classes: readonly string[]): string[] {
  const set = new Set(classes);
  const installed = new Set<string>();
  const removed = new Set<string>();
  for (const [name, text] of files) {
    if (!set.has(name)) continue;
    for (const s of parsePackageConfig(text)) {
      if (s.classes.length && !s.classes.some((c) => defined(c, set))) continue;
      const into = INSTALL.has(s.action) ? installed : REMOVE.has(s.action) ? removed : undefined;
      for (const p of s.packages) into?.add(p);
    }
  }
  return [...installed].filter((p) => !removed.has(p)).sort();
}
