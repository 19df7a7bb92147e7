import { describe, expect, it } from "vitest";
import { z } from "zod";
import { monthParam, pageNumber, parseQuery, queryText, rowId } from "./query";

describe("query parameters", () => {
  const search = z.object({ q: queryText(100).optional(), page: pageNumber.optional() });

  it("parses what a form sends", () => {
    expect(parseQuery(search, new URLSearchParams("q=%20booking-4711%20&page=2"))).toEqual({
      q: "booking-4711",
      page: 2,
    });
    expect(parseQuery(search, new URLSearchParams("q="))).toEqual({ q: undefined });
    expect(parseQuery(search, {})).toEqual({});
  });

  it.each([
    "q=%00",
    "q=a%0Ab",
    "q=%7F",
    `q=${"x".repeat(101)}`,
    "q=a&q=b",
    "page=-1",
    "page=1e309",
    "page=0",
    "page=x",
  ])("refuses %s", (qs) => {
    expect(parseQuery(search, new URLSearchParams(qs))).toBeNull();
  });

  it("takes a month a statement can cover, nothing past what a timestamp holds", () => {
    for (const ok of ["2026-01", "2099-12", "2100-06"]) expect(monthParam.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["9999-12", "10000-01", "2026-13", "2026-00", "1970-01", "2026-1", "2026-01\u0000", ""])
      expect(monthParam.safeParse(bad).success, bad).toBe(false);
  });

  it("takes row ids within bigint and JavaScript's safe integers", () => {
    expect(rowId.safeParse("42").data).toBe(42);
    for (const bad of ["1e309", "-1", "0", "9223372036854775808", "1.5"])
      expect(rowId.safeParse(bad).success, bad).toBe(false);
  });
});
