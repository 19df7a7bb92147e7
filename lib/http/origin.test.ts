import { describe, expect, it } from "vitest";
import { isCrossSitePagePost, isSameOrigin, refuseCrossSite } from "./origin";

const post = (headers: Record<string, string>) =>
  new Request("https://shop.example/api/auth/sign-out", { method: "POST", headers });
const APP = "https://shop.example";

describe("same-origin form posts", () => {
  it("accepts our own pages, including a no-referrer page whose Origin is null", () => {
    expect(isSameOrigin(post({ origin: APP }), APP)).toBe(true);
    expect(isSameOrigin(post({ origin: "null", "sec-fetch-site": "same-origin" }), APP)).toBe(true);
  });

  it("refuses another site, a null origin from another site, and a request that says nothing", () => {
    expect(isSameOrigin(post({ origin: "https://evil.example", "sec-fetch-site": "same-origin" }), APP)).toBe(false);
    expect(isSameOrigin(post({ origin: "https://shop.example.evil.example" }), APP)).toBe(false);
    expect(isSameOrigin(post({ origin: "null", "sec-fetch-site": "cross-site" }), APP)).toBe(false);
    expect(isSameOrigin(post({}), APP)).toBe(false);
  });
});

describe("the guard of cookie-authenticated route handlers", () => {
  const req = (headers: Record<string, string>, method = "POST") =>
    new Request("https://shop.example/api/admin/orders/ord_1", { method, headers, body: "{}" });

  it("lets a same-origin JSON request through", () => {
    expect(refuseCrossSite(req({ origin: APP, "content-type": "application/json" }), APP, "json")).toBeNull();
    expect(
      refuseCrossSite(req({ origin: APP, "content-type": "application/json; charset=utf-8" }), APP, "json"),
    ).toBeNull();
  });

  it("refuses another origin (403) and anything that is not JSON (415)", async () => {
    const cross = refuseCrossSite(
      req({ origin: "https://shop.example:8443", "content-type": "application/json" }),
      APP,
      "json",
    );
    expect(cross?.status).toBe(403);
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""])
      expect(refuseCrossSite(req({ origin: APP, "content-type": type }), APP, "json")?.status, type).toBe(415);
    expect(
      refuseCrossSite(req({ origin: "https://admin.shop.example", "content-type": "text/plain" }), APP, "json")?.status,
    ).toBe(403);
    expect(refuseCrossSite(req({ "content-type": "application/json" }), APP, "json")?.status).toBe(403);
  });

  it("form routes need the same origin only", () => {
    expect(
      refuseCrossSite(req({ origin: APP, "content-type": "application/x-www-form-urlencoded" }), APP, "form"),
    ).toBeNull();
    expect(refuseCrossSite(req({ origin: "https://evil.example" }), APP, "form")?.status).toBe(403);
  });

  it("spots a cross-site POST to a page (a Server Action), and leaves scripts and our own pages alone", () => {
    expect(isCrossSitePagePost(req({ origin: "https://evil.example", "next-action": "x" }), APP)).toBe(true);
    expect(isCrossSitePagePost(req({ origin: "null", "sec-fetch-site": "cross-site" }), APP)).toBe(true);
    expect(isCrossSitePagePost(req({ "sec-fetch-site": "same-site" }), APP)).toBe(true);
    expect(isCrossSitePagePost(req({ origin: APP, "next-action": "x" }), APP)).toBe(false);
    expect(isCrossSitePagePost(req({ "next-action": "x" }), APP)).toBe(false);
    expect(isCrossSitePagePost(new Request(`${APP}/admin`, { headers: { origin: "https://evil.example" } }), APP)).toBe(
      false,
    );
  });
});
