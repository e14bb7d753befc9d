/** Cases for the check table of the azure plugin (checks/data/azure.json): the client config (as azure-arm embeds it), the azure-chroot builder and the azure-dtlartifact provisioner. */
import { source, step, type CheckCase } from "./cases.ts";
import { AZURE_CASES, block, HEADER, managed, NOVALID, SUB } from "./azure.ts";
import { maker, type Args } from "./googlecompute.ts";

const DTL_ARGS: Args = { lab_name: '"lab"', lab_resource_group_name: '"labs"', vm_name: '"builder"' };
/** The azure-dtlartifact provisioner, in a build of a null source. */
export const AZURE_DTL_CASES: CheckCase[] = [
  maker((args) => step("provisioner", "azure-dtlartifact", args, '  dtl_artifacts {\n    artifact_name = "windows-7zip"\n  }\n'), { args: DTL_ARGS })(
    "azure:devtestlabsartifacts.Config:durations",
    { polling_duration_timeout: '"15"' },
    "error decoding 'polling_duration_timeout': time: missing unit in duration \"15\"",
    '"15"',
    { validArgs: { polling_duration_timeout: '"15m"' } },
  ),
];

/** An azure-chroot build of a managed image from a marketplace image. */
const CHROOT: Args = {
  use_azure_cli_auth: "true",
  source: '"Canonical:0001-com-ubuntu-server-jammy:22_04-lts:latest"',
  image_resource_id: '"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/images/providers/Microsoft.Compute/images/runner-1"',
};
const SCRATCH = { source: null, from_scratch: "true", os_disk_size_gb: "30", pre_mount_commands: '["parted {{.Device}} mklabel gpt"]' };
const chrootSource = maker((args, blocks) => source("azure-chroot", args, blocks), { args: CHROOT });
const R = "azure:chroot.Config:";
const D = "azure:chroot.SharedImageGalleryDestination:";
const CHROOT_HEADER = '"azure-chroot"';
const SID = { resource_group: '"images"', gallery_name: '"gallery"', image_name: '"runner"', image_version: '"1.0.0"' };
const CACHE_LIST = "[None ReadOnly ReadWrite]";
const STORAGE_LIST = "[Premium_LRS Premium_ZRS Standard_LRS StandardSSD_LRS StandardSSD_ZRS UltraSSD_LRS]";

