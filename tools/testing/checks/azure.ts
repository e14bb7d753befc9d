/** Cases for the check table of the azure plugin (checks/data/azure.json): the azure-arm builder and the client config it embeds (azure-others.ts: the rest). */
import { source, withArgs, type CheckCase } from "./cases.ts";
import { maker, type Args } from "./googlecompute.ts";

/** A managed image from a marketplace image, signed in with the Azure CLI. */
export const MANAGED: Args = {
  use_azure_cli_auth: "true",
  location: '"eastus"',
  os_type: '"Linux"',
  image_publisher: '"Canonical"',
  image_offer: '"0001-com-ubuntu-server-jammy"',
  image_sku: '"22_04-lts"',
  managed_image_name: '"runner-1"',
  managed_image_resource_group_name: '"images"',
};
const PLATFORM = { image_publisher: null, image_offer: null, image_sku: null };
const NO_MANAGED = { managed_image_name: null, managed_image_resource_group_name: null };
/** A VHD in a storage account, from a VHD. */
const VHD: Args = withArgs(withArgs(MANAGED, { ...PLATFORM, ...NO_MANAGED }), {
  image_url: '"https://sa.blob.core.windows.net/vhds/base.vhd"',
  storage_account: '"sa"',
  resource_group_name: '"storage"',
  capture_container_name: '"images"',
  capture_name_prefix: '"runner"',
});
/** A managed image from a custom managed image. */
const CUSTOM: Args = withArgs(MANAGED, { ...PLATFORM, custom_managed_image_name: '"base"', custom_managed_image_resource_group_name: '"images"' });
/** An image version in a compute gallery, from a marketplace image. */
const SIG: Args = withArgs(MANAGED, NO_MANAGED);
export const block = (name: string, inner: Record<string, string>, nested = ""): string =>
  `  ${name} {\n${Object.entries(inner)
    .map(([k, v]) => `    ${k} = ${v}\n`)
    .join("")}${nested}  }\n`;
const DEST = { gallery_name: '"gallery"', resource_group: '"images"', image_name: '"runner"', image_version: '"1.0.0"' };
const dest = (extra: Record<string, string> = {}, nested = ""): string => block("shared_image_gallery_destination", { ...DEST, ...extra }, nested);
const region = (inner: Record<string, string>): string =>
  `    target_region {\n${Object.entries(inner)
    .map(([k, v]) => `      ${k} = ${v}\n`)
    .join("")}    }\n`;
const GALLERY = { gallery_name: '"base"', subscription: '"00000000-0000-0000-0000-000000000000"', resource_group: '"images"', image_name: '"ubuntu"' };
const GALLERY_ID = '"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/images/providers/Microsoft.Compute/galleries/base/images/ubuntu"';
const COMMUNITY = '"/CommunityGalleries/base-1234/Images/ubuntu/Versions/latest"';
const DES = '"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/keys/providers/Microsoft.Compute/diskEncryptionSets/des"';
const IDENTITY = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ids/providers/Microsoft.ManagedIdentity/userAssignedIdentities/builder";
export const SUB = '"00000000-0000-0000-0000-000000000000"';

const arm = (base: Args) => maker((args, blocks) => source("azure-arm", args, blocks), { args: base });
export const managed = arm(MANAGED);
const vhd = arm(VHD);
const custom = arm(CUSTOM);
const sig = arm(SIG);
const C = "azure:arm.Config:";
const T = "azure:arm.TargetRegion:";

const PASSWORD_MSG =
  'The supplied "winrm_password" must be between 8-123 characters long and must satisfy at least 3 from the following: 1) Contains an uppercase character 2) Contains a lowercase character 3) Contains a numeric digit 4) Contains a special character 5) Control characters are not allowed';
const SOURCES_MSG =
  "Specify either a VHD (image_url), Image Reference (image_publisher, image_offer, image_sku), a Managed Disk (custom_managed_disk_image_name, custom_managed_disk_resource_group_name), or a Shared Gallery Image (shared_image_gallery)";
const ID_MSG =
  "Error parsing resource ID from `user_assigned_managed_identities`; please make sure that this value follows the full resource id format: /subscriptions/<SUBSCRIPTION_ID>/resourcegroups/<RESOURCE_GROUP>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<USER_ASSIGNED_IDENTITY_NAME>. Original error: ";
