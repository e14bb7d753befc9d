/** Cases for the check table of the amazon plugin (checks/data/amazon.json). */
import { data, source, withArgs, type CheckCase } from "./cases.ts";

type Args = Record<string, string | null>;

interface Template {
  args: Args;
  blocks?: string;
  disk?: Record<string, string>;
}

/** A case: the component's base template, and the same with `changes` (arguments) and `blocks` (replacing the base's blocks when given). */
function make(type: string, base: Template, kindOf: "source" | "data" = "source") {
  const render = (args: Args, blocks: string): string => (kindOf === "source" ? source(type, args, blocks) : data(type, args, blocks));
  return (
    entry: string,
    changes: Args,
    message: string,
    at: string,
    opts: {
      blocks?: string;
      validArgs?: Args;
      validBlocks?: string;
      disk?: Record<string, string>;
      validDisk?: Record<string, string>;
      nth?: number;
      name?: string;
    } = {},
  ): CheckCase => {
    const validArgs = withArgs(base.args, opts.validArgs ?? {});
    const validBlocks = opts.validBlocks ?? base.blocks ?? "";
    const disk = { ...base.disk, ...opts.validDisk };
    return {
      entry,
      ...(opts.name ? { name: opts.name } : {}),
      valid: { code: render(validArgs, validBlocks), ...(Object.keys(disk).length ? { disk } : {}) },
      invalid: {
        code: render(withArgs(validArgs, changes), opts.blocks ?? validBlocks),
        ...((opts.disk ?? base.disk) ? { disk: opts.disk ?? base.disk! } : {}),
      },
      message,
      at,
      ...(opts.nth !== undefined ? { nth: opts.nth } : {}),
    };
  };
}

const EBS: Template = {
  args: {
    region: '"us-east-1"',
    instance_type: '"t3.micro"',
    ssh_username: '"ec2-user"',
    ami_name: '"runner-1"',
    source_ami: '"ami-0123456789abcdef0"',
  },
};
const ebs = make("amazon-ebs", EBS);
const A = "amazon:common.AccessConfig:";
const M = "amazon:common.AMIConfig:";
const R = "amazon:common.RunConfig:";
const B = "amazon:common.BlockDevice:";
const F = "amazon:ebs.FastLaunchTemplateConfig:";
const KMS = { encrypt_boot: "true", ami_regions: '["us-west-2"]' };
const device = (inner: string): string => `  launch_block_device_mappings {\n    device_name = "/dev/xvda"\n${inner}  }\n`;
const template = (inner: string): string => `  fast_launch {\n    region_launch_templates {\n${inner}    }\n  }\n`;

