/** The registry: every rule, in documentation order. The engine runs the rules it is given; this is the list. */
import { ruleSet } from "../engine/engine.ts";
import type { Rule } from "../types.ts";
import { rule as syn01 } from "./syn-01-parse-error.ts";
import { rule as syn02 } from "./syn-02-unknown-block-or-argument.ts";
import { rule as syn03 } from "./syn-03-required-plugins-syntax.ts";
import { rule as syn04 } from "./syn-04-unbounded-plugin-version.ts";
import { rule as syn05 } from "./syn-05-component-without-plugin.ts";
import { rule as syn06 } from "./syn-06-invalid-name.ts";
import { rule as plg01 } from "./plg-01-plugin-pinned.ts";
import { rule as pkr01 } from "./pkr-01-packer-version-support.ts";
import { rule as cmp01 } from "./cmp-01-unknown-component.ts";
import { rule as cmp02 } from "./cmp-02-unknown-argument.ts";
import { rule as cmp03 } from "./cmp-03-argument-type.ts";
import { rule as cmp04 } from "./cmp-04-component-prepare-checks.ts";
import { rule as core01 } from "./core-01-build-settings.ts";
import { rule as core02 } from "./core-02-hcp-packer-registry.ts";
import { rule as fnc01 } from "./fnc-01-function-arguments.ts";
import { rule as fnc02 } from "./fnc-02-function-file-exists.ts";
import { rule as ref01 } from "./ref-01-undeclared-reference.ts";
import { rule as ref02 } from "./ref-02-unknown-reference-root.ts";
import { rule as ref03 } from "./ref-03-unknown-function.ts";
import { rule as ref04 } from "./ref-04-duplicate-or-cyclic-declaration.ts";
import { rule as ref05 } from "./ref-05-legacy-template-call.ts";
import { rule as ref06 } from "./ref-06-unused-declaration.ts";
import { rule as var01 } from "./var-01-unset-variable.ts";
import { rule as var02 } from "./var-02-undeclared-variable-value.ts";
import { rule as var03 } from "./var-03-value-type.ts";
import { rule as var04 } from "./var-04-validation-block.ts";
import { rule as var05 } from "./var-05-var-file-content.ts";
import { rule as var06 } from "./var-06-secret-variable.ts";
import { rule as var07 } from "./var-07-type-expression.ts";
import { rule as src01 } from "./src-01-source-reference.ts";
import { rule as src02 } from "./src-02-duplicate-or-unused-source.ts";
import { rule as src03 } from "./src-03-source-override.ts";
import { rule as src05 } from "./src-05-ambiguous-ami-lookup.ts";
import { rule as src06 } from "./src-06-ssh-username-base-image.ts";
import { rule as src07 } from "./src-07-ssh-ingress.ts";
import { rule as prv01 } from "./prv-01-only-except-sources.ts";
import { rule as prv02 } from "./prv-02-only-or-except.ts";
import { rule as prv03 } from "./prv-03-shell-scripts.ts";
import { rule as prv04 } from "./prv-04-sudo-for-packages.ts";
import { rule as prv05 } from "./prv-05-sudo-drops-environment.ts";
import { rule as prv06 } from "./prv-06-apt-update-and-wait.ts";
import { rule as prv07 } from "./prv-07-package-manager-base-image.ts";
import { rule as prv08 } from "./prv-08-yum-skip-missing-names.ts";
import { rule as prv09 } from "./prv-09-reboot-and-set-e.ts";
import { rule as wf01 } from "./wf-01-runner-programs.ts";
import { rule as wf02 } from "./wf-02-aws-agent-with-apt.ts";
import { rule as wf03 } from "./wf-03-agent-enabled.ts";
import { rule as wf04 } from "./wf-04-amazon-linux-2.ts";
import { rule as wf05 } from "./wf-05-ubuntu-user-namespaces.ts";
import { rule as wf06 } from "./wf-06-gce-agents.ts";
import { rule as nam01 } from "./nam-01-image-name-changes.ts";
import { rule as nam02 } from "./nam-02-cache-bust-variable.ts";
import { rule as nam03 } from "./nam-03-image-name-valid.ts";
import { rule as nam04 } from "./nam-04-duplicate-image-name.ts";
import { rule as nam05 } from "./nam-05-force-deregister-repeated-name.ts";
import { rule as fmt01 } from "./fmt-01-packer-fmt.ts";
import { rule as fmt02 } from "./fmt-02-style.ts";
import { rule as inp01 } from "./inp-01-unreadable-input.ts";
import { rule as sup01 } from "./sup-01-suppression.ts";
import { rule as int01 } from "./int-01-internal-error.ts";

export const RULES: Rule[] = [
  inp01,
  syn01,
  syn02,
  syn03,
  syn04,
  syn05,
  syn06,
  plg01,
  pkr01,
  cmp01,
  cmp02,
  cmp03,
  cmp04,
  core01,
  core02,
  fnc01,
  fnc02,
  ref01,
  ref02,
  ref03,
  ref04,
  ref05,
  ref06,
  var01,
  var02,
  var03,
  var04,
  var05,
  var06,
  var07,
  src01,
  src02,
  src03,
  src05,
  src06,
  src07,
  prv01,
  prv02,
  prv03,
  prv04,
  prv05,
  prv06,
  prv07,
  prv08,
  prv09,
  wf01,
  wf02,
  wf03,
  wf04,
  wf05,
  wf06,
  nam01,
  nam02,
  nam03,
  nam04,
  nam05,
  fmt01,
  fmt02,
  sup01,
  int01,
];

/** Every rule, to run (the validator's default). */
export const ALL_RULES = ruleSet(RULES);