const CAPTURE_MSG = "A capture_container_name, managed_image_name and managed_image_resource_group_name, or shared_image_gallery_destination must be specified";
export const NOVALID =
  "No valid set of authentication values specified: to use the Managed Identity of the current machine, do not specify any of the fields below: - client_secret - client_jwt - client_cert_path - use_azure_cli_auth to use an Azure Active Directory service principal, specify either: - subscription_id, client_id and client_secret - subscription_id, client_id and client_cert_path - subscription_id, client_id and client_jwt - subscription_id, client_id, oidc_request_url, and oidc_request_token.";
const WINRM = { communicator: '"winrm"', winrm_username: '"packer"', winrm_password: '"Str0ng!Passw0rd"' };
const CVM = { security_type: '"ConfidentialVM"', security_encryption_type: '"DiskWithVMGuestState"' };
export const HEADER = '"azure-arm"';

const PREAMBLE_CASES: CheckCase[] = [
  managed(`${C}winrm-password`, { winrm_password: '"short"' }, PASSWORD_MSG, '"short"', { validArgs: WINRM }),
  managed(`${C}winrm-password-from-ssh`, { ssh_password: '"password"' }, PASSWORD_MSG, '"password"', {
    validArgs: { ssh_password: '"Passw0rd!"' },
  }),
  managed(
    `${C}ssh-key-read`,
    { ssh_private_key_file: '"${path.root}/missing.pem"' },
    "Error on reading SSH private key: open missing.pem: no such file or directory",
    '"${path.root}/missing.pem"',
    { validArgs: { ssh_private_key_file: '"${path.root}/id.pem"' }, disk: { "id.pem": "key" } },
  ),
  managed(`${C}durations`, { polling_duration_timeout: '"15"' }, "error decoding 'polling_duration_timeout': time: missing unit in duration \"15\"", '"15"', {
    validArgs: { polling_duration_timeout: '"15m"' },
  }),
];

const IDENTITY_CASES: CheckCase[] = [
  managed(`${C}identity-id`, { user_assigned_managed_identities: '["builder"]' }, `${ID_MSG}Expected even number of segments`, '"builder"', {
    validArgs: { user_assigned_managed_identities: `["${IDENTITY}"]` },
  }),
  managed(
    `${C}identity-id`,
    { user_assigned_managed_identities: '["/subscription/s/resourceGroups/g/providers/p/userAssignedIdentities/i"]' },
    `${ID_MSG}Expected first segment to be 'subscriptions', but found "subscription"`,
    '"/subscription/',
    { name: "a misspelled key", validArgs: { user_assigned_managed_identities: `["${IDENTITY}"]` } },
  ),
  managed(
    `${C}identity-provider`,
    { user_assigned_managed_identities: `["${IDENTITY.replace("Microsoft.ManagedIdentity", "Microsoft.Compute")}"]` },
    "A valid user assigned managed identity resource id must have a correct resource provider",
    '"/subscriptions/',
    { validArgs: { user_assigned_managed_identities: `["${IDENTITY.toUpperCase()}"]` } },
  ),
  managed(
    `${C}identity-type`,
    { user_assigned_managed_identities: `["${IDENTITY.replace("userAssignedIdentities", "identities")}"]` },
    "A valid user assigned managed identity resource id must have a correct resource type",
    '"/subscriptions/',
    { validArgs: { user_assigned_managed_identities: `["${IDENTITY}"]` } },
  ),
];

const CAPTURE_CASES: CheckCase[] = [
  {
    // With no output at all, Packer also asks for the storage account of a VHD.
    ...managed(`${C}capture-output`, NO_MANAGED, CAPTURE_MSG, HEADER),
    more: [
      { message: "A storage_account must be specified", at: HEADER },
      { message: "A resource_group_name must be specified", at: HEADER },
    ],
  },
  managed(
    `${C}managed-image-together`,
    { managed_image_resource_group_name: null },
    "managed_image_name and managed_image_resource_group_name must be specified together",
    "managed_image_name",
  ),
  vhd(
    `${C}capture-container-name`,
    { capture_container_name: '"Images"' },
    'A capture_container_name must satisfy the regular expression "^[a-z0-9][a-z0-9\\\\-]{2,62}$".',
    '"Images"',
  ),
  vhd(
    `${C}capture-container-hyphen-end`,
    { capture_container_name: '"images-"' },
    "A capture_container_name must not end with a hyphen, e.g. '-'.",
    '"images-"',
  ),
  vhd(
    `${C}capture-container-hyphens`,
    { capture_container_name: '"my--images"' },
    "A capture_container_name must not contain consecutive hyphens, e.g. '--'.",
    '"my--images"',
  ),
  managed(
    `${C}temp-or-build-group`,
    { temp_resource_group_name: '"packer-tmp"' },
    "The settings temp_resource_group_name and build_resource_group_name cannot both be defined.  Please define one or neither.",
    "temp_resource_group_name",
    { validArgs: { location: null, build_resource_group_name: '"build"' } },
  ),
];

