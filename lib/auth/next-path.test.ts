import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it.each([
    ["/account/esims/894?tab=usage", "/account/esims/894?tab=usage"],
    ["/partner/orders?reference=abc#top", "/partner/orders?reference=abc#top"],
    ["/a/../account", "/account"],
    ["/account/./orders", "/account/orders"],
    ["/search?q=%2F%2Fevil", "/search?q=%2F%2Fevil"],
  ])("keeps the same-origin path %j as %j", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  // Each of these, once a browser or URL parser normalises it, leaves our origin or means something else.
  it.each([
    "/.//evil.example",
    "/a/..//x",
    "/%2e%2e//x",
    "/%2E%2E//evil.example/",
    "/./%2e//evil.example",
    "/.%2e//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "/%5c/evil.example",
    "/%5Cevil.example",
    "/%2f/evil.example",
    "/%2F%2Fevil.example",
    "/%09/evil.example",
    "/\t/evil.example",
    "/%0d%0aSet-Cookie:x=1",
    "/\u0000x",
    "/x\u007f",
    "//",
    "//evil.example/x",
    "///evil.example",
    "https://evil.example/",
    "http:evil.example",
    "HTTPS://evil.example",
    "javascript:alert(1)",
    "data:text/html,x",
    "account",
    " /account",
    "%2F%2Fevil.example",
    "/%",
    null,
    undefined,
    "",
    `/${"a".repeat(600)}`,
  ])("falls back for %j", (next) => {
    expect(safeNextPath(next)).toBe("/account");
  });

  it("never returns anything a browser would read as another origin", () => {
    for (const next of ["/.//evil.example", "/a/..//x", "/%2e%2e//x"]) {
      const out = safeNextPath(next, "/");
      expect(new URL(out, "https://tern.example").origin).toBe("https://tern.example");
      expect(out.startsWith("//")).toBe(false);
    }
  });
});
