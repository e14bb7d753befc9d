/**
 * Generator of the component schema table (tools/lib/validate/schemas/data/*.ts).
 *
 * Reads, at pinned releases, the sources of Packer core and of its plugins: each plugin's
 * registrations (main.go; core's command/execute.go), each component's `ConfigSpec()` to find its
 * config struct, and the `HCL2Spec()` maps packer-sdc generates (`*.hcl2spec.go`), following
 * nested `(*pkg.FlatX)(nil).HCL2Spec()` across packages and modules (the SDK at the version the
 * plugin's go.mod requires). Only names and types are taken. Run it through vitest:
 * `npm run gen:schemas` writes; `npx vitest run tools/lib/validate/schemas` checks.
 *
 * Sources are bare git directories `<root>/<owner>+<name>/repo`, root from PACKER_PLUGIN_SOURCES
 * (default: `../.mirror` next to the repository).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  ExprParser,
  GoReadError,
  dotted,
  findMethod,
  funcResult,
  packageName,
  readHCL2Spec,
  readImports,
  readStruct,
  show,
  tokenize,
  type Field,
  type Node,
  type SpecEntry,
  type Tok,
  type TypeRef,
} from "./goread.ts";

export type Kind = "source" | "data" | "provisioner" | "post-processor";
export const KINDS: Kind[] = ["source", "data", "provisioner", "post-processor"];

/** One pinned release of one plugin. */
export interface Pin {
  /** required_plugins name ("packer" for core). */
  plugin: string;
  /** required_plugins source ("" for core). */
  source: string;
  /** github.com/owner/name */
  repository: string;
  tag: string;
  commit: string;
}

/**
 * The pinned releases: the newest release tag of each repository when the table was made (NEWEST), and
 * the older releases in OLDER; commits are the tags' (abbreviated). A moved repository is read under
 * the name fetch finds it by: vmware's v2 lives at github.com/vmware/packer-plugin-vmware (its go.mod
 * module) but is fetched as hashicorp/packer-plugin-vmware; vsphere likewise (its main branch's module
 * is github.com/vmware/packer-plugin-vsphere).
 */
const NEWEST = (
  [
    // plugin, required_plugins source, repository (both under github.com/), tag, commit
    ["packer", "", "hashicorp/packer", "v1.16.0", "856572ec8313"],
    ["amazon", "hashicorp/amazon", "hashicorp/packer-plugin-amazon", "v1.8.2", "3896533621ce"],
    ["googlecompute", "hashicorp/googlecompute", "hashicorp/packer-plugin-googlecompute", "v1.2.7", "1fbf6a099c72"],
    ["azure", "hashicorp/azure", "hashicorp/packer-plugin-azure", "v2.6.3", "7f7e7b4aabf4"],
    ["docker", "hashicorp/docker", "hashicorp/packer-plugin-docker", "v1.1.4", "24644434e463"],
    ["qemu", "hashicorp/qemu", "hashicorp/packer-plugin-qemu", "v1.1.4", "7db0aae19166"],
    ["vsphere", "vmware/vsphere", "hashicorp/packer-plugin-vsphere", "v2.0.0", "2af6d832a1c2"],
    ["ansible", "hashicorp/ansible", "hashicorp/packer-plugin-ansible", "v1.1.6", "0f0b41182892"],
    ["virtualbox", "hashicorp/virtualbox", "hashicorp/packer-plugin-virtualbox", "v1.1.5", "005a84670db1"],
    ["vmware", "vmware/vmware", "hashicorp/packer-plugin-vmware", "v2.1.0", "824640169901"],
    ["hyperv", "hashicorp/hyperv", "hashicorp/packer-plugin-hyperv", "v1.1.4", "8931f2b0a5b3"],
    ["proxmox", "hashicorp/proxmox", "hashicorp/packer-plugin-proxmox", "v1.2.4", "125377540780"],
    ["parallels", "parallels/parallels", "Parallels/packer-plugin-parallels", "v1.2.8", "7ff2a42032ee"],
    ["vagrant", "hashicorp/vagrant", "hashicorp/packer-plugin-vagrant", "v1.1.7", "d4ecc89fe7d8"],
    ["digitalocean", "digitalocean/digitalocean", "digitalocean/packer-plugin-digitalocean", "v1.4.1", "4c2d70d13573"],
    ["hcloud", "hetznercloud/hcloud", "hetznercloud/packer-plugin-hcloud", "v1.7.2", "c6b077f352d7"],
    ["windows-update", "rgl/windows-update", "rgl/packer-plugin-windows-update", "v0.18.4", "425dbdac541c"],
    ["tart", "cirruslabs/tart", "cirruslabs/packer-plugin-tart", "v1.21.0", "c10d61142fdc"],
    ["goss", "YaleUniversity/goss", "YaleUniversity/packer-plugin-goss", "v3.2.14", "4fb61cbc19f8"],
    ["git", "ethanmdavidson/git", "ethanmdavidson/packer-plugin-git", "v0.6.7", "db1ec2c26fc8"],
    ["openstack", "hashicorp/openstack", "hashicorp/packer-plugin-openstack", "v1.1.4", "3562619c4b9c"],
    ["oracle", "hashicorp/oracle", "hashicorp/packer-plugin-oracle", "v1.1.2", "67aeddfe5255"],
    ["linode", "linode/linode", "linode/packer-plugin-linode", "v1.12.0", "c73cd9187c89"],
    ["vultr", "vultr/vultr", "vultr/packer-plugin-vultr", "v2.7.0", "fb0c12d12aae"],
    ["scaleway", "scaleway/scaleway", "scaleway/packer-plugin-scaleway", "v1.5.0", "f882544f1abc"],
    ["lxd", "hashicorp/lxd", "hashicorp/packer-plugin-lxd", "v1.0.3", "0f97154cfb1b"],
    ["lxc", "hashicorp/lxc", "hashicorp/packer-plugin-lxc", "v1.0.2", "5b69a5034c05"],
    ["outscale", "outscale/outscale", "outscale/packer-plugin-outscale", "v1.6.1", "287e701374e1"],
    ["alicloud", "hashicorp/alicloud", "hashicorp/packer-plugin-alicloud", "v1.1.2", "629db51bdd60"],
    ["tencentcloud", "hashicorp/tencentcloud", "hashicorp/packer-plugin-tencentcloud", "v1.2.0", "8e908fa9927d"],
    ["ucloud", "ucloud/ucloud", "ucloud/packer-plugin-ucloud", "v1.0.9", "aa1aa87522d8"],
    ["huaweicloud", "huaweicloud/huaweicloud", "huaweicloud/packer-plugin-huaweicloud", "v1.2.2", "e4bacbd68f88"],
    ["puppet", "hashicorp/puppet", "hashicorp/packer-plugin-puppet", "v1.0.1", "79cb0d0d2b37"],
    ["chef", "hashicorp/chef", "hashicorp/packer-plugin-chef", "v1.0.2", "f75208bd6984"],
    ["salt", "hashicorp/salt", "hashicorp/packer-plugin-salt", "v1.0.0", "478af4389658"],
    ["inspec", "hashicorp/inspec", "hashicorp/packer-plugin-inspec", "v1.0.0", "9758264c782f"],
    ["converge", "hashicorp/converge", "hashicorp/packer-plugin-converge", "v1.0.1", "db6fba7a27e9"],
    ["cnspec", "mondoohq/cnspec", "mondoohq/packer-plugin-cnspec", "v13.35.2", "b7af644e4d23"],
    ["sshkey", "ivoronin/sshkey", "ivoronin/packer-plugin-sshkey", "v1.2.1", "c49ba2c7c8e8"],
    ["yandex", "hashicorp/yandex", "hashicorp/packer-plugin-yandex", "v1.1.3", "e374e79451f1"],
    ["nutanix", "nutanix-cloud-native/nutanix", "nutanix-cloud-native/packer-plugin-nutanix", "v1.3.0", "eba9acf75be3"],
    ["ibmcloud", "IBM/ibmcloud", "IBM/packer-plugin-ibmcloud", "v3.7.0", "8d0994590009"],
    ["cloudstack", "hashicorp/cloudstack", "hashicorp/packer-plugin-cloudstack", "v1.0.2", "70f3ce38e109"],
    ["exoscale", "exoscale/exoscale", "exoscale/packer-plugin-exoscale", "v0.5.2", "4161f192768c"],
    ["arm-image", "solo-io/arm-image", "solo-io/packer-plugin-arm-image", "v0.2.7", "5a7e02c47075"],
    ["cross", "michalfita/cross", "michalfita/packer-plugin-cross", "v1.1.3", "a6d3dd5ce7dd"],
    ["incus", "bketelsen/incus", "bketelsen/packer-plugin-incus", "v1.2.0", "9791111b5579"],
    ["kubevirt", "hashicorp/kubevirt", "hashicorp/packer-plugin-kubevirt", "v0.8.0", "895f3084fcbd"],
  ] as Array<[string, string, string, string, string]>
).map(([plugin, source, repository, tag, commit]) => ({
  plugin,
  source: source && `github.com/${source}`,
  repository: `github.com/${repository}`,
  tag,
  commit,
}));

