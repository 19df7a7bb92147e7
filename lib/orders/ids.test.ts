import { describe, expect, it } from "vitest";
import {
  accessTokenMatches,
  hashAccessToken,
  newAccessToken,
  newOrderId,
  safeEqual,
  sealAccessToken,
  unsealAccessToken,
} from "./ids";

describe("order ids", () => {
  it("are ord_ + 20 Crockford base32 characters, and unique", () => {
    const ids = Array.from({ length: 1000 }, newOrderId);
    for (const id of ids) expect(id).toMatch(/^ord_[0-9a-hjkmnp-tv-z]{20}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("order access tokens", () => {
  it("are 32 random bytes, compared by hash", () => {
    const token = newAccessToken();
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const hash = hashAccessToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(accessTokenMatches(token, hash)).toBe(true);
    expect(accessTokenMatches(newAccessToken(), hash)).toBe(false);
    expect(accessTokenMatches("", hash)).toBe(false);
  });

  it("seal for one order under one secret, and open only there", () => {
    const token = newAccessToken();
    const sealed = sealAccessToken(token, "ord_a", "secret-1");
    expect(sealed).not.toContain(token);
    expect(unsealAccessToken(sealed, "ord_a", "secret-1")).toBe(token);
    expect(unsealAccessToken(sealed, "ord_b", "secret-1")).toBeNull();
    expect(unsealAccessToken(sealed, "ord_a", "secret-2")).toBeNull();
    const [v, iv, ct, tag] = sealed.split(".");
    const tampered = [
      v,
      iv,
      Buffer.from(Buffer.from(ct!, "base64url").map((b, i) => (i === 0 ? b ^ 1 : b))).toString("base64url"),
      tag,
    ].join(".");
    expect(unsealAccessToken(tampered, "ord_a", "secret-1")).toBeNull();
    expect(unsealAccessToken("garbage", "ord_a", "secret-1")).toBeNull();
  });

  it("compare session ids exactly", () => {
    expect(safeEqual("cs_test_abc", "cs_test_abc")).toBe(true);
    expect(safeEqual("cs_test_abc", "cs_test_abd")).toBe(false);
    expect(safeEqual("cs_test_abc", "cs_test_ab")).toBe(false);
  });
});