const SOURCE_CASES: CheckCase[] = [
  vhd(`${C}one-source-custom`, { custom_managed_image_name: '"base"' }, SOURCES_MSG, "custom_managed_image_name"),
  {
    ...vhd(`${C}one-source-platform`, { image_publisher: '"Canonical"' }, SOURCES_MSG, "image_publisher"),
    more: [{ message: "An image_url must not be specified if image_publisher, image_offer, image_sku, or image_version is specified", at: "image_publisher" }],
  },
  sig(`${C}one-source-gallery`, { image_publisher: '"Canonical"' }, SOURCES_MSG, "gallery_name", {
    validArgs: PLATFORM,
    validBlocks: block("shared_image_gallery", GALLERY) + dest(),
  }),
  sig(`${C}one-source-gallery-id`, { image_publisher: '"Canonical"' }, SOURCES_MSG, "id =", {
    validArgs: PLATFORM,
    validBlocks: block("shared_image_gallery", { id: GALLERY_ID }) + dest(),
  }),
  {
    ...vhd(
      `${C}managed-image-from-vhd`,
      { managed_image_resource_group_name: '"images"' },
      "A managed image must be created from a managed image, it cannot be created from a VHD.",
      "managed_image_resource_group_name",
    ),
    more: [{ message: "managed_image_name and managed_image_resource_group_name must be specified together", at: "managed_image_resource_group_name" }],
  },
  managed(
    `${C}confidential-vm-output`,
    { security_type: '"ConfidentialVM"' },
    "Setting a security type of 'ConfidentialVM' is not allowed when building a VHD or creating a Managed Image, only when publishing directly to Shared Image Gallery",
    "security_type",
  ),
  managed(
    `${C}managed-image-secure-boot`,
    { secure_boot_enabled: "true" },
    "A managed image (managed_image_name, managed_image_resource_group_name) can not set SecureBoot or VTpm, these features are only supported when directly publishing to a Shared Image Gallery",
    "secure_boot_enabled",
  ),
  managed(
    `${C}managed-image-specialized`,
    {},
    "A managed image (managed_image_name, managed_image_resource_group_name) can not be Specialized (shared_image_gallery_destination.specialized can not be set), Specialized images are only supported when directly publishing to a Shared Image Gallery",
    "specialized",
    { blocks: block("shared_image_gallery_destination", { specialized: "true" }) },
  ),
  managed(
    `${C}disk-encryption-output`,
    { disk_encryption_set_id: DES },
    "Setting a disk encryption set ID is not allowed when building a VHD or creating a Managed Image, only when publishing directly to Shared Image Gallery",
    "disk_encryption_set_id",
  ),
];

