"""Repository rules: one repository per platform and tool (the hub is toolchains_repo.bzl).

Only the repository that toolchain resolution picks for the executing platform is fetched, so a
Linux machine never downloads the macOS or Windows archives.
"""

load(":download.bzl", "download_verified")
load(":platforms.bzl", "PLATFORMS")

# The canary's cache bust (`--repo_env=CACHE_BUST=...` in .bazelrc). The repositories that
# download read nothing from it, but list it: a bump re-runs them, so a canary run verifies
# every archive again (served from Bazel's repository cache by its checksum, no new download),
# while an unchanged value re-runs nothing. What they produce does not depend on it, so no
# action that uses them re-runs because of it.
#
# NETRC names the .netrc file with a private mirror's credentials (download.bzl): a new file
# re-runs the downloads that read it.
_CACHE_BUST_ENV = ["CACHE_BUST", "NETRC"]

_TOOLCHAIN_RULES = str(Label("//packer:toolchain.bzl"))

# What a download error suggests, per tool: a Packer already on the machine (for this machine
# only, or for everyone), or a mirror. The snippets paste as they are.
_PACKER_DOWNLOAD_HINT = """\
Offline or behind a firewall? Use a Packer that is already on this machine, or a mirror you can reach.
  For this machine only, without editing a committed file: in user.bazelrc (try-import it from .bazelrc) or on the command line,
    common --repo_env=RULES_PACKER_HOST_PACKER=/usr/local/bin/packer
    # optional: its version, which bazel test checks templates against
    common --repo_env=RULES_PACKER_HOST_PACKER_VERSION=1.16.0
  For everyone, in MODULE.bazel:
    packer = use_extension("@rules_packer//packer:extensions.bzl", "packer")
    packer.host(path = "/usr/local/bin/packer")  # version = "..." too, for bazel test's version checks
    # or a mirror ({version}, {platform}, {os} and {arch} are filled in):
    packer.toolchain(urls = ["https://mirror.example.com/packer/{version}/packer_{version}_{platform}.zip"])
`bazel test` of the templates needs no Packer (with `test --build_tests_only` in .bazelrc)."""

_PLUGIN_DOWNLOAD_HINT = """\
Offline or behind a firewall? Point the plugin at a mirror you can reach, in MODULE.bazel:
    packer.plugin(source = ..., version = ..., sha256 = {...}, urls = ["https://mirror.example.com/packer-plugin-{name}/{version}/packer-plugin-{name}_{version}_{platform}.zip"])
or use a Packer already on this machine, whose plugins are its own: common --repo_env=RULES_PACKER_HOST_PACKER=/usr/local/bin/packer"""

_NODE_DOWNLOAD_HINT = """\
Offline or behind a firewall? In MODULE.bazel, point Node.js and the npm packages at mirrors you can reach, or use a Node.js 24 already on this machine:
    packer = use_extension("@rules_packer//packer:extensions.bzl", "packer")
    packer.node(urls = ["https://mirror.example.com/node/{path}"], npm_registries = ["https://npm.example.com"])
    # or: packer.node(path = "/usr/local/bin/node")"""

def _write_toolchain_build(rctx, rule, exports = [], **attrs):
    """Writes the BUILD file of a per-platform repository: one `toolchain` target."""
    lines = ['load("%s", "%s")' % (_TOOLCHAIN_RULES, rule), "", "%s(" % rule, '    name = "toolchain",']
    lines.extend(["    %s = %s," % (key, json.encode(value)) for key, value in sorted(attrs.items())])
    lines.extend(['    visibility = ["//visibility:public"],', ")", ""])
    if exports:
        lines.extend(["exports_files(%s)" % json.encode(exports), ""])
    rctx.file("BUILD.bazel", "\n".join(lines))

def _fill(template, version, platform):
    p = PLATFORMS[platform]
    return template.format(version = version, platform = platform, os = p.os, arch = p.arch)

def _packer_release_impl(rctx):
    version = rctx.attr.version
    platform = rctx.attr.platform
    what = "packer_%s_%s.zip" % (version, platform)
    download_verified(rctx, what, [{
        "urls": [_fill(t, version, platform) for t in rctx.attr.url_templates],
        "sha256": rctx.attr.sha256,
        "type": "zip",
    }], hint = _PACKER_DOWNLOAD_HINT)
    binary = "packer.exe" if platform.startswith("windows") else "packer"
    if not rctx.path(binary).exists:
        fail("rules_packer: %s holds no `%s` at its top level" % (what, binary))
    plugins = [_fetch_plugin(rctx, json.decode(raw), platform) for raw in rctx.attr.plugins]
    extra = {"plugins": [f for p in plugins for f in ["plugins/" + p, "plugins/" + p + "_SHA256SUM"]]} if plugins else {}
    _write_toolchain_build(rctx, "packer_toolchain", exports = [binary], packer = binary, version = version, **extra)

