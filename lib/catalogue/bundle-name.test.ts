import { describe, expect, it } from "vitest";
import { bundleHref } from "./hrefs";
import { parseBundleName } from "./bundle-name";

describe("parseBundleName", () => {
  it("accepts provider names, including the + and . some use", () => {
    for (const name of ["esim_1GB_7D_JP_V2", "esim_ULE_1D_EU+_V2", "zendit.AT-5GB-30D"])
      expect(parseBundleName(name)).toBe(name);
  });

  it("refuses what could end up in a query, a header or a redirect", () => {
    for (const name of [
      "",
      " ",
      "../etc/passwd",
      "a b",
      "x\r\nlocation: https://evil.example",
      "<script>",
      "x".repeat(201),
      42,
      null,
    ])
      expect(parseBundleName(name)).toBeNull();
  });

  it("round-trips through the bundle page's URL", () => {
    const name = "esim_ULE_1D_EU+_V2";
    const segment = bundleHref(name).slice("/bundles/".length);
    expect(parseBundleName(decodeURIComponent(segment))).toBe(name);
  });
});
