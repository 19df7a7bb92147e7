import { describe, expect, it } from "vitest";
import { decodeSession, encodeSession, SESSION_TTL_SECONDS, type SessionPayload } from "./session-cookie";
import { safeNextPath } from "./next-path";

const SECRET = "test-secret-one";
const now = new Date("2026-03-01T12:00:00Z");
const iat = Math.floor(now.getTime() / 1000);
const payload: SessionPayload = { sid: "ses_1", cid: "cus_1", iat, exp: iat + SESSION_TTL_SECONDS };

describe("session cookie", () => {
  it("round-trips a payload signed with the same secret", () => {
    expect(decodeSession(encodeSession(payload, SECRET), SECRET, now)).toEqual(payload);
  });

  it("rejects a cookie signed with another secret", () => {
    expect(decodeSession(encodeSession(payload, "other-secret"), SECRET, now)).toBeNull();
  });

  it("rejects a tampered payload (customer id swapped, signature kept)", () => {
    const cookie = encodeSession(payload, SECRET);
    const [, sig] = cookie.split(".");
    const forged = Buffer.from(JSON.stringify({ ...payload, cid: "cus_2" })).toString("base64url");
    expect(decodeSession(`${forged}.${sig}`, SECRET, now)).toBeNull();
  });

  it("rejects a tampered signature and malformed values", () => {
    const cookie = encodeSession(payload, SECRET);
    const flipped = cookie.slice(0, -2) + (cookie.at(-2) === "A" ? "B" : "A") + cookie.at(-1);
    expect(decodeSession(flipped, SECRET, now)).toBeNull();
    for (const bad of ["", "abc", "a.b.c", ".", `${cookie}.x`, "e30.sig"])
      expect(decodeSession(bad, SECRET, now)).toBeNull();
  });

  it("expires at exp, not before", () => {
    const cookie = encodeSession(payload, SECRET);
    expect(decodeSession(cookie, SECRET, new Date((payload.exp - 1) * 1000))).not.toBeNull();
    expect(decodeSession(cookie, SECRET, new Date(payload.exp * 1000))).toBeNull();
  });

  it("rejects a validly signed payload of the wrong shape", () => {
    // Sign a payload with no customer id through the public encoder (casting around the type).
    const cookie = encodeSession({ sid: "ses_1", iat, exp: iat + 60 } as unknown as SessionPayload, SECRET);
    expect(decodeSession(cookie, SECRET, now)).toBeNull();
  });
});

describe("safeNextPath", () => {
  it("keeps same-origin paths with their query", () => {
    expect(safeNextPath("/account/esims/894?tab=usage")).toBe("/account/esims/894?tab=usage");
  });
  it.each([
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "javascript:alert(1)",
    "account",
    "/\u0000x",
    null,
    undefined,
    "",
  ])("falls back for %j", (next) => {
    expect(safeNextPath(next)).toBe("/account");
  });
});