const EBS_CASES: CheckCase[] = [
  ebs(
    `${A}vault-and-keys`,
    { access_key: '"AKIAEXAMPLE"', secret_key: '"secret"' },
    "If you have set vault_aws_engine, you must not set the access_key or secret_key.",
    "access_key =",
    { validBlocks: '  vault_aws_engine {\n    name = "builder"\n  }\n' },
  ),
  ebs(`${A}keys-together`, { access_key: '"AKIAEXAMPLE"' }, "`access_key` and `secret_key` must both be either set or not set.", "access_key ="),
  ebs(`${M}ami-name`, { ami_name: null }, "ami_name must be specified", '"amazon-ebs"'),
  ebs(
    `${M}kms-regions-in-ami-regions`,
    { region_kms_key_ids: '{ "us-west-2" = "alias/k", "eu-west-1" = "alias/k" }' },
    "Region eu-west-1 is in region_kms_key_ids but not in ami_regions",
    '"eu-west-1"',
    { validArgs: { ...KMS, region_kms_key_ids: '{ "us-west-2" = "alias/k" }' } },
  ),
  ebs(`${M}share-default-kms`, { kms_key_id: null }, "Cannot share AMI encrypted with default KMS key", "ami_users =", {
    validArgs: { encrypt_boot: "true", kms_key_id: '"alias/shared"', ami_users: '["123456789012"]' },
  }),
  ebs(
    `${M}share-default-kms-regions`,
    { region_kms_key_ids: '{ "us-west-2" = "" }' },
    "Cannot share AMI encrypted with default KMS key for other regions",
    "ami_users =",
    {
      validArgs: { ...KMS, region_kms_key_ids: '{ "us-west-2" = "alias/k" }', ami_users: '["123456789012"]' },
    },
  ),
  ebs(
    `${M}kms-needs-encrypt`,
    { encrypt_boot: null },
    "If you have set either region_kms_key_ids or kms_key_id, encrypt_boot must also be true.",
    "kms_key_id =",
    {
      validArgs: { encrypt_boot: "true", kms_key_id: '"alias/k"' },
    },
  ),
  ebs(
    `${M}region-kms-needs-encrypt`,
    { encrypt_boot: "false" },
    "If you have set either region_kms_key_ids or kms_key_id, encrypt_boot must also be true.",
    "region_kms_key_ids =",
    { validArgs: { ...KMS, region_kms_key_ids: '{ "us-west-2" = "alias/k" }' } },
  ),
  ebs(`${M}kms-key-id`, { kms_key_id: '"my-key"' }, '"my-key" is not a valid KMS Key Id.', '"my-key"', {
    validArgs: { encrypt_boot: "true", kms_key_id: '"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"' },
  }),
  ebs(`${M}region-kms-key-ids`, { region_kms_key_ids: '{ "us-west-2" = "bad key" }' }, '"bad key" is not a valid KMS Key Id.', '"bad key"', {
    validArgs: { ...KMS, region_kms_key_ids: '{ "us-west-2" = "mrk-1234abcd" }' },
  }),
  ebs(
    `${M}share-snapshot-default-kms`,
    { kms_key_id: null },
    "Cannot share snapshot encrypted with default KMS key, see https://www.packer.io/docs/builders/amazon-ebs#region_kms_key_ids for more information",
    "snapshot_users =",
    { validArgs: { encrypt_boot: "true", kms_key_id: '"alias/k"', snapshot_users: '["123456789012"]' } },
  ),
  ebs(
    `${M}share-snapshot-default-kms-regions`,
    { region_kms_key_ids: '{ "us-west-2" = "" }' },
    "Cannot share snapshot encrypted with default KMS key",
    "snapshot_users =",
    {
      validArgs: { ...KMS, region_kms_key_ids: '{ "us-west-2" = "alias/k" }', snapshot_users: '["123456789012"]' },
    },
  ),
  ebs(`${M}imds-support`, { imds_support: '"v1.0"' }, 'The only valid imds_support values are "v2.0" or the empty string', '"v1.0"', {
    validArgs: { imds_support: '"v2.0"' },
  }),
  ebs(
    `${M}deprecate-at`,
    { deprecate_at: '"2025-13-01T00:00:00Z"' },
    'deprecate_at is not a valid time: "2025-13-01T00:00:00Z". Expect time format: YYYY-MM-DDTHH:MM:SSZ',
    '"2025-13-01T00:00:00Z"',
    { validArgs: { deprecate_at: '"2030-12-31T23:59:59Z"' } },
  ),
  ebs(
    `${M}ami-regions-in-kms-regions`,
    { ami_regions: '["us-west-2", "eu-west-1"]' },
    "Region eu-west-1 is in ami_regions but not in region_kms_key_ids",
    '"eu-west-1"',
    { validArgs: { ...KMS, region_kms_key_ids: '{ "us-west-2" = "alias/k" }' } },
  ),
  ebs(`${R}durations`, { windows_password_timeout: '"20"' }, "error decoding 'windows_password_timeout': time: missing unit in duration \"20\"", '"20"', {
    validArgs: { windows_password_timeout: '"20m"' },
  }),
  ebs(`${R}temporary-key-pair-type`, { temporary_key_pair_type: '"dsa"' }, "temporary_key_pair_type requires either rsa or ed25519 as its value", '"dsa"', {
    validArgs: { temporary_key_pair_type: '"ed25519"' },
  }),
  ...(
    [
      ["http-endpoint", "http_endpoint", '"on"', '"enabled"', "http_endpoint requires either disabled or enabled as its value"],
      ["http-tokens", "http_tokens", '"maybe"', '"required"', "http_tokens requires either optional or required as its value"],
      ["http-hop-limit", "http_put_response_hop_limit", "65", "2", "http_put_response_hop_limit requires a number between 1 and 64"],
      ["instance-metadata-tags", "instance_metadata_tags", '"yes"', '"enabled"', "instance_metadata_tags requires either disabled or enabled as its value"],
    ] as const
  ).map(([id, name, bad, good, message]) =>
    ebs(`${R}${id}`, {}, message, `${name} = |${bad}`, {
      blocks: `  metadata_options {\n    ${name} = ${bad}\n  }\n`,
      validBlocks: `  metadata_options {\n    ${name} = ${good}\n  }\n`,
    }),
  ),
  ebs(`${R}ssh-interface`, { ssh_interface: '"public"' }, "Unknown interface type: public", '"public"', { validArgs: { ssh_interface: '"public_ip"' } }),
  ebs(
    `${R}session-manager-winrm`,
    { communicator: '"winrm"', winrm_username: '"Administrator"' },
    'session_manager connectivity is not supported with the "winrm" communicator; please use "ssh"',
    "communicator =",
    { validArgs: { ssh_interface: '"session_manager"', iam_instance_profile: '"ssm"' } },
  ),
  ebs(
    `${R}session-manager-profile`,
    { iam_instance_profile: null },
    "no iam_instance_profile defined; session_manager connectivity requires a valid instance profile with AmazonSSMManagedInstanceCore permissions. Alternatively a temporary_iam_instance_profile_policy_document can be used.",
    "ssh_interface =",
    { validArgs: { ssh_interface: '"session_manager"', iam_instance_profile: '"ssm"' } },
  ),
  ebs(
    `${R}keypair-winrm`,
    { winrm_password: null },
    "ssh_private_key_file must be provided to retrieve the winrm password when using ssh_keypair_name.",
    "ssh_keypair_name =",
    { validArgs: { communicator: '"winrm"', winrm_username: '"Administrator"', winrm_password: '"pw"', ssh_keypair_name: '"k"', ssh_agent_auth: "true" } },
  ),
  ebs(
    `${R}keypair-ssh`,
    { ssh_agent_auth: null },
    "ssh_private_key_file must be provided or ssh_agent_auth enabled when ssh_keypair_name is specified.",
    "ssh_keypair_name =",
    {
      validArgs: { ssh_keypair_name: '"k"', ssh_agent_auth: "true" },
    },
  ),
  ebs(
    `${R}keypair-ssh-winrm-password`,
    { ssh_agent_auth: null },
    "ssh_private_key_file must be provided or ssh_agent_auth enabled when ssh_keypair_name is specified.",
    "ssh_keypair_name =",
    { validArgs: { communicator: '"winrm"', winrm_username: '"Administrator"', winrm_password: '"pw"', ssh_keypair_name: '"k"', ssh_agent_auth: "true" } },
  ),
  ebs(`${R}source-ami`, { source_ami: null }, "A source_ami or source_ami_filter must be specified", '"amazon-ebs"'),
  ebs(`${R}source-ami-filter-owners`, { source_ami: null }, "For security reasons, your source AMI filter must declare an owner.", "source_ami_filter {", {
    blocks: '  source_ami_filter {\n    filters = { name = "al2023-ami-*" }\n  }\n',
  }),
  ebs(`${R}instance-type`, { instance_type: null }, "either instance_type or spot_instance_types must be specified", '"amazon-ebs"'),
  ebs(
    `${R}instance-type-not-both`,
    { spot_instance_types: '["t3.small"]' },
    "either instance_type or spot_instance_types must be specified, not both",
    "spot_instance_types =",
  ),
  ebs(`${R}fleet-tags`, { spot_price: null }, "fleet_tags should not be set when not requesting a spot instance", "fleet_tags =", {
    validArgs: { spot_price: '"auto"', fleet_tags: '{ team = "ci" }' },
  }),
  ebs(`${R}block-duration`, { block_duration_minutes: "90" }, "block_duration_minutes must be multiple of 60", "block_duration_minutes = |90", {
    validArgs: { block_duration_minutes: "120" },
  }),
  ebs(`${R}spot-tags`, { spot_price: '"0"' }, "spot_tags should not be set when not requesting a spot instance", "spot_tags =", {
    validArgs: { spot_price: '"auto"', spot_tags: '{ team = "ci" }' },
  }),
  ebs(
    `${R}spot-allocation-strategy`,
    { spot_allocation_strategy: '"cheapest"' },
    'invalid spot allocation strategy "cheapest", valid values are either lowest-price, diversified,capacity-optimized, capacity-optimized-prioritized, price-capacity-optimized',
    '"cheapest"',
    { validArgs: { spot_allocation_strategy: '"price-capacity-optimized"' } },
  ),
  ebs(`${R}user-data`, { user_data_file: '"${path.root}/ud.sh"' }, "Only one of user_data or user_data_file can be specified.", "user_data_file =", {
    validArgs: { user_data: '"#!/bin/sh"' },
    disk: { "ud.sh": "" },
  }),
  ebs(`${R}user-data-file`, {}, "user_data_file not found: ud.sh", '"${path.root}/ud.sh"', {
    validArgs: { user_data_file: '"${path.root}/ud.sh"' },
    validDisk: { "ud.sh": "#!/bin/sh\n" },
    disk: {},
  }),
  ebs(
    `${R}security-group`,
    { security_group_ids: '["sg-2"]' },
    "Only one of security_group_id or security_group_ids can be specified.",
    "security_group_ids =",
    {
      validArgs: { security_group_id: '"sg-1"' },
    },
  ),
  ebs(
    `${R}source-cidrs`,
    { temporary_security_group_source_cidrs: '["203.0.113.0/24", "10.0.0.0"]' },
    "Error parsing CIDR in temporary_security_group_source_cidrs: invalid CIDR address: 10.0.0.0",
    '"10.0.0.0"',
    { validArgs: { temporary_security_group_source_cidrs: '["203.0.113.0/24", "2001:db8::/32"]' } },
  ),
  ebs(`${R}shutdown-behavior`, { shutdown_behavior: '"halt"' }, "shutdown_behavior only accepts 'stop' or 'terminate' values.", '"halt"', {
    validArgs: { shutdown_behavior: '"terminate"' },
  }),
  ebs(
    `${R}unlimited-burstable`,
    { instance_type: '"m5.large"' },
    "Error: Instance Type: m5.large is not within the supported types for Unlimited credits. Supported instance types are T2, T3, and T4g",
    '"m5.large"',
    { validArgs: { enable_unlimited_credits: "true" } },
  ),
  ebs(
    `${R}unlimited-no-instance-type`,
    { enable_unlimited_credits: "true" },
    "Error: Instance Type:  is not within the supported types for Unlimited credits. Supported instance types are T2, T3, and T4g",
    "enable_unlimited_credits =",
    { validArgs: { instance_type: null, spot_instance_types: '["t3.micro"]', spot_price: '"auto"' } },
  ),
  ebs(`${R}unlimited-spot`, { spot_price: '"auto"' }, "Error: Unlimited credits cannot be used in conjunction with Spot Instances", "spot_price =", {
    validArgs: { instance_type: '"t2.micro"', enable_unlimited_credits: "true" },
  }),
  ebs(
    `${R}capacity-reservation`,
    { capacity_reservation_group_arn: '"arn:aws:resource-groups:us-east-1:123456789012:group/g"' },
    "capacity_reservation_id and capacity_reservation_group_arn are mutually exclusive, only one should be used",
    "capacity_reservation_group_arn =",
    { validArgs: { capacity_reservation_id: '"cr-1"' } },
  ),
  ebs(
    `${R}capacity-reservation-preference`,
    { capacity_reservation_preference: '"open"' },
    "capacity_reservation_id, capacity_reservation_group_arn and capacity_reservation_preference are mutually exclusive, only one should be set",
    "capacity_reservation_preference =",
    { validArgs: { capacity_reservation_id: '"cr-1"' } },
  ),
  ebs(
    `${R}capacity-reservation-preference-values`,
    { capacity_reservation_preference: '"closed"' },
    "capacity_reservation_preference only accepts 'none' or 'open' values",
    '"closed"',
    { validArgs: { capacity_reservation_preference: '"open"' } },
  ),
  ebs(`${R}tenancy-twice`, { tenancy: '"default"' }, "Error: Please set only one of placement.tenancy and tenancy (deprecated)", "tenancy =", {
    validBlocks: '  placement {\n    tenancy = "default"\n  }\n',
    nth: 1,
  }),
  ebs(`${R}tenancy`, { tenancy: '"shared"' }, "Error: Unknown tenancy type shared", '"shared"', { validArgs: { tenancy: '"dedicated"' } }),
  ebs(`${R}nitro-spot`, { spot_price: '"auto"' }, "Error: Nitro Enclave cannot be used in conjunction with Spot Instances", "spot_price =", {
    validArgs: { instance_type: '"m5.xlarge"', enable_nitro_enclave: "true" },
  }),
  ebs(
    `${R}nitro-burstable`,
    { instance_type: '"t3.micro"' },
    "Error: Nitro Enclaves cannot be used in conjunction with burstable instance types: t3.micro",
    "instance_type =",
    { validArgs: { instance_type: '"m5.xlarge"', enable_nitro_enclave: "true" } },
  ),
  ebs(
    "amazon:common.Placement:host-id-or-arn",
    {},
    "The `host_id` and `host_resource_group_arn` settings cannot be specified at the same time.",
    "host_resource_group_arn =",
    {
      validBlocks: '  placement {\n    host_id = "h-0123"\n    tenancy = "host"\n  }\n',
      blocks: '  placement {\n    host_id = "h-0123"\n    host_resource_group_arn = "arn:aws:resource-groups:us-east-1:1:group/g"\n    tenancy = "host"\n  }\n',
    },
  ),
  ebs(
    "amazon:common.Placement:host-tenancy",
    {},
    "The tenancy should be `host` if either the `host_id` or `host_resource_group_arn` attributes are specified.",
    '"dedicated"',
    { validBlocks: '  placement {\n    host_id = "h-0123"\n  }\n', blocks: '  placement {\n    host_id = "h-0123"\n    tenancy = "dedicated"\n  }\n' },
  ),
  ebs(`${B}device-name`, {}, "The `device_name` must be specified for every device in the block device mapping.", "launch_block_device_mappings {", {
    validBlocks: device("    volume_size = 8\n"),
    blocks: "  launch_block_device_mappings {\n    volume_size = 8\n  }\n",
  }),
  ebs(`${B}kms-needs-encrypted`, {}, "The device /dev/xvda, must also have `encrypted: true` when setting a kms_key_id.", "kms_key_id =", {
    validBlocks: device('    kms_key_id = "alias/k"\n    encrypted = true\n'),
    blocks: device('    kms_key_id = "alias/k"\n    encrypted = false\n'),
  }),
  ebs(`${B}iops-ratio-io1`, {}, "/dev/xvda: the maximum ratio of provisioned IOPS to requested volume size (in GiB) is 50:1 for io1 volumes", "iops = |600", {
    validBlocks: device('    volume_type = "io1"\n    volume_size = 10\n    iops = 500\n'),
    blocks: device('    volume_type = "io1"\n    volume_size = 10\n    iops = 600\n'),
  }),
  ebs(`${B}iops-ratio-io2`, {}, "/dev/xvda: the maximum ratio of provisioned IOPS to requested volume size (in GiB) is 500:1 for io2 volumes", "iops = |6000", {
    validBlocks: device('    volume_type = "io2"\n    volume_size = 10\n    iops = 5000\n'),
    blocks: device('    volume_type = "io2"\n    volume_size = 10\n    iops = 6000\n'),
  }),
  ebs(`${B}iops-range`, {}, "IOPS must be between 100 and 64000 for device /dev/xvda", "iops = |50", {
    validBlocks: device('    volume_type = "io1"\n    volume_size = 100\n    iops = 3000\n'),
    blocks: device('    volume_type = "io1"\n    volume_size = 100\n    iops = 50\n'),
  }),
  ebs(`${B}throughput-range`, {}, "Throughput must be between 125 and 1000 for device /dev/xvda", "throughput = |2000", {
    validBlocks: device('    volume_type = "gp3"\n    throughput = 500\n'),
    blocks: device('    volume_type = "gp3"\n    throughput = 2000\n'),
  }),
  ebs(`${B}iops-range-gp3`, {}, "IOPS must be between 3000 and 16000 for device /dev/xvda", "iops = |100", {
    validBlocks: device('    volume_type = "gp3"\n    iops = 4000\n'),
    blocks: device('    volume_type = "gp3"\n    iops = 100\n'),
  }),
  ebs(`${B}throughput-gp3-only`, {}, 'Throughput is only valid for gp3 volumes, "/dev/xvda" is of type gp2', "throughput =", {
    validBlocks: device('    volume_type = "gp2"\n'),
    blocks: device('    volume_type = "gp2"\n    throughput = 200\n'),
  }),
  ebs(
    "amazon:ebs.Config:fast-launch-region",
    {},
    'Launch template specified for enabling fast-launch on region "eu-west-1", but the AMI won\'t be copied there.',
    '"eu-west-1"',
    {
      validBlocks: template('      region = "us-east-1"\n      template_id = "lt-1"\n'),
      blocks: template('      region = "eu-west-1"\n      template_id = "lt-1"\n'),
    },
  ),
  ebs(
    "amazon:ebs.Config:spot-modification",
    { ena_support: "true" },
    "Spot instances do not support modification, which is required when either `ena_support` or `sriov_support` are set. Please ensure you use an AMI that already has either SR-IOV or ENA enabled.",
    "ena_support =",
    { validArgs: { spot_price: '"auto"' } },
  ),
  ebs("amazon:ebs.FastLaunchConfig:max-parallel-launches", {}, "max_parallel_launches must be >= 6, provided value is 2", "max_parallel_launches = |2", {
    validBlocks: "  fast_launch {\n    max_parallel_launches = 6\n  }\n",
    blocks: "  fast_launch {\n    max_parallel_launches = 2\n  }\n",
  }),
  ebs("amazon:ebs.FastLaunchConfig:target-resource-count", {}, "target_resource_count must be >= 1, provided value is -1", "target_resource_count = |-1", {
    validBlocks: "  fast_launch {\n    target_resource_count = 5\n  }\n",
    blocks: "  fast_launch {\n    target_resource_count = -1\n  }\n",
  }),
  ebs(
    "amazon:ebs.FastLaunchConfig:region-once",
    {},
    'fast launch: launch template specified twice for region "us-east-1", only once is supported',
    '"us-east-1"',
    {
      validBlocks: template('      region = "us-east-1"\n      template_id = "lt-1"\n'),
      blocks:
        '  fast_launch {\n    region_launch_templates {\n      region = "us-east-1"\n      template_id = "lt-1"\n    }\n' +
        '    region_launch_templates {\n      region = "us-east-1"\n      template_id = "lt-2"\n    }\n  }\n',
      nth: 2,
    },
  ),
  ebs(`${F}region`, {}, "region cannot be empty for a regional fast template config", "region_launch_templates {", {
    validBlocks: template('      region = "us-east-1"\n      template_id = "lt-1"\n'),
    blocks: template('      template_id = "lt-1"\n'),
  }),
  ebs(
    `${F}id-or-name`,
    {},
    'fast_launch_template_config region "us-east-1": both template ID and name cannot be specified at the same time',
    "template_name =",
    {
      validBlocks: template('      region = "us-east-1"\n      template_id = "lt-1"\n'),
      blocks: template('      region = "us-east-1"\n      template_id = "lt-1"\n      template_name = "win"\n'),
    },
  ),
  ebs(
    `${F}version-min`,
    {},
    'fast_launch_template_config region "us-east-1": the launch template version must be >= 1, provided value is -1',
    "template_version = |-1",
    {
      validBlocks: template('      region = "us-east-1"\n      template_id = "lt-1"\n      template_version = 2\n'),
      blocks: template('      region = "us-east-1"\n      template_id = "lt-1"\n      template_version = -1\n'),
    },
  ),
  ebs(
    `${F}version-needs-template`,
    {},
    'fast_launch_template_config region "us-east-1": launch template version specified without an ID or name',
    "template_version =",
    {
      validBlocks: template('      region = "us-east-1"\n      template_name = "win"\n      template_version = 2\n'),
      blocks: template('      region = "us-east-1"\n      template_version = 2\n'),
    },
  ),
];

