"""Platform names (as Packer's releases spell them) and their Bazel constraints."""

PLATFORMS = {
    "darwin_amd64": struct(os = "darwin", arch = "amd64", constraints = ["@platforms//os:macos", "@platforms//cpu:x86_64"]),
    "darwin_arm64": struct(os = "darwin", arch = "arm64", constraints = ["@platforms//os:macos", "@platforms//cpu:aarch64"]),
    "linux_amd64": struct(os = "linux", arch = "amd64", constraints = ["@platforms//os:linux", "@platforms//cpu:x86_64"]),
    "linux_arm64": struct(os = "linux", arch = "arm64", constraints = ["@platforms//os:linux", "@platforms//cpu:aarch64"]),
    "windows_amd64": struct(os = "windows", arch = "amd64", constraints = ["@platforms//os:windows", "@platforms//cpu:x86_64"]),
}

# Node.js spells some platforms differently in its archive names.
NODE_PLATFORM_NAMES = {
    "darwin_amd64": "darwin-x64",
    "darwin_arm64": "darwin-arm64",
    "linux_amd64": "linux-x64",
    "linux_arm64": "linux-arm64",
    "windows_amd64": "win-x64",
}

def host_platform(os_name, os_arch):
    """Maps repository_ctx.os.name/arch to a platform key, or None when unsupported.

    Args:
      os_name: repository_ctx.os.name, e.g. "linux", "mac os x", "windows 10".
      os_arch: repository_ctx.os.arch, e.g. "amd64", "x86_64", "aarch64".

    Returns:
      A key of PLATFORMS, or None.
    """
    name = os_name.lower()
    if name.startswith("mac os") or name.startswith("darwin"):
        os = "darwin"
    elif name.startswith("windows"):
        os = "windows"
    elif name.startswith("linux"):
        os = "linux"
    else:
        return None
    arch = {"amd64": "amd64", "x86_64": "amd64", "aarch64": "arm64", "arm64": "arm64"}.get(os_arch.lower())
    if not arch:
        return None
    key = os + "_" + arch
    return key if key in PLATFORMS else None
