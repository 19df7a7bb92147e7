import { describe, expect, it } from "vitest";
import { statementMonths } from "./views";

describe("statementMonths", () => {
  const now = new Date("2026-12-07T08:00:00Z");

  it("starts at the month the partner was opened", () => {
    expect(statementMonths(new Date("2026-10-31T23:59:00Z"), now)).toEqual(["2026-12", "2026-11", "2026-10"]);
  });

  it("offers only this month to a partner opened today", () => {
    expect(statementMonths(new Date("2026-12-07T07:00:00Z"), now)).toEqual(["2026-12"]);
  });

  it("crosses years and stops at the cap", () => {
    expect(statementMonths(new Date("2026-01-01T00:00:00Z"), new Date("2027-02-01T00:00:00Z"))).toHaveLength(14);
    expect(statementMonths(new Date("2020-01-01T00:00:00Z"), now, 24)).toHaveLength(24);
    expect(statementMonths(new Date("2020-01-01T00:00:00Z"), now).at(-1)).toBe("2025-01");
  });
});
