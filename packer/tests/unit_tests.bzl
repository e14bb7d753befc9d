"""Tests of rules_packer's Starlark: pure helpers, analysis failures, and the validation rule."""

load("@bazel_skylib//lib:unittest.bzl", "analysistest", "asserts", "unittest")
load("//packer:defs.bzl", "packer_image_test")
load("//packer/private:npm.bzl", "npm_runtime_packages")
load("//packer/private:platforms.bzl", "PLATFORMS")
load("//packer/private:versions.bzl", "DEFAULT_NODE_VERSION", "DEFAULT_PACKER_VERSION", "NODE_VERSIONS", "PACKER_VERSIONS")

def _versions_table_test(ctx):
    env = unittest.begin(ctx)
    asserts.true(env, DEFAULT_PACKER_VERSION in PACKER_VERSIONS, "the default Packer version is in the table")
    for version, sums in PACKER_VERSIONS.items():
        asserts.equals(env, sorted(PLATFORMS.keys()), sorted(sums.keys()), "Packer %s covers every platform" % version)
        for platform, sha in sums.items():
            asserts.equals(env, 64, len(sha), "sha256 of Packer %s %s" % (version, platform))
    asserts.true(env, DEFAULT_NODE_VERSION.startswith("24."), "the helper runs on Node.js 24")
    for platform, sources in NODE_VERSIONS[DEFAULT_NODE_VERSION].items():
        asserts.true(env, platform in PLATFORMS, "Node.js platform %s is known" % platform)
        asserts.equals(env, "official", sources[0]["kind"], "the official archive is tried first for %s" % platform)
    return unittest.end(env)

versions_table_test = unittest.make(_versions_table_test)

def _npm_runtime_packages_test(ctx):
    env = unittest.begin(ctx)
    lock = {
        "lockfileVersion": 3,
        "packages": {
            "": {"name": "rules_packer"},
            "node_modules/yaml": {"version": "2.9.1", "integrity": "sha512-y"},
            "node_modules/vitest": {"version": "3.2.7", "integrity": "sha512-v", "dev": True},
            "node_modules/@scope/pkg": {"version": "1.0.0", "integrity": "sha512-s"},
            "node_modules/a/node_modules/b": {"version": "0.1.0", "integrity": "sha512-b"},
            "node_modules/linked": {"link": True, "resolved": "packages/linked"},
        },
    }
    asserts.equals(
        env,
        [
            {"name": "@scope/pkg", "version": "1.0.0", "integrity": "sha512-s", "path": "node_modules/@scope/pkg"},
            {"name": "b", "version": "0.1.0", "integrity": "sha512-b", "path": "node_modules/a/node_modules/b"},
            {"name": "yaml", "version": "2.9.1", "integrity": "sha512-y", "path": "node_modules/yaml"},
        ],
        npm_runtime_packages(lock),
    )
    return unittest.end(env)

npm_runtime_packages_test = unittest.make(_npm_runtime_packages_test)

def _templates_in_two_dirs_test(ctx):
    env = analysistest.begin(ctx)
    asserts.expect_failure(env, "the templates of one build must sit in one directory")
    return analysistest.end(env)

templates_in_two_dirs_test = analysistest.make(_templates_in_two_dirs_test, expect_failure = True)

def _bad_validate_rules_flag_test(ctx):
    env = analysistest.begin(ctx)
    asserts.expect_failure(env, '"WF-01" must be RULE-ID=SEVERITY (or FAMILY-*=SEVERITY)')
    return analysistest.end(env)

bad_validate_rules_flag_test = analysistest.make(
    _bad_validate_rules_flag_test,
    expect_failure = True,
    config_settings = {str(Label("//packer:validate_rules")): ["WF-01"]},
)

