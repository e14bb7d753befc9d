import { ruleTester } from "../tester/testing.ts";
import { rule as cmp04 } from "./cmp-04-component-prepare-checks.ts";
import { samples } from "../../../testing/checks/cases.ts";
import { AZURE_CASES, AZURE_DTL_CASES } from "../../../testing/checks/azure.ts";

// One case per entry of the azure plugin's check table: the azure-arm builder and the client config it embeds, and the azure-dtlartifact provisioner.
ruleTester(cmp04, samples([...AZURE_CASES, ...AZURE_DTL_CASES]));
