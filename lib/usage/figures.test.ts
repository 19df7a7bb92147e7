import { describe, expect, it } from "vitest";
import type { UsageBundle } from "@/lib/db/schema";
import { applyCallback, bundlesFromListing, currentBundle, daysLeft, displayStatus } from "./figures";

const listing = [
  {
    name: "esim_1GB_7D_GB_V2",
    description: "eSIM, 1GB, 7 Days, United Kingdom, V2",
    assignments: [
      {
        id: "1",
        assignmentReference: "ref-1",
        initialQuantity: 1e9,
        remainingQuantity: 7.5e8,
        assignmentDateTime: "2026-01-01T00:00:00Z",
        bundleState: "Active",
      },
      {
        id: "2",
        assignmentReference: "ref-2",
        initialQuantity: 1e9,
        remainingQuantity: 1e9,
        assignmentDateTime: "2026-01-03T00:00:00Z",
        bundleState: "QUEUED",
      },
    ],
  },
];

describe("usage figures", () => {
  it("flattens the listing, compares states case-insensitively and keeps clock times from callbacks", () => {
    const prev: UsageBundle[] = [
      {
        name: "x",
        description: null,
        reference: "ref-1",
        state: "active",
        initialBytes: 1e9,
        remainingBytes: 8e8,
        unlimited: false,
        assignedAt: null,
        startTime: "2026-01-01T01:00:00Z",
        endTime: "2026-01-08T01:00:00Z",
      },
    ];
    const bundles = bundlesFromListing(listing, prev);
    expect(bundles.map((b) => [b.reference, b.state])).toEqual([
      ["ref-1", "active"],
      ["ref-2", "queued"],
    ]);
    expect(bundles[0]).toMatchObject({ remainingBytes: 7.5e8, endTime: "2026-01-08T01:00:00Z" });
    expect(currentBundle(bundles)?.reference).toBe("ref-1");
  });

  it("never lets a late, older callback raise the remaining data", () => {
    let bundles = applyCallback([], "Utilisation", {
      name: "b",
      reference: "r",
      initialQuantity: 1e9,
      remainingQuantity: 2e8,
    });
    bundles = applyCallback(bundles, "Utilisation", {
      name: "b",
      reference: "r",
      initialQuantity: 1e9,
      remainingQuantity: 5e8,
    });
    expect(bundles).toHaveLength(1);
    expect(bundles[0]?.remainingBytes).toBe(2e8);
    bundles = applyCallback(bundles, "Utilisation", {
      name: "b",
      reference: "r",
      initialQuantity: 1e9,
      remainingQuantity: 0,
    });
    expect(bundles[0]?.state).toBe("depleted");
  });

  it("FirstUse starts a waiting bundle and records its clock", () => {
    const queued = bundlesFromListing(listing, []);
    const after = applyCallback(queued, "FirstUse", {
      name: "esim_1GB_7D_GB_V2",
      reference: "ref-2",
      startTime: "2026-01-05T00:00:00Z",
      endTime: "2026-01-12T00:00:00Z",
    });
    expect(after.find((b) => b.reference === "ref-2")).toMatchObject({
      state: "active",
      remainingBytes: 1e9,
      endTime: "2026-01-12T00:00:00Z",
    });
  });

  it("derives the status a customer reads", () => {
    const now = new Date("2026-01-05T00:00:00Z");
    expect(
      displayStatus(
        {
          profileStatus: "Released",
          firstInstalledAt: null,
          firstUsedAt: null,
          bundle: { state: "queued", endTime: null },
        },
        now,
      ),
    ).toBe("ready");
    expect(
      displayStatus(
        {
          profileStatus: "Installed",
          firstInstalledAt: null,
          firstUsedAt: null,
          bundle: { state: "Queued", endTime: null },
        },
        now,
      ),
    ).toBe("installed");
    expect(
      displayStatus(
        {
          profileStatus: "Installed",
          firstInstalledAt: null,
          firstUsedAt: now,
          bundle: { state: "ACTIVE", endTime: "2026-01-06T00:00:00Z" },
        },
        now,
      ),
    ).toBe("active");
    expect(
      displayStatus(
        {
          profileStatus: "Installed",
          firstInstalledAt: null,
          firstUsedAt: now,
          bundle: { state: "active", endTime: "2026-01-04T00:00:00Z" },
        },
        now,
      ),
    ).toBe("expired");
    expect(
      displayStatus(
        {
          profileStatus: "Installed",
          firstInstalledAt: null,
          firstUsedAt: now,
          bundle: { state: "Depleted", endTime: null },
        },
        now,
      ),
    ).toBe("depleted");
    expect(daysLeft("2026-01-06T12:00:00Z", now)).toBe(2);
    expect(daysLeft(null, now)).toBeNull();
  });
});
