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
