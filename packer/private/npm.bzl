"""The helper's npm packages, read from rules_packer's package-lock.json."""

def npm_runtime_packages(lock):
    """The runtime (non-dev) packages of a decoded package-lock.json (lockfileVersion 2 or 3).

    Args:
      lock: the decoded package-lock.json.

    Returns:
      A list of dicts {name, version, integrity, path}.
    """
    packages = lock.get("packages")
    if not packages:
        fail("rules_packer: package-lock.json has no \"packages\" (lockfileVersion 2 or newer is needed)")
    out = []
    for path, entry in sorted(packages.items()):
        if not path.startswith("node_modules/") or entry.get("dev") or entry.get("link"):
            continue
        name = path.split("node_modules/")[-1]
        if not entry.get("integrity"):
            fail("rules_packer: package-lock.json entry %s has no integrity; run `npm install` to record it" % path)
        out.append({"name": name, "version": entry["version"], "integrity": entry["integrity"], "path": path})
    return out
