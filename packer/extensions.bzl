"""The `packer` module extension: hermetic Packer and Node.js toolchains for rules_packer.

rules_packer's own MODULE.bazel registers the default toolchains (the newest confirmed Packer,
Node.js 24), so most users need nothing here. The root module may change them:

```starlark
packer = use_extension("@rules_packer//packer:extensions.bzl", "packer")

# A version from the table in packer/private/versions.bzl (default: the newest confirmed, 1.16.0).
packer.toolchain(version = "1.16.0")

# Mirrors: URL templates with {version}, {platform}, {os}, {arch}.
packer.toolchain(urls = ["https://mirror.example.com/packer/{version}/packer_{version}_{platform}.zip"])

# A version the table does not know: give your own sha256 per platform.
packer.toolchain(version = "1.17.0", sha256 = {"linux_amd64": "...", "darwin_arm64": "..."})

# Air-gapped hosts: a Packer already installed. `bazel test` checks templates against `version`
# (nothing version-specific when it is not given); `bazel run` detects it.
packer.host(path = "/usr/local/bin/packer", version = "1.16.0")

# Plugins pinned by Bazel (no `packer init` at run time): sha256 per platform from SHA256SUMS.
packer.plugin(source = "github.com/hashicorp/amazon", version = "1.8.1", sha256 = {"linux_amd64": "..."})

# Or every plugin (and a Packer) from the lock file `bazel run @rules_packer//tools:cli -- lock` writes.
packer.lock(file = "//:packer.lock.json")

# Node.js for the helper: mirrors, npm registry, or one already installed (24+).
packer.node(urls = ["https://mirror.example.com/node/{path}"], npm_registries = ["https://npm.example.com"])
```

One machine can use an installed Packer without editing MODULE.bazel: `--repo_env=RULES_PACKER_HOST_PACKER=/path/to/packer`
(and `--repo_env=RULES_PACKER_HOST_PACKER_VERSION=1.16.0` for `bazel test`), e.g. in a
`user.bazelrc` that `.bazelrc` try-imports. It wins over packer.toolchain() and packer.host().

Only the root module's tags count; rules_packer's defaults apply otherwise. Unknown versions or
platforms fail with the list of known ones; a wrong checksum fails the fetch, naming the file,
the expected and the actual sum.
"""

load("//packer/private:lock.bzl", "lock_error_toolchains", "lock_tag", "merge_locked_plugins", "read_lock")
load("//packer/private:npm.bzl", "npm_runtime_packages")
load("//packer/private:repositories.bzl", "node_host", "node_release", "npm_packages", "packer_host", "packer_release")
load("//packer/private:resolve.bzl", "node_release_for", "packer_release_for", "pinned_plugins")
load("//packer/private:toolchain_types.bzl", "NODE_RUNTIME_TOOLCHAIN_TYPE", "NODE_TOOLCHAIN_TYPE", "PACKER_RUNTIME_TOOLCHAIN_TYPE", "PACKER_TOOLCHAIN_TYPE")
load("//packer/private:toolchains_repo.bzl", "toolchains_repo")
load("//packer/private:versions.bzl", "DEFAULT_NODE_VERSION")

_toolchain = tag_class(
    doc = "Which Packer to download. Only the root module's tag is used.",
    attrs = {
        "version": attr.string(doc = "Packer version; default: the newest version confirmed on every platform."),
        "sha256": attr.string_dict(doc = "platform -> sha256 of `packer_<version>_<platform>.zip`. Required for versions the table does not know; overrides the table otherwise. Only these platforms get a toolchain when the version is unknown."),
        "urls": attr.string_list(doc = "URL templates tried in order; {version}, {platform}, {os} and {arch} are filled in. Default: the official release site."),
    },
)

_host = tag_class(
    doc = """Use a Packer already installed on the machine instead of downloading one, for every platform.

Without a network, or for one machine only, `--repo_env=RULES_PACKER_HOST_PACKER=/path/to/packer`
does the same without editing MODULE.bazel (it wins over this tag).""",
    attrs = {
        "path": attr.string(mandatory = True, doc = "Absolute path of the binary, or a name to look up on PATH."),
        "version": attr.string(doc = "Its version. `bazel test` validates templates against it (without it, nothing version-specific is checked: finding it out would mean running Packer); `bazel run` detects it with `packer version` when empty."),
    },
)