const SURROGATE: Template = {
  args: { ...EBS.args, ami_virtualization_type: '"hvm"' },
  blocks:
    '  launch_block_device_mappings {\n    device_name = "/dev/xvdf"\n    volume_size = 8\n  }\n' +
    '  ami_root_device {\n    source_device_name = "/dev/xvdf"\n    device_name = "/dev/xvda"\n  }\n',
};
const surrogate = make("amazon-ebssurrogate", SURROGATE);
const root = (inner: string): string =>
  `  launch_block_device_mappings {\n    device_name = "/dev/xvdf"\n    volume_size = 8\n  }\n  ami_root_device {\n${inner}  }\n`;
const ROOT = '    source_device_name = "/dev/xvdf"\n    device_name = "/dev/xvda"\n';

/** The boot checks amazon-ebssurrogate and amazon-chroot share (different groups, the same entries). */
function bootCases(group: string, build: ReturnType<typeof make>): CheckCase[] {
  return [
    build(
      `${group}architecture`,
      { ami_architecture: '"amd64"' },
      'The only valid ami_architecture values are "arm64", "arm64_mac", "i386", "x86_64", or "x86_64_mac"',
      '"amd64"',
      { validArgs: { ami_architecture: '"arm64"' } },
    ),
    build(`${group}tpm-support`, { tpm_support: '"v1.2"' }, 'The only valid tpm_support value is "v2.0"', '"v1.2"', { validArgs: { tpm_support: '"v2.0"' } }),
    build(
      `${group}boot-mode`,
      { boot_mode: '"bios"' },
      "invalid boot mode \"bios\", valid values are either 'uefi', 'legacy-bios' or 'uefi-preferred'",
      '"bios"',
      {
        validArgs: { boot_mode: '"uefi-preferred"' },
      },
    ),
    build(`${group}uefi-data-legacy-bios`, { boot_mode: '"legacy-bios"' }, 'You can\'t use uefi_data with boot_mode set to "legacy-bios".', "uefi_data =", {
      validArgs: { boot_mode: '"uefi"', uefi_data: '"QUFB"' },
    }),
    build(
      `${group}uefi-data-boot-mode`,
      { boot_mode: null },
      'You need boot_mode set to "uefi" to use uefi_data, "x86_64" architecture defaults to "legacy-bios".',
      "uefi_data =",
      { validArgs: { boot_mode: '"uefi"', uefi_data: '"QUFB"' } },
    ),
  ];
}

