/** Cases for the check table of the googlecompute plugin (checks/data/googlecompute.json). */
import { data, source, step, withArgs, type CheckCase } from "./cases.ts";

export type Args = Record<string, string | null>;

export interface Template {
  args: Args;
  blocks?: string;
}

export interface CaseOptions {
  /** Blocks of the invalid template (the valid template's otherwise). */
  blocks?: string;
  validArgs?: Args;
  validBlocks?: string;
  disk?: Record<string, string>;
  validDisk?: Record<string, string>;
  nth?: number;
  name?: string;
  severity?: CheckCase["severity"];
}

/**
 * Cases of one component: `case(entry, changes, message, at, opts)` makes the component's base
 * template (with `opts.validArgs`) the valid one and the same with `changes` the invalid one.
 */
export function maker(render: (args: Args, blocks: string) => string, base: Template) {
  return (entry: string, changes: Args, message: string, at: string, opts: CaseOptions = {}): CheckCase => {
    const validArgs = withArgs(base.args, opts.validArgs ?? {});
    const validBlocks = opts.validBlocks ?? base.blocks ?? "";
    const validDisk = opts.validDisk ?? opts.disk;
    return {
      entry,
      ...(opts.name ? { name: opts.name } : {}),
      valid: { code: render(validArgs, validBlocks), ...(validDisk ? { disk: validDisk } : {}) },
      invalid: { code: render(withArgs(validArgs, changes), opts.blocks ?? validBlocks), ...(opts.disk ? { disk: opts.disk } : {}) },
      message,
      at,
      ...(opts.nth !== undefined ? { nth: opts.nth } : {}),
      ...(opts.severity ? { severity: opts.severity } : {}),
    };
  };
}

const GCE: Template = { args: { project_id: '"p"', zone: '"us-central1-a"', source_image_family: '"debian-12"', ssh_username: '"packer"' } };
const gce = maker((args, blocks) => source("googlecompute", args, blocks), GCE);
const C = "googlecompute:googlecompute.Config:";
const B = "googlecompute:common.BlockDevice:";
const AUTH = "googlecompute:common.Authentication:";
const FAMILY_RULE =
  "The first character must be a lowercase letter, and all following characters must be a dash, lowercase letter, or digit, except the last character, which cannot be a dash";
const disk = (inner: string): string => `  disk_attachment {\n${inner}  }\n`;
const PD = '    volume_type = "pd-ssd"\n    volume_size = 100\n';
const SCRATCH = '    volume_type = "scratch"\n    volume_size = 375\n';

