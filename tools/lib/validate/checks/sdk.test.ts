/**
 * The SDK's shared configs that no covered component embeds yet, run on a qemu source through the
 * engine with a probe that applies them (the qemu plugin's own checks are not in the tables yet).
 */
import { ruleTester } from "../tester/testing.ts";
import { checkAll, rule as cmp04 } from "../rules/cmp-04-component-prepare-checks.ts";
import { samples } from "../../../testing/checks/cases.ts";
import { QEMU_SDK_GROUPS, SDK_CASES } from "../../../testing/checks/sdk.ts";
import type { Rule } from "../types.ts";

const probe: Rule = {
  ...cmp04,
  check: (ctx) => checkAll(ctx, { groups: (found) => (found.type === "qemu" ? QEMU_SDK_GROUPS.map((ref) => ({ table: "sdk", ref })) : undefined) }),
};

ruleTester(probe, samples(SDK_CASES));
