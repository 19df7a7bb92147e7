import { describe, expect, it } from "vitest";
import { alertsDue, usedPercent } from "./thresholds";

const now = new Date("2026-03-01T12:00:00Z");
const base = {
  initialBytes: 1_000_000_000,
  remainingBytes: 1_000_000_000,
  unlimited: false,
  endTime: null,
  state: "active",
};

describe("alertsDue", () => {
  it("is quiet below 80 % with days to go", () => {
    expect(alertsDue({ ...base, remainingBytes: 210_000_000, endTime: new Date("2026-03-05T00:00:00Z") }, now)).toEqual(
      [],
    );
  });
  it("calls for the 80 % alert from 80 % used", () => {
    expect(alertsDue({ ...base, remainingBytes: 200_000_000 }, now)).toEqual(["used-80"]);
  });
  it("calls for only the 100 % alert when used up (a jump past 80 % sends one email, not two)", () => {
    expect(alertsDue({ ...base, remainingBytes: 0 }, now)).toEqual(["used-100"]);
    expect(alertsDue({ ...base, remainingBytes: 500, state: "Depleted" }, now)).toEqual(["used-100"]);
  });
  it("calls for 'ends soon' in the last day only", () => {
    expect(alertsDue({ ...base, endTime: new Date("2026-03-02T11:00:00Z") }, now)).toEqual(["ends-soon"]);
    expect(alertsDue({ ...base, endTime: new Date("2026-03-02T13:00:00Z") }, now)).toEqual([]);
    expect(alertsDue({ ...base, endTime: new Date("2026-03-01T11:00:00Z") }, now)).toEqual([]);
  });
  it("says nothing about expired bundles or unlimited data", () => {
    expect(alertsDue({ ...base, remainingBytes: 0, state: "EXPIRED" }, now)).toEqual([]);
    expect(alertsDue({ ...base, unlimited: true, remainingBytes: 0, initialBytes: -1 }, now)).toEqual([]);
  });
  it("computes the used share", () => {
    expect(usedPercent({ initialBytes: 1000, remainingBytes: 250, unlimited: false })).toBe(75);
    expect(usedPercent({ initialBytes: null, remainingBytes: null, unlimited: false })).toBeNull();
  });
});
