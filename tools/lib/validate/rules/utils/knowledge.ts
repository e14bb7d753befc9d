/** Facts about Packer the rules share: schemas, builtin components, functions. */
import { FUNCTIONS as FUNCTION_TABLE } from "../../funcs/table.ts";

/** Top-level blocks Packer's config schema accepts, with their label counts. */
export const TOP_LEVEL_BLOCKS: Record<string, number | undefined> = {
  packer: 0,
  source: 2,
  variable: 1,
  variables: 0,
  local: 1,
  locals: 0,
  data: 2,
  build: 0,
  hcp_packer_registry: 0,
  communicator: 2,
};

/** Blocks a build block accepts, with their label counts. */
export const BUILD_BLOCKS: Record<string, number> = {
  from: 1,
  source: 1,
  provisioner: 1,
  "error-cleanup-provisioner": 1,
  "post-processor": 1,
  "post-processors": 0,
  hcp_packer_registry: 0,
  dynamic: 1,
};
export const BUILD_ATTRIBUTES = new Set(["name", "description", "sources"]);
/** Arguments of a variable block (hcl2template/types.variables.go's variableBlockSchema; Packer has no `nullable`). */
export const VARIABLE_ATTRIBUTES = new Set(["default", "type", "description", "sensitive"]);
/** Arguments of a `local "NAME" {}` block (localBlockSchema). */
export const LOCAL_ATTRIBUTES = new Set(["expression", "sensitive"]);
/** Arguments of a variable's validation block (variableValidationBlockSchema; both required). */
export const VALIDATION_ATTRIBUTES = new Set(["condition", "error_message"]);

/** Components Packer core registers itself (command/execute.go); everything else needs a plugin. */
export const BUILTIN = {
  source: new Set(["null", "file"]),
  data: new Set(["null", "http", "hcp-packer-image", "hcp-packer-iteration", "hcp-packer-version", "hcp-packer-artifact"]),
  provisioner: new Set(["breakpoint", "file", "hcp-sbom", "powershell", "shell", "shell-local", "sleep", "windows-restart", "windows-shell"]),
  "post-processor": new Set(["artifice", "checksum", "compress", "manifest", "shell-local"]),
};

/**
 * Functions Packer's HCL evaluation context provides outside variable defaults (where only
 * `env()` is offered), from the generated function table.
 */
export const FUNCTIONS: ReadonlySet<string> = new Set(Object.keys(FUNCTION_TABLE).filter((n) => !FUNCTION_TABLE[n]!.variableDefaultsOnly));

/** Roots an expression may reference. */
export const ROOTS = new Set(["var", "local", "data", "source", "build", "path", "packer"]);

/** Map-typed arguments that are often written as blocks, per plugin family. */
export const MAP_ATTRIBUTES: Record<string, Set<string>> = {
  amazon: new Set(["tags", "run_tags", "run_volume_tags", "spot_tags", "snapshot_tags", "filters", "fleet_tags"]),
  googlecompute: new Set(["labels", "image_labels", "metadata", "metadata_files"]),
};

/** Block-typed arguments that are often written as `name = {...}`. */
export const BLOCK_ARGUMENTS: Record<string, Set<string>> = {
  amazon: new Set([
    "source_ami_filter",
    "launch_block_device_mappings",
    "ami_block_device_mappings",
    "vpc_filter",
    "subnet_filter",
    "security_group_filter",
    "temporary_iam_instance_profile_policy_document",
    "assume_role",
    "metadata_options",
    "tag",
    "run_tag",
  ]),
  googlecompute: new Set(["image_encryption_key", "disk_encryption_key"]),
};

export function pluginFamily(type: string): string | undefined {
  if (type.startsWith("amazon-")) return "amazon";
  if (type === "googlecompute" || type.startsWith("googlecompute-")) return "googlecompute";
  return undefined;
}

/** amazon builders that use the EC2 run config (source AMI, instance type, SSH). */
export const AMAZON_RUN_BUILDERS = new Set(["amazon-ebs", "amazon-ebssurrogate", "amazon-ebsvolume", "amazon-instance"]);