const S = "amazon:ebssurrogate.RootBlockDevice:";
const SURROGATE_CASES: CheckCase[] = [
  surrogate(
    "amazon:ebssurrogate.Config:virtualization-type",
    { ami_virtualization_type: null },
    "ami_virtualization_type is required.",
    '"amazon-ebssurrogate"',
  ),
  surrogate("amazon:ebssurrogate.Config:root-volume-launched", {}, "no volume with name '/dev/xvdg' is found", '"/dev/xvdg"', {
    blocks: root('    source_device_name = "/dev/xvdg"\n    device_name = "/dev/xvda"\n'),
  }),
  ...bootCases("amazon:ebssurrogate.Config:", surrogate),
  surrogate("amazon:ebssurrogate.BlockDevice:omit-root", {}, 'You cannot set "omit_from_artifact": "true" for the root volume.', "omit_from_artifact =", {
    blocks:
      '  launch_block_device_mappings {\n    device_name = "/dev/xvdf"\n    volume_size = 8\n    omit_from_artifact = true\n  }\n' +
      `  ami_root_device {\n${ROOT}  }\n`,
  }),
  surrogate(`${S}source-device-name`, {}, "source_device_name for the root_device must be specified", "ami_root_device {", {
    blocks: root('    device_name = "/dev/xvda"\n'),
  }),
  surrogate(`${S}device-name`, {}, "device_name for the root_device must be specified", "ami_root_device {", {
    blocks: root('    source_device_name = "/dev/xvdf"\n'),
  }),
  surrogate(`${S}gp2-iops`, {}, "iops may not be specified for a gp2 volume", "iops =", { blocks: root(`${ROOT}    volume_type = "gp2"\n    iops = 100\n`) }),
  surrogate(`${S}iops-positive`, {}, "iops must be greater than 0", "iops = |-1", { blocks: root(`${ROOT}    iops = -1\n`) }),
  surrogate(`${S}volume-size-positive`, {}, "volume_size must be greater than 0", "volume_size = |-8", { blocks: root(`${ROOT}    volume_size = -8\n`) }),
];

