// The proxy as Next runs it: a Server Action from another origin is a 403 here (Next itself would abort it with a
// 500), and with Clerk's keys set every page's policy lets Clerk in while secret-bearing pages keep their nonce.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest, type NextFetchEvent } from "next/server";
import { resetEnvCache } from "@/lib/env";
import proxy from "./proxy";

const APP = "http://localhost:3000";
const CLERK_HOST = "clerk.fabricated-shop.example";
// Clerk's SDK reads its keys once, when it loads; env() reads them per test (off unless a test stubs them on).
const clerkKeys = vi.hoisted(() => {
  const keys = {
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_live_${Buffer.from("clerk.fabricated-shop.example$").toString("base64")}`,
    CLERK_SECRET_KEY: "sk_live_fabricated",
  };
  Object.assign(process.env, keys);
  return keys;
});
const event = { waitUntil: () => {} } as unknown as NextFetchEvent;
const call = (path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) =>
  proxy(new NextRequest(`${APP}${path}`, init), event);

beforeEach(() => {
  vi.stubEnv("APP_URL", APP);
  vi.stubEnv("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", "");
  vi.stubEnv("CLERK_SECRET_KEY", "");
  resetEnvCache();
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

describe("Server Actions from another origin", () => {
  it.each([
    ["https://evil.example", { "next-action": "7f00aa" }],
    ["http://localhost:3001", { "next-action": "7f00aa", "content-type": "text/plain;charset=UTF-8" }],
    ["http://admin.localhost:3000", { "content-type": "multipart/form-data; boundary=x" }],
    ["null", { "next-action": "7f00aa", "sec-fetch-site": "cross-site" }],
  ])("from %s answer 403", async (origin, headers) => {
    for (const path of ["/admin/orders/ord_1", "/partner/keys", "/account/esims/8944", "/sign-in"]) {
      const res = await call(path, { method: "POST", headers: { origin, ...headers }, body: "x" });
      expect(res.status, path).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: "cross_origin" } });
    }
  });

  it("from our own pages pass on to Next", async () => {
    const res = await call("/partner/keys", {
      method: "POST",
      headers: { origin: APP, "next-action": "7f00aa", "content-type": "text/plain" },
      body: "[]",
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-middleware-next")).toBe("1");
  });
});

describe("with Clerk's keys set", () => {
  const host = CLERK_HOST;
  beforeEach(() => {
    for (const [key, value] of Object.entries(clerkKeys)) vi.stubEnv(key, value);
    resetEnvCache();
  });

  it("a catalogue page's policy lets Clerk's script, API, images, challenge frame and workers in", async () => {
    const csp = (await call("/destinations/japan")).headers.get("content-security-policy")!;
    expect(csp).toMatch(new RegExp(`script-src [^;]*https://${host.replace(/\./g, "\\.")}`));
    expect(csp).toMatch(new RegExp(`connect-src [^;]*https://${host.replace(/\./g, "\\.")}`));
    expect(csp).toMatch(/img-src [^;]*https:\/\/img\.clerk\.com/);
    expect(csp).toMatch(/frame-src [^;]*https:\/\/challenges\.cloudflare\.com/);
    expect(csp).toContain("worker-src 'self' blob:");
  });

  it("a secret-bearing page keeps a fresh nonce, handed to the page (and Clerk) on the request", async () => {
    const res = await call("/sign-in");
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain(`https://${host}`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    // Next (and Clerk's script tags) read the nonce from the request's policy.
    expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
  });
});
