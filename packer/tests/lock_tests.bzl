"""Unit tests of packer/private/lock.bzl: where a hand-edited lock file stops being JSON."""

load("@bazel_skylib//lib:unittest.bzl", "asserts", "unittest")

# buildifier: disable=bzl-visibility
load("//packer/private:lock.bzl", "json_error_line")

def _json_error_line_test(ctx):
    env = unittest.begin(ctx)
    cases = {
        # A trailing comma, the commonest hand edit: the line of the "}" that follows it.
        "{\n  \"a\": 1,\n}\n": 3,
        # A missing comma between members: the line of the second member.
        "{\n  \"a\": 1\n  \"b\": 2\n}\n": 3,
        # An unterminated string.
        "{\n  \"a\": \"x\n}\n": 2,
        # A bad literal.
        "{\n  \"a\": yes\n}\n": 2,
        # A missing closing brace: the end of the file.
        "{\n  \"a\": [1, 2]\n": 3,
        # Closing the wrong bracket.
        "{\n  \"a\": [1, 2}\n}\n": 2,
    }
    for text, line in cases.items():
        asserts.equals(env, line, json_error_line(text), "for %r" % text)
    return unittest.end(env)

json_error_line_test = unittest.make(_json_error_line_test)

def lock_tests(name):
    unittest.suite(name, json_error_line_test)
