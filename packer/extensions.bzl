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

# Air-gapped hosts: a Packer already installed (version detected when not given).
packer.host(path = "/usr/local/bin/packer")

# Plugins pinned by Bazel (no `packer init` at run time): sha256 per platform from SHA256SUMS.
packer.plugin(source = "github.com/hashicorp/amazon", version = "1.8.1", sha256 = {"linux_amd64": "..."})

# Node.js for the helper: mirrors, npm registry, or one already installed (24+).
packer.node(urls = ["https://mirror.example.com/node/{path}"], npm_registries = ["https://npm.example.com"])
```

Only the root module's tags count; rules_packer's defaults apply otherwise. Unknown versions or
platforms fail with the list of known ones; a wrong checksum fails the fetch, naming the file,
the expected and the actual sum.
"""

load("//packer/private:npm.bzl", "npm_runtime_packages")
load("//packer/private:platforms.bzl", "PLATFORMS")
load("//packer/private:repositories.bzl", "node_host", "node_release", "npm_packages", "packer_host", "packer_release", "toolchains_hub")
load("//packer/private:versions.bzl", "DEFAULT_NODE_VERSION", "DEFAULT_PACKER_VERSION", "NODE_VERSIONS", "PACKER_URL_TEMPLATE", "PACKER_VERSIONS")

_DEFAULT_NODE_URLS = ["https://nodejs.org/dist/{path}"]
_DEFAULT_NPM_REGISTRIES = ["https://registry.npmjs.org"]

_toolchain = tag_class(
    doc = "Which Packer to download. Only the root module's tag is used.",
    attrs = {
        "version": attr.string(doc = "Packer version; default: the newest version confirmed on every platform."),
        "sha256": attr.string_dict(doc = "platform -> sha256 of `packer_<version>_<platform>.zip`. Required for versions the table does not know; overrides the table otherwise. Only these platforms get a toolchain when the version is unknown."),
        "urls": attr.string_list(doc = "URL templates tried in order; {version}, {platform}, {os} and {arch} are filled in. Default: the official release site."),
    },
)

_host = tag_class(
    doc = "Use a Packer already installed on the machine instead of downloading one. It is registered first, for every platform.",
    attrs = {
        "path": attr.string(mandatory = True, doc = "Absolute path of the binary, or a name to look up on PATH."),
        "version": attr.string(doc = "Its version; detected with `packer version` when empty."),
    },
)

_DEFAULT_PLUGIN_URLS = ["https://releases.hashicorp.com/packer-plugin-{name}/{version}/packer-plugin-{name}_{version}_{platform}.zip"]

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
            return getattr(mod.tags, tag_name), True
    for mod in module_ctx.modules:
        if mod.name == "rules_packer" and getattr(mod.tags, tag_name):
            return getattr(mod.tags, tag_name), mod.is_root
    return [], False

def _single(tags, what):
    if len(tags) > 1:
        fail("rules_packer: the root module may declare at most one packer.%s(); found %d" % (what, len(tags)))
    return tags[0] if tags else None

def _check_platforms(sums, context):
    for platform in sums:
        if platform not in PLATFORMS:
            fail("rules_packer: unknown platform %r in %s; known platforms: %s" % (platform, context, ", ".join(sorted(PLATFORMS.keys()))))

def _hub(name, types, host_repo, platform_repos, unsupported_message, files = {}):
    """The hub of toolchain() targets: a host binary first (when given), then one per platform.

    Args:
      name: the hub repository's name.
      types: "" for Packer, "node_" for Node.js (prefix of the toolchain type names).
      host_repo: the repository of a binary on the machine, or None.
      platform_repos: dict platform -> repository name.
      unsupported_message: the error for a platform none of them matches.
      files: files the hub exports, name -> content.
    """
    entries = ([("host", host_repo, [])] if host_repo else []) + [
        (platform, repo, PLATFORMS[platform].constraints)
        for platform, repo in sorted(platform_repos.items())
    ]
    toolchains_hub(
        name = name,
        names = [e[0] for e in entries],
        repos = [e[1] for e in entries],
        constraints = [json.encode(e[2]) for e in entries],
        toolchain_type = str(Label("//packer:%stoolchain_type" % types)),
        runtime_toolchain_type = str(Label("//packer:%sruntime_toolchain_type" % types)),
        unsupported_message = unsupported_message,
        files = files,
    )

def _packer_repos(module_ctx):
    tag = _single(_root_or_default(module_ctx, "toolchain")[0], "toolchain")
    version = (tag.version if tag else "") or DEFAULT_PACKER_VERSION
    user_sums = dict(tag.sha256) if tag else {}
    _check_platforms(user_sums, "packer.toolchain(sha256 = ...)")
    if version in PACKER_VERSIONS:
        sums = dict(PACKER_VERSIONS[version])
        sums.update(user_sums)
    elif user_sums:
        sums = user_sums
    else:
        known = sorted(PACKER_VERSIONS.keys(), key = lambda v: [int(p) for p in v.split(".")])
        fail(("rules_packer: Packer %s is not in the table of confirmed versions (%s).\n" +
              "Pick one of those, or pin it yourself with packer.toolchain(version = %r, sha256 = {\"linux_amd64\": \"...\", ...}).") %
             (version, ", ".join(known), version))
    url_templates = (tag.urls if tag and tag.urls else []) or [PACKER_URL_TEMPLATE]

    host = _single(_root_or_default(module_ctx, "host")[0], "host")
    if host:
        packer_host(name = "packer_host", path = host.path, version = host.version)
    plugins = []
    for plugin in _root_or_default(module_ctx, "plugin")[0]:
        _check_platforms(plugin.sha256, "packer.plugin(source = %r, sha256 = ...)" % plugin.source)
        if len(plugin.source.split("/")) != 3:
            fail("rules_packer: packer.plugin(source = %r) must be HOST/NAMESPACE/NAME, as in required_plugins (e.g. github.com/hashicorp/amazon)" % plugin.source)
        plugins.append(json.encode({
            "source": plugin.source,
            "version": plugin.version,
            "sha256": plugin.sha256,
            "urls": plugin.urls or _DEFAULT_PLUGIN_URLS,
        }))
    platform_repos = {}
    for platform in sorted(sums.keys()):
        platform_repos[platform] = "packer_%s" % platform
        packer_release(name = platform_repos[platform], version = version, platform = platform, sha256 = sums[platform], url_templates = url_templates, plugins = plugins)
    _hub(
        "packer_toolchains",
        "",
        "packer_host" if host else None,
        platform_repos,
        ("rules_packer: Packer %s has no toolchain for the platform it has to run on; it has " +
         "sha256 sums for: %s. Pin one with packer.toolchain(version = %r, sha256 = " +
         "{\"<os>_<arch>\": \"...\"}), or use packer.host(path = ...).") % (version, ", ".join(sorted(sums.keys())), version),
        # What `bazel test` checks required_plugins against, without fetching Packer or a plugin.
        # A host Packer (registered first) gets no pinned plugins: `packer init` installs them.
        files = {"plugin_pins.json": json.encode([] if host else [
            {"source": json.decode(p)["source"], "version": json.decode(p)["version"]}
            for p in plugins
        ])},
    )

def _node_repos(module_ctx):
    tag = _single(_root_or_default(module_ctx, "node")[0], "node")
    version = (tag.version if tag else "") or DEFAULT_NODE_VERSION
    if version not in NODE_VERSIONS:
        fail("rules_packer: Node.js %s is not known; known versions: %s" % (version, ", ".join(sorted(NODE_VERSIONS.keys()))))
    registries = (tag.npm_registries if tag and tag.npm_registries else []) or _DEFAULT_NPM_REGISTRIES
    if tag and tag.path:
        node_host(name = "node_host", path = tag.path)
    platform_repos = {}
    for platform, sources in sorted(NODE_VERSIONS[version].items()):
        platform_repos[platform] = "node_%s" % platform
        node_release(
            name = platform_repos[platform],
            version = version,
            platform = platform,
            sources = [json.encode(s) for s in sources],
            official_url_templates = (tag.urls if tag and tag.urls else []) or _DEFAULT_NODE_URLS,
            npm_registries = registries,
        )
    _hub(
        "node_toolchains",
        "node_",
        "node_host" if tag and tag.path else None,
        platform_repos,
        ("rules_packer: Node.js %s (which runs the helper) has no build for the platform it " +
         "has to run on; known: %s. Use one already installed: packer.node(path = ...).") %
        (version, ", ".join(sorted(NODE_VERSIONS[version].keys()))),
    )
    return registries

def _packer_extension_impl(module_ctx):
    _packer_repos(module_ctx)
    registries = _node_repos(module_ctx)
    uses_host = bool(_root_or_default(module_ctx, "host")[0]) or any([t.path for t in _root_or_default(module_ctx, "node")[0]])
    lock = json.decode(module_ctx.read(Label("//:package-lock.json")))
    npm_packages(
        name = "rules_packer_npm",
        packages = [json.encode(p) for p in npm_runtime_packages(lock)],
        registries = registries,
    )

    # Pinned downloads are reproducible; a binary found on the machine is not.
    return module_ctx.extension_metadata(reproducible = not uses_host)

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
    },
)