/**
 * Older releases ("tag commit", newest first), read from the same repository as the plugin's NEWEST
 * row: the last release of each minor line of the newest release's major and of the major before it
 * (for a 0.x plugin, of each 0.y line), and releases that templates pin exactly or whose constraints
 * allow nothing newer (qemu 1.1.1, hyperv 1.1.3, proxmox 1.2.3 and 1.2.0, vagrant 1.1.6 and 1.1.1).
 * Not pinned: pre-releases (-rc, -pre, -beta, -dev), and releases built as single-component plugins
 * (`plugin.Server()`: windows-update < 0.12, goss < 3.1, vultr < 2.3, huaweicloud < 0.4, arm-image
 * 0.1, cross 1.0), which `packer init` cannot install, so no required_plugins constraint selects them.
 */
const OLDER: Record<string, string[]> = {
  amazon: [
    "v1.7.1 17937b21336a",
    "v1.6.0 e5dd153bd6f6",
    "v1.5.0 5d7b2c88f2f8",
    "v1.4.0 2cccdf4b83e9",
    "v1.3.10 9928b470537d",
    "v1.2.9 0892941fafe3",
    "v1.1.6 68218a6e6835",
    "v1.0.9 ebe72132937b",
    "v0.0.1 ff072d167737",
  ],
  googlecompute: ["v1.1.9 269d37a7cae9", "v1.0.16 864ff23bb968", "v0.0.2 81d8d5a740c0"],
  azure: [
    "v2.5.2 8e8dd7e3b69e",
    "v2.4.0 4a1bd13e599f",
    "v2.3.3 e687078944ab",
    "v2.2.1 278603a90268",
    "v2.1.9 6c21022d98f4",
    "v2.0.5 8bee379ecf52",
    "v1.4.5 87b71a6e2a17",
    "v1.3.1 074c5d3dd0a9",
    "v1.2.0 7166b09ff456",
    "v1.1.0 25f7208aff4b",
    "v1.0.8 eecb1bc19ec5",
  ],
  docker: ["v1.0.11 be20d849e098", "v0.0.7 f91031241385"],
  qemu: ["v1.1.1 0c91c3ca04eb", "v1.0.10 48db210d87a7", "v0.0.1 3b027887a589"],
  vsphere: ["v1.4.2 a8d72f7b5a90", "v1.3.0 2afd062483cb", "v1.2.7 88f748ad0089", "v1.1.2 41fcfb7e4bc8", "v1.0.8 ff5bd54d4cbb"],
  ansible: ["v1.0.4 e7ebffcd4d33", "v0.0.3 cd7293e2a00d"],
  virtualbox: ["v1.0.5 31989070f7b2", "v0.0.1 136fdc28a3f8"],
  vmware: ["v2.0.0 45368effabf6", "v1.2.0 77d54c46579a", "v1.1.0 b9fac8face5b", "v1.0.11 cda9bf96fcb4"],
  hyperv: ["v1.1.3 9f75ab465ca5", "v1.0.4 a1b51cafc0bd", "v0.0.1 6d9759bc16f6"],
  proxmox: ["v1.2.3 a2115d2f3b46", "v1.2.0 2395e1112bdb", "v1.1.8 17e10d1be2d1", "v1.0.8 2f36477a2f1b", "v0.0.2 4d10ee9d9af2"],
  parallels: ["v1.1.7 475350629134", "v1.0.4 ba71a48c1fa3", "v0.0.1 825c3f02c59c"],
  vagrant: ["v1.1.6 2376f0b9f0ae", "v1.1.1 72556d1bad7c", "v1.0.3 abbce8c4abc9", "v0.0.3 fbda6aa60c5d"],
  digitalocean: ["v1.3.1 1a7fa3ff7acb", "v1.2.2 29bab41b1da0", "v1.1.1 8ec9e208d7fc", "v1.0.8 7a89681fec0c", "v0.0.2 2fc6d06b2e21"],
  hcloud: [
    "v1.6.1 11442e490a93",
    "v1.5.4 adab11a1c55e",
    "v1.4.0 5b8aba8cc758",
    "v1.3.0 06c9b483f5e4",
    "v1.2.1 46999c9b617a",
    "v1.1.1 b264aa78a0a5",
    "v1.0.5 7c9486678cd8",
    "v0.0.1 b87fe1c1b879",
  ],
  "windows-update": [
    "v0.17.3 b58465e580c2",
    "v0.16.10 ff14adbf39ce",
    "v0.15.0 b49a9c6b2b8e",
    "v0.14.3 6793f6375aa3",
    "v0.13.0 a4a511dbfcb1",
    "v0.12.0 ed5cb10b6e58",
  ],
  tart: [
    "v1.20.0 8902b2efde25",
    "v1.19.0 f76877d73d02",
    "v1.18.0 495f7166d65d",
    "v1.17.0 1ed5f7737a16",
    "v1.16.0 35fee486da81",
    "v1.15.3 a4cb8f49ca05",
    "v1.14.0 15f99fa9aa02",
    "v1.13.1 033de1a10d8d",
    "v1.12.0 25732aa2ea93",
    "v1.11.1 ebc6ff23c324",
    "v1.10.0 1d969c01d639",
    "v1.9.0 95c1764ed1f0",
    "v1.8.1 67d9eada6612",
    "v1.7.0 fcb9346dd4a9",
    "v1.6.1 32f4f36e475d",
    "v1.5.4 8f608bd0da14",
    "v1.4.0 c5e6e6f40faf",
    "v1.3.1 9ddd019ddc45",
    "v1.2.0 eb96164d0c0a",
    "v1.1.0 0c52831d4c6e",
    "v1.0.1 d7b862dd269f",
    "v0.6.3 d76ea059300f",
    "v0.5.4 470048a5529a",
    "v0.4.0 a1d9ba806677",
    "v0.3.1 e01a262ebdd9",
    "v0.1.0 9eedb8d4544b",
  ],
  goss: ["v3.1.7 c519e1ce7181"],
  git: ["v0.5.0 569fc157efcb", "v0.4.3 94ab9f019c52", "v0.3.4 385aa67d66e0", "v0.2.1 1f60523c4641", "v0.1.1 fa43c1f52eb8", "v0.0.2 aab07783ea94"],
  openstack: ["v1.0.1 b19b745030c2", "v0.0.2 20f4d4429cfa"],
  oracle: ["v1.0.5 7a127e8ef8f5", "v0.0.3 5ddb0d55311e"],
  linode: [
    "v1.11.0 5b63276d999f",
    "v1.10.1 39af6983ff81",
    "v1.9.0 23dfa490605a",
    "v1.8.1 b8fddd0b89c8",
    "v1.7.1 3b4ed87fee58",
    "v1.6.9 754d62ebfda3",
    "v1.5.8 a21ff143c68f",
    "v1.4.1 f44199a78a2a",
    "v1.3.2 058f35a50096",
    "v1.2.0 9b53c4629adb",
    "v1.1.5 c13f6b9ae853",
    "v1.0.5 9fd02965c2e9",
    "v0.0.2 d33d200ede34",
  ],
  vultr: ["v2.6.4 a58a4f38d2e6", "v2.5.0 92c708bd71fe", "v2.4.5 e6208f6c2e3b", "v2.3.2 79637e62a1c9"],
  scaleway: ["v1.4.0 d834932fd8f8", "v1.3.3 458709840226", "v1.2.1 feae5b1a64f3", "v1.1.1 71ac04fb6ce1", "v1.0.8 c40a68728460", "v0.0.1 81fb5e94fbc3"],
  lxd: ["v0.0.1 7d532b71be53"],
  lxc: ["v0.0.1 aef616f41135"],
  outscale: [
    "v1.5.0 802ef2129dda",
    "v1.4.0 0285a4ba3e56",
    "v1.3.0 32aa9c5dc23d",
    "v1.2.0 8a9dde8550dc",
    "v1.1.5 b02a390cea43",
    "v1.0.7 7d96b2321c45",
    "v0.0.1 e7b713b52663",
  ],
  alicloud: ["v1.0.7 51eec3344cc8", "v0.0.2 3d6ba57023ec"],
  tencentcloud: ["v1.1.1 3ef3b5d6e165", "v1.0.6 922ce8d00a00", "v0.0.1 e909c7b95ca0"],
  ucloud: ["v0.0.1 12282157242e"],
  huaweicloud: ["v1.1.0 5d614bc25541", "v1.0.4 ffa723734073", "v0.4.0 560ae843fa02"],
  puppet: ["v0.0.2 eacf9fe6f824"],
  chef: ["v0.0.2 c46da2d5c2d5"],
  salt: ["v0.0.8 68456dedfa2f"],
  inspec: ["v0.0.7 c9e2659c6786"],
  converge: ["v0.0.1 8e32c1ff08c6"],
  cnspec: [
    "v13.34.1 4ff3b87c11c4",
    "v13.33.2 7d3cba2850cb",
    "v13.32.1 a24c23a86853",
    "v13.31.1 2e7cd4921ed2",
    "v13.30.1 2b822c95423c",
    "v13.29.2 04923a291aa1",
    "v13.28.1 7e936e7cf7eb",
    "v13.27.4 c6e3ae745f25",
    "v13.26.1 967b8a29254c",
    "v13.25.0 0d2a65eed0d0",
    "v13.24.2 04ca6293d747",
    "v13.23.0 5ec5ed436206",
    "v13.22.0 a79bae24fb1c",
    "v13.21.1 5e0c3c118de6",
    "v13.20.1 c9072949d179",
    "v13.12.0 29cb93c40768",
    "v13.11.0 dbac462f6b64",
    "v13.10.0 3c71a02d3328",
    "v13.9.0 99897f070b92",
    "v13.8.3 cbc541ec2f2e",
    "v13.7.0 1b332115d412",
    "v13.6.0 73798f4f37e5",
    "v13.5.1 9dc72451d1d5",
    "v13.4.1 8620e6a2d637",
    "v13.3.4 cd6bfbd4de34",
    "v13.2.0 380965b19a2c",
    "v13.1.1 660e04f39cac",
    "v13.0.0 387f2576d92c",
    "v12.23.1 ac18b7a5f8f9",
    "v12.22.0 a190eb65984c",
    "v12.20.1 949835a3dc00",
    "v12.19.2 f9c757ce3ddf",
    "v12.18.0 e9856afaac67",
    "v12.17.0 dbebfae6b491",
    "v12.16.0 49e13b899ced",
    "v12.15.0 a9a4c2eb8a9a",
    "v12.14.2 a761f6551797",
    "v12.13.2 8ebf5c2366a0",
    "v12.12.1 3ae70af046f7",
    "v12.11.0 5cf74bffdbb3",
    "v12.10.0 f7104fe7ac67",
    "v12.9.0 47854b7865b2",
    "v12.8.0 155afd994fba",
    "v12.6.0 51b201246be3",
    "v12.5.1 458551568f1c",
    "v12.4.0 16904e2ea8ae",
    "v12.3.0 3b5267f61c50",
    "v12.2.1 e86d85a1bfce",
    "v12.1.0 c1fcf1f9974a",
    "v12.0.0 3b745ab65670",
  ],
  sshkey: ["v1.1.0 c03583bdb6a2", "v1.0.9 387f69705950", "v0.1.0 f486951dac29", "v0.0.2 d56e8a0f98ec"],
  yandex: ["v1.0.3 8553c4c3385e", "v0.0.4 292d8b20bfcc"],
  nutanix: [
    "v1.2.1 223e97dcc30f",
    "v1.1.10 eba9acf75be3",
    "v1.0.0 ccfface89974",
    "v0.13.1 80ce1c45337c",
    "v0.12.2 f8b52f434871",
    "v0.11.0 d17fcc3922b8",
    "v0.10.0 db4f2672dc0c",
    "v0.9.4 1d50375c1c92",
    "v0.8.1 ddad462270e0",
    "v0.7.1 cd3a08572738",
    "v0.6.2 8f47a6419203",
    "v0.5.0 9aed75788003",
    "v0.4.0 793811c72eee",
    "v0.3.1 824a05132654",
    "v0.2.0 fbfeda8b94e4",
    "v0.1.3 731edee77061",
  ],
  ibmcloud: [
    "v3.6.0 c298be0ede3d",
    "v3.5.0 d5312c69d4ae",
    "v3.4.0 56886b8bae05",
    "v3.3.4 27ac49f374ab",
    "v3.2.6 bf617f5a3515",
    "v3.1.1 5fe6132a8fd3",
    "v3.0.3 46136929402b",
    "v2.2.0 d73934cbf911",
    "v2.1.0 23ab9e27c156",
    "v2.0.3 bf669ff5f7ed",
  ],
  cloudstack: ["v0.0.1 8dd704a284ad"],
  exoscale: ["v0.4.1 e2578b2d609e", "v0.3.2 9fa1ad2413fd", "v0.2.1 b50fecdfe5b2", "v0.1.3 d1e9bcd474ba"],
  incus: ["v1.1.0 26668daa9263", "v1.0.5 1fd09062781d"],
};