const VOLUME: Template = {
  args: { region: '"us-east-1"', instance_type: '"t3.micro"', ssh_username: '"ec2-user"', source_ami: '"ami-0123456789abcdef0"' },
  blocks: '  ebs_volumes {\n    device_name = "/dev/xvdf"\n    volume_size = 8\n  }\n',
};
const volume = make("amazon-ebsvolume", VOLUME);
const VOLUME_CASES: CheckCase[] = [
  volume(
    "amazon:ebsvolume.Config:spot-modification",
    { sriov_support: "true" },
    "Spot instances do not support modification, which is required when either `ena_support` or `sriov_support` are set. Please ensure you use an AMI that already has either SR-IOV or ENA enabled.",
    "sriov_support =",
    { validArgs: { spot_price: '"auto"' } },
  ),
  volume(
    "amazon:ebsvolume.BlockDevice:snapshot-description",
    {},
    "All `ebs_volumes` blocks setting `snapshot_description` must also set `snapshot_volume`.",
    "snapshot_description =",
    {
      validBlocks: '  ebs_volumes {\n    device_name = "/dev/xvdf"\n    volume_size = 8\n    snapshot_volume = true\n    snapshot_description = "data"\n  }\n',
      blocks: '  ebs_volumes {\n    device_name = "/dev/xvdf"\n    volume_size = 8\n    snapshot_description = "data"\n  }\n',
    },
  ),
];

