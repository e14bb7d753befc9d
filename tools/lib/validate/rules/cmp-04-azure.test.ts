import { ruleTester } from "../tester/testing.ts";
import { rule as cmp04 } from "./cmp-04-component-prepare-checks.ts";
import { samples } from "../../../testing/checks/cases.ts";
import { AZURE_ALL_CASES } from "../../../testing/checks/azure-others.ts";

// One case per entry of the azure plugin's check table: the azure-arm and azure-chroot builders, the client config they embed, and the azure-dtlartifact provisioner.
ruleTester(cmp04, samples(AZURE_ALL_CASES));