for (const plugin of Object.keys(OLDER)) if (!NEWEST.some((n) => n.plugin === plugin)) throw new Error(`OLDER: no NEWEST row for ${plugin}`);

export const PINS: Pin[] = NEWEST.flatMap((newest) => [
  newest,
  ...(OLDER[newest.plugin] ?? []).map((pair) => {
    const [tag, commit] = pair.split(" ") as [string, string];
    return { ...newest, tag, commit };
  }),
]);

/**
 * Former required_plugins sources of a plugin that moved (its templates still name them): the
 * component names are the same, so a template with either source uses this table.
 */
export const ALIASES: Record<string, string[]> = {
  digitalocean: ["github.com/hashicorp/digitalocean"],
  hcloud: ["github.com/hashicorp/hcloud"],
  parallels: ["github.com/hashicorp/parallels"],
  vmware: ["github.com/hashicorp/vmware"],
  vsphere: ["github.com/hashicorp/vsphere"],
};

export class MissingSource extends Error {
  override name = "MissingSource";
}

/** Read access to one repository at one commit. */
export interface Tree {
  /** Names of the files directly in dir ("" = root). */
  list(dir: string): string[];
  read(path: string): string | undefined;
}

export interface Sources {
  /** The tree of repository (github.com/owner/name) at ref (tag or commit); throws MissingSource. */
  open(repository: string, ref: string): Tree;
}

