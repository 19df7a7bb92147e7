// Availability at checkout against the sandbox's eSIM Go with its 10 requests/s limit on: a rush of checks
// is coalesced per bundle, a 429 is waited out, and a provider that cannot answer in time gives way to a
// fresh catalogue row.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "@/test/sandbox";
import { env, resetEnvCache } from "@/lib/env";
import { esimGoBudget } from "@/lib/providers/esim-go/client";
import { checkAvailability, clearAvailabilityCache } from "./availability";

const BUNDLES = [
  "esim_1GB_7D_GB_V2",
  "esim_3GB_30D_GB_V2",
  "esim_1GB_7D_FR_V2",
  "esim_1GB_7D_JP_V2",
  "esim_2GB_15D_JP_V2",
];
const row = (name: string, syncedAt = new Date()) => ({
  name,
  provider: "esim-go",
  wholesaleMinor: 118,
  wholesaleCurrency: "USD",
  syncedAt,
});

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  kind?: string;
}

describe("checkout availability", () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ esimGo: { rateLimit: true } });
    resetEnvCache();
  });
  afterAll(async () => sandbox?.close());
  beforeEach(async () => {
    clearAvailabilityCache();
    await sandbox.control("DELETE", "/faults");
    await sandbox.control("DELETE", "/requests");
    // A fresh rate window for each test.
    await new Promise((r) => setTimeout(r, 1100));
  });
  const validations = async () =>
    (await sandbox.control<{ requests: LoggedRequest[] }>("GET", "/requests?service=esim-go")).requests.filter(
      (r) => r.method === "POST" && r.path === "/orders",
    );

  it("answers a rush of 200 checks over five bundles from the provider with one call per bundle and no 429", async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => checkAvailability(row(BUNDLES[i % BUNDLES.length]!))),
    );
    expect(results.every((r) => r.source === "provider" && r.result.ok)).toBe(true);
    const calls = await validations();
    expect(calls.map((c) => c.kind)).toEqual(Array(BUNDLES.length).fill("validate"));
    expect(calls.every((c) => c.status === 200)).toBe(true);

    // Within the cache's life a second wave asks nobody.
    await Promise.all(BUNDLES.map((b) => checkAvailability(row(b))));
    expect(await validations()).toHaveLength(BUNDLES.length);
  });

  it("waits out a 429 with Retry-After within the checkout's budget", async () => {
    await sandbox.control("POST", "/faults", {
      service: "esim-go",
      route: "POST /orders",
      status: 429,
      retryAfter: 1,
      times: 1,
    });
    const started = Date.now();
    const result = await checkAvailability(row(BUNDLES[0]!));
    expect(result).toMatchObject({ source: "provider", result: { ok: true } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect((await validations()).map((c) => c.status)).toEqual([429, 200]);
  });

  it("sells on a fresh catalogue row when the provider cannot answer in time, but not on a stale one", async () => {
    await sandbox.control("POST", "/faults", { service: "esim-go", route: "POST /orders", delayMs: 2000, times: 2 });
    const started = Date.now();
    const fresh = await checkAvailability(row(BUNDLES[1]!), { budgetMs: 300 });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(fresh).toMatchObject({
      source: "catalogue",
      result: { ok: true, wholesaleMinor: 118, currency: "USD" },
    });
    const stale = await checkAvailability(row(BUNDLES[2]!, new Date(Date.now() - 24 * 3600_000)), { budgetMs: 300 });
    expect(stale.source).toBe("none");

    // The provider's late answer is kept: the next checkout has it at once.
    await new Promise((r) => setTimeout(r, 2200));
    const later = Date.now();
    expect(await checkAvailability(row(BUNDLES[1]!), { budgetMs: 300 })).toMatchObject({ source: "provider" });
    expect(Date.now() - later).toBeLessThan(100);
  });

  it("sells on the catalogue row while the provider answers 5xx, and says no when the provider says no", async () => {
    await sandbox.control("POST", "/faults", { service: "esim-go", route: "POST /orders", status: 503, times: 1 });
    expect(await checkAvailability(row(BUNDLES[3]!))).toMatchObject({ source: "catalogue" });
    expect(await checkAvailability(row("esim_no_such_bundle"))).toMatchObject({
      source: "provider",
      result: { ok: false },
    });
  });

  it("sells on the catalogue row soon while paid purchases fill eSIM Go's budget, and leaves no check waiting", async () => {
    // A backlog of paid orders: purchases queue for the whole budget for about three seconds.
    const budget = esimGoBudget(env().esimGo.baseUrl, env().rateLimits.esimGoPerSecond);
    const backlog = Array.from({ length: 24 }, () => budget.acquire("purchase"));
    const started = Date.now();
    const during = await Promise.all(BUNDLES.map((b) => checkAvailability(row(b))));
    const took = Date.now() - started;
    expect(during.map((r) => r.source)).toEqual(Array(BUNDLES.length).fill("catalogue"));
    // Given up unsent after the validation's two seconds of waiting, before the checkout's own three.
    expect(during.map((r) => (r.source === "catalogue" ? r.why : ""))).toEqual(
      Array(BUNDLES.length).fill("esim-go rate budget is taken; not sent"),
    );
    expect(took).toBeGreaterThanOrEqual(1900);
    expect(took).toBeLessThan(2900);
    expect(await validations()).toHaveLength(0);

    await Promise.all(backlog);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await checkAvailability(row(BUNDLES[0]!))).toMatchObject({ source: "provider", result: { ok: true } });
  });
});
