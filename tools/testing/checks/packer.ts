/** Cases for the check table of Packer core's components (checks/data/packer.json) and the SDK configs they embed. */
import { data, source, step, withArgs, type CheckCase } from "./cases.ts";

type Args = Record<string, string | null>;

/** A case whose valid template is `make(base)` and whose invalid one is `make(base with changes)`. */
function edit(entry: string, make: (a: Args) => string, base: Args, changes: Args, message: string, at: string, extra: Partial<CheckCase> = {}): CheckCase {
  return { entry, valid: { code: make(base) }, invalid: { code: make(withArgs(base, changes)) }, message, at, ...extra };
}

const FILE: Args = { target: '"out.txt"', content: '"x"' };
const fileBuilder = (a: Args): string => source("file", a);

const NULL_SSH: Args = { ssh_host: '"10.0.0.1"', ssh_username: '"admin"', ssh_password: '"secret"' };
const NULL_WINRM: Args = { communicator: '"winrm"', winrm_host: '"10.0.0.1"', winrm_username: '"Administrator"', winrm_password: '"secret"' };
const nullBuilder = (a: Args): string => source("null", a);
const HOST = "a Host must be specified, please reference your communicator documentation";
const AUTH = "one authentication method must be specified, please reference your communicator documentation";

const FILE_PROV: Args = { content: '"x"', destination: '"/tmp/x"' };
const fileProv = (a: Args): string => step("provisioner", "file", a);

/** The inline/script/scripts and environment cases every shell-like provisioner shares. */
function shellCases(type: string, group: string): CheckCase[] {
  const make = (a: Args): string => step("provisioner", type, a);
  const base: Args = { inline: '["echo hi"]' };
  return [
    edit(
      `packer:${group}:script-or-scripts`,
      make,
      { script: '"a.sh"' },
      { scripts: '["b.sh"]' },
      "Only one of script or scripts can be specified.",
      "scripts =",
    ),
    edit(`packer:${group}:inline-or-script`, make, base, { inline: null }, "Either a script file or inline script must be specified.", `"${type}"`),
    edit(`packer:${group}:not-both`, make, base, { script: '"a.sh"' }, "Only a script file or an inline script can be specified, not both.", "inline ="),
    edit(`packer:${group}:environment-vars`, make, base, { environment_vars: '["FOO"]' }, "Environment variable not in format 'key=value': FOO", '"FOO"'),
    {
      entry: `packer:${group}:not-both`,
      name: "arguments set to null are unset for Packer",
      valid: {
        code: `variable "p" {\n  type    = any\n  default = {}\n}\n${make({ inline: "try(var.p.inline, null)", script: "null", scripts: '["a.sh"]' })}`,
      },
      invalid: { code: make({ inline: '["x"]', scripts: '["a.sh"]' }) },
      message: "Only a script file or an inline script can be specified, not both.",
      at: "inline =",
    },
  ];
}

function shellLocalCases(kind: "provisioner" | "post-processor"): CheckCase[] {
  const make = (a: Args): string => step(kind, "shell-local", a);
  const base: Args = { inline: '["echo hi"]' };
  const name = `as a ${kind}`;
  return [
    edit(
      "sdk:shell_local.Config:command-required",
      make,
      base,
      { inline: null },
      "Command, Inline, Script and Scripts options cannot all be empty.",
      '"shell-local"',
      { name },
    ),
    edit(
      "sdk:shell_local.Config:one-command",
      make,
      base,
      { command: '"echo"' },
      "You may only specify one of the following options: Command, Inline, Script or Scripts. Please consolidate these options in your config.",
      "command =",
      { name },
    ),
    edit(
      "sdk:shell_local.Config:only-on",
      make,
      withArgs(base, { only_on: '["linux"]' }),
      { only_on: '["plan9"]' },
      "Invalid OS specified in only_on: 'plan9' Supported OS names: darwin, freebsd, linux, openbsd, solaris, windows",
      '"plan9"',
      { name },
    ),
    edit(
      "sdk:shell_local.Config:linux-pathing-inline",
      make,
      { script: '"a.sh"', use_linux_pathing: "true" },
      { script: null, inline: '["x"]' },
      "Packer is unable to use the Command and Inline features with the Windows Linux Subsystem. Please use the Script or Scripts options instead",
      "inline =",
      { name },
    ),
    edit("sdk:shell_local.Config:environment-vars", make, base, { environment_vars: '["=x"]' }, "Environment variable not in format 'key=value': =x", '"=x"', {
      name,
    }),
  ];
}

