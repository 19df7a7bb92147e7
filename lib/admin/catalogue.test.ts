// Admin catalogue choices survive the provider: a disabled bundle stays off after a sync, featured bundles
// are what the home page gets, saved pricing is what the next sync applies; and who counts as an admin.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { bundles } from "@/lib/db/schema";
import { syncCatalogue } from "@/lib/catalogue/sync";
import { parseEnv } from "@/lib/env";
import { BUNDLE, useHarness } from "@/test/harness";
import { testActor } from "@/test/actors";
import { featuredBundles, setBundleFlag, syncNow, syncStatus } from "./catalogue";
import { currentPricing, savePricing } from "./pricing";

const admin = testActor({ ip: null, userAgent: null });

describe("admin catalogue on pglite", () => {
  const h = useHarness("pglite", { reset: false });

  const row = async (name: string) => (await h.db.select().from(bundles).where(eq(bundles.name, name)))[0]!;

  it("keeps a disabled bundle off through a sync, features others, and syncs with the saved prices", async () => {
    expect(await featuredBundles(6, h.db)).toEqual([]);
    expect(await setBundleFlag(h.db, BUNDLE, "disabled", true, admin)).toMatchObject({ outcome: "applied" });
    expect(await setBundleFlag(h.db, BUNDLE, "disabled", true, admin)).toMatchObject({ outcome: "no_change" });
    expect(await setBundleFlag(h.db, "esim_3GB_30D_GB_V2", "featured", true, admin)).toMatchObject({
      outcome: "applied",
    });
    expect(await setBundleFlag(h.db, "no_such_bundle", "featured", true, admin)).toMatchObject({ outcome: "refused" });

    const { version, rules } = await currentPricing(h.db);
    await savePricing(h.db, { ...rules, markupPercent: 100, minMarginMinor: 0, charm: false }, version, admin);
    await syncCatalogue({
      db: h.db,
      providers: ["esim-go"],
      log: { info: () => {}, warn: () => {}, error: () => {} } as unknown as Console,
    });

    const disabled = await row(BUNDLE);
    expect(disabled.active).toBe(false);
    // Synced with the saved rules: cost × 2, no rounding.
    expect(disabled.priceMinor).toBe(disabled.wholesaleMinor * 2);
    const featured = await featuredBundles(6, h.db);
    expect(featured.map((b) => b.name)).toEqual(["esim_3GB_30D_GB_V2"]);
    expect(featured[0]!.priceMinor).toBe((await row("esim_3GB_30D_GB_V2")).wholesaleMinor * 2);

    // A featured bundle that gets disabled leaves the home page.
    await setBundleFlag(h.db, "esim_3GB_30D_GB_V2", "disabled", true, admin);
    expect(await featuredBundles(6, h.db)).toEqual([]);
    await setBundleFlag(h.db, BUNDLE, "disabled", false, admin);
    expect((await row(BUNDLE)).active).toBe(true);
  }, 60_000);

  it("records each provider's last sync: counts when it works, the error and its time when it fails", async () => {
    const quiet = { info: () => {}, warn: () => {}, error: () => {} } as unknown as Console;
    await syncCatalogue({ db: h.db, providers: ["esim-go", "zendit"], log: quiet });
    const ok = await syncStatus(h.db);
    const esimGo = ok.find((s) => s.provider === "esim-go")!;
    expect(esimGo.lastRun).toMatchObject({ outcome: "succeeded", error: null });
    expect(esimGo.lastRun!.fetched).toBeGreaterThan(1000);
    expect(esimGo.lastRun!.listed).toBeGreaterThan(0);
    expect(ok.find((s) => s.provider === "zendit")!.lastRun).toMatchObject({ outcome: "succeeded" });
    const writtenAt = esimGo.lastSyncedAt!;

    // Zendit's offers answer 500 however often they are asked: the sync fails and writes nothing.
    await h.sandbox.control("POST", "/faults", {
      service: "zendit",
      route: "GET /esim/offers",
      status: 500,
      times: 100,
    });
    const before = Date.now();
    try {
      expect(await syncNow(h.db, admin)).toMatchObject({ outcome: "refused" });
    } finally {
      await h.sandbox.control("DELETE", "/faults");
    }
    const failed = await syncStatus(h.db);
    const zendit = failed.find((s) => s.provider === "zendit")!;
    expect(zendit.lastRun).toMatchObject({ outcome: "failed" });
    expect(zendit.lastRun!.error).toMatch(/500/);
    expect(zendit.lastRun!.finishedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    // eSIM Go answered, but nothing is written unless every provider did: its row says so, and its bundles
    // keep the time of the last good sync.
    const other = failed.find((s) => s.provider === "esim-go")!;
    expect(other.lastRun).toMatchObject({ outcome: "failed", error: "Not written: zendit failed the sync." });
    expect(other.lastSyncedAt).toEqual(writtenAt);
  }, 120_000);
});

describe("who is an admin", () => {
  it("the sandbox admin only while no service is live", () => {
    expect(parseEnv({}).admins).toEqual(["admin@tern.test"]);
    expect(parseEnv({ ADMIN_EMAILS: "Boss@Shop.example" }).admins).toEqual(["boss@shop.example", "admin@tern.test"]);
    const live = parseEnv({
      STRIPE_SECRET_KEY: "sk_live_x",
      STRIPE_WEBHOOK_SECRET: "whsec_x",
      ADMIN_EMAILS: "boss@shop.example",
    });
    expect(live.admins).toEqual(["boss@shop.example"]);
    expect(live.sandboxAdminEmail).toBeNull();
    expect(parseEnv({ RESEND_API_KEY: "re_x" }).admins).toEqual([]);
  });
});
