"""Platform names (as Packer's releases spell them), Node.js's name for each, and their Bazel constraints."""

PLATFORMS = {
    "darwin_amd64": struct(os = "darwin", arch = "amd64", node = "darwin-x64", constraints = ["@platforms//os:macos", "@platforms//cpu:x86_64"]),
    "darwin_arm64": struct(os = "darwin", arch = "arm64", node = "darwin-arm64", constraints = ["@platforms//os:macos", "@platforms//cpu:aarch64"]),
    "linux_amd64": struct(os = "linux", arch = "amd64", node = "linux-x64", constraints = ["@platforms//os:linux", "@platforms//cpu:x86_64"]),
    "linux_arm64": struct(os = "linux", arch = "arm64", node = "linux-arm64", constraints = ["@platforms//os:linux", "@platforms//cpu:aarch64"]),
    "windows_amd64": struct(os = "windows", arch = "amd64", node = "win-x64", constraints = ["@platforms//os:windows", "@platforms//cpu:x86_64"]),
}