const G = (inner: Record<string, string>): string => block("shared_image_gallery", inner);
const GALLERY_CASES: CheckCase[] = [
  managed(`${C}gallery-kinds`, {}, "Cannot specify multiple kinds of azure compute gallery sources", "gallery_name", {
    validArgs: PLATFORM,
    validBlocks: G({ community_gallery_image_id: COMMUNITY }),
    blocks: G({ community_gallery_image_id: COMMUNITY, gallery_name: '"base"' }),
  }),
  managed(
    `${C}gallery-community-or-direct`,
    {},
    "Cannot specify both community gallery and direct shared gallery as a source",
    "direct_shared_gallery_image_id",
    {
      validArgs: PLATFORM,
      validBlocks: G({ community_gallery_image_id: COMMUNITY }),
      blocks: G({ community_gallery_image_id: COMMUNITY, direct_shared_gallery_image_id: '"/sharedGalleries/base/images/ubuntu/versions/latest"' }),
    },
  ),
  ...(["subscription", "resource_group", "image_name"] as const).map((f) =>
    managed(`${C}gallery-${f.replace("_", "-")}`, {}, `A shared_image_gallery.${f} must be specified`, "shared_image_gallery {", {
      validArgs: PLATFORM,
      validBlocks: G(GALLERY),
      blocks: G(Object.fromEntries(Object.entries(GALLERY).filter(([k]) => k !== f))),
    }),
  ),
  {
    // A gallery and an ID are two kinds of source for Packer's count as well.
    ...managed(`${C}gallery-no-id`, {}, "A shared_image_gallery.id must not be specified", "id =", {
      validArgs: PLATFORM,
      validBlocks: G(GALLERY),
      blocks: G({ ...GALLERY, id: GALLERY_ID }),
    }),
    more: [{ message: SOURCES_MSG, at: "id =" }],
  },
  ...(["subscription", "resource_group", "image_name", "image_version"] as const).map((f) =>
    managed(
      `${C}gallery-id-${f.replace("_", "-")}`,
      {},
      `When setting shared_image_gallery.id, shared_image_gallery.${f} must not be specified`,
      `    |${f} =`,
      {
        validArgs: PLATFORM,
        validBlocks: G({ id: GALLERY_ID }),
        blocks: G({ id: GALLERY_ID, [f]: f === "subscription" ? SUB : '"x"' }),
      },
    ),
  ),
  ...(["publisher", "offer", "sku"] as const).map((f) =>
    managed(
      `${C}image-${f}`,
      { [`image_${f}`]: null },
      `${f === "publisher" ? "An image_publisher" : f === "offer" ? "An image_offer" : "An image_sku"} must be specified`,
      HEADER,
    ),
  ),
  custom(`${C}custom-image-group`, { custom_managed_image_resource_group_name: null }, "A custom_managed_image_resource_group_name must be specified", HEADER),
  {
    ...custom(`${C}custom-image-output-group`, { managed_image_resource_group_name: null }, "A managed_image_resource_group_name must be specified", HEADER),
    more: [{ message: "managed_image_name and managed_image_resource_group_name must be specified together", at: "managed_image_name" }],
  },
  {
    ...custom(`${C}custom-image-output-name`, { managed_image_name: null }, "A managed_image_name must be specified", HEADER),
    more: [
      { message: CAPTURE_MSG, at: HEADER },
      { message: "managed_image_name and managed_image_resource_group_name must be specified together", at: "managed_image_resource_group_name" },
    ],
  },
  vhd(
    `${C}image-url-and-platform`,
    { image_version: '"latest"' },
    "An image_url must not be specified if image_publisher, image_offer, image_sku, or image_version is specified",
    "image_version",
  ),
  {
    ...custom(
      `${C}custom-image-and-platform`,
      { image_publisher: '"Canonical"' },
      "An image_url must not be specified if image_publisher, image_offer, image_sku, or image_version is specified",
      "image_publisher",
    ),
    more: [{ message: SOURCES_MSG, at: "image_publisher" }],
  },
];

const DEPLOYMENT_CASES: CheckCase[] = [
  managed(
    `${C}skip-key-vault-winrm`,
    { communicator: null },
    "Communicator type must be winrm when skip_create_build_key_vault is set",
    "skip_create_build_key_vault",
    {
      validArgs: { ...WINRM, skip_create_build_key_vault: "true" },
    },
  ),
  managed(
    `${C}location-or-build-group`,
    { location: null },
    "Specify either a location to create the resource group in or an existing build_resource_group_name, but not both.",
    HEADER,
  ),
  managed(
    `${C}location-or-build-group`,
    { build_resource_group_name: '"build"' },
    "Specify either a location to create the resource group in or an existing build_resource_group_name, but not both.",
    "build_resource_group_name",
    { name: "both" },
  ),
  {
    ...vhd(`${C}vhd-storage-account`, { storage_account: null }, "A storage_account must be specified", HEADER),
    more: [
      {
        message: "storage_account and resource_group_name must be specified together; resource_group_name is the resource group of the storage account",
        at: "resource_group_name",
      },
    ],
  },
  {
    ...vhd(`${C}vhd-resource-group`, { resource_group_name: null }, "A resource_group_name must be specified", HEADER),
    more: [
      {
        message: "storage_account and resource_group_name must be specified together; resource_group_name is the resource group of the storage account",
        at: "storage_account",
      },
    ],
  },
  managed(
    `${C}storage-account-together`,
    { storage_account: '"sa"' },
    "storage_account and resource_group_name must be specified together; resource_group_name is the resource group of the storage account",
    "storage_account",
  ),
  managed(
    `${C}resource-group-names`,
    { managed_image_resource_group_name: '"images-"' },
    "The setting managed_image_resource_group_name must match the regular expression \"^[^_\\\\W][\\\\w-._\\\\(\\\\)]{0,89}$\", and not end with a '-' or '.'.",
    '"images-"',
    { validArgs: { managed_image_resource_group_name: '"images_(ci).1"' } },
  ),
  managed(
    `${C}managed-image-name`,
    { managed_image_name: '"_runner"' },
    "The setting managed_image_name must match the regular expression \"^[^_\\\\W][\\\\w-._)]{0,79}$\", and not end with a '-' or '.'.",
    '"_runner"',
    { validArgs: { managed_image_name: '"runner_1.0"' } },
  ),
  managed(
    `${C}security-type`,
    { security_type: '"Trusted"' },
    'The security_type "Trusted" must match either "TrustedLaunch" or "ConfidentialVM".',
    '"Trusted"',
    {
      validArgs: { security_type: '"TrustedLaunch"' },
    },
  ),
  sig(
    `${C}security-encryption-type`,
    { security_encryption_type: '"Full"' },
    'The security_encryption_type "Full" must match either "VMGuestStateOnly" or "DiskWithVMGuestState".',
    '"Full"',
    { validArgs: CVM, validBlocks: dest() },
  ),
  managed(
    `${C}snapshot-name`,
    { managed_image_os_disk_snapshot_name: '"os-snap"' },
    "The setting managed_image_os_disk_snapshot_name must only contain characters from a-z, A-Z, 0-9 and _ and the maximum length is 80 characters",
    '"os-snap"',
    { validArgs: { managed_image_os_disk_snapshot_name: '"os_snap"' } },
  ),
  managed(
    `${C}snapshot-prefix`,
    { managed_image_data_disk_snapshot_prefix: '"data-"' },
    "The setting managed_image_data_disk_snapshot_prefix must only contain characters from a-z, A-Z, 0-9 and _ and the maximum length (excluding the prefix) is 60 characters",
    '"data-"',
    { validArgs: { managed_image_data_disk_snapshot_prefix: '"data_"' } },
  ),
  managed(
    `${C}resource-prefix`,
    { custom_resource_build_prefix: '"runner-images"' },
    "The setting custom_resource_build_prefix must only contain characters from a-z, A-Z, 0-9 and - and the maximum length is 10 characters",
    '"runner-images"',
    { validArgs: { custom_resource_build_prefix: '"runner-1"' } },
  ),
];