const BUILDER_CASES: CheckCase[] = [
  gce(`${C}durations`, { state_timeout: '"5"' }, "error decoding 'state_timeout': time: missing unit in duration \"5\"", '"5"', {
    validArgs: { state_timeout: '"5m"' },
  }),
  gce(`${C}integrity-monitoring`, { enable_vtpm: null }, "You cannot enable Integrity Monitoring when vTPM is disabled.", "enable_integrity_monitoring", {
    validArgs: { enable_vtpm: "true", enable_integrity_monitoring: "true" },
  }),
  gce(
    `${C}preemptible-migrate`,
    { on_host_maintenance: '"MIGRATE"' },
    "on_host_maintenance must be TERMINATE when using preemptible instances.",
    "on_host_maintenance",
    {
      validArgs: { preemptible: "true", on_host_maintenance: '"TERMINATE"' },
    },
  ),
  gce(`${C}on-host-maintenance`, { on_host_maintenance: '"terminate"' }, "on_host_maintenance must be one of MIGRATE or TERMINATE.", '"terminate"', {
    validArgs: { on_host_maintenance: '"TERMINATE"' },
  }),
  gce(`${C}max-run-duration`, { max_run_duration_in_seconds: "-60" }, "max_run_duration must be greater than 0", "-60", {
    validArgs: { max_run_duration_in_seconds: "3600" },
  }),
  gce(
    `${C}instance-termination-action`,
    { instance_termination_action: '"SUSPEND"' },
    "instance_termination_action must be one of STOP or DELETE.",
    '"SUSPEND"',
    { validArgs: { instance_termination_action: '"delete"' } },
  ),
  gce(`${C}image-architecture`, { image_architecture: '"amd64"' }, 'Invalid image architecture "amd64": Must be either X86_64 or ARM64', '"amd64"', {
    validArgs: { image_architecture: '"arm64"' },
  }),
  {
    // The family's pattern has no room for a 64th character either: Packer reports both.
    ...gce(
      `${C}image-family-length`,
      { image_family: `"${"a".repeat(64)}"` },
      "Invalid image family: Must not be longer than 63 characters",
      `"${"a".repeat(64)}"`,
      {
        validArgs: { image_family: `"${"a".repeat(63)}"` },
      },
    ),
    more: [{ message: `Invalid image family "${"a".repeat(64)}": ${FAMILY_RULE}`, at: `"${"a".repeat(64)}"` }],
  },
  gce(`${C}image-family`, { image_family: '"Runner_Images"' }, `Invalid image family "Runner_Images": ${FAMILY_RULE}`, '"Runner_Images"', {
    validArgs: { image_family: '"runner-images"' },
  }),
  gce(
    `${C}image-storage-locations`,
    { image_storage_locations: '["us-central1", "us-east1"]' },
    "Invalid image storage locations: Must not have more than 1 region",
    '["us-central1"',
    { validArgs: { image_storage_locations: '["us-central1"]' } },
  ),
  gce(`${C}create-image-once`, {}, "create_image cannot be enabled on multiple disks.", "true", {
    nth: 1,
    validBlocks: disk(`${PD}    create_image = true\n`) + disk(`${PD}    create_image = false\n`),
    blocks: disk(`${PD}    create_image = true\n`) + disk(`${PD}    create_image = true\n`),
  }),
  gce(`${C}iap-communicator`, { communicator: '"none"' }, "Error: IAP tunnel is not implemented for none communicator", '"none"', {
    validArgs: { use_iap: "true" },
  }),
  gce(`${C}project-id`, { project_id: null }, "a project_id must be specified", '"googlecompute"'),
  gce(`${C}source-image`, { source_image_family: null }, "a source_image or source_image_family must be specified", '"googlecompute"'),
  gce(`${C}zone`, { zone: null }, "a zone must be specified", '"googlecompute"'),
  gce(`${C}omit-external-ip-address`, { address: '"203.0.113.7"' }, "you can not specify an external address when 'omit_external_ip' is true", "address", {
    validArgs: { omit_external_ip: "true", use_internal_ip: "true" },
  }),
  gce(`${C}omit-external-ip-internal`, { use_internal_ip: "false" }, "'use_internal_ip' must be true if 'omit_external_ip' is true", "omit_external_ip", {
    validArgs: { omit_external_ip: "true", use_internal_ip: "true" },
  }),
  gce(`${C}accelerator-type`, { accelerator_type: null }, "'accelerator_type' must be set when 'accelerator_count' is more than 0", "accelerator_count", {
    validArgs: {
      accelerator_count: "1",
      accelerator_type: '"projects/p/zones/us-central1-a/acceleratorTypes/nvidia-tesla-t4"',
      on_host_maintenance: '"TERMINATE"',
    },
  }),
  gce(
    `${C}accelerator-maintenance`,
    { on_host_maintenance: null },
    "'on_host_maintenance' must be set to 'TERMINATE' when 'accelerator_count' is more than 0",
    "accelerator_count",
    {
      validArgs: {
        accelerator_count: "1",
        accelerator_type: '"projects/p/zones/us-central1-a/acceleratorTypes/nvidia-tesla-t4"',
        on_host_maintenance: '"TERMINATE"',
      },
    },
  ),
  gce(
    `${C}service-account`,
    { service_account_email: '"builder@p.iam.gserviceaccount.com"' },
    "you may not specify a 'service_account_email' when 'disable_default_service_account' is true",
    "service_account_email",
    { validArgs: { disable_default_service_account: "true" } },
  ),
  gce(
    `${C}startup-script-file`,
    { startup_script_file: '"${path.root}/missing.sh"' },
    "startup_script_file: stat missing.sh: no such file or directory",
    '"${path.root}/missing.sh"',
    { validArgs: { startup_script_file: '"${path.root}/startup.sh"' }, disk: { "startup.sh": "#!/bin/sh\n" } },
  ),
  gce(
    `${C}startup-script-file`,
    { startup_script_file: '"/etc/packer/startup.sh"' },
    "startup_script_file: stat /etc/packer/startup.sh: no such file or directory",
    '"/etc/packer/startup.sh"',
    { name: "outside the template's folder: a warning", severity: "warning", validArgs: { startup_script_file: null } },
  ),
  gce(
    `${C}startup-script-file`,
    { startup_script_file: '"./startup.sh"' },
    "startup_script_file: stat startup.sh: no such file or directory",
    '"./startup.sh"',
    { name: "relative to where Packer starts, not to the template: a warning", severity: "warning", validArgs: { startup_script_file: null } },
  ),
  gce(`${C}network-ip`, { network_ip: '"10.0.0.256"' }, "network_ip must be a valid IPv4 address", '"10.0.0.256"', {
    validArgs: { network_ip: '"10.0.0.25"' },
  }),
  gce(`${C}label-key`, { image_labels: '{ Team = "ci" }' }, 'key "Team" must match regex "^\\\\p{Ll}[\\\\p{Ll}0-9_-]{0,62}$"', "Team", {
    validArgs: { image_labels: '{ team = "ci" }' },
  }),
  gce(`${C}label-value`, { image_labels: '{ team = "CI" }' }, 'value "CI" for key "team" must match regex "^[\\\\p{Ll}0-9_-]{0,63}$"', '"CI"', {
    validArgs: { image_labels: '{ team = "ci" }' },
  }),
];