_plugin = tag_class(
    doc = """A Packer plugin pinned by Bazel, so `bazel run` needs no `packer init` (nor GitHub).

The plugins are laid out as Packer 1.10+ expects and passed as PACKER_PLUGIN_PATH; they come
with the Packer of each platform, so only the executing platform's zips are downloaded.
Only the root module's plugins count; with packer.host(), plugins are the host's business.""",
    attrs = {
        "source": attr.string(mandatory = True, doc = "As in required_plugins, e.g. \"github.com/hashicorp/amazon\"."),
        "version": attr.string(mandatory = True, doc = "The plugin version, e.g. \"1.8.1\"."),
        "sha256": attr.string_dict(mandatory = True, doc = "platform -> sha256 of `packer-plugin-<name>_<version>_<platform>.zip`, from the plugin's SHA256SUMS file."),
        "urls": attr.string_list(doc = "URL templates with {name}, {version}, {platform}, {os}, {arch}. Default: HashiCorp's release site (official plugins)."),
    },
)

_node = tag_class(
    doc = "Node.js that runs the TypeScript helper, and the npm registry its packages come from.",
    attrs = {
        "version": attr.string(doc = "Node.js version from the table; default: " + DEFAULT_NODE_VERSION + "."),
        "urls": attr.string_list(doc = "Templates for official archives; {path} is e.g. v24.15.0/node-v24.15.0-linux-x64.tar.xz. Default: the Node.js download site."),
        "npm_registries": attr.string_list(doc = "npm registries for the repackaged Node.js builds and the helper's packages. Default: registry.npmjs.org."),
        "path": attr.string(doc = "Use a node (24 or newer) already installed: absolute path or a name on PATH."),
    },
)

def _root_or_default(module_ctx, tag_name):
    """The root module's tags of a class if it has any, else rules_packer's own defaults.

    Other modules' tags are ignored: a dependency must not choose the Packer of everyone.
    """
    for mod in module_ctx.modules:
        if mod.is_root and getattr(mod.tags, tag_name):
            return getattr(mod.tags, tag_name)
    for mod in module_ctx.modules:
        if mod.name == "rules_packer" and getattr(mod.tags, tag_name):
            return getattr(mod.tags, tag_name)
    return []

def _single(module_ctx, tag_name):
    tags = _root_or_default(module_ctx, tag_name)
    if len(tags) > 1:
        fail("rules_packer: the root module may declare at most one packer.%s(); found %d" % (tag_name, len(tags)))
    return tags[0] if tags else None

# The escape hatch for one machine (offline, behind a firewall), set without editing a committed
# file: `common --repo_env=RULES_PACKER_HOST_PACKER=/usr/local/bin/packer` in a try-imported
# user.bazelrc or on the command line. It wins over the root module's packer.toolchain/host.
HOST_PACKER_ENV = "RULES_PACKER_HOST_PACKER"
HOST_PACKER_VERSION_ENV = "RULES_PACKER_HOST_PACKER_VERSION"

def _getenv(module_ctx, name):
    # module_ctx.getenv re-runs the extension when the value changes (Bazel 7.2 and newer).
    if hasattr(module_ctx, "getenv"):
        return module_ctx.getenv(name, "") or ""
    return module_ctx.os.environ.get(name, "")

def _installed_packer(module_ctx):
    """The installed Packer to use instead of a download: the environment's, else packer.host()'s."""
    path = _getenv(module_ctx, HOST_PACKER_ENV)
    if path:
        return struct(path = path, version = _getenv(module_ctx, HOST_PACKER_VERSION_ENV), origin = "--repo_env=%s" % HOST_PACKER_ENV)
    tag = _single(module_ctx, "host")
    if tag:
        return struct(path = tag.path, version = tag.version, origin = "packer.host() in MODULE.bazel")
    return None