export function defaultRoot(repoRoot: string): string {
  return process.env["PACKER_PLUGIN_SOURCES"] || join(repoRoot, "..", ".mirror");
}

export function gitDir(root: string, repository: string): string {
  const [, owner, name] = repository.split("/");
  return join(root, `${owner}+${name}`, "repo");
}

/** Sources read from bare git directories as `fetch` lays them out. */
export class GitSources implements Sources {
  private trees = new Map<string, Tree>();
  readonly root: string;
  constructor(root: string) {
    this.root = root;
  }

  open(repository: string, ref: string): Tree {
    const key = `${repository}@${ref}`;
    let tree = this.trees.get(key);
    if (!tree) {
      tree = this.load(repository, ref);
      this.trees.set(key, tree);
    }
    return tree;
  }

  /** The full commit of ref, or undefined when the repository or ref is absent. */
  resolve(repository: string, ref: string): string | undefined {
    const dir = gitDir(this.root, repository);
    if (!existsSync(dir)) return undefined;
    const r = spawnSync("git", ["--git-dir", dir, "rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { encoding: "utf8" });
    return r.status === 0 ? r.stdout.trim() : undefined;
  }

  private load(repository: string, ref: string): Tree {
    const dir = gitDir(this.root, repository);
    const commit = this.resolve(repository, ref);
    if (!commit) throw new MissingSource(`${repository} ${ref} (expected in ${dir})`);
    const listing = execFileSync("git", ["--git-dir", dir, "ls-tree", "-r", "-z", commit], { encoding: "utf8", maxBuffer: 256 << 20 });
    const blobs = new Map<string, string>();
    const dirs = new Map<string, string[]>();
    for (const line of listing.split("\0")) {
      const m = /^\d+ blob ([0-9a-f]+)\t([^]*)$/.exec(line);
      if (!m) continue;
      const path = m[2]!;
      blobs.set(path, m[1]!);
      const slash = path.lastIndexOf("/");
      const d = slash < 0 ? "" : path.slice(0, slash);
      const list = dirs.get(d) ?? [];
      list.push(path.slice(slash + 1));
      dirs.set(d, list);
    }
    const cache = new Map<string, string>();
    const readBatch = (paths: string[]): void => {
      const want = paths.filter((p) => blobs.has(p) && !cache.has(p));
      if (!want.length) return;
      const out = execFileSync("git", ["--git-dir", dir, "cat-file", "--batch"], {
        input: want.map((p) => blobs.get(p)!).join("\n") + "\n",
        maxBuffer: 1 << 30,
      });
      let at = 0;
      for (const p of want) {
        const nl = out.indexOf(10, at);
        const size = Number(/ (\d+)$/.exec(out.subarray(at, nl).toString("latin1"))?.[1]);
        cache.set(p, out.subarray(nl + 1, nl + 1 + size).toString("utf8"));
        at = nl + 1 + size + 1;
      }
    };
    // Every Go source but tests and vendored code, in one git call (a plugin's are about 1 MB).
    readBatch([...blobs.keys()].filter((p) => (p.endsWith(".go") && !p.endsWith("_test.go") && !p.startsWith("vendor/")) || p === "go.mod"));
    return {
      list: (d) => dirs.get(d) ?? [],
      read: (path) => {
        if (!cache.has(path)) readBatch([path]);
        return cache.get(path);
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Go packages and modules

export interface GoFile {
  path: string;
  toks: Tok[];
  imports: Array<{ alias: string | null; path: string }>;
}

export interface Module {
  path: string;
  repository: string;
  ref: string;
  tree: Tree;
}

export interface Pkg {
  module: Module;
  dir: string;
  importPath: string;
  name: string;
  files: GoFile[];
}

function goFiles(tree: Tree, dir: string): GoFile[] {
  return tree
    .list(dir)
    .filter((f) => f.endsWith(".go") && !f.endsWith("_test.go"))
    .sort()
    .map((f) => {
      const path = dir ? `${dir}/${f}` : f;
      const toks = tokenize(tree.read(path) ?? "", path);
      return { path, toks, imports: readImports(toks) };
    });
}

/** Resolves Go import paths within one main module and the modules its go.mod requires. */
export class Workspace {
  private pkgs = new Map<string, Pkg>();
  private modules = new Map<string, Module>();
  readonly requires = new Map<string, string>();
  private replaced = new Map<string, string>();
  readonly used = new Map<string, string>();
  readonly main: Module;
  readonly sources: Sources;

  constructor(sources: Sources, repository: string, ref: string) {
    this.sources = sources;
    const tree = sources.open(repository, ref);
    const gomod = tree.read("go.mod");
    if (gomod === undefined) throw new GoReadError(`${repository} ${ref}: no go.mod`);
    const modPath = /^module\s+(\S+)/m.exec(gomod)?.[1];
    if (!modPath) throw new GoReadError(`${repository} ${ref}: go.mod names no module`);
    for (const m of gomod.matchAll(/^\s*(?:require\s+)?([\w.\-/]+\.[\w.\-/]+)\s+(v[\w.\-+]+)/gm)) this.requires.set(m[1]!, m[2]!);
    for (const m of gomod.matchAll(/^\s*(?:replace\s+)?([\w.\-/]+)(?:\s+v\S+)?\s+=>\s+(\S+)\s+(v\S+)/gm)) {
      this.requires.set(m[1]!, m[3]!);
      this.replaced.set(m[1]!, m[2]!);
    }
    this.main = { path: modPath, repository, ref, tree };
    this.modules.set(modPath, this.main);
  }

  private module(importPath: string): { module: Module; dir: string } | undefined {
    const owns = (mod: string): boolean => importPath === mod || importPath.startsWith(mod + "/");
    if (owns(this.main.path)) return { module: this.main, dir: importPath.slice(this.main.path.length + 1) };
    let best: string | undefined;
    for (const mod of this.requires.keys()) if (owns(mod) && (!best || mod.length > best.length)) best = mod;
    if (!best || !best.startsWith("github.com/")) return undefined;
    let module = this.modules.get(best);
    if (!module) {
      const version = this.requires.get(best)!;
      const real = this.replaced.get(best) ?? best;
      if (!real.startsWith("github.com/")) throw new GoReadError(`${this.main.repository}: ${best} is replaced by ${real}, not a GitHub module`);
      const repository = real.split("/").slice(0, 3).join("/");
      const pseudo = /[-.]\d{14}-([0-9a-f]{12})$/.exec(version); // vX.0.0-yyyymmddhhmmss-abcdef123456, vX.Y.(Z+1)-0.yyyymmddhhmmss-...
      const ref = pseudo ? pseudo[1]! : version.replace(/\+incompatible$/, "");
      const tree = this.sources.open(repository, ref);
      module = { path: best, repository, ref: version, tree };
      this.modules.set(best, module);
      this.used.set(best, version);
    }
    const sub = importPath.slice(best.length + 1);
    const prefix = (this.replaced.get(best) ?? best)
      .split("/")
      .slice(3)
      .filter((s) => !/^v\d+$/.test(s))
      .join("/");
    return { module, dir: prefix ? (sub ? `${prefix}/${sub}` : prefix) : sub };
  }

  pkg(importPath: string): Pkg | undefined {
    let pkg = this.pkgs.get(importPath);
    if (pkg) return pkg;
    const where = this.module(importPath);
    if (!where) return undefined;
    const files = goFiles(where.module.tree, where.dir);
    const name = files.map((f) => packageName(f.toks)).find((n) => n !== undefined && !n.endsWith("_test"));
    if (!files.length || !name) throw new GoReadError(`${where.module.repository} ${where.module.ref}: no Go package at ${where.dir || "."}`);
    pkg = { module: where.module, dir: where.dir, importPath, name, files };
    this.pkgs.set(importPath, pkg);
    return pkg;
  }

  /** The package a file means by `alias` (explicit, or the imported package's own name). */
  imported(file: GoFile, alias: string): Pkg {
    const hit = file.imports.find((i) => i.alias === alias);
    if (hit) return this.need(hit.path, file);
    const last = (p: string): string =>
      p
        .split("/")
        .filter((s) => !/^v\d+$/.test(s))
        .pop() ?? p;
    const guess = file.imports.find((i) => i.alias === null && last(i.path) === alias);
    if (guess) return this.need(guess.path, file);
    for (const i of file.imports) {
      if (i.alias !== null) continue;
      const pkg = this.pkg(i.path);
      if (pkg?.name === alias) return pkg;
    }
    throw new GoReadError(`${file.path}: no import names package "${alias}"`);
  }

  private need(importPath: string, file: GoFile): Pkg {
    const pkg = this.pkg(importPath);
    if (!pkg) throw new GoReadError(`${file.path}: cannot resolve import ${importPath} (module not required in go.mod or not on GitHub)`);
    return pkg;
  }

  /** The package and name a type reference written in file means. */
  typeIn(pkg: Pkg, file: GoFile, ref: TypeRef): { pkg: Pkg; name: string } {
    return { pkg: ref.pkg === null ? pkg : this.imported(file, ref.pkg), name: ref.name };
  }
}

// ---------------------------------------------------------------------------------------------
// Components and their config structs

export interface Registration {
  kind: Kind;
  name: string;
  pkg: Pkg;
  file: GoFile;
  type: TypeRef & { via?: string };
}

const REGISTER: Record<string, Kind> = {
  RegisterBuilder: "source",
  RegisterDatasource: "data",
  RegisterProvisioner: "provisioner",
  RegisterPostProcessor: "post-processor",
};

const CORE_MAPS: Record<string, Kind> = { Builders: "source", Datasources: "data", Provisioners: "provisioner", PostProcessors: "post-processor" };

/** `new(pkg.T)`, `&pkg.T{}`, or a constructor call `pkg.NewT()`, to the type reference (with `via`: the constructor). */
function constructed(node: Node, file: string): TypeRef & { via?: string } {
  let t: Node | undefined;
  let via: string | undefined;
  if (node.k === "call" && dotted(node.fn) === "new" && node.args.length === 1) t = node.args[0];
  else if (node.k === "unary" && node.op === "&" && node.x.k === "comp") t = node.x.type ?? undefined;
  else if (node.k === "call" && node.args.length === 0 && dotted(node.fn) !== undefined) {
    t = node.fn;
    via = dotted(node.fn)!.split(".").pop();
  }
  const name = t ? dotted(t) : undefined;
  const parts = name?.split(".") ?? [];
  if (parts.length === 1) return { pkg: null, name: parts[0]!, via };
  if (parts.length === 2) return { pkg: parts[0]!, name: parts[1]!, via };
  throw new GoReadError(`${file}:${node.line}: component value of a form this reader does not know: ${show(node)}`);
}

/** The component type a registration means: for a constructor, the type its result declares. */
export function componentType(ws: Workspace, reg: Registration): Located {
  const at = ws.typeIn(reg.pkg, reg.file, reg.type);
  if (!reg.type.via) return at;
  for (const file of at.pkg.files) {
    const result = funcResult(file.toks, reg.type.via, file.path);
    if (result) return ws.typeIn(at.pkg, file, result);
  }
  throw new GoReadError(`${at.pkg.importPath}: no func ${reg.type.via}() returning a named type`);
}

export function pluginRegistrations(ws: Workspace, plugin: string): Registration[] {
  const root = ws.pkg(ws.main.path);
  if (!root) throw new GoReadError(`${ws.main.repository}: no main package`);
  const out: Registration[] = [];
  for (const file of root.files) {
    const toks = file.toks;
    for (let i = 0; i < toks.length; i++) {
      const kind = REGISTER[toks[i]!.v];
      if (!kind || toks[i - 1]?.v !== "." || toks[i + 1]?.v !== "(") continue;
      const p = new ExprParser(toks, i + 2, file.path);
      const nameNode = p.expr();
      p.expect(",");
      const value = p.expr();
      let name: string;
      if (nameNode.k === "str") name = `${plugin}-${nameNode.v}`;
      else if (dotted(nameNode) === "plugin.DEFAULT_NAME") name = plugin;
      else throw new GoReadError(`${file.path}:${nameNode.line}: component name of a form this reader does not know: ${show(nameNode)}`);
      out.push({ kind, name, pkg: root, file, type: constructed(value, file.path) });
    }
  }
  if (!out.length) throw new GoReadError(`${ws.main.repository} ${ws.main.ref}: no Register* calls in the main package`);
  return out;
}

export function coreRegistrations(ws: Workspace): Registration[] {
  const pkg = ws.pkg(`${ws.main.path}/command`);
  const file = pkg?.files.find((f) => f.path === "command/execute.go");
  if (!pkg || !file) throw new GoReadError(`${ws.main.repository} ${ws.main.ref}: no command/execute.go`);
  const out: Registration[] = [];
  const toks = file.toks;
  for (let i = 0; i + 2 < toks.length; i++) {
    const kind = CORE_MAPS[toks[i + 1]!.v];
    if (toks[i]!.v !== "var" || !kind || toks[i + 2]!.v !== "=") continue;
    const map = new ExprParser(toks, i + 3, file.path).expr();
    if (map.k !== "comp") throw new GoReadError(`${file.path}:${map.line}: ${toks[i + 1]!.v} is not a map literal`);
    for (const { key, value } of map.elems) {
      if (key?.k !== "str") throw new GoReadError(`${file.path}:${value.line}: a component key that is not a string`);
      out.push({ kind, name: key.v, pkg, file, type: constructed(value, file.path) });
    }
  }
  if (!out.length) throw new GoReadError(`${file.path}: no component maps`);
  return out;
}

export interface Located {
  pkg: Pkg;
  name: string;
}

export function findStruct(pkg: Pkg, name: string): { file: GoFile; fields: Field[] } | undefined {
  for (const file of pkg.files) {
    const fields = readStruct(file.toks, name);
    if (fields) return { file, fields };
  }
  return undefined;
}

/** The type of field `name` of struct at (promoted through embedded fields too). */
export function fieldType(ws: Workspace, at: Located, name: string, depth = 0): Located {
  const st = findStruct(at.pkg, at.name);
  if (!st) throw new GoReadError(`${at.pkg.importPath}: no struct ${at.name}`);
  const direct = st.fields.find((f) => f.name === name);
  if (direct) {
    if (!direct.type) throw new GoReadError(`${st.file.path}: field ${at.name}.${name} has a type this reader does not follow`);
    return ws.typeIn(at.pkg, st.file, direct.type);
  }
  if (depth < 4) {
    for (const f of st.fields.filter((x) => x.embedded && x.type)) {
      try {
        return fieldType(ws, ws.typeIn(at.pkg, st.file, f.type!), name, depth + 1);
      } catch (e) {
        if (!(e instanceof GoReadError)) throw e;
      }
    }
  }
  throw new GoReadError(`${st.file.path}: struct ${at.name} has no field ${name}`);
}

/** The config struct whose Flat form a component's ConfigSpec() returns. */
export function configOf(ws: Workspace, at: Located, depth = 0): Located {
  if (depth > 6) throw new GoReadError(`${at.pkg.importPath}: ConfigSpec of ${at.name} goes too deep`);
  for (const file of at.pkg.files) {
    const { recv, body } = findMethod(file.toks, at.name, "ConfigSpec");
    if (body < 0) continue;
    if (file.toks[body]?.v !== "return") throw new GoReadError(`${file.path}: ConfigSpec of ${at.name} is not a single return`);
    const ret = new ExprParser(file.toks, body + 1, file.path).expr();
    const chain = (node: Node): string[] | undefined => {
      const d = dotted(node);
      return d?.split(".");
    };
    // recv.a.b.FlatMapstructure().HCL2Spec()  or  recv.a.ConfigSpec()
    if (ret.k === "call" && ret.fn.k === "sel") {
      let path: string[] | undefined;
      let viaConfigSpec = false;
      const inner = ret.fn.x;
      if (ret.fn.name === "HCL2Spec" && inner.k === "call" && inner.fn.k === "sel" && inner.fn.name === "FlatMapstructure") path = chain(inner.fn.x);
      else if (ret.fn.name === "ConfigSpec") {
        path = chain(ret.fn.x);
        viaConfigSpec = true;
      }
      if (path && path[0] === recv) {
        let cur = at;
        for (const f of path.slice(1)) cur = fieldType(ws, cur, f);
        return viaConfigSpec ? configOf(ws, cur, depth + 1) : cur;
      }
    }
    throw new GoReadError(`${file.path}:${ret.line}: ConfigSpec of ${at.name} returns a form this reader does not know: ${show(ret)}`);
  }
  // promoted from an embedded field
  const st = findStruct(at.pkg, at.name);
  for (const f of st?.fields.filter((x) => x.embedded && x.type) ?? []) {
    try {
      return configOf(ws, ws.typeIn(at.pkg, st!.file, f.type!), depth + 1);
    } catch (e) {
      if (!(e instanceof GoReadError)) throw e;
    }
  }
  throw new GoReadError(`${at.pkg.importPath}: ${at.name} has no ConfigSpec method`);
}

// ---------------------------------------------------------------------------------------------
// Schema definitions

export interface Block {
  nesting: "single" | "list" | "set" | "map" | "attrs";
  def?: string;
  labels?: string[];
  type?: string;
}

export interface Def {
  attrs: Record<string, string>;
  blocks: Record<string, Block>;
  internal?: string[];
}

/**
 * How a data module writes a def that differs little from the def of the same Go key in the newest
 * release (`ebs.Config#3` against `ebs.Config`): the attributes and blocks added or changed, the
 * names removed (`$drop`), and `internal` only when it is not the base's still present. whole.ts
 * makes such defs whole again (data/index.ts's LOAD returns every def whole).
 */
export interface DefDelta {
  $base: string;
  attrs: Record<string, string>;
  blocks: Record<string, Block>;
  $drop?: string[];
  internal?: string[];
}

/** The defs as a data module writes them: a def becomes a DefDelta of its key's def when that is shorter. */
export function compactDefs(defs: Record<string, Def>): Record<string, Def | DefDelta> {
  const out: Record<string, Def | DefDelta> = {};
  for (const [name, d] of Object.entries(defs)) {
    const root = name.replace(/#\d+$/, "").replace(/^[^/]*\//, "");
    const b = defs[root];
    if (root === name || !b) {
      out[name] = d;
      continue;
    }
    const delta: DefDelta = { $base: root, attrs: {}, blocks: {} };
    for (const [k, v] of Object.entries(d.attrs)) if (b.attrs[k] !== v) delta.attrs[k] = v;
    for (const [k, v] of Object.entries(d.blocks)) if (stableJson(b.blocks[k]) !== stableJson(v)) delta.blocks[k] = v;
    const drop = [...Object.keys(b.attrs).filter((k) => !(k in d.attrs)), ...Object.keys(b.blocks).filter((k) => !(k in d.blocks))].sort();
    if (drop.length) delta.$drop = drop;
    const inherited = (b.internal ?? []).filter((n) => n in d.attrs);
    if (stableJson(inherited) !== stableJson(d.internal ?? [])) delta.internal = d.internal ?? [];
    out[name] = stableJson(delta).length < stableJson(d).length ? delta : d;
  }
  return out;
}

/** Attribute names that come from Packer's own fields (common.PackerConfig); Packer accepts them. */
export const INTERNAL = [
  "packer_build_name",
  "packer_builder_type",
  "packer_core_version",
  "packer_debug",
  "packer_force",
  "packer_on_error",
  "packer_user_variables",
  "packer_sensitive_variables",
];

/** A def before naming: blocks point at other raw defs by identity. */
interface RawDef {
  id: string;
  key: string;
  module: string;
  attrs: Record<string, string>;
  blocks: Record<string, { nesting: Block["nesting"]; ref?: string; labels?: string[]; type?: string }>;
}

class Collector {
  readonly defs = new Map<string, RawDef>();
  readonly ws: Workspace;
  constructor(ws: Workspace) {
    this.ws = ws;
  }

  /** Collects the Flat form of struct at, and everything it nests; returns its identity. */
  collect(at: Located): string {
    const id = `${at.pkg.module.path}@${at.pkg.module.ref}/${at.pkg.dir}#${at.name}`;
    if (this.defs.has(id)) return id;
    const flat = `Flat${at.name}`;
    let entries: SpecEntry[] | undefined;
    let file: GoFile | undefined;
    for (const f of at.pkg.files) {
      entries = readHCL2Spec(f.toks, flat, f.path);
      if (entries) {
        file = f;
        break;
      }
    }
    if (!entries || !file) throw new GoReadError(`${at.pkg.importPath}: no HCL2Spec for ${flat} (is ${at.name} missing from packer-sdc's -type list?)`);
    const raw: RawDef = { id, key: `${at.pkg.name}.${at.name}`, module: at.pkg.module.path, attrs: {}, blocks: {} };
    this.defs.set(id, raw);
    for (const e of entries) {
      if (raw.attrs[e.name] !== undefined || raw.blocks[e.name] !== undefined) {
        throw new GoReadError(`${file.path}: ${flat} declares "${e.name}" twice`);
      }
      if (e.kind === "attr") raw.attrs[e.name] = e.type;
      else if (e.nesting === "attrs") raw.blocks[e.name] = { nesting: "attrs", type: e.type };
      else {
        const target = this.ws.typeIn(at.pkg, file, e.nested);
        if (!target.name.startsWith("Flat")) throw new GoReadError(`${file.path}: block "${e.name}" nests ${target.name}, not a Flat type`);
        const ref = this.collect({ pkg: target.pkg, name: target.name.slice(4) });
        raw.blocks[e.name] = { nesting: e.nesting, ref, ...(e.labels ? { labels: e.labels } : {}) };
      }
    }
    return id;
  }
}

export interface PluginSchema {
  plugin: string;
  source: string;
  /** Former sources (ALIASES), when the plugin moved. */
  aliases?: string[];
  repository: string;
  releases: Record<string, Record<Kind, Record<string, string>>>;
  defs: Record<string, Def>;
}

function sortObject<T>(obj: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(obj).sort()) out[k] = obj[k]!;
  return out;
}

/** JSON with object keys sorted at every level, no whitespace. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(obj[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function version(tag: string): string {
  return tag.replace(/^v/, "");
}

/** Newest first by semantic version. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number(x));
  const pb = b.split(/[.-]/).map((x) => Number(x));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pb[i] ?? 0) - (pa[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

export interface Generated {
  schema: PluginSchema;
  /** Modules other than the plugin's own that were read, per release: module path -> version. */
  modules: Record<string, Record<string, string>>;
}

/**
 * Generates one plugin's schema from its pinned releases. Long because it is one pass per release
 * (registrations, then each component's config, then the nested types those name) whose steps
 * share the release's workspace and the defs found so far; split, they would pass both around.
 */
export function generatePlugin(sources: Sources, pins: Pin[]): Generated {
  const first = pins[0];
  if (!first) throw new Error("generatePlugin: no pins");
  const releases: Record<string, Record<Kind, Record<string, string>>> = {};
  const modules: Record<string, Record<string, string>> = {};
  const all = new Map<string, RawDef>();
  const order: string[] = [];
  const componentIds: Array<{ release: string; kind: Kind; name: string; id: string }> = [];
  const own = new Set<string>(); // the plugin's own module paths (they may change between releases)
  for (const pin of [...pins].sort((a, b) => compareVersions(version(a.tag), version(b.tag)))) {
    const ws = new Workspace(sources, pin.repository, pin.commit);
    own.add(ws.main.path);
    const regs = pin.plugin === "packer" ? coreRegistrations(ws) : pluginRegistrations(ws, pin.plugin);
    const col = new Collector(ws);
    const rel = version(pin.tag);
    releases[rel] = { source: {}, data: {}, provisioner: {}, "post-processor": {} };
    for (const reg of regs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (releases[rel][reg.kind][reg.name] !== undefined) throw new GoReadError(`${pin.repository} ${pin.tag}: ${reg.kind} ${reg.name} registered twice`);
      const cfg = configOf(ws, componentType(ws, reg));
      const id = col.collect(cfg);
      componentIds.push({ release: rel, kind: reg.kind, name: reg.name, id });
      releases[rel][reg.kind][reg.name] = id;
    }
    for (const [id, def] of col.defs) {
      if (!all.has(id)) order.push(id);
      all.set(id, def);
    }
    modules[rel] = Object.fromEntries([...ws.used].sort());
  }
  // Name the defs: identical content under one key is shared; differing content gets a module prefix or #n.
  const content = new Map<string, string>();
  const contentOf = (id: string, seen: Set<string> = new Set()): string => {
    const done = content.get(id);
    if (done) return done;
    if (seen.has(id)) return `<cycle ${all.get(id)!.key}>`;
    seen.add(id);
    const raw = all.get(id)!;
    const blocks: Record<string, unknown> = {};
    for (const [name, b] of Object.entries(raw.blocks)) blocks[name] = { ...b, ref: b.ref ? contentOf(b.ref, seen) : undefined };
    const text = stableJson({ key: raw.key, attrs: raw.attrs, blocks });
    content.set(id, text);
    return text;
  };
  const byKey = new Map<string, string[]>();
  for (const id of order) {
    const key = all.get(id)!.key;
    const texts = byKey.get(key) ?? [];
    const text = contentOf(id);
    if (!texts.includes(text)) texts.push(text);
    byKey.set(key, texts);
  }
  const nameOf = new Map<string, string>();
  for (const [key, texts] of byKey) {
    texts.forEach((text, i) => {
      let name = key;
      if (i > 0) {
        const id = order.find((x) => contentOf(x) === text)!;
        const mod = all.get(id)!.module;
        const short = mod
          .split("/")
          .pop()!
          .replace(/^packer-plugin-/, "");
        name = `${short}/${key}`;
        const taken = new Set(nameOf.values());
        if (own.has(mod) || taken.has(name)) name = `${key}#${i + 1}`;
      }
      nameOf.set(text, name);
    });
  }
  const defs: Record<string, Def> = {};
  for (const id of order) {
    const raw = all.get(id)!;
    const name = nameOf.get(contentOf(id))!;
    if (defs[name]) continue;
    const blocks: Record<string, Block> = {};
    for (const [bn, b] of Object.entries(raw.blocks)) {
      const out: Block = { nesting: b.nesting };
      if (b.ref) out.def = nameOf.get(contentOf(b.ref))!;
      if (b.labels) out.labels = b.labels;
      if (b.type) out.type = b.type;
      blocks[bn] = out;
    }
    const internal = Object.keys(raw.attrs)
      .filter((a) => INTERNAL.includes(a))
      .sort();
    defs[name] = { attrs: sortObject(raw.attrs), blocks: sortObject(blocks), ...(internal.length ? { internal } : {}) };
  }
  for (const c of componentIds) releases[c.release]![c.kind][c.name] = nameOf.get(contentOf(c.id))!;
  for (const rel of Object.values(releases)) for (const k of KINDS) rel[k] = sortObject(rel[k]);
  const schema: PluginSchema = {
    plugin: first.plugin,
    source: first.source,
    ...(ALIASES[first.plugin] ? { aliases: ALIASES[first.plugin] } : {}),
    repository: first.repository,
    releases,
    defs: sortObject(defs),
  };
  return { schema, modules };
}

// ---------------------------------------------------------------------------------------------
// Output files

export function dataFileName(plugin: string): string {
  return `${plugin}.json`;
}

/**
 * The data file of one plugin: its schema table as one line of JSON. It is read from disk when a
 * template first uses the plugin (read.ts), so the table never sits in the helper's code or its
 * code cache. Where it came from is in the README's coverage table and in PINS.
 */
export function renderPlugin(gen: Generated, _pins: Pin[]): string {
  const { schema } = gen;
  return `${stableJson({ ...schema, defs: compactDefs(schema.defs) })}\n`;
}

/** The index of covered plugins (no data imported until a LOAD thunk runs). */
export function renderIndex(schemas: PluginSchema[]): string {
  const sorted = [...schemas].sort((a, b) => (a.plugin < b.plugin ? -1 : 1));
  const lines = [
    "// Generated by tools/lib/validate/schemas/gen.ts; do not edit.",
    "// Regenerate: npm run gen:schemas (see ../README.md).",
    "// Each plugin's schema table is a JSON file beside this one, read only when a template uses the plugin.",
    'import { readSchema } from "../read.ts";',
    'import { whole } from "../whole.ts";',
  ];
  lines.push("");
  lines.push('export type Kind = "source" | "data" | "provisioner" | "post-processor";');
  lines.push("");
  lines.push("export interface PluginInfo {");
  lines.push("  source: string;");
  lines.push("  /** Former sources of a plugin that moved. */");
  lines.push("  aliases?: string[];");
  lines.push("  /** Newest first. */");
  lines.push("  releases: string[];");
  lines.push("  components: Record<Kind, string[]>;");
  lines.push("}");
  lines.push("");
  lines.push("export const PLUGINS: Record<string, PluginInfo> = {");
  for (const s of sorted) {
    const releases = Object.keys(s.releases).sort(compareVersions);
    const components: Record<string, string[]> = {};
    for (const k of KINDS) components[k] = [...new Set(releases.flatMap((r) => Object.keys(s.releases[r]![k])))].sort();
    lines.push(`  ${JSON.stringify(s.plugin)}: ${JSON.stringify({ source: s.source, aliases: s.aliases, releases, components })},`);
  }
  lines.push("};");
  lines.push("");
  lines.push("export const LOAD: Record<string, () => string> = {");
  for (const s of sorted) lines.push(`  ${JSON.stringify(s.plugin)}: () => whole(readSchema(${JSON.stringify(s.plugin)})),`);
  lines.push("};");
  return lines.join("\n") + "\n";
}

/** Arguments of a component: top-level names, and names at any depth. */
export function countArguments(schema: PluginSchema, def: string): { top: number; all: number } {
  const d = schema.defs[def];
  if (!d) return { top: 0, all: 0 };
  const top = Object.keys(d.attrs).length + Object.keys(d.blocks).length;
  let all = top;
  const walk = (name: string, seen: Set<string>): void => {
    const x = schema.defs[name];
    if (!x || seen.has(name)) return;
    for (const b of Object.values(x.blocks)) {
      if (!b.def) continue;
      const n = schema.defs[b.def];
      if (!n) continue;
      all += Object.keys(n.attrs).length + Object.keys(n.blocks).length;
      walk(b.def, new Set([...seen, name]));
    }
  };
  walk(def, new Set());
  return { top, all };
}

/** The README's coverage table. */
export function renderCoverage(schemas: PluginSchema[]): string {
  const rows = [
    "| plugin | source | releases (newest first) | components (newest release) | arguments (newest: top-level / with nested) |",
    "| --- | --- | --- | --- | --- |",
  ];
  const label = (k: Kind, c: string): string => (k === "source" ? c : `${k} ${c}`);
  for (const s of [...schemas].sort((a, b) => (a.plugin === "packer" ? -1 : b.plugin === "packer" ? 1 : a.plugin < b.plugin ? -1 : 1))) {
    const rels = Object.keys(s.releases).sort(compareVersions);
    const r = s.releases[rels[0]!]!;
    let top = 0;
    let all = 0;
    const names: string[] = [];
    for (const k of KINDS) {
      for (const [c, def] of Object.entries(r[k])) {
        const a = countArguments(s, def);
        top += a.top;
        all += a.all;
        names.push(label(k, c));
      }
    }
    const older = new Set<string>();
    for (const rel of rels.slice(1)) for (const k of KINDS) for (const c of Object.keys(s.releases[rel]![k])) if (!(c in r[k])) older.add(label(k, c));
    const comps = `${names.length}: ${names.join(", ")}${older.size ? `; only older releases: ${[...older].join(", ")}` : ""}`;
    const aliases = s.aliases?.length ? ` (formerly ${s.aliases.join(", ")})` : "";
    rows.push(`| ${s.plugin} | ${s.source || "(core)"}${aliases} | ${rels.join(", ")} | ${comps} | ${top} / ${all} |`);
  }
  return rows.join("\n");
}

/** Groups the pins by plugin, in table order. */
export function pinsByPlugin(pins: Pin[] = PINS): Map<string, Pin[]> {
  const out = new Map<string, Pin[]>();
  for (const p of pins) out.set(p.plugin, [...(out.get(p.plugin) ?? []), p]);
  return out;
}

/** What of a plugin's pinned sources is absent (its own repository and the modules its go.mod needs). */
export function missingSources(sources: GitSources, pins: Pin[]): string[] {
  const missing: string[] = [];
  for (const pin of pins) {
    const full = sources.resolve(pin.repository, pin.commit);
    if (!full) {
      missing.push(`${pin.repository} ${pin.tag} (${pin.commit}) in ${gitDir(sources.root, pin.repository)}`);
      continue;
    }
    const gomod = spawnSync("git", ["--git-dir", gitDir(sources.root, pin.repository), "show", `${full}:go.mod`], { encoding: "utf8" }).stdout;
    const sdk = /github\.com\/hashicorp\/packer-plugin-sdk\s+(v\S+)/.exec(gomod ?? "")?.[1];
    const sdkRef = sdk && (/[-.]\d{14}-([0-9a-f]{12})$/.exec(sdk)?.[1] ?? sdk); // a pseudo-version's commit
    if (sdk && sdkRef && !sources.resolve("github.com/hashicorp/packer-plugin-sdk", sdkRef)) {
      missing.push(`github.com/hashicorp/packer-plugin-sdk ${sdk} in ${gitDir(sources.root, "github.com/hashicorp/packer-plugin-sdk")}`);
    }
  }
  return missing;
}