const GALLERY_DESTINATION_CASES: CheckCase[] = [
  ...(
    [
      ["resource_group", "gallery-destination-group", "A resource_group must be specified for shared_image_gallery_destination"],
      ["image_name", "gallery-destination-image", "An image_name must be specified for shared_image_gallery_destination"],
      [
        "image_version",
        "gallery-destination-version-required",
        "An image_version must be specified for shared_image_gallery_destination and must follow the Major(int).Minor(int).Patch(int) format",
      ],
    ] as const
  ).map(([f, id, message]) =>
    sig(`${C}${id}`, {}, message, "shared_image_gallery_destination {", {
      validBlocks: dest(),
      blocks: block("shared_image_gallery_destination", Object.fromEntries(Object.entries(DEST).filter(([k]) => k !== f))),
    }),
  ),
  sig(
    `${C}gallery-destination-version`,
    {},
    "An image_version must be specified for shared_image_gallery_destination and must follow the Major(int).Minor(int).Patch(int) format",
    '"1.0"',
    { validBlocks: dest(), blocks: dest({ image_version: '"1.0"' }) },
  ),
  sig(
    `${C}replicated-regions-or-target-region`,
    {},
    "`replicated_regions` can not be defined alongside `target_region`; you can define a target_region for each destination region you wish to replicate to.",
    "replication_regions",
    { validBlocks: dest({}, region({ name: '"eastus"' })), blocks: dest({ replication_regions: '["westus"]' }, region({ name: '"eastus"' })) },
  ),
  sig(
    `${C}replica-count-or-target-region`,
    { shared_image_gallery_replica_count: "2" },
    "`shared_image_gallery_replica_count` can not be defined alongside `target_region`; you can define `replicas` inside each target_region block to set the number replicas for each region",
    "shared_image_gallery_replica_count",
    { validBlocks: dest({}, region({ name: '"eastus"', replicas: "2" })) },
  ),
  sig(
    `${C}shallow-replication-regions`,
    {},
    "when `use_shallow_replication` there can only be one destination region set matching the build location of the Shared Image Gallery.",
    '["eastus"',
    {
      validBlocks: dest({ use_shallow_replication: "true", replication_regions: '["eastus"]' }),
      blocks: dest({ use_shallow_replication: "true", replication_regions: '["eastus", "westus"]' }),
    },
  ),
  sig(
    `${C}shallow-replication-count`,
    { shared_image_gallery_replica_count: "2" },
    "When using shallow replication the replica count can only be 1, leaving this value unset will default to 1",
    "shared_image_gallery_replica_count = |2",
    { validBlocks: dest({ use_shallow_replication: "true" }) },
  ),
  sig(
    `${C}gallery-destination-encryption-type`,
    {},
    'The shared_image_gallery_destination setting confidential_vm_image_encryption_type must match either "EncryptedWithCmk", "EncryptedVMGuestStateOnlyWithPmk" or "EncryptedWithPmk".',
    '"Cmk"',
    { validBlocks: dest({ confidential_vm_image_encryption_type: '"EncryptedWithPmk"' }), blocks: dest({ confidential_vm_image_encryption_type: '"Cmk"' }) },
  ),
  sig(
    `${C}cvm-source-disk-encryption`,
    { disk_encryption_set_id: null },
    'when using a confidential vm as source to an cvm image version and a confidential_vm_image_encryption_type of "EncryptedWithCmk", the source cvm must have a disk_encryption_set_id set',
    HEADER,
    { validArgs: { ...CVM, disk_encryption_set_id: DES }, validBlocks: dest({ confidential_vm_image_encryption_type: '"EncryptedWithCmk"' }) },
  ),
  sig(
    `${C}cvm-disk-state-encryption`,
    {},
    'The security_encryption_type setting "DiskWithVMGuestState" does not match the shared_image_gallery_destination confidential_vm_image_encryption_type setting "EncryptedVMGuestStateOnlyWithPmk". security_encryption type "DiskWithVMGuestState" needs to match "EncryptedWithPMK" or "EncryptedWithCMK".',
    '"EncryptedVMGuestStateOnlyWithPmk"',
    {
      validArgs: CVM,
      validBlocks: dest({ confidential_vm_image_encryption_type: '"EncryptedWithPmk"' }),
      blocks: dest({ confidential_vm_image_encryption_type: '"EncryptedVMGuestStateOnlyWithPmk"' }),
    },
  ),
  sig(
    `${C}cvm-guest-state-encryption`,
    {},
    'The security_encryption_type setting "VMGuestStateOnly" does not match the shared_image_gallery_destination confidential_vm_image_encryption_type setting "EncryptedWithPmk". security_encryption type "VMGuestStateOnly" needs to match "EncryptedVMGuestStateOnlyWithPmk".',
    '"EncryptedWithPmk"',
    {
      validArgs: { ...CVM, security_encryption_type: '"VMGuestStateOnly"' },
      validBlocks: dest({ confidential_vm_image_encryption_type: '"EncryptedVMGuestStateOnlyWithPmk"' }),
      blocks: dest({ confidential_vm_image_encryption_type: '"EncryptedWithPmk"' }),
    },
  ),
  {
    ...sig(
      `${C}cvm-encryption-type-known`,
      { security_encryption_type: '"Full"' },
      'Fatal error, security_encryption_type "Full" does not match any of the expected values',
      '"Full"',
      { validArgs: CVM, validBlocks: dest({ confidential_vm_image_encryption_type: '"EncryptedWithPmk"' }) },
    ),
    more: [{ message: 'The security_encryption_type "Full" must match either "VMGuestStateOnly" or "DiskWithVMGuestState".', at: '"Full"' }],
  },
  sig(`${C}gallery-storage-type`, {}, "not an accepted value for shared_image_gallery_destination.storage_account_type", '"Premium_ZRS"', {
    validBlocks: dest({ storage_account_type: '"Standard_ZRS"' }),
    blocks: dest({ storage_account_type: '"Premium_ZRS"' }),
  }),
  sig(
    `${T}disk-encryption-needs-cmk`,
    {},
    'confidential_vm_image_encryption_type must be set to "EncryptedWithCmk" when passing a disk_encryption_set_id in the target_region block',
    "disk_encryption_set_id",
    {
      validBlocks: dest({ confidential_vm_image_encryption_type: '"EncryptedWithPmk"' }, region({ name: '"eastus"' })),
      blocks: dest({ confidential_vm_image_encryption_type: '"EncryptedWithPmk"' }, region({ name: '"eastus"', disk_encryption_set_id: DES })),
    },
  ),
  sig(
    `${T}cvm-region-disk-encryption`,
    {},
    'when using a confidential vm as source to an cvm image version and a confidential_vm_image_encryption_type of "EncryptedWithCmk", the target region "westus" must have a disk_encryption_set_id set',
    "target_region",
    {
      validArgs: { ...CVM, disk_encryption_set_id: DES },
      validBlocks: dest({ confidential_vm_image_encryption_type: '"EncryptedWithCmk"' }, region({ name: '"westus"', disk_encryption_set_id: DES })),
      blocks: dest({ confidential_vm_image_encryption_type: '"EncryptedWithCmk"' }, region({ name: '"westus"' })),
    },
  ),
];