def _packer_repos(module_ctx):
    lock = read_lock(module_ctx, _single(module_ctx, "lock"), _single(module_ctx, "toolchain"))
    if lock.error:
        return lock_error_toolchains(lock.error)
    release = lock.packer or packer_release_for(_single(module_ctx, "toolchain"))
    host = _installed_packer(module_ctx)
    plugins = merge_locked_plugins(pinned_plugins(_root_or_default(module_ctx, "plugin")), lock)
    platform_repos = {}
    if host:
        # The installed Packer is registered for every platform: nothing is downloaded.
        packer_host(name = "packer_host", path = host.path, version = host.version, origin = host.origin)
    else:
        for platform in sorted(release.sums.keys()):
            platform_repos[platform] = "packer_%s" % platform
            packer_release(
                name = platform_repos[platform],
                version = release.version,
                platform = platform,
                sha256 = release.sums[platform],
                url_templates = release.url_templates,
                plugins = [json.encode(p) for p in plugins],
            )
    toolchains_repo(
        "packer_toolchains",
        (PACKER_TOOLCHAIN_TYPE, PACKER_RUNTIME_TOOLCHAIN_TYPE),
        "packer_host" if host else None,
        platform_repos,
        ("rules_packer: Packer %s has no toolchain for the platform it has to run on; it has " +
         "sha256 sums for: %s. Pin one with packer.toolchain(version = %r, sha256 = " +
         "{\"<os>_<arch>\": \"...\"}), or use packer.host(path = ...).") % (release.version, ", ".join(sorted(release.sums.keys())), release.version),
        # What `bazel test` checks templates against, without fetching Packer or a plugin: the
        # version `bazel run` will use (a host Packer's only when declared: finding it out would
        # mean running it) and the pinned plugins. A host Packer gets no pinned plugins: `packer
        # init` installs them.
        files = {"plugin_pins.json": json.encode([] if host else [{"source": p["source"], "version": p["version"]} for p in plugins])},
        release = struct(version = host.version if host else release.version),
    )
    return bool(host)

def _node_repos(module_ctx):
    release = node_release_for(_single(module_ctx, "node"))
    if release.path:
        node_host(name = "node_host", path = release.path)
    platform_repos = {}
    for platform, sources in sorted(release.sources.items()):
        platform_repos[platform] = "node_%s" % platform
        node_release(
            name = platform_repos[platform],
            version = release.version,
            platform = platform,
            sources = [json.encode(s) for s in sources],
            official_url_templates = release.official_url_templates,
            npm_registries = release.npm_registries,
        )
    toolchains_repo(
        "node_toolchains",
        (NODE_TOOLCHAIN_TYPE, NODE_RUNTIME_TOOLCHAIN_TYPE),
        "node_host" if release.path else None,
        platform_repos,
        ("rules_packer: Node.js %s (which runs the helper) has no build for the platform it " +
         "has to run on; known: %s. Use one already installed: packer.node(path = ...).") %
        (release.version, ", ".join(sorted(release.sources.keys()))),
    )
    return release

# The repositories rules_packer's own MODULE.bazel brings into scope with use_repo.
_OWN_REPOS = ["node_toolchains", "packer_toolchains", "rules_packer_npm"]

def _packer_extension_impl(module_ctx):
    packer_on_host = _packer_repos(module_ctx)
    node = _node_repos(module_ctx)
    lock = json.decode(module_ctx.read(Label("//:package-lock.json")))
    npm_packages(
        name = "rules_packer_npm",
        packages = [json.encode(p) for p in npm_runtime_packages(lock)],
        registries = node.npm_registries,
    )

    # rules_packer registers the toolchains itself: another root module needs none of these
    # repositories in scope (`bazel mod tidy` keeps its MODULE.bazel that way). Pinned downloads
    # are reproducible; a binary found on the machine is not.
    root_is_us = [m for m in module_ctx.modules if m.is_root and m.name == "rules_packer"]
    return module_ctx.extension_metadata(
        root_module_direct_deps = _OWN_REPOS if root_is_us else [],
        root_module_direct_dev_deps = [],
        reproducible = not (packer_on_host or node.path),
    )

packer = module_extension(
    implementation = _packer_extension_impl,
    doc = """Hermetic, checksum-pinned Packer and Node.js toolchains for rules_packer.

It creates one repository per platform for Packer (with the pinned plugins) and for Node.js,
a hub of `toolchain()` targets for each (`@packer_toolchains`, `@node_toolchains`, registered
by rules_packer), and the helper's npm packages. Only the repositories of the platform that
needs them are fetched: `bazel test` of a `packer_image` fetches Node.js and the npm packages,
never Packer; `bazel run` (also with `--dry-run`) fetches Packer too. The repositories re-run
when `--repo_env=CACHE_BUST` changes (a canary run re-verifies every download, served from
Bazel's repository cache).""",
    tag_classes = {
        "toolchain": _toolchain,
        "host": _host,
        "node": _node,
        "plugin": _plugin,
        "lock": lock_tag,
    },
)
