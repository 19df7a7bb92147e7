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

describe("languages", () => {
  const get = (path: string, headers: Record<string, string> = {}) =>
    call(path, { headers: { "sec-fetch-dest": "document", ...headers } });

  it("a first visit asking for German or Spanish goes to that language's URL; English stays where it is", async () => {
    const de = await get("/destinations/japan?x=1", { "accept-language": "de-DE,de;q=0.9,en;q=0.8" });
    expect(de.status).toBe(307);
    expect(de.headers.get("location")).toBe(`${APP}/de/destinations/japan?x=1`);
    expect((await get("/", { "accept-language": "es-ES,es;q=0.9" })).headers.get("location")).toBe(`${APP}/es`);
    const en = await get("/destinations/japan", { "accept-language": "en-GB,en;q=0.9" });
    expect(en.status).toBe(200);
    expect(en.headers.get("location")).toBeNull();
  });

  it("a visitor who picked English (through /en/…) keeps it, whatever the browser asks for", async () => {
    const pick = await get("/en/destinations/japan", { "accept-language": "de-DE" });
    expect(pick.status).toBe(307);
    expect(pick.headers.get("location")).toBe(`${APP}/destinations/japan`);
    expect(pick.headers.get("set-cookie")).toMatch(/NEXT_LOCALE=en/);
    const later = await get("/regions", { "accept-language": "de-DE", cookie: "NEXT_LOCALE=en" });
    expect(later.status).toBe(200);
  });

  it("signed out, /de/account goes to the German sign-in and comes back to /de/account", async () => {
    const res = await get("/de/account/esims/8944");
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe(`${APP}/de/sign-in?next=%2Fde%2Faccount%2Fesims%2F8944`);
    expect((await get("/account")).headers.get("location")).toBe(`${APP}/sign-in?next=%2Faccount`);
  });

  it("a German order page gets the nonce policy, no Referer and the request id, like the English one", async () => {
    const res = await get("/de/orders/ord_abc?t=secret");
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(res.headers.get("x-middleware-request-x-request-id")).toBe(res.headers.get("x-request-id"));
    expect(res.headers.get("x-middleware-request-x-next-intl-locale")).toBe("de");
  });

  it("leaves the English-only areas, the APIs and files alone", async () => {
    for (const path of [
      "/admin/orders",
      "/partner/keys",
      "/docs/api",
      "/api/health",
      "/robots.txt",
      "/email-logo.png",
    ]) {
      const res = await get(path, { "accept-language": "de-DE" });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("location"), path).toBeNull();
      expect(res.headers.get("set-cookie"), path).toBeNull();
    }
  });

  it("a cross-site form post to a German page is refused like any other", async () => {
    const res = await call("/de/orders/lost", {
      method: "POST",
      headers: { origin: "https://evil.example", "next-action": "7f00aa" },
      body: "x",
    });
    expect(res.status).toBe(403);
  });
});
