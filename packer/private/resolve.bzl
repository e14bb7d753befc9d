"""What the packer extension's tags ask for: versions, checksums, URLs and pinned plugins.

Pure functions of the tags and the versions table, so that extensions.bzl only reads tags and
creates repositories. Every problem fails with what is known and how to pin it.
"""

load(":platforms.bzl", "PLATFORMS")
load(":versions.bzl", "DEFAULT_NODE_VERSION", "DEFAULT_PACKER_VERSION", "NODE_VERSIONS", "PACKER_URL_TEMPLATE", "PACKER_VERSIONS")

DEFAULT_NODE_URLS = ["https://nodejs.org/dist/{path}"]
DEFAULT_NPM_REGISTRIES = ["https://registry.npmjs.org"]
DEFAULT_PLUGIN_URLS = ["https://releases.hashicorp.com/packer-plugin-{name}/{version}/packer-plugin-{name}_{version}_{platform}.zip"]

def check_platforms(sums, context):
    """Fails on a platform name rules_packer does not know.

    Args:
      sums: dict platform -> sha256.
      context: where the dict was given, for the message.
    """
    for platform in sums:
        if platform not in PLATFORMS:
            fail("rules_packer: unknown platform %r in %s; known platforms: %s" % (platform, context, ", ".join(sorted(PLATFORMS.keys()))))

def _version_key(version):
    return [int(p) for p in version.split(".")]

def packer_release_for(tag):
    """The Packer a `packer.toolchain()` tag (or none) asks for.

    Args:
      tag: the tag, or None for rules_packer's default.

    Returns:
      struct(version, sums (platform -> sha256), url_templates).
    """
    version = (tag.version if tag else "") or DEFAULT_PACKER_VERSION
    user_sums = dict(tag.sha256) if tag else {}
    check_platforms(user_sums, "packer.toolchain(sha256 = ...)")
    if version in PACKER_VERSIONS:
        sums = dict(PACKER_VERSIONS[version])
        sums.update(user_sums)
    elif user_sums:
        sums = user_sums
    else:
        known = sorted(PACKER_VERSIONS.keys(), key = _version_key)
        fail(("rules_packer: Packer %s is not in the table of confirmed versions (%s).\n" +
              "Pick one of those, or pin it yourself with packer.toolchain(version = %r, sha256 = {\"linux_amd64\": \"...\", ...}).") %
             (version, ", ".join(known), version))
    return struct(
        version = version,
        sums = sums,
        url_templates = (tag.urls if tag and tag.urls else []) or [PACKER_URL_TEMPLATE],
    )

def pinned_plugins(tags):
    """The plugins `packer.plugin()` tags pin.

    Args:
      tags: the packer.plugin tags.

    Returns:
      A list of dicts: source, version, sha256 (platform -> sum), urls (templates).
    """
    plugins = []
    for plugin in tags:
        check_platforms(plugin.sha256, "packer.plugin(source = %r, sha256 = ...)" % plugin.source)
        if len(plugin.source.split("/")) != 3:
            fail("rules_packer: packer.plugin(source = %r) must be HOST/NAMESPACE/NAME, as in required_plugins (e.g. github.com/hashicorp/amazon)" % plugin.source)
        plugins.append({
            "source": plugin.source,
            "version": plugin.version,
            "sha256": dict(plugin.sha256),
            "urls": plugin.urls or DEFAULT_PLUGIN_URLS,
        })
    return plugins

def node_release_for(tag):
    """The Node.js a `packer.node()` tag (or none) asks for.

    Args:
      tag: the tag, or None for rules_packer's default.

    Returns:
      struct(version, sources (platform -> list of source dicts), official_url_templates,
      npm_registries, path (a node already installed, or "")).
    """
    version = (tag.version if tag else "") or DEFAULT_NODE_VERSION
    if version not in NODE_VERSIONS:
        fail("rules_packer: Node.js %s is not known; known versions: %s" % (version, ", ".join(sorted(NODE_VERSIONS.keys()))))
    return struct(
        version = version,
        sources = NODE_VERSIONS[version],
        official_url_templates = (tag.urls if tag and tag.urls else []) or DEFAULT_NODE_URLS,
        npm_registries = (tag.npm_registries if tag and tag.npm_registries else []) or DEFAULT_NPM_REGISTRIES,
        path = tag.path if tag else "",
    )
