/** The registry: every rule, in documentation order. The engine runs the rules it is given; this is the list. */
import { ruleSet } from "../engine/engine.ts";
import type { Rule } from "../types.ts";
import { rule as syn01 } from "./syn-01.ts";
import { rule as syn02 } from "./syn-02.ts";
import { rule as syn03 } from "./syn-03.ts";
import { rule as syn04 } from "./syn-04.ts";
import { rule as syn05 } from "./syn-05.ts";
import { rule as syn06 } from "./syn-06.ts";
import { rule as plg01 } from "./plg-01.ts";
import { rule as cmp01 } from "./cmp-01.ts";
import { rule as cmp02 } from "./cmp-02.ts";
import { rule as cmp03 } from "./cmp-03.ts";
import { rule as cmp04 } from "./cmp-04.ts";
import { rule as fnc01 } from "./fnc-01.ts";
import { rule as fnc02 } from "./fnc-02.ts";
import { rule as ref01 } from "./ref-01.ts";
import { rule as ref02 } from "./ref-02.ts";
import { rule as ref03 } from "./ref-03.ts";
import { rule as ref04 } from "./ref-04.ts";
import { rule as ref05 } from "./ref-05.ts";
import { rule as ref06 } from "./ref-06.ts";
import { rule as var01 } from "./var-01.ts";
import { rule as var02 } from "./var-02.ts";
import { rule as var03 } from "./var-03.ts";
import { rule as var04 } from "./var-04.ts";
import { rule as var05 } from "./var-05.ts";
import { rule as var06 } from "./var-06.ts";
import { rule as var07 } from "./var-07.ts";
import { rule as src01 } from "./src-01.ts";
import { rule as src02 } from "./src-02.ts";
import { rule as src03 } from "./src-03.ts";
import { rule as src04 } from "./src-04.ts";
import { rule as src05 } from "./src-05.ts";
import { rule as src06 } from "./src-06.ts";
import { rule as src07 } from "./src-07.ts";
import { rule as src08 } from "./src-08.ts";
import { rule as prv01 } from "./prv-01.ts";
import { rule as prv02 } from "./prv-02.ts";
import { rule as prv03 } from "./prv-03.ts";
import { rule as prv04 } from "./prv-04.ts";
import { rule as prv05 } from "./prv-05.ts";
import { rule as prv06 } from "./prv-06.ts";
import { rule as prv07 } from "./prv-07.ts";
import { rule as prv08 } from "./prv-08.ts";
import { rule as prv09 } from "./prv-09.ts";
import { rule as wf01 } from "./wf-01.ts";
import { rule as wf02 } from "./wf-02.ts";
import { rule as wf03 } from "./wf-03.ts";
import { rule as wf04 } from "./wf-04.ts";
import { rule as wf05 } from "./wf-05.ts";
import { rule as wf06 } from "./wf-06.ts";
import { rule as nam01 } from "./nam-01.ts";
import { rule as nam02 } from "./nam-02.ts";
import { rule as nam03 } from "./nam-03.ts";
import { rule as nam04 } from "./nam-04.ts";
import { rule as nam05 } from "./nam-05.ts";
import { rule as fmt01 } from "./fmt-01.ts";
import { rule as fmt02 } from "./fmt-02.ts";
import { inp01, sup01 } from "./meta.ts";

export const RULES: Rule[] = [
  inp01,
  syn01,
  syn02,
  syn03,
  syn04,
  syn05,
  syn06,
  plg01,
  cmp01,
  cmp02,
  cmp03,
  cmp04,
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
  src04,
  src05,
  src06,
  src07,
  src08,
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
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

/** Every rule, to run (the validator's default). */
export const ALL_RULES = ruleSet(RULES);