const INSTANCE: Template = {
  args: {
    ...EBS.args,
    account_id: '"0123-4567-8901"',
    s3_bucket: '"bundles"',
    x509_cert_path: '"${path.root}/cert.pem"',
    x509_key_path: '"${path.root}/key.pem"',
  },
  disk: { "cert.pem": "cert", "key.pem": "key" },
};
const instance = make("amazon-instance", INSTANCE);
const I = "amazon:instance.Config:";
const INSTANCE_CASES: CheckCase[] = [
  instance(`${I}account-id`, { account_id: null }, "account_id is required", '"amazon-instance"'),
  instance(`${I}s3-bucket`, { s3_bucket: null }, "s3_bucket is required", '"amazon-instance"'),
  instance(`${I}x509-cert-path`, { x509_cert_path: null }, "x509_cert_path is required", '"amazon-instance"'),
  instance(`${I}x509-cert-file`, {}, "x509_cert_path points to bad file: stat cert.pem: no such file or directory", '"${path.root}/cert.pem"', {
    disk: { "key.pem": "key" },
  }),
  instance(`${I}x509-key-path`, { x509_key_path: null }, "x509_key_path is required", '"amazon-instance"'),
  instance(`${I}x509-key-file`, {}, "x509_key_path points to bad file: stat key.pem: no such file or directory", '"${path.root}/key.pem"', {
    disk: { "cert.pem": "cert" },
  }),
  instance(
    `${I}spot-modification`,
    { spot_price: '"auto"' },
    "Spot instances do not support modification, which is required when either `ena_support`, `sriov_support`, or `enable_nitro_enclave` are set. Please ensure you use an AMI that already has either SR-IOV or ENA enabled.",
    "sriov_support =",
    { validArgs: { sriov_support: "true" } },
  ),
  instance(`${I}tpm-support`, { tpm_support: '"1.2"' }, 'The only valid tpm_support value is "v2.0"', '"1.2"', { validArgs: { tpm_support: '"v2.0"' } }),
  instance(
    "amazon:builder/common.RunConfig:spot-allocation-strategy",
    { spot_allocation_strategy: '"cheapest"' },
    "Unknown spot_allocation_strategy: cheapest",
    '"cheapest"',
    {
      validArgs: { spot_allocation_strategy: '"capacity-optimized"' },
    },
  ),
];

