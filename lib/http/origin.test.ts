import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./origin";

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