const BLOCK_CASES: CheckCase[] = [
  gce(
    `${B}source-volume-args`,
    {},
    "when specifying a source_volume, the following configuration arguments cannot be used: * disk_name * volume_type * volume_size * iops * keep_device",
    "volume_size",
    {
      validBlocks: disk('    source_volume = "projects/p/zones/us-central1-a/disks/data"\n'),
      blocks: disk('    source_volume = "projects/p/zones/us-central1-a/disks/data"\n    volume_size = 10\n'),
    },
  ),
  gce(`${B}source-volume-image`, {}, "source_volume and source_image are mutually exclusive", "source_image =", {
    validBlocks: disk('    source_volume = "projects/p/zones/us-central1-a/disks/data"\n'),
    blocks: disk('    source_volume = "projects/p/zones/us-central1-a/disks/data"\n    source_image = "projects/p/global/images/data"\n'),
  }),
  gce(`${B}volume-type`, {}, 'A valid volume type was not specified "pd-nvme"', '"pd-nvme"', {
    validBlocks: disk(PD),
    blocks: disk('    volume_type = "pd-nvme"\n    volume_size = 100\n'),
  }),
  gce(`${B}volume-type-required`, {}, 'A valid volume type was not specified ""', "disk_attachment", {
    validBlocks: disk(PD),
    blocks: disk("    volume_size = 100\n"),
  }),
  gce(`${B}iops-type`, {}, 'IOPS may only be specified for "pd-extreme" volumes', "iops", {
    validBlocks: disk('    volume_type = "pd-extreme"\n    volume_size = 100\n    iops = 20000\n'),
    blocks: disk(`${PD}    iops = 20000\n`),
  }),
  gce(`${B}iops-range`, {}, "Requested IOPS must be >= 10000 and <= 120000", "5000", {
    validBlocks: disk('    volume_type = "pd-extreme"\n    volume_size = 100\n    iops = 20000\n'),
    blocks: disk('    volume_type = "pd-extreme"\n    volume_size = 100\n    iops = 5000\n'),
  }),
  gce(`${B}scratch-keep`, {}, "Scratch volumes cannot be kept after the instance is shutdown", "keep_device", {
    validBlocks: disk(SCRATCH),
    blocks: disk(`${SCRATCH}    keep_device = true\n`),
  }),
  gce(`${B}scratch-name`, {}, "Scratch volumes cannot have a name specified.", "disk_name", {
    validBlocks: disk(SCRATCH),
    blocks: disk(`${SCRATCH}    disk_name = "scratch-1"\n`),
  }),
  gce(`${B}volume-size`, {}, "volume_size must be specified", "disk_attachment", {
    validBlocks: disk('    volume_type = "pd-ssd"\n    source_image = "projects/p/global/images/data"\n'),
    blocks: disk('    volume_type = "pd-ssd"\n'),
  }),
  gce(`${B}disk-name`, {}, 'Disk name "Data_1" is non-compliant.', '"Data_1"', {
    validBlocks: disk(`${PD}    disk_name = "data-1"\n`),
    blocks: disk(`${PD}    disk_name = "Data_1"\n`),
  }),
  gce(`${B}interface-type`, {}, 'Invalid interface_type: "nvme"', '"nvme"', {
    validBlocks: disk(`${PD}    interface_type = "NVME"\n`),
    blocks: disk(`${PD}    interface_type = "nvme"\n`),
  }),
  gce(`${B}attachment-mode`, {}, 'Invalid attachment_mode: "READ"', '"READ"', {
    validBlocks: disk(`${PD}    attachment_mode = "READ_ONLY"\n`),
    blocks: disk(`${PD}    attachment_mode = "READ"\n`),
  }),
  gce(`${B}scratch-device-name`, {}, "Scratch volumes may not have a device_name attached to them", "device_name", {
    validBlocks: disk(SCRATCH),
    blocks: disk(`${SCRATCH}    device_name = "cache"\n`),
  }),
  gce(`${B}scratch-create-image`, {}, "Scratch volumes may not have create_image enabled", "create_image", {
    validBlocks: disk(SCRATCH),
    blocks: disk(`${SCRATCH}    create_image = true\n`),
  }),
];

