"""One mechanism for every pinned download: Packer zips, Node.js archives, npm tarballs.

A download is a list of sources tried in order. Each source has its own URLs and its own
checksum (sha256 or an SRI integrity string). The next source is tried only when a source
cannot be reached; a source that answers with the wrong bytes fails the fetch at once with the
file name, the expected and the actual checksum, so nothing downloaded is ever used unverified.
(Plain-http URLs are the exception: Bazel will not fetch them without a checksum, so a failure
there cannot be told apart; it is reported as a warning and the next source is tried.)
"""

load("@bazel_tools//tools/build_defs/repo:utils.bzl", "read_netrc", "read_user_netrc", "use_netrc")

def _auth(rctx, urls):
    """Credentials for private mirrors from a .netrc file, as http_archive reads them.

    $NETRC names the file; otherwise the user's ~/.netrc (or %USERPROFILE%/_netrc). Bazel's own
    --credential_helper applies to these downloads as well, without anything here.
    """
    path = rctx.os.environ.get("NETRC")
    netrc = read_netrc(rctx, path) if path else read_user_netrc(rctx)
    return use_netrc(netrc, urls, {})

def _checksum_kwargs(source):
    if source.get("sha256"):
        return {"sha256": source["sha256"]}
    if source.get("integrity"):
        return {"integrity": source["integrity"]}
    fail("rules_packer: internal error: source without a checksum: %s" % source)

def _shown(urls):
    """URLs for messages, without any user:password@ part."""
    out = []
    for url in urls:
        scheme, sep, rest = url.partition("://")
        host, slash, path = rest.partition("/")
        if sep and "@" in host:
            host = "***@" + host.split("@")[-1]
        out.append(scheme + sep + host + slash + path if sep else url)
    return " ".join(out)

def _expected(source):
    if source.get("sha256"):
        return "sha256 " + source["sha256"]
    return "integrity " + source["integrity"]

def download_verified(rctx, what, sources, output = "", hint = ""):
    """Downloads and extracts the first reachable source, verifying its checksum.

    Args:
      rctx: the repository_ctx.
      what: the file name, for messages (e.g. "packer_1.16.0_linux_amd64.zip").
      sources: list of dicts with "urls" (list), "sha256" or "integrity", optional
        "strip_prefix" and "type" (archive type, e.g. "zip", "tar.gz", "tgz").
      output: directory, relative to the repository, to extract into.
      hint: what to do when no source can be reached (offline, firewalled), with snippets.

    Returns:
      The source dict that was used.
    """
    unreachable = []
    for index, source in enumerate(sources):
        archive = "_download_%d.%s" % (index, source.get("type", "zip"))
        auth = _auth(rctx, source["urls"])
        result = rctx.download(
            url = source["urls"],
            output = archive,
            allow_fail = True,
            auth = auth,
            **_checksum_kwargs(source)
        )
        if not result.success:
            # Tell "unreachable" from "wrong bytes": fetch again without a checksum. Bazel
            # refuses plain-http URLs without one, so those cannot be told apart.
            probe_urls = [u for u in source["urls"] if not u.startswith("http://")]
            probe = rctx.download(url = probe_urls, output = archive, allow_fail = True, auth = auth) if probe_urls else None
            if not probe_urls:
                # buildifier: disable=print
                print(("rules_packer: could not fetch {what} from {urls}: the server is unreachable or " +
                       "serves other bytes (Bazel's warning above says which; plain-http sources cannot " +
                       "be checked without their checksum).").format(what = what, urls = _shown(source["urls"])))
            if probe and probe.success:
                # The probe's integrity is SHA-256 based; for an expected sha512 integrity, say so.
                actual = ("sha256 " + probe.sha256) if source.get("sha256") else ("sha256 %s (the expected value is a %s digest, which these bytes do not match)" % (probe.sha256, source["integrity"].split("-")[0]))
                rctx.delete(archive)
                fail((
                    "rules_packer: checksum mismatch for {what}\n" +
                    "  downloaded from: {urls}\n" +
                    "  expected: {expected}\n" +
                    "  actual:   {actual}\n" +
                    "Nothing was extracted or run. If you pinned this file yourself, check the checksum " +
                    "you gave; otherwise the server (or a mirror) is serving different bytes."
                ).format(what = what, urls = _shown(source["urls"]), expected = _expected(source), actual = actual))
            unreachable.append("  " + _shown(source["urls"]))
            continue
        rctx.extract(archive, output = output, stripPrefix = source.get("strip_prefix", ""))
        rctx.delete(archive)
        return source
    fail("rules_packer: could not download {what}; no source could be reached:\n{lines}\n{hint}".format(
        what = what,
        lines = "\n".join(unreachable),
        hint = hint or ("Point the download at a mirror you can reach (see the `urls` attributes of the packer extension), " +
                        "or use a binary that is already on the machine."),
    ))
