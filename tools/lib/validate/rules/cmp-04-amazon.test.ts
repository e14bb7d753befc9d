import { ruleTester } from "../tester/testing.ts";
import { rule as cmp04 } from "./cmp-04-component-prepare-checks.ts";
import { samples } from "../../../testing/checks/cases.ts";
import { AMAZON_CASES } from "../../../testing/checks/amazon.ts";

// One case per entry of the amazon plugin's check table (and of the SDK configs its builders embed).
ruleTester(cmp04, samples(AMAZON_CASES));