def _validate_action_test(ctx):
    env = analysistest.begin(ctx)
    actions = [a for a in analysistest.target_actions(env) if a.mnemonic == "PackerValidate"]
    asserts.equals(env, 1, len(actions), "one PackerValidate action")
    action = actions[0]
    inputs = [f.short_path for f in action.inputs.to_list()]
    asserts.true(env, "packer/tests/testdata/one/one.pkr.hcl" in inputs, "the template is an input")
    asserts.true(env, [p for p in inputs if p.endswith("plugin_pins.json")] != [], "the plugin pins are an input")
    asserts.equals(env, [], [p for p in inputs if p.endswith("/packer") or p.endswith("/packer.exe")], "no Packer binary: bazel test fetches none")
    argv = action.argv
    asserts.true(env, "--plugin-pins" in argv, "the validator gets the plugin pins")
    asserts.true(env, "--link" in argv and "_main/packer/tests/testdata/one" in argv, "the template is linked at its runfiles path")
    outputs = sorted([f.basename for f in action.outputs.to_list()])
    asserts.equals(env, ["one.validate.findings.txt", "one.validate.junit.xml", "one.validate.status"], outputs)
    return analysistest.end(env)

validate_action_test = analysistest.make(_validate_action_test)

def unit_tests(name):
    """The unit tests, and the targets the analysis tests look at.

    Args:
      name: the test suite's name.
    """
    unittest.suite(
        name,
        versions_table_test,
        npm_runtime_packages_test,
    )

    # Fails at analysis time (not only when `bazel run` starts Packer). The validation test
    # rule is the subject: analysing it needs Node.js, never a Packer download.
    packer_image_test(
        name = "two_dirs.validate",
        srcs = ["testdata/one/one.pkr.hcl", "testdata/two/two.pkr.hcl"],
        tags = ["manual"],
    )
    templates_in_two_dirs_test(name = "templates_in_two_dirs_test", target_under_test = ":two_dirs.validate")

    # The repository-wide rule settings are checked at analysis, like validate_rules.
    packer_image_test(
        name = "flagged.validate",
        srcs = ["testdata/one/one.pkr.hcl"],
        tags = ["manual"],
    )
    bad_validate_rules_flag_test(name = "bad_validate_rules_flag_test", target_under_test = ":flagged.validate")

    # The validator runs as a build action (its warnings are printed as a compiler's are), on the
    # templates and the plugin pins, without Packer.
    packer_image_test(
        name = "one.validate",
        srcs = ["testdata/one/one.pkr.hcl"],
        tags = ["manual"],
    )
    validate_action_test(name = "validate_action_test", target_under_test = ":one.validate")

    # A var file and a data file that rules make sit beside the source template, as in the
    # runfiles: the validation finds both (else it reports them missing).
    native.genrule(
        name = "generated_var_file",
        outs = ["testdata/generated/generated.pkrvars.hcl"],
        cmd = "echo 'greeting = \"hello\"' > $@",
    )
    native.genrule(
        name = "generated_script",
        outs = ["testdata/generated/greet.sh"],
        cmd = "echo 'echo hello' > $@",
    )
    packer_image_test(
        name = "generated_inputs_test",
        size = "small",
        srcs = ["testdata/generated/generated.pkr.hcl"],
        data = [":generated_script"],
        var_files = [":generated_var_file"],
    )

    # PKR_VAR_* in the image's env supply variables to the validation too (else VAR-01 fails it).
    packer_image_test(
        name = "env_supplies_variables_test",
        size = "small",
        srcs = ["testdata/env/env.pkr.hcl"],
        packer_env = {"PKR_VAR_greeting": "hello"},
    )

    # runtime_vars: variables the build gets when it runs are supplied (else VAR-01 fails it).
    packer_image_test(
        name = "runtime_vars_supplied_test",
        size = "small",
        srcs = ["testdata/runtime/runtime.pkr.hcl"],
        runtime_vars = ["token"],
    )

    # -force in the image's args: Packer replaces the image of a fixed name (else NAM-01 fails it).
    packer_image_test(
        name = "force_replaces_fixed_name_test",
        size = "small",
        srcs = ["testdata/force/force.pkr.hcl"],
        packer_args = ["-force"],
        validate_rules = {"WF-*": "off"},
    )