def _fetch_plugin(rctx, plugin, platform):
    """Downloads one plugin zip and lays it out as Packer (1.10+) expects under plugins/.

    Layout: plugins/<source>/packer-plugin-<name>_v<version>_x<api>_<os>_<arch>, with a
    <binary>_SHA256SUM file beside it holding the binary's sha256 (Packer checks it).

    Returns:
      The binary's path under plugins/.
    """
    source, version = plugin["source"], plugin["version"]
    name = source.split("/")[-1]
    what = "packer-plugin-%s_%s_%s.zip" % (name, version, platform)
    sha256 = plugin["sha256"].get(platform)
    if not sha256:
        fail(("rules_packer: plugin %s %s has no sha256 for %s (it has: %s); add it to " +
              "packer.plugin(sha256 = {...}) from the plugin's SHA256SUMS file") %
             (source, version, platform, ", ".join(sorted(plugin["sha256"].keys())) or "none"))
    p = PLATFORMS[platform]
    urls = [t.format(name = name, version = version, platform = platform, os = p.os, arch = p.arch) for t in plugin["urls"]]
    directory = "plugins/" + source
    download_verified(rctx, what, [{"urls": urls, "sha256": sha256, "type": "zip"}], output = directory, hint = _PLUGIN_DOWNLOAD_HINT)
    binaries = [f.basename for f in rctx.path(directory).readdir() if f.basename.startswith("packer-plugin-" + name + "_")]
    if len(binaries) != 1:
        fail("rules_packer: %s should hold one packer-plugin-%s_v..._<os>_<arch> binary; found %s" % (what, name, binaries or "none"))
    binary = directory + "/" + binaries[0]

    # Packer wants the binary's own sha256 beside it.
    rctx.file(binary + "_SHA256SUM", _file_sha256(rctx, binary))
    return source + "/" + binaries[0]

def _file_sha256(rctx, path):
    """The sha256 of a file in the repository: sha256sum or shasum, else Bazel's download API."""
    for argv in [["sha256sum", "--", path], ["shasum", "-a", "256", "--", path]]:
        if not rctx.which(argv[0]):
            continue
        result = rctx.execute(argv)
        digest = result.stdout.strip().split(" ")[0].lstrip("\\").lower() if result.return_code == 0 else ""
        if len(digest) == 64:
            return digest

    # No checksum tool (Windows): the download API reports the sum of what a file:// URL gives.
    probe = rctx.download(url = "file://" + str(rctx.path(path)), output = "_sha256_probe", allow_fail = True)
    if not probe.success:
        fail("rules_packer: could not checksum %s: no sha256sum or shasum on PATH, and Bazel could not read it back (--repository_disable_download forbids that)" % path)
    rctx.delete("_sha256_probe")
    return probe.sha256

packer_release = repository_rule(
    implementation = _packer_release_impl,
    doc = "Downloads one platform's Packer release zip and verifies its sha256.",
    attrs = {
        "version": attr.string(mandatory = True),
        "platform": attr.string(mandatory = True, values = PLATFORMS.keys()),
        "sha256": attr.string(mandatory = True),
        "url_templates": attr.string_list(mandatory = True, doc = "URL templates; {version}, {platform}, {os}, {arch} are filled in."),
        "plugins": attr.string_list(doc = "JSON: {source, version, sha256: {platform: sum}, urls: [templates with {name}, {version}, {platform}, {os}, {arch}]}."),
    },
    environ = _CACHE_BUST_ENV,
)

def _detect_version(rctx, argv, pattern_prefix):
    """The version from the first output line of `argv` that starts with `pattern_prefix`."""
    result = rctx.execute(
        argv,
        timeout = 60,
        environment = {"CHECKPOINT_DISABLE": "1"},  # no call to HashiCorp from an air-gapped host
    )
    if result.return_code != 0:
        return ""
    for line in result.stdout.splitlines():
        line = line.strip()
        if line.startswith(pattern_prefix):
            return line[len(pattern_prefix):].split(" ")[0]
    return ""

def _host_binary(rctx, tool):
    path = rctx.attr.path
    origin = getattr(rctx.attr, "origin", "") or "MODULE.bazel"
    if "/" not in path and "\\" not in path:
        found = rctx.which(path)
        if not found:
            fail("rules_packer: `%s` (%s) was not found on PATH; give the absolute path of the %s binary" % (path, origin, tool))
        path = str(found)
    if not rctx.path(path).exists:
        fail("rules_packer: the %s binary %s (%s) does not exist on this machine" % (tool, path, origin))
    return path

def _packer_host_impl(rctx):
    path = _host_binary(rctx, "Packer")
    version = rctx.attr.version or _detect_version(rctx, [path, "version"], "Packer v")
    if not version:
        fail("rules_packer: could not tell the version of %s (%s; `packer version` failed); set `version` on packer.host(), or --repo_env=RULES_PACKER_HOST_PACKER_VERSION" % (path, rctx.attr.origin))
    _write_toolchain_build(rctx, "packer_toolchain", packer_path = path, version = version)