const CHROOT: Template = { args: { region: '"us-east-1"', ami_name: '"golden-1"', source_ami: '"ami-0123456789abcdef0"' } };
const chroot = make("amazon-chroot", CHROOT);
const C = "amazon:chroot.Config:";
const SCRATCH: Args = {
  source_ami: null,
  from_scratch: "true",
  root_volume_size: "8",
  pre_mount_commands: '["parted /dev/xvdf mklabel gpt"]',
  ami_virtualization_type: '"hvm"',
  root_device_name: '"/dev/xvda"',
};
const MAPPING = '  ami_block_device_mappings {\n    device_name = "/dev/xvda"\n    volume_size = 8\n  }\n';
const CHROOT_CASES: CheckCase[] = [
  chroot(
    `${C}chroot-mounts`,
    { chroot_mounts: '[["proc", "proc", "/proc"], ["sysfs", "/sys"]]' },
    "Each chroot_mounts entry should be three elements.",
    '["sysfs", "/sys"]',
    {
      validArgs: { chroot_mounts: '[["proc", "proc", "/proc"]]' },
    },
  ),
  ...(
    [
      ["scratch-root-volume-size", "root_volume_size", "root_volume_size is required with from_scratch."],
      ["scratch-pre-mount-commands", "pre_mount_commands", "pre_mount_commands is required with from_scratch."],
      ["scratch-virtualization-type", "ami_virtualization_type", "ami_virtualization_type is required with from_scratch."],
      ["scratch-root-device-name", "root_device_name", "root_device_name is required with from_scratch."],
    ] as const
  ).map(([id, arg, message]) => chroot(`${C}${id}`, { [arg]: null }, message, '"amazon-chroot"', { validArgs: SCRATCH, validBlocks: MAPPING })),
  chroot(`${C}scratch-block-device-mappings`, {}, "ami_block_device_mappings is required with from_scratch.", '"amazon-chroot"', {
    validArgs: SCRATCH,
    validBlocks: MAPPING,
    blocks: "",
  }),
  chroot(`${C}source-ami`, { source_ami: null }, "source_ami or source_ami_filter is required.", '"amazon-chroot"'),
  chroot(
    `${C}root-volume-size-with-mappings`,
    { root_volume_size: null },
    "root_volume_size is required if ami_block_device_mappings is specified",
    '"amazon-chroot"',
    {
      validArgs: { root_device_name: '"/dev/xvda"', root_volume_size: "8" },
      validBlocks: MAPPING,
    },
  ),
  chroot(
    `${C}mappings-need-root-device`,
    { root_device_name: null },
    "If ami_block_device_mappings is specified, root_device_name must be specified",
    "ami_block_device_mappings {",
    {
      validArgs: { root_device_name: '"/dev/xvda"', root_volume_size: "8" },
      validBlocks: MAPPING,
    },
  ),
  chroot(`${C}root-device-needs-mappings`, {}, "If root_device_name is specified, ami_block_device_mappings must be specified", "root_device_name =", {
    validArgs: { root_device_name: '"/dev/xvda"', root_volume_size: "8" },
    validBlocks: MAPPING,
    blocks: "",
  }),
  chroot(
    `${C}root-kms-needs-encrypt`,
    { root_volume_encrypt_boot: "false" },
    "If you have set root_volume_kms_key_id, root_volume_encrypt_boot must also be true.",
    "root_volume_kms_key_id =",
    {
      validArgs: { root_volume_kms_key_id: '"alias/k"', root_volume_encrypt_boot: "true" },
    },
  ),
  chroot(`${C}root-kms-key-id`, { root_volume_kms_key_id: '"nope!"' }, '"nope!" is not a valid KMS Key Id.', '"nope!"', {
    validArgs: { root_volume_kms_key_id: '"alias/k"', root_volume_encrypt_boot: "true" },
  }),
  ...bootCases(C, chroot),
];