const NETWORK_CASES: CheckCase[] = [
  managed(
    `${C}vnet-group-needs-vnet`,
    { virtual_network_resource_group_name: '"network"' },
    "If virtual_network_resource_group_name is specified, so must virtual_network_name",
    "virtual_network_resource_group_name",
  ),
  managed(
    `${C}vnet-subnet-needs-vnet`,
    { virtual_network_subnet_name: '"builders"' },
    "If virtual_network_subnet_name is specified, so must virtual_network_name",
    "virtual_network_subnet_name",
  ),
  managed(
    `${C}public-ip-sku-vnet`,
    { public_ip_sku: '"Standard"' },
    "If virtual_network_name is specified, public_ip_sku cannot be specified, since a new network will not be created",
    "public_ip_sku",
    { validArgs: { virtual_network_name: '"vnet"' } },
  ),
  managed(
    `${C}public-ip-sku`,
    { public_ip_sku: '"Premium"' },
    'The provided value of "Premium" for public_ip_sku does not match the allowed values of "Basic" or "Standard"',
    '"Premium"',
    { validArgs: { public_ip_sku: '"standard"' } },
  ),
  managed(
    `${C}inbound-addresses-vnet`,
    { allowed_inbound_ip_addresses: '["203.0.113.7"]' },
    "If virtual_network_name is specified, allowed_inbound_ip_addresses cannot be specified",
    "allowed_inbound_ip_addresses",
    { validArgs: { virtual_network_name: '"vnet"' } },
  ),
  managed(
    `${C}inbound-addresses`,
    { allowed_inbound_ip_addresses: '["203.0.113.0/24", "10.0.0.300"]' },
    "The setting allowed_inbound_ip_addresses must only contain valid IP addresses or CIDR blocks",
    '"10.0.0.300"',
    { validArgs: { allowed_inbound_ip_addresses: '["203.0.113.0/24", "2001:db8::1"]' } },
  ),
  managed(`${C}user-data-once`, { user_data: '"IyEvYmluL3NoCg=="' }, "Only one of user_data or user_data_file can be specified.", "user_data =", {
    validArgs: { user_data_file: '"${path.root}/user-data.sh"' },
    disk: { "user-data.sh": "#!/bin/sh\n" },
  }),
  managed(`${C}custom-data-once`, { custom_data: '"IyEvYmluL3NoCg=="' }, "Only one of custom_data or custom_data_file can be specified.", "custom_data =", {
    validArgs: { custom_data_file: '"${path.root}/cloud-init.yml"' },
    disk: { "cloud-init.yml": "#cloud-config\n" },
  }),
  managed(`${C}luns-need-sizes`, { disk_additional_size: null }, "disk_additional_luns requires disk_additional_size to be specified", "disk_additional_luns", {
    validArgs: { disk_additional_size: "[32]", disk_additional_luns: "[1]" },
  }),
  managed(`${C}luns-non-negative`, { disk_additional_luns: "[-1]" }, "disk_additional_luns values must be non-negative, got -1", "[|-1]", {
    validArgs: { disk_additional_size: "[32]", disk_additional_luns: "[0]" },
  }),
  managed(`${C}luns-unique`, { disk_additional_luns: "[1, 1]" }, "disk_additional_luns contains duplicate LUN 1", "1]", {
    validArgs: { disk_additional_size: "[32, 64]", disk_additional_luns: "[1, 2]" },
  }),
  managed(
    `${C}encryption-type-needs-cvm`,
    { security_encryption_type: '"VMGuestStateOnly"' },
    'security_encryption_type must be unset if the security_type is not set to "ConfidentialVM".',
    "security_encryption_type",
  ),
];

