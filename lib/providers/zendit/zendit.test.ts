// The Zendit adapter against the sandbox's Zendit, over HTTP as in production.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "@/test/sandbox";
import { ProviderError } from "@/lib/providers/http";
import { buildLpa } from "@/lib/delivery/links";
import type { PurchaseInput, PurchaseResult } from "@/lib/providers/types";
import { createZenditClient } from "./client";
import { classifyZenditFailure, createZenditProvider, installFromConfirmation, purchaseResult } from "./provider";
import { transactionIdFor } from "./transaction-ids";
import { listOffers, usage } from "./catalogue";
import { bundleFromOffer } from "@/lib/catalogue/normalise";
import type { PricingRules } from "@/lib/catalogue/pricing";

/** The adapter's wholesale offers as the catalogue sync prices and places them. */
async function listCatalogue(o: { client: ReturnType<typeof createZenditClient>; rules: PricingRules }) {
  const { offers, skipped } = await listOffers(o.client);
  const syncedAt = new Date();
  return { rows: offers.map((x) => bundleFromOffer(x, { provider: "zendit", rules: o.rules, syncedAt })), skipped };
}

let sb: TestSandbox;
const client = () => createZenditClient({ baseUrl: `${sb.url}/zendit/v1`, apiKey: "zendit_sandbox_key" });

beforeAll(async () => {
  sb = await startTestSandbox({ zendit: { stepDelayMs: 40 } });
});
afterAll(async () => {
  await sb?.close();
});
beforeEach(async () => {
  await sb.control("DELETE", "/faults");
  await sb.control("POST", "/zendit/balance", { availableBalance: 1_000_000 });
});

let seq = 0;
const input = (over: Partial<PurchaseInput> = {}): PurchaseInput => ({
  orderId: `ord_TEST${Date.now().toString(36).toUpperCase()}${++seq}`,
  attempt: 1,
  bundleName: "ESIM-JP-7D-1GB",
  ...over,
});

async function untilFinal(provider: ReturnType<typeof createZenditProvider>, i: PurchaseInput, reference: string) {
  for (let n = 0; n < 100; n++) {
    const r = await provider.checkPurchase({ ...i, reference });
    if (r.state !== "pending") return r;
    await new Promise((res) => setTimeout(res, 30));
  }
  throw new Error("purchase never finished");
}

type Ledger = { transactionId: string; status: string; chargedAt: string | null; cost: number }[];

describe("transaction ids", () => {
  it("are letters and digits only, stable per order and attempt, distinct otherwise", () => {
    const id = transactionIdFor("ord_ABCDEFGHJKMNPQRSTVWX", 2);
    expect(id).toMatch(/^[A-Za-z0-9]+$/);
    expect(transactionIdFor("ord_ABCDEFGHJKMNPQRSTVWX", 2)).toBe(id);
    expect(transactionIdFor("ord_ABCDEFGHJKMNPQRSTVWX", 3)).not.toBe(id);
    expect(transactionIdFor("ord_ABCDEFGHJKMNPQRSTVWY", 2)).not.toBe(id);
    // Ids of another shape cannot collide by losing punctuation.
    expect(transactionIdFor("a-b", 1)).not.toBe(transactionIdFor("ab", 1));
    expect(transactionIdFor("a-b", 1)).toMatch(/^[A-Za-z0-9]+$/);
    expect(() => transactionIdFor("ord_X", 0)).toThrow();
  });
});