const ps = (a: Args): string => step("provisioner", "powershell", a);
const PS: Args = { inline: '["Write-Host hi"]' };

export const PACKER_CASES: CheckCase[] = [
  edit("packer:file.Config:target-required", fileBuilder, FILE, { target: null }, "target required", '"file"'),
  edit("packer:file.Config:source-or-content", fileBuilder, FILE, { source: '"in.txt"' }, "Cannot specify source file AND content", 'source = "in.txt"'),

  edit("packer:null.Config:ssh-host", nullBuilder, NULL_SSH, { ssh_host: null }, HOST, '"null"'),
  edit("packer:null.Config:winrm-host", nullBuilder, NULL_WINRM, { winrm_host: null }, HOST, '"null"'),
  edit("packer:null.Config:docker-host", nullBuilder, NULL_SSH, { communicator: '"docker"' }, HOST, "communicator ="),
  edit("packer:null.Config:ssh-auth", nullBuilder, NULL_SSH, { ssh_password: null }, AUTH, '"null"'),
  edit("packer:null.Config:winrm-auth", nullBuilder, NULL_WINRM, { winrm_password: null }, AUTH, '"null"'),
  edit(
    "packer:null.Config:one-auth",
    nullBuilder,
    NULL_SSH,
    { ssh_agent_auth: "true" },
    "only one of ssh_agent_auth, ssh_password, and ssh_private_key_file must be specified",
    "ssh_agent_auth =",
  ),

  edit("sdk:communicator.Config:communicator-type", nullBuilder, NULL_SSH, { communicator: '"sshh"' }, "Communicator type sshh is invalid", '"sshh"'),
  edit(
    "sdk:communicator.Config:ssh-certificate-needs-key",
    nullBuilder,
    NULL_SSH,
    { ssh_certificate_file: '"cert.pub"' },
    "ssh_private_key_file must be specified if ssh_certificate_file is specified",
    "ssh_certificate_file =",
  ),
  edit(
    "sdk:communicator.Config:ssh-bastion-certificate-needs-key",
    nullBuilder,
    NULL_SSH,
    { ssh_bastion_certificate_file: '"cert.pub"' },
    "ssh_bastion_private_key_file must be specified if ssh_bastion_certificate_file is specified",
    "ssh_bastion_certificate_file =",
  ),
  edit(
    "sdk:communicator.Config:ssh-username",
    nullBuilder,
    NULL_SSH,
    { ssh_username: null },
    'An ssh_username must be specified Note: some builders used to default ssh_username to "root".',
    '"null"',
  ),
  {
    entry: "sdk:communicator.Config:ssh-private-key-file-exists",
    valid: { code: nullBuilder(withArgs(NULL_SSH, { ssh_password: null, ssh_private_key_file: '"${path.root}/id.pem"' })), disk: { "id.pem": "key" } },
    invalid: { code: nullBuilder(withArgs(NULL_SSH, { ssh_password: null, ssh_private_key_file: '"${path.root}/id.pem"' })) },
    message: "ssh_private_key_file is invalid: stat id.pem: no such file or directory",
    at: '"${path.root}/id.pem"',
  },
  {
    entry: "sdk:communicator.Config:ssh-private-key-file-exists",
    name: "a key outside the template's folder is a warning",
    valid: {
      code: nullBuilder(withArgs(NULL_SSH, { ssh_password: null, ssh_private_key_file: '"/home/ci/.ssh/id_ed25519"' })),
      disk: { "/home/ci/.ssh/id_ed25519": "key" },
    },
    invalid: { code: nullBuilder(withArgs(NULL_SSH, { ssh_password: null, ssh_private_key_file: '"/home/ci/.ssh/id_ed25519"' })) },
    message: "ssh_private_key_file is invalid: stat /home/ci/.ssh/id_ed25519: no such file or directory",
    at: '"/home/ci/.ssh/id_ed25519"',
    severity: "warning",
  },
  edit(
    "sdk:communicator.Config:ssh-bastion-auth",
    nullBuilder,
    withArgs(NULL_SSH, { ssh_bastion_host: '"bastion"', ssh_bastion_password: '"pw"' }),
    { ssh_bastion_password: null },
    "ssh_bastion_password, ssh_bastion_private_key_file or ssh_bastion_agent_auth must be specified",
    '"null"',
  ),
  {
    entry: "sdk:communicator.Config:ssh-bastion-key-exists",
    valid: {
      code: nullBuilder(withArgs(NULL_SSH, { ssh_bastion_host: '"bastion"', ssh_bastion_private_key_file: '"${path.root}/b.pem"' })),
      disk: { "b.pem": "key" },
    },
    invalid: { code: nullBuilder(withArgs(NULL_SSH, { ssh_bastion_host: '"bastion"', ssh_bastion_private_key_file: '"${path.root}/b.pem"' })) },
    message: "ssh_bastion_private_key_file is invalid: stat b.pem: no such file or directory",
    at: '"${path.root}/b.pem"',
  },
  edit(
    "sdk:communicator.Config:ssh-file-transfer-method",
    nullBuilder,
    withArgs(NULL_SSH, { ssh_file_transfer_method: '"sftp"' }),
    { ssh_file_transfer_method: '"ftp"' },
    "ssh_file_transfer_method ('ftp') is invalid, valid methods: sftp, scp",
    '"ftp"',
  ),
  edit(
    "sdk:communicator.Config:ssh-bastion-or-proxy",
    nullBuilder,
    withArgs(NULL_SSH, { ssh_bastion_host: '"bastion"', ssh_bastion_password: '"pw"' }),
    { ssh_proxy_host: '"proxy"' },
    "please specify either ssh_bastion_host or ssh_proxy_host, not both",
    "ssh_proxy_host =",
  ),
  edit(
    "sdk:communicator.Config:ssh-local-tunnels",
    nullBuilder,
    withArgs(NULL_SSH, { ssh_local_tunnels: '["8080:localhost:80"]' }),
    { ssh_local_tunnels: '["8080"]' },
    "ssh_local_tunnels ('8080') is invalid: Error parsing tunnel '8080': [8080]",
    '"8080"',
  ),
  edit(
    "sdk:communicator.Config:ssh-remote-tunnels",
    nullBuilder,
    withArgs(NULL_SSH, { ssh_remote_tunnels: '["8080:localhost:80"]' }),
    { ssh_remote_tunnels: '["x:localhost:80"]' },
    "ssh_remote_tunnels ('x:localhost:80') is invalid: Error parsing listening port, must be a valid port: strconv.Atoi: parsing \"x\": invalid syntax",
    '"x:localhost:80"',
  ),
  edit("sdk:communicator.Config:winrm-username", nullBuilder, NULL_WINRM, { winrm_username: null }, "winrm_username must be specified.", '"null"'),
  edit(
    "sdk:communicator.Config:durations",
    nullBuilder,
    withArgs(NULL_SSH, { ssh_timeout: '"5m"' }),
    { ssh_timeout: '"5"' },
    "error decoding 'ssh_timeout': time: missing unit in duration \"5\"",
    '"5"',
  ),

  edit(
    "packer:file.Config#2:direction",
    fileProv,
    withArgs(FILE_PROV, { direction: '"upload"' }),
    { direction: '"sideways"' },
    "Direction must be one of: download, upload.",
    '"sideways"',
  ),
  edit("packer:file.Config#2:source-or-content", fileProv, FILE_PROV, { source: '"a.txt"' }, "source(s) conflicts with content.", "content ="),
  edit("packer:file.Config#2:destination", fileProv, FILE_PROV, { destination: null }, "Destination must be specified.", '"file"'),

  edit(
    "packer:shell.Config:durations",
    (a) => step("provisioner", "shell", a),
    { inline: '["x"]', pause_after: '"10s"' },
    { pause_after: '"10"' },
    "error decoding 'pause_after': time: missing unit in duration \"10\"",
    '"10"',
  ),
  ...shellCases("shell", "shell.Config"),
  ...shellCases("windows-shell", "shell.Config#2"),
  edit(
    "packer:shell.Config#2:durations",
    (a) => step("provisioner", "windows-shell", a),
    { inline: '["x"]', start_retry_timeout: '"5m"' },
    { start_retry_timeout: '"5 minutes"' },
    'error decoding \'start_retry_timeout\': time: unknown unit " minutes" in duration "5 minutes"',
    '"5 minutes"',
  ),
  ...shellCases("powershell", "powershell.Config"),
  edit(
    "packer:powershell.Config:durations",
    ps,
    withArgs(PS, { start_retry_timeout: '"1m"' }),
    { start_retry_timeout: '"1.5"' },
    "error decoding 'start_retry_timeout': time: missing unit in duration \"1.5\"",
    '"1.5"',
  ),
  edit(
    "packer:powershell.Config:execution-policy-name",
    ps,
    withArgs(PS, { execution_policy: '"RemoteSigned"' }),
    { execution_policy: '"unsigned"' },
    "unsigned does not belong to ExecutionPolicy values",
    '"unsigned"',
  ),
  edit(
    "packer:powershell.Config:execution-policy-number",
    ps,
    withArgs(PS, { execution_policy: '"7"' }),
    { execution_policy: '"9"' },
    'Invalid execution policy provided. Please supply one of: "bypass", "allsigned", "default", "remotesigned", "restricted", "undefined", "unrestricted", "none".',
    '"9"',
  ),
  edit(
    "packer:powershell.Config:elevated-user",
    ps,
    withArgs(PS, { elevated_user: '"Administrator"', elevated_password: '"pw"' }),
    { elevated_user: null },
    "Must supply an 'elevated_user' if 'elevated_password' provided",
    "elevated_password =",
  ),
  edit(
    "packer:powershell.Config:debug-mode",
    ps,
    withArgs(PS, { debug_mode: "1" }),
    { debug_mode: "3" },
    "3 is an invalid Trace level for `debug_mode`; valid values are 0, 1, and 2",
    "debug_mode = |3",
  ),
  edit(
    "packer:restart.Config:durations",
    (a) => step("provisioner", "windows-restart", a),
    { restart_timeout: '"10m"' },
    { restart_timeout: '"10"' },
    "error decoding 'restart_timeout': time: missing unit in duration \"10\"",
    '"10"',
  ),
  ...shellLocalCases("provisioner"),
  ...shellLocalCases("post-processor"),
  edit(
    "packer:checksum.Config:checksum-types",
    (a) => step("post-processor", "checksum", a),
    { checksum_types: '["sha256"]' },
    { checksum_types: '["sha256", "crc32"]' },
    "Unrecognized checksum type: crc32",
    '"crc32"',
  ),
  edit(
    "packer:artifice.Config:files",
    (a) => step("post-processor", "artifice", a),
    { files: '["out.img"]' },
    { files: null },
    "No files specified in artifice configuration",
    '"artifice"',
  ),

  ...hcpCases(),
  edit("packer:http.Config:url", (a) => data("http", a), { url: '"https://example.com"' }, { url: null }, "the `url` must be specified", '"http"'),
  edit(
    "packer:http.Config:method",
    (a) => data("http", a),
    { url: '"https://example.com"', method: '"POST"' },
    { method: '"FETCH"' },
    "the `method` must be one of [HEAD GET POST PUT DELETE OPTIONS PATCH]",
    '"FETCH"',
  ),
  edit("packer:null.Config#2:input", (a) => data("null", a), { input: '"x"' }, { input: null }, "The `input` must be specified", '"null"'),
];

