import { ruleTester } from "../tester/testing.ts";
import { rule as cmp04 } from "./cmp-04-component-prepare-checks.ts";
import { samples } from "../../../testing/checks/cases.ts";
import { GOOGLECOMPUTE_CASES } from "../../../testing/checks/googlecompute.ts";

// One case per entry of the googlecompute plugin's check table: the builder, its disks, its authentication, the post-processors and the data sources.
ruleTester(cmp04, samples(GOOGLECOMPUTE_CASES));
