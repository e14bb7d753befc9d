/**
 * Text a team pastes into CI and Terraform to route canary runs: GitHub Actions
 * expressions that pick the canary queue and config when the branch name or pull-request
 * title contains a marker, and the Aspect Workflows Terraform pieces (image data source,
 * `resource_types` entry, runner-group entry) for a canary runner group.
 *
 * Field names follow the Aspect Workflows Terraform module as used in Aspect's public
 * example deployments (`resource_types.<name>.{instance_types,image_id}` on AWS,
 * `{machine_type,image_id}` on GCP; `gha_runner_groups` / `bk_runner_groups` entries with
 * `agent_idle_timeout_min, max_runners, min_runners, queue, resource_type, warming`).
 */

export const DEFAULT_MARKER = "__canary__";
export const DEFAULT_MAIN_QUEUE = "aspect-default";
export const MARKER_PATTERN = /^[A-Za-z0-9_./-]+$/;

export interface CiOptions {
  marker: string;
  queue: string;
  mainQueue: string;
  config: string;
  canaryConfig: string;
}

/** The condition, as a GitHub Actions expression body (no `${{ }}`). */
export function ciCondition(marker: string): string {
  return `contains(github.head_ref || github.ref_name, '${marker}') || contains(github.event.pull_request.title, '${marker}')`;
}

export function printCi(o: CiOptions): string {
  const cond = ciCondition(o.marker);
  const queue = `\${{ (${cond}) && '${o.queue}' || '${o.mainQueue}' }}`;
  const config = `\${{ (${cond}) && '${o.canaryConfig}' || '${o.config}' }}`;
  return [
    `# GitHub Actions: a run whose branch name or pull-request title contains "${o.marker}"`,
    `# (contains() ignores case) goes to the "${o.queue}" runner group with ${o.canaryConfig};`,
    `# every other run keeps "${o.mainQueue}" and ${o.config}.`,
    "# In .github/workflows/aspect-workflows.yaml, for the Aspect Workflows reusable workflow:",
    "jobs:",
    "  aspect-workflows:",
    "    name: Aspect Workflows",
    "    uses: ./.github/workflows/.aspect-workflows-reusable.yaml",
    "    with:",
    `      queue: ${queue}`,
    `      aspect-config: ${config}`,
    "",
    "# For a job of your own that should follow the same switch:",
    `#   runs-on: [self-hosted, aspect-workflows, "${queue}"]`,
    `#   env:`,
    `#     ASPECT_WORKFLOWS_CONFIG: ${config}`,
    "",
  ].join("\n");
}

export type Cloud = "aws" | "gcp";
export type Ci = "gha" | "bk";

export interface TerraformOptions {
  imagePrefix: string;
  cloud: Cloud;
  ci: Ci;
  queue: string;
  /** AWS instance type or GCP machine type. */
  machine?: string;
  /** GCP project that holds the images (default: the provider's project). */
  project?: string;
  /** `owner/repo`, for gha runner groups. */
  repo?: string;
}

export const AWS_PREFIX_PATTERN = /^[A-Za-z0-9()[\]./_@' -]+$/;
export const GCP_PREFIX_PATTERN = /^[a-z][a-z0-9-]*$/;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function printTerraform(o: TerraformOptions): string {
  const name = o.queue.replace(/[^A-Za-z0-9_]/g, "_");
  const lines: string[] = [];
  let imageRef: string;
  if (o.cloud === "aws") {
    imageRef = `data.aws_ami.${name}_runner_ami.id`;
    lines.push(
      `# The canary runner image: the newest AMI of this account whose name starts with "${o.imagePrefix}".`,
      `data "aws_ami" "${name}_runner_ami" {`,
      "  most_recent = true",
      `  owners      = ["self"]`,
      "  filter {",
      `    name   = "name"`,
      `    values = ["${o.imagePrefix}*"]`,
      "  }",
      "}",
    );
  } else {
    imageRef = `data.google_compute_image.${name}_runner_image.id`;
    lines.push(
      `# The canary runner image: the newest image whose name starts with "${o.imagePrefix}".`,
      `# (If your Packer template sets image_family, \`family = "<family>"\` instead of filter/most_recent`,
      "# picks the newest image of that family.)",
      `data "google_compute_image" "${name}_runner_image" {`,
      ...(o.project ? [`  project     = "${o.project}"`] : []),
      `  filter      = "name eq ${escapeRegex(o.imagePrefix)}.*"`,
      "  most_recent = true",
      "}",
    );
  }
  const machine =
    o.cloud === "aws"
      ? `    instance_types = ["${o.machine ?? "c5ad.xlarge"}"] # Workflows runners want local NVMe disks`
      : `    machine_type   = "${o.machine ?? "n1-standard-4"}"`;
  lines.push(
    "",
    `# In module "aspect_workflows": add to resource_types = { ... }`,
    `  ${name} = {`,
    machine,
    `    image_id       = ${imageRef}`,
    "  }",
    "",
    `# In module "aspect_workflows": add to ${o.ci}_runner_groups = { ... }`,
    `  # Runners on the new image. Only runs that ask for queue "${o.queue}" land here (see --print-ci).`,
    `  ${name} = {`,
    "    agent_idle_timeout_min = 10",
  );
  if (o.ci === "gha") {
    lines.push(
      `    gh_repo                = "${o.repo ?? "ORG/REPO"}"`,
      "    gha_workflow_ids       = [] # the Aspect Workflows workflow's id, as in your default group",
    );
  }
  lines.push(
    "    max_runners            = 2",
    "    min_runners            = 0",
    `    queue                  = "${o.queue}"`,
    `    resource_type          = "${name}"`,
    "    warming                = false # warming archives come from the old image; turn on after promotion",
    "  }",
    "",
  );
  return lines.join("\n");
}