/** The HCP Packer data sources' cases: a list, long because it is one case per entry. */
function hcpCases(): CheckCase[] {
  const artifact = (a: Args): string => data("hcp-packer-artifact", a);
  const A: Args = { bucket_name: '"base"', channel_name: '"prod"', platform: '"aws"', region: '"us-east-1"' };
  const image = (a: Args): string => data("hcp-packer-image", a);
  const I: Args = { bucket_name: '"base"', channel: '"prod"', cloud_provider: '"aws"', region: '"us-east-1"' };
  const iteration = (a: Args): string => data("hcp-packer-iteration", a);
  const version = (a: Args): string => data("hcp-packer-version", a);
  return [
    edit("packer:hcp_packer_artifact.Config:bucket-name", artifact, A, { bucket_name: null }, "the `bucket_name` must be specified", '"hcp-packer-artifact"'),
    edit(
      "packer:hcp_packer_artifact.Config:version-or-channel",
      artifact,
      A,
      { channel_name: null },
      "`version_fingerprint` or `channel_name` must be specified",
      '"hcp-packer-artifact"',
    ),
    edit(
      "packer:hcp_packer_artifact.Config:not-both",
      artifact,
      A,
      { version_fingerprint: '"01H"' },
      "`version_fingerprint` and `channel_name` cannot be specified together",
      "version_fingerprint =",
    ),
    edit("packer:hcp_packer_artifact.Config:region", artifact, A, { region: null }, "the `region` must be specified", '"hcp-packer-artifact"'),
    edit("packer:hcp_packer_artifact.Config:platform", artifact, A, { platform: null }, "the `platform` must be specified", '"hcp-packer-artifact"'),
    edit("packer:hcp_packer_image.Config:bucket-name", image, I, { bucket_name: null }, "The `bucket_name` must be specified", '"hcp-packer-image"'),
    edit(
      "packer:hcp_packer_image.Config:iteration-or-channel",
      image,
      I,
      { channel: null },
      "The `iteration_id` or `channel` must be specified.",
      '"hcp-packer-image"',
    ),
    edit(
      "packer:hcp_packer_image.Config:not-both",
      image,
      I,
      { iteration_id: '"01H"' },
      "`iteration_id` and `channel` cannot both be specified.",
      "iteration_id =",
    ),
    edit("packer:hcp_packer_image.Config:region", image, I, { region: null }, "`region` is currently a required field.", '"hcp-packer-image"'),
    edit(
      "packer:hcp_packer_image.Config:cloud-provider",
      image,
      I,
      { cloud_provider: null },
      "`cloud_provider` is currently a required field.",
      '"hcp-packer-image"',
    ),
    edit(
      "packer:hcp_packer_iteration.Config:bucket-name",
      iteration,
      { bucket_name: '"b"', channel: '"c"' },
      { bucket_name: null },
      "The `bucket_name` must be specified",
      '"hcp-packer-iteration"',
    ),
    edit(
      "packer:hcp_packer_iteration.Config:channel",
      iteration,
      { bucket_name: '"b"', channel: '"c"' },
      { channel: null },
      "`channel` is currently a required field.",
      '"hcp-packer-iteration"',
    ),
    edit(
      "packer:hcp_packer_version.Config:bucket-name",
      version,
      { bucket_name: '"b"', channel_name: '"c"' },
      { bucket_name: null },
      "the `bucket_name` must be specified",
      '"hcp-packer-version"',
    ),
    edit(
      "packer:hcp_packer_version.Config:channel-name",
      version,
      { bucket_name: '"b"', channel_name: '"c"' },
      { channel_name: null },
      "the `channel_name` must be specified",
      '"hcp-packer-version"',
    ),
  ];
}
