/** Cases for the check table of the docker plugin (checks/data/docker.json): the builder, its Dockerfile build block, and docker-push. */
import { source, step, withArgs, type CheckCase } from "./cases.ts";

type Args = Record<string, string | null>;

const IMAGE: Args = { image: '"ubuntu:24.04"', commit: "true" };
const BUILT: Args = { image: null, commit: "true" };
const DOCKERFILE = { Dockerfile: "FROM ubuntu:24.04\n" };

/** A docker source with `args` and a `build` block holding `build` (none when undefined). */
const docker = (args: Args, build?: string): string => source("docker", args, build === undefined ? "" : `  build {\n${build}  }\n`);

interface Side {
  args: Args;
  build?: string;
  disk?: Record<string, string>;
}

/** A case from the template it accepts and the one with the mistake. */
function pair(entry: string, valid: Side, invalid: Side, message: string, at: string, extra: Partial<CheckCase> = {}): CheckCase {
  const sample = (s: Side) => ({ code: docker(s.args, s.build), ...(s.disk ? { disk: s.disk } : {}) });
  return { entry, valid: sample(valid), invalid: sample(invalid), message, at, ...extra };
}

const PATH = '    path = "${path.root}/Dockerfile"\n';
const SSH_USERNAME = 'An ssh_username must be specified Note: some builders used to default ssh_username to "root".';

export const DOCKER_CASES: CheckCase[] = [
  pair(
    "docker:docker.DockerfileBootstrapConfig:path-required",
    { args: BUILT, build: PATH, disk: DOCKERFILE },
    { args: BUILT, build: "    compress = true\n" },
    "`path` is required for bootstrapping a build with `docker build`",
    "build {",
  ),
  pair(
    "docker:docker.DockerfileBootstrapConfig:path-required",
    { args: IMAGE, build: "" },
    { args: BUILT, build: "    pull = false\n" },
    "`path` is required for bootstrapping a build with `docker build`",
    "build {",
    { name: "pull = false alone makes the build block count (a Trilean: false is not its zero value); an empty one does not" },
  ),
  pair(
    "docker:docker.DockerfileBootstrapConfig:path-exists",
    { args: BUILT, build: PATH, disk: DOCKERFILE },
    { args: BUILT, build: PATH },
    'failed to stat file "Dockerfile": stat Dockerfile: no such file or directory',
    '"${path.root}/Dockerfile"',
  ),
  pair(
    "docker:docker.DockerfileBootstrapConfig:path-exists",
    { args: BUILT, build: '    path = "/srv/app/Dockerfile"\n', disk: { "/srv/app/Dockerfile": "FROM x\n" } },
    { args: BUILT, build: '    path = "/srv/app/Dockerfile"\n' },
    'failed to stat file "/srv/app/Dockerfile": stat /srv/app/Dockerfile: no such file or directory',
    '"/srv/app/Dockerfile"',
    { name: "a Dockerfile outside the template's folder is a warning", severity: "warning" },
  ),
  pair(
    "docker:docker.DockerfileBootstrapConfig:path-regular",
    { args: BUILT, build: PATH, disk: DOCKERFILE },
    { args: BUILT, build: PATH, disk: { "Dockerfile/README": "" } },
    'dockerfile "Dockerfile" is not a regular file',
    '"${path.root}/Dockerfile"',
  ),
  pair(
    "docker:docker.DockerfileBootstrapConfig:build-dir-exists",
    { args: BUILT, build: `${PATH}    build_dir = "\${path.root}/ctx"\n`, disk: { ...DOCKERFILE, "ctx/app.py": "" } },
    { args: BUILT, build: `${PATH}    build_dir = "\${path.root}/ctx"\n`, disk: DOCKERFILE },
    'failed to stat build directory "ctx": stat ctx: no such file or directory',
    '"${path.root}/ctx"',
  ),
  pair(
    "docker:docker.DockerfileBootstrapConfig:build-dir-folder",
    { args: BUILT, build: `${PATH}    build_dir = "\${path.root}/ctx"\n`, disk: { ...DOCKERFILE, "ctx/app.py": "" } },
    { args: BUILT, build: `${PATH}    build_dir = "\${path.root}/ctx"\n`, disk: { ...DOCKERFILE, ctx: "" } },
    'specified build_dir "ctx" is not a directory',
    '"${path.root}/ctx"',
  ),
  pair(
    "docker:docker.Config:image-with-build",
    { args: BUILT, build: PATH, disk: DOCKERFILE },
    { args: IMAGE, build: PATH, disk: DOCKERFILE },
    "`image` cannot be specified with a build config",
    "image =",
  ),
  pair(
    "docker:docker.Config:image-required",
    { args: IMAGE },
    { args: BUILT },
    "missing 'image' attribute or 'build' section, either needs to be specified for a build to run.",
    '"docker"',
  ),
  pair(
    "docker:docker.Config:image-required",
    { args: BUILT, build: PATH, disk: DOCKERFILE },
    { args: BUILT, build: "" },
    "missing 'image' attribute or 'build' section, either needs to be specified for a build to run.",
    '"docker"',
    { name: "an empty build block is no build config" },
  ),
  pair(
    "docker:docker.Config:artifact-conflict",
    { args: IMAGE },
    { args: withArgs(IMAGE, { discard: "true" }) },
    "Cannot specify more than one of commit, discard, and export_path",
    "discard =",
  ),
  pair(
    "docker:docker.Config:artifact-required",
    { args: withArgs(IMAGE, { commit: null, discard: "true" }) },
    { args: withArgs(IMAGE, { commit: "false" }) },
    "No instructions given for handling the artifact; expected commit, discard, or export_path",
    '"docker"',
  ),
  pair(
    "docker:docker.Config:export-path-folder",
    { args: withArgs(IMAGE, { commit: null, export_path: '"${path.root}/image.tar"' }) },
    { args: withArgs(IMAGE, { commit: null, export_path: '"${path.root}/image.tar"' }), disk: { "image.tar/layer": "" } },
    "export_path must be a file, not a directory",
    '"${path.root}/image.tar"',
  ),
  pair(
    "docker:docker.Config:ecr-login-server",
    { args: withArgs(IMAGE, { ecr_login: "true", login_server: '"https://123456789012.dkr.ecr.us-east-1.amazonaws.com/"' }) },
    { args: withArgs(IMAGE, { ecr_login: "true" }) },
    "ECR login requires login server to be provided.",
    "ecr_login =",
  ),
  pair("sdk:communicator.Config:ssh-username", { args: IMAGE }, { args: withArgs(IMAGE, { communicator: '"ssh"' }) }, SSH_USERNAME, '"docker"', {
    name: "docker's communicator is docker unless the template says ssh",
  }),
  {
    entry: "docker:dockerpush.Config:ecr-login-server",
    valid: { code: step("post-processor", "docker-push", { ecr_login: "true", login_server: '"https://123456789012.dkr.ecr.us-east-1.amazonaws.com/"' }) },
    invalid: { code: step("post-processor", "docker-push", { ecr_login: "true" }) },
    message: "ECR login requires login server to be provided.",
    at: "ecr_login =",
  },
];