const OTHER_CASES: CheckCase[] = [
  managed(
    `${C}plan-info`,
    {},
    "if either plan_name, plan_product, plan_publisher, or plan_promotion_code are defined then plan_name, plan_product, and plan_publisher must be defined",
    "plan_name",
    {
      validBlocks: block("plan_info", { plan_name: '"n"', plan_product: '"p"', plan_publisher: '"pub"' }),
      blocks: block("plan_info", { plan_name: '"n"', plan_product: '"p"' }),
    },
  ),
  managed(
    `${C}plan-info-promotion`,
    {},
    "if either plan_name, plan_product, plan_publisher, or plan_promotion_code are defined then plan_name, plan_product, and plan_publisher must be defined",
    "plan_info",
    {
      validBlocks: block("plan_info", { plan_name: '"n"', plan_product: '"p"', plan_publisher: '"pub"', plan_promotion_code: '"promo"' }),
      blocks: block("plan_info", { plan_promotion_code: '"promo"' }),
    },
  ),
  managed(`${C}os-type-required`, { os_type: null }, "An os_type must be specified", HEADER),
  managed(`${C}os-type`, { os_type: '"Ubuntu"' }, 'The os_type "Ubuntu" is invalid', '"Ubuntu"', { validArgs: { os_type: '"linux"' } }),
  managed(
    `${C}spot-eviction-policy`,
    {},
    'The spot.eviction_policy "delete" is invalid, eviction_policy must be "Delete", "Deallocate", or unset',
    '"delete"',
    { validBlocks: block("spot", { eviction_policy: '"Delete"' }), blocks: block("spot", { eviction_policy: '"delete"' }) },
  ),
  managed(
    `${C}spot-max-price`,
    {},
    'Setting a spot.max_price without an spot.eviction_policy is invalid, eviction_policy must be "Delete" or "Deallocate" if max_price is set',
    "max_price",
    { validBlocks: block("spot", { eviction_policy: '"Deallocate"', max_price: "0.5" }), blocks: block("spot", { max_price: "0.5" }) },
  ),
  managed(
    `${C}managed-image-storage-type`,
    { managed_image_storage_account_type: '"Standard_ZRS"' },
    'The managed_image_storage_account_type "Standard_ZRS" is invalid',
    '"Standard_ZRS"',
    { validArgs: { managed_image_storage_account_type: '"Premium_LRS"' } },
  ),
  managed(`${C}disk-caching-type`, { disk_caching_type: '"readwrite"' }, 'The disk_caching_type "readwrite" is invalid', '"readwrite"', {
    validArgs: { disk_caching_type: '"ReadOnly"' },
  }),
  managed(
    `${C}disk-controller-type`,
    { disk_controller_type: '"IDE"' },
    'The disk_controller_type "IDE" is invalid, the valid values are SCSI and NVMe',
    '"IDE"',
    { validArgs: { disk_controller_type: '"nvme"' } },
  ),
  managed(
    `${C}license-type-linux`,
    { license_type: '"Windows_Server"' },
    'The license_type "Windows_Server" is invalid for Linux, only RHEL_BYOS or SLES_BYOS are supported',
    '"Windows_Server"',
    { validArgs: { license_type: '"rhel_byos"' } },
  ),
  managed(
    `${C}license-type-windows`,
    { license_type: '"RHEL_BYOS"' },
    'The license_type "RHEL_BYOS" is invalid for Windows, use Windows_Client or Windows_Server',
    '"RHEL_BYOS"',
    { validArgs: { os_type: '"Windows"', license_type: '"Windows_Server"' } },
  ),
  managed(
    `${C}tags-count`,
    { azure_tags: `{ ${Array.from({ length: 51 }, (_, i) => `t${i} = "v"`).join(", ")} }` },
    "a max of 50 tags are supported, but 51 were provided",
    "{ t0",
    {
      validArgs: { azure_tags: `{ ${Array.from({ length: 50 }, (_, i) => `t${i} = "v"`).join(", ")} }` },
    },
  ),
  managed(
    `${C}tag-name-length`,
    { azure_tags: `{ "${"k".repeat(513)}" = "v" }` },
    `the tag name "${"k".repeat(513)}" exceeds (513) the 512 character limit`,
    `"${"k".repeat(513)}"`,
    { validArgs: { azure_tags: `{ "${"k".repeat(512)}" = "v" }` } },
  ),
  managed(
    `${C}tag-value-length`,
    { azure_tags: `{ team = "${"v".repeat(257)}" }` },
    `the tag name "${"v".repeat(257)}" exceeds (257) the 256 character limit`,
    `"${"v".repeat(257)}"`,
    { validArgs: { azure_tags: `{ team = "${"v".repeat(256)}" }` } },
  ),
];

export const AZURE_CASES: CheckCase[] = [
  ...PREAMBLE_CASES,
  ...IDENTITY_CASES,
  ...CAPTURE_CASES,
  ...SOURCE_CASES,
  ...GALLERY_CASES,
  ...DEPLOYMENT_CASES,
  ...GALLERY_DESTINATION_CASES,
  ...NETWORK_CASES,
  ...OTHER_CASES,
];