/** The azure-chroot builder. */
export const AZURE_CHROOT_CASES: CheckCase[] = [
  chrootSource(
    `${R}from-scratch-lvm`,
    { lvm_root_device: '"/dev/mapper/rootvg-rootlv"' },
    "lvm_root_device cannot be specified when building from_scratch",
    "lvm_root_device",
    {
      validArgs: SCRATCH,
    },
  ),
  chrootSource(
    `${R}from-scratch-source`,
    { source: '"Canonical:ubuntu:22_04-lts:latest"' },
    "source cannot be specified when building from_scratch",
    "source =",
    {
      validArgs: SCRATCH,
    },
  ),
  chrootSource(`${R}from-scratch-size`, { os_disk_size_gb: null }, "os_disk_size_gb is required with from_scratch", CHROOT_HEADER, { validArgs: SCRATCH }),
  chrootSource(`${R}from-scratch-pre-mount`, { pre_mount_commands: null }, "pre_mount_commands is required with from_scratch", CHROOT_HEADER, {
    validArgs: SCRATCH,
  }),
  chrootSource(
    `${R}source`,
    { source: '"ubuntu:22.04"' },
    'source: "ubuntu:22.04" is not a valid platform image specifier, nor is it a disk resource ID',
    '"ubuntu:22.04"',
    { validArgs: { source: '"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/disks/providers/Microsoft.Compute/disks/base"' } },
  ),
  chrootSource(`${R}source-required`, { source: null }, 'source: "" is not a valid platform image specifier, nor is it a disk resource ID', CHROOT_HEADER),
  chrootSource(
    `${R}os-disk-cache-type`,
    { os_disk_cache_type: '"readonly"' },
    `os_disk_cache_type: "readonly" is not a valid value ${CACHE_LIST}`,
    '"readonly"',
    { validArgs: { os_disk_cache_type: '"ReadWrite"' } },
  ),
  chrootSource(
    `${R}os-disk-storage-account-type`,
    { os_disk_storage_account_type: '"Premium"' },
    `os_disk_storage_account_type: "Premium" is not a valid value ${STORAGE_LIST}`,
    '"Premium"',
    { validArgs: { os_disk_storage_account_type: '"StandardSSD_LRS"' } },
  ),
  chrootSource(`${R}data-disk-cache-type`, { data_disk_cache_type: '"Off"' }, `data_disk_cache_type: "Off" is not a valid value ${CACHE_LIST}`, '"Off"', {
    validArgs: { data_disk_cache_type: '"None"' },
  }),
  chrootSource(
    `${R}data-disk-storage-account-type`,
    { data_disk_storage_account_type: '"premium_lrs"' },
    `data_disk_storage_account_type: "premium_lrs" is not a valid value ${STORAGE_LIST}`,
    '"premium_lrs"',
    { validArgs: { data_disk_storage_account_type: '"Premium_LRS"' } },
  ),
  chrootSource(
    `${R}image-resource-id`,
    { image_resource_id: '"/subscriptions/0/resourceGroups/images/providers/Microsoft.Compute/disks/runner-1"' },
    'image_resource_id: "/subscriptions/0/resourceGroups/images/providers/Microsoft.Compute/disks/runner-1" is not a valid image resource id',
    '"/subscriptions/0/',
  ),
  chrootSource(`${R}image-output`, { skip_create_image: null }, "image_resource_id or shared_image_destination is required", CHROOT_HEADER, {
    validArgs: { image_resource_id: null, skip_create_image: "true" },
  }),
  chrootSource(`${R}hyperv-generation`, { image_hyperv_generation: '"v2"' }, 'image_hyperv_generation: "v2" is not a valid value [V1 V2]', '"v2"', {
    validArgs: { image_hyperv_generation: '"V2"' },
  }),
  chrootSource(
    `${R}lvm-root-device-characters`,
    { lvm_root_device: '"/dev/mapper/root\\t"' },
    'lvm_root_device: "/dev/mapper/root\\t" contains invalid whitespace or control characters',
    '"/dev/mapper/root\\t"',
    { validArgs: { lvm_root_device: '"/dev/mapper/root lv"' } },
  ),
  chrootSource(
    `${R}lvm-root-device-traversal`,
    { lvm_root_device: '"../dev/sda1"' },
    'lvm_root_device: "../dev/sda1" must not contain path traversal (..)',
    '"../dev/sda1"',
    { validArgs: { lvm_root_device: '"/dev/../dev/sda1"' } },
  ),
  chrootSource(
    `${R}lvm-root-device-dev`,
    { lvm_root_device: '"/mnt/root"' },
    'lvm_root_device: "/mnt/root" must be an absolute device path starting with /dev/ (resolved to "/mnt/root")',
    '"/mnt/root"',
    { validArgs: { lvm_root_device: '"/dev/mapper/rootvg-rootlv"' } },
  ),
  ...(["resource_group", "gallery_name", "image_name"] as const).map((f) =>
    chrootSource(`${D}${f.replace("_", "-")}`, { image_resource_id: null }, `shared_image_destination.${f} is required`, "shared_image_destination {", {
      validArgs: { image_resource_id: null },
      validBlocks: block("shared_image_destination", SID),
      blocks: block("shared_image_destination", Object.fromEntries(Object.entries(SID).filter(([k]) => k !== f))),
    }),
  ),
  chrootSource(`${D}image-version`, { image_resource_id: null }, "shared_image_destination.image_version should match '^[0-9]+\\.[0-9]+\\.[0-9]+$'", '"1.0"', {
    validArgs: { image_resource_id: null },
    validBlocks: block("shared_image_destination", SID),
    blocks: block("shared_image_destination", { ...SID, image_version: '"1.0"' }),
  }),
  chrootSource(
    `${D}image-version-required`,
    { image_resource_id: null },
    "shared_image_destination.image_version should match '^[0-9]+\\.[0-9]+\\.[0-9]+$'",
    "shared_image_destination {",
    {
      validArgs: { image_resource_id: null },
      validBlocks: block("shared_image_destination", SID),
      blocks: block("shared_image_destination", { resource_group: SID.resource_group, gallery_name: SID.gallery_name, image_name: SID.image_name }),
    },
  ),
];

const A = "azure:client.Config:";
/** Signing in with a service principal instead of the CLI. */
const SP = { use_azure_cli_auth: null, subscription_id: SUB, client_id: '"11111111-1111-1111-1111-111111111111"', client_secret: '"secret"' };
export const AZURE_CLIENT_CASES: CheckCase[] = [
  managed(
    `${A}cloud-environment`,
    { cloud_environment_name: '"AzureCloud"' },
    "There is no cloud environment matching the name 'AzureCloud'!",
    '"AzureCloud"',
    {
      validArgs: { cloud_environment_name: '"AzurePublicCloud"' },
      severity: "warning",
    },
  ),
  managed(`${A}auth-subscription`, { subscription_id: null }, NOVALID, HEADER, { validArgs: SP }),
  managed(`${A}auth-client-id`, { client_id: null }, NOVALID, HEADER, { validArgs: SP }),
  managed(`${A}auth-oidc-token`, { oidc_request_token: null }, NOVALID, HEADER, {
    validArgs: { ...SP, client_secret: null, oidc_request_url: '"https://token.example/"', oidc_request_token: '"token"' },
  }),
  managed(`${A}auth-oidc-url`, { oidc_request_url: null }, NOVALID, HEADER, {
    validArgs: { ...SP, client_secret: null, oidc_request_url: '"https://token.example/"', oidc_request_token: '"token"' },
  }),
  managed(`${A}auth-one-secret`, { client_jwt: '"eyJhbGciOi"' }, NOVALID, "client_jwt", { validArgs: SP }),
  managed(`${A}auth-one-secret-oidc`, { oidc_request_url: null, client_jwt: '"eyJhbGciOi"' }, NOVALID, "client_jwt", {
    validArgs: { ...SP, oidc_request_url: '"https://token.example/"', oidc_request_token: '"token"' },
  }),
];

/** Every case of the azure table. */
export const AZURE_ALL_CASES: CheckCase[] = [...AZURE_CASES, ...AZURE_CLIENT_CASES, ...AZURE_CHROOT_CASES, ...AZURE_DTL_CASES];
