import { describe, expect, it } from "vitest";
import { windowOf } from "./api";

describe("the reconcile window from query input", () => {
  const now = new Date("2026-12-07T12:00:00Z");

  it("reads whole days, and defaults to the last seven", () => {
    expect(windowOf({ from: "2026-12-01", to: "2026-12-03" }, now)).toEqual({
      from: new Date("2026-12-01T00:00:00Z"),
      to: new Date("2026-12-03T23:59:59.999Z"),
    });
    expect(windowOf({}, now).to).toEqual(now);
  });

  it("refuses what is not a date, a reversed range or more than 93 days, never an invalid date", () => {
    for (const bad of ["xyz", "2026-13-45", "9999-99-99", "%00"]) {
      expect(() => windowOf({ from: bad }, now), bad).toThrow(RangeError);
      expect(() => windowOf({ to: bad }, now), bad).toThrow(RangeError);
    }
    expect(() => windowOf({ from: "2026-12-05", to: "2026-12-01" }, now)).toThrow(/before/);
    expect(() => windowOf({ from: "2026-01-01", to: "2026-12-01" }, now)).toThrow(/93 days/);
  });
});