describe("purchases", () => {
  it("accepts, then completes asynchronously with install details built from the confirmation", async () => {
    const provider = createZenditProvider({ client: client() });
    const i = input();
    const started = await provider.startPurchase(i);
    expect(started).toMatchObject({ state: "pending", reference: transactionIdFor(i.orderId, 1) });
    const done = (await untilFinal(provider, i, transactionIdFor(i.orderId, 1))) as Extract<
      PurchaseResult,
      { state: "completed" }
    >;
    expect(done.state).toBe("completed");
    const [esim] = done.esims;
    const sandboxView = await client().purchase(done.reference);
    expect(buildLpa(esim!.smdpAddress, esim!.matchingId)).toBe(sandboxView.confirmation!.activationCode);
    expect(esim!.iccid).toBe(sandboxView.confirmation!.iccid);
    expect(done.wholesaleMinor).toBe(sandboxView.cost);
    expect(await provider.installDetails(done.reference)).toEqual([esim]);

    // Usage of the new eSIM comes from its plans.
    const plans = await usage(esim!.iccid, client());
    expect(plans).toEqual([
      expect.objectContaining({ name: "ESIM-JP-7D-1GB", state: "active", initialBytes: 1e9, remainingBytes: 1e9 }),
    ]);
  });

  it("never charges twice for one attempt, even when the answer to the POST was lost", async () => {
    const provider = createZenditProvider({ client: client() });
    const i = input();
    const before = (await client().balance()).availableBalance;
    await sb.control("POST", "/faults", { service: "zendit", route: "POST /esim/purchases", dropAfterSend: true });
    const err = await provider.startPurchase(i).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).outcomeUnknown).toBe(true);

    // The lost attempt is found by its own transaction id …
    const now = new Date();
    const found = await provider.findUnknownAttempt({
      ...i,
      startedAt: now,
      finishedAt: now,
      alreadyLinked: async () => new Set(),
    });
    expect(found).toMatchObject({ kind: "found", reference: transactionIdFor(i.orderId, 1) });
    // … and even a blind retry of the same attempt is the same transaction, not a second purchase.
    await provider.startPurchase(i);
    await untilFinal(provider, i, transactionIdFor(i.orderId, 1));
    const ledger = await sb.control<Ledger>("GET", "/zendit/purchases");
    const mine = ledger.filter((p) => p.transactionId === transactionIdFor(i.orderId, 1));
    expect(mine).toHaveLength(1);
    expect((await client().balance()).availableBalance).toBe(before - mine[0]!.cost);
  });

  it("reports an attempt Zendit never received as not found", async () => {
    const provider = createZenditProvider({ client: client() });
    const now = new Date();
    expect(
      await provider.findUnknownAttempt({
        ...input(),
        startedAt: now,
        finishedAt: now,
        alreadyLinked: async () => new Set(),
      }),
    ).toEqual({ kind: "none" });
  });

  it("turns INSUFFICIENT_FUNDS (HTTP 200, then FAILED) into a retryable failure, other failures permanent", async () => {
    await sb.control("POST", "/zendit/balance", { availableBalance: 0 });
    const provider = createZenditProvider({ client: client() });
    const i = input();
    const started = await provider.startPurchase(i);
    expect(started.state).toBe("pending");
    const failed = await untilFinal(provider, i, transactionIdFor(i.orderId, 1));
    expect(failed).toMatchObject({
      state: "failed",
      permanent: false,
      reason: expect.stringContaining("INSUFFICIENT_FUNDS"),
    });

    expect(classifyZenditFailure({ code: "INSUFFICIENT_FUNDS" })).toBe("insufficient_funds");
    expect(classifyZenditFailure({ code: "SYSTEM_UNAVAILABLE" })).toBe("transient");
    expect(classifyZenditFailure({ code: "PRODUCT_NOT_AVAILABLE" })).toBe("permanent");
    expect(purchaseResult({ transactionId: "t1", status: "FAILED", error: { code: "NOT_FOUND" } })).toMatchObject({
      state: "failed",
      permanent: true,
    });
  });

  it("refuses unknown offers at validation and purchase as permanent errors", async () => {
    const provider = createZenditProvider({ client: client() });
    expect(await provider.validate("ESIM-XX-7D-1GB")).toMatchObject({ ok: false });
    expect(await provider.validate("ESIM-JP-7D-1GB")).toMatchObject({ ok: true, currency: "USD" });
    const err = await provider.startPurchase(input({ bundleName: "ESIM-XX-7D-1GB" })).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "http", status: 404 });
  });
});

describe("install details", () => {
  it("builds the LPA from a bare activation code, keeps a full one, refuses a missing one", () => {
    expect(
      installFromConfirmation({
        confirmation: { iccid: "8988", smdpAddress: "smdp.example", activationCode: "ABC-1" },
      }),
    ).toEqual({ iccid: "8988", smdpAddress: "smdp.example", matchingId: "ABC-1" });
    expect(
      installFromConfirmation({
        confirmation: { iccid: "8988", smdpAddress: "x", activationCode: "LPA:1$smdp.example$M-2" },
      }),
    ).toEqual({ iccid: "8988", smdpAddress: "smdp.example", matchingId: "M-2" });
    expect(installFromConfirmation({ confirmation: { iccid: "8988", activationCode: "ABC" } })).toBeNull();
    expect(installFromConfirmation({})).toBeNull();
  });
});

describe("catalogue", () => {
  it("lists every offer as a bundle row with integer money, coverage, data and days", async () => {
    const { rows, skipped } = await listCatalogue({
      client: client(),
      rules: { markupPercent: 45, minMarginMinor: 150, currency: "USD", charm: true },
    });
    const total = (await client().offers({ limit: 1, offset: 0 })).total;
    expect(rows.length + skipped.length).toBe(total);
    expect(rows.length).toBeGreaterThan(total * 0.95);
    const jp = rows.find((r) => r.name === "ESIM-JP-7D-1GB")!;
    const offer = await client().offer("ESIM-JP-7D-1GB");
    expect(jp).toMatchObject({
      provider: "zendit",
      scope: "country",
      country: "JP",
      countries: ["JP"],
      dataMb: 1000,
      unlimited: false,
      durationDays: 7,
      wholesaleMinor: offer.cost!.fixed,
      wholesaleCurrency: "USD",
      currency: "USD",
    });
    expect(jp.priceMinor).toBeGreaterThan(jp.wholesaleMinor);
    const eu = rows.find((r) => r.name === "ESIM-EU-30D-5GB")!;
    expect(eu).toMatchObject({ scope: "regional", region: "europe", country: null });
    expect(eu.countries!.length).toBeGreaterThan(10);
    expect(rows.find((r) => r.name.startsWith("ESIM-GLOBAL-"))).toMatchObject({ scope: "global", region: "global" });
    expect(rows.find((r) => r.unlimited)).toMatchObject({ dataMb: null });
    expect(rows.every((r) => Number.isInteger(r.wholesaleMinor) && Number.isInteger(r.priceMinor))).toBe(true);
  });
});
