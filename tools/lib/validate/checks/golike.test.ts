import { describe, expect, it } from "vitest";
import { azureResourceIdError, isIP } from "./golike.ts";

describe("isIP (Go's net.ParseIP)", () => {
  it("accepts IPv4 and IPv6 addresses", () => {
    for (const ip of ["10.0.0.1", "255.255.255.255", "::1", "2001:db8::1", "::ffff:10.0.0.1", "1:2:3:4:5:6:7:8"]) expect(isIP(ip), ip).toBe(true);
  });
  it("rejects what Go rejects: out-of-range or leading-zero fields, zones, CIDR blocks, names", () => {
    for (const ip of ["10.0.0.256", "010.0.0.1", "10.0.0", "fe80::1%eth0", "10.0.0.0/8", "localhost", "", "1:2:3:4:5:6:7:8:9"])
      expect(isIP(ip), ip).toBe(false);
  });
});

describe("azureResourceIdError (the azure plugin's client.ParseResourceID)", () => {
  const ID = "/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/i";
  it("parses a resource ID, in any case, with or without the outer slashes", () => {
    expect(azureResourceIdError(ID)).toBeUndefined();
    expect(azureResourceIdError(`${ID.toLowerCase().slice(1)}/`)).toBeUndefined();
    expect(azureResourceIdError("/subscriptions/s/resourceGroups/g/providers/p")).toBeUndefined();
  });
  it("gives the plugin's errors, in its order", () => {
    expect(azureResourceIdError("builder")).toBe("Expected even number of segments");
    expect(azureResourceIdError("/subscriptions//resourceGroups/g")).toBe("Found empty segment (1)");
    expect(azureResourceIdError("/subscriptions/s/resourceGroups//providers/p/x")).toBe("Expected even number of segments");
    expect(azureResourceIdError("/subscriptions/s//g/providers/p")).toBe("Found empty segment (2)");
    expect(azureResourceIdError("/sub/s/resourceGroups/g/providers/p")).toBe(`Expected first segment to be 'subscriptions', but found "sub"`);
    expect(azureResourceIdError("/subscriptions/s/groups/g/providers/p")).toBe(`Expected second segment to be 'resourceGroups', but found "groups"`);
    // The plugin names the second key when the third is wrong.
    expect(azureResourceIdError("/subscriptions/s/resourceGroups/g/provider/p")).toBe(`Expected third segment to be 'providers', but found "resourceGroups"`);
    expect(azureResourceIdError("/subscriptions/s")).toMatch(/crashes/);
  });
});
