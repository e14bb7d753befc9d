import { ruleTester } from "../tester/testing.ts";
import { rule as cmp04 } from "./cmp-04-component-prepare-checks.ts";
import { samples } from "../../../testing/checks/cases.ts";
import { PACKER_CASES } from "../../../testing/checks/packer.ts";

// One case per entry of the table of Packer core's components (and of the SDK configs they embed).
ruleTester(cmp04, samples(PACKER_CASES));