const DATA_CASES: CheckCase[] = [
  {
    ...make("amazon-ami", { args: { owners: '["amazon"]', filters: '{ name = "al2023-ami-*" }' } }, "data")(
      "amazon:ami.Config:filters",
      { owners: null, filters: null },
      "The `filters` must be specified",
      '"amazon-ami"',
    ),
    more: [{ message: "For security reasons, you must declare an owner.", at: '"amazon-ami"' }],
  },
  make("amazon-ami", { args: { owners: '["amazon"]', filters: '{ name = "al2023-ami-*" }' } }, "data")(
    "amazon:ami.Config:owners",
    { owners: null },
    "For security reasons, you must declare an owner.",
    '"amazon-ami"',
  ),
  make("amazon-parameterstore", { args: { name: '"/ci/version"' } }, "data")(
    "amazon:parameterstore.Config:name",
    { name: null },
    "a 'name' must be provided",
    '"amazon-parameterstore"',
  ),
  make("amazon-secretsmanager", { args: { name: '"ci/token"' } }, "data")(
    "amazon:secretsmanager.Config:name",
    { name: null },
    "a 'name' must be provided",
    '"amazon-secretsmanager"',
  ),
];

export const AMAZON_CASES: CheckCase[] = [...EBS_CASES, ...SURROGATE_CASES, ...VOLUME_CASES, ...INSTANCE_CASES, ...CHROOT_CASES, ...DATA_CASES];