packer_host = repository_rule(
    implementation = _packer_host_impl,
    doc = "Uses a Packer binary already installed on the machine (air-gapped hosts).",
    attrs = {
        "path": attr.string(mandatory = True, doc = "Absolute path, or a name looked up on PATH."),
        "version": attr.string(doc = "The version; detected with `packer version` when empty."),
        "origin": attr.string(doc = "Where the path was given, for messages.", default = "packer.host() in MODULE.bazel"),
    },
    environ = ["PATH"],
    local = True,
)

def _node_release_impl(rctx):
    version = rctx.attr.version
    platform = rctx.attr.platform
    sources = []
    for raw in rctx.attr.sources:
        source = json.decode(raw)
        if source["kind"] == "official":
            sources.append({
                "urls": [t.format(path = source["path"]) for t in rctx.attr.official_url_templates],
                "sha256": source["sha256"],
                "strip_prefix": source["strip_prefix"],
                "type": source["path"].split(".")[-1] if source["path"].endswith(".zip") else ("tar." + source["path"].split(".")[-1]),
            })
        elif source["kind"] == "npm":
            basename = source["package"].split("/")[-1]
            sources.append({
                "urls": ["%s/%s/-/%s-%s.tgz" % (r.rstrip("/"), source["package"], basename, source["version"]) for r in rctx.attr.npm_registries],
                "integrity": source["integrity"],
                "strip_prefix": source["strip_prefix"],
                "type": "tgz",
            })
    if not sources:
        fail("rules_packer: no Node.js %s source is known for %s" % (version, platform))
    download_verified(rctx, "Node.js %s for %s (%s)" % (version, platform, PLATFORMS[platform].node), sources, hint = _NODE_DOWNLOAD_HINT)
    binary = "node.exe" if platform.startswith("windows") else "bin/node"
    if not rctx.path(binary).exists:
        fail("rules_packer: the Node.js archive for %s holds no %s" % (platform, binary))
    _write_toolchain_build(rctx, "node_toolchain", node = binary, version = version)

node_release = repository_rule(
    implementation = _node_release_impl,
    doc = "Downloads one platform's Node.js, from the official archive or the npm registry's build.",
    attrs = {
        "version": attr.string(mandatory = True),
        "platform": attr.string(mandatory = True, values = PLATFORMS.keys()),
        "sources": attr.string_list(mandatory = True, doc = "JSON-encoded sources from versions.bzl, in order."),
        "official_url_templates": attr.string_list(mandatory = True, doc = "Templates with {path} (e.g. v24.15.0/node-v24.15.0-linux-x64.tar.xz)."),
        "npm_registries": attr.string_list(mandatory = True),
    },
    environ = _CACHE_BUST_ENV,
)

def _node_host_impl(rctx):
    path = _host_binary(rctx, "Node.js")
    version = rctx.attr.version or _detect_version(rctx, [path, "--version"], "v")
    major = version.split(".")[0]
    if not major.isdigit() or int(major) < 24:
        fail("rules_packer: %s is Node.js %s; the helper needs Node.js 24 or newer (it runs TypeScript directly)" % (path, version or "of unknown version"))
    _write_toolchain_build(rctx, "node_toolchain", node_path = path, version = version)

node_host = repository_rule(
    implementation = _node_host_impl,
    doc = "Uses a Node.js (24 or newer) already installed on the machine.",
    attrs = {
        "path": attr.string(mandatory = True),
        "version": attr.string(),
    },
    environ = ["PATH"],
    local = True,
)

def _npm_packages_impl(rctx):
    names = []
    for raw in rctx.attr.packages:
        pkg = json.decode(raw)
        basename = pkg["name"].split("/")[-1]
        download_verified(
            rctx,
            "%s@%s (npm)" % (pkg["name"], pkg["version"]),
            [{
                "urls": ["%s/%s/-/%s-%s.tgz" % (r.rstrip("/"), pkg["name"], basename, pkg["version"]) for r in rctx.attr.registries],
                "integrity": pkg["integrity"],
                "strip_prefix": "package",
                "type": "tgz",
            }],
            output = pkg["path"],
            hint = _NODE_DOWNLOAD_HINT,
        )
        names.append(pkg["name"])
    rctx.file("packages.json", json.encode_indent({json.decode(raw)["path"]: json.decode(raw)["version"] for raw in rctx.attr.packages}, indent = "  ") + "\n")
    rctx.file("BUILD.bazel", """\
# The TypeScript helper's runtime npm packages, as pinned by package-lock.json.
filegroup(
    name = "node_modules",
    srcs = glob(["node_modules/**"]),
    visibility = ["//visibility:public"],
)

exports_files(["packages.json"])
""")

npm_packages = repository_rule(
    implementation = _npm_packages_impl,
    doc = "Fetches the helper's runtime npm packages with the integrity recorded in package-lock.json.",
    attrs = {
        "packages": attr.string_list(doc = "JSON: {name, version, integrity, path}."),
        "registries": attr.string_list(mandatory = True),
    },
    environ = _CACHE_BUST_ENV,
)