const AUTH_CASES: CheckCase[] = [
  gce(
    `${AUTH}one-method`,
    { credentials_json: '"{}"' },
    "too many authentication methods specified (access_token, credentials_json), choose only one",
    "credentials_json",
    { validArgs: { access_token: '"ya29.token"' } },
  ),
  maker((args) => step("post-processor", "googlecompute-export", args), { args: { paths: '["gs://b/x.tar.gz"]' } })(
    `${AUTH}one-method`,
    { vault_gcp_oauth_engine: '"gcp/token/builder"' },
    "too many authentication methods specified (impersonate_service_account, vault_gcp_oauth_engine), choose only one",
    "vault_gcp_oauth_engine",
    { name: "in a post-processor", validArgs: { impersonate_service_account: '"builder@p.iam.gserviceaccount.com"' } },
  ),
];

const exporter = maker((args) => step("post-processor", "googlecompute-export", args), { args: { paths: '["gs://b/x.tar.gz"]' } });
const importer = maker((args) => step("post-processor", "googlecompute-import", args), {
  args: { project_id: '"p"', bucket: '"b"', image_name: '"runner-1"' },
});
const IMP = "googlecompute:googlecomputeimport.Config:";
const POST_PROCESSOR_CASES: CheckCase[] = [
  exporter("googlecompute:googlecomputeexport.Config:paths", { paths: null }, "paths must be specified", '"googlecompute-export"'),
  importer(`${IMP}image-architecture`, { image_architecture: '"amd64"' }, "Invalid image architecture: Must be one of x86_64 or arm64", '"amd64"', {
    validArgs: { image_architecture: '"X86_64"' },
  }),
  importer(`${IMP}bucket`, { bucket: null }, "bucket must be set", '"googlecompute-import"'),
  importer(`${IMP}image-name`, { image_name: null }, "image_name must be set", '"googlecompute-import"'),
  importer(`${IMP}project-id`, { project_id: null }, "project_id must be set", '"googlecompute-import"'),
];

const image = maker((args) => data("googlecompute-image", args), { args: { project_id: '"debian-cloud"', filters: '"family = debian-12"' } });
const parameter = maker((args) => data("googlecompute-parametermanager", args), { args: { project_id: '"p"', name: '"ci"', version: '"v1"' } });
const secret = maker((args) => data("googlecompute-secretsmanager", args), { args: { project_id: '"p"', name: '"ci-token"' } });
const DATA_CASES: CheckCase[] = [
  image("googlecompute:image.Config:project-id", { project_id: null, filters: null }, "project_id must be specified", '"googlecompute-image"', {
    name: "the data source returns on its first error",
  }),
  image("googlecompute:image.Config:filters", { filters: null }, "filters must be specified to narrow down image search", '"googlecompute-image"'),
  parameter("googlecompute:parametermanager.Config:project-id", { project_id: null }, "a 'project_id' must be specified", '"googlecompute-parametermanager"'),
  parameter("googlecompute:parametermanager.Config:name", { name: null }, "a 'name' must be specified", '"googlecompute-parametermanager"'),
  parameter("googlecompute:parametermanager.Config:version", { version: null }, "a 'version' must be specified", '"googlecompute-parametermanager"'),
  secret("googlecompute:secretsmanager.Config:project-id", { project_id: null }, "a 'project_id' must be specified", '"googlecompute-secretsmanager"'),
  secret("googlecompute:secretsmanager.Config:name", { name: null }, "a 'name' must be specified", '"googlecompute-secretsmanager"'),
];

export const GOOGLECOMPUTE_CASES: CheckCase[] = [...BUILDER_CASES, ...BLOCK_CASES, ...AUTH_CASES, ...POST_PROCESSOR_CASES, ...DATA_CASES];
