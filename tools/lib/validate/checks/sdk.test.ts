/**
 * The SDK's shared configs that the ISO builders embed (ISO, HTTP, floppy, CD, boot command,
 * shutdown), run on a qemu source: qemu's table wires them as its Prepare does (qemu.json).
 */
import { ruleTester } from "../tester/testing.ts";
import { rule as cmp04 } from "../rules/cmp-04-component-prepare-checks.ts";
import { samples } from "../../../testing/checks/cases.ts";
import { SDK_CASES } from "../../../testing/checks/sdk.ts";

ruleTester(cmp04, samples(SDK_CASES));
