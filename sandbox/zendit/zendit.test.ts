// Contract tests: the Zendit imitation through plain fetch, as the app's own Zendit client calls it.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainDeliveries } from "../core/deliver";
import { startSandbox, type RunningSandbox, type SandboxOverrides } from "../server";
import { luhnCheckDigit } from "./processing";

const STEP_MS = 25;
let dataDir: string;
let sandbox: RunningSandbox;

async function start(overrides: SandboxOverrides = {}, dir = fs.mkdtempSync(path.join(os.tmpdir(), "tern-zendit-"))) {
  return {
    dir,
    sandbox: await startSandbox({
      port: 0,
      dataDir: dir,
      ...overrides,
      zendit: { stepDelayMs: STEP_MS, ...overrides.zendit },
    }),
  };
}

async function stop(s: RunningSandbox, dir: string, keepDir = false) {
  await s.close();
  await drainDeliveries();
  s.app.store.flush();
  if (!keepDir) fs.rmSync(dir, { recursive: true, force: true });
}

beforeAll(async () => {
  ({ sandbox, dir: dataDir } = await start());
});

afterAll(async () => {
  await stop(sandbox, dataDir);
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
type Json = any;

async function api(base: string, method: string, route: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/zendit/v1${route}`, {
    method,
    headers: {
      authorization: "Bearer zendit-test-key",
      ...(body ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = res.headers.get("content-type") ?? "";
  return {
    status: res.status,
    type,
    body: (type.includes("json") ? await res.json() : Buffer.from(await res.arrayBuffer())) as Json,
  };
}

const zendit = (method: string, route: string, body?: unknown, headers?: Record<string, string>) =>
  api(sandbox.url, method, route, body, headers);
const txId = () => `ord_${crypto.randomUUID()}-att1`;

async function setBalance(base: string, cents: number) {
  await fetch(`${base}/_sandbox/zendit/balance`, { method: "POST", body: JSON.stringify({ availableBalance: cents }) });
}
const balanceOf = async (base: string) => (await api(base, "GET", "/balance")).body.availableBalance as number;

async function waitForFinal(base: string, transactionId: string, timeoutMs = 3000): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api(base, "GET", `/esim/purchases/${encodeURIComponent(transactionId)}`);
    if (body.status === "DONE" || body.status === "FAILED") return body;
    if (Date.now() > deadline) throw new Error(`purchase ${transactionId} still ${body.status}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function luhnValid(digits: string): boolean {
  return luhnCheckDigit(digits.slice(0, -1)) === digits.slice(-1);
}

describe("auth and errors", () => {
  it("requires a bearer key", async () => {
    const res = await fetch(`${sandbox.url}/zendit/v1/balance`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errorCode: "NOT_AUTHORIZED" });
  });

  it("reports the balance in cents with its divisor", async () => {
    const { sandbox: own, dir } = await start({ zendit: { initialBalance: 12_345 } });
    try {
      expect((await api(own.url, "GET", "/balance")).body).toEqual({
        availableBalance: 12_345,
        currency: "USD",
        currencyDivisor: 100,
      });
    } finally {
      await stop(own, dir);
    }
  });
});

describe("offers", () => {
  it("requires _limit (1–1024) and _offset", async () => {
    for (const q of [
      "",
      "?_offset=0",
      "?_limit=10",
      "?_limit=0&_offset=0",
      "?_limit=1025&_offset=0",
      "?_limit=10&_offset=-1",
    ]) {
      const { status, body } = await zendit("GET", `/esim/offers${q}`);
      expect(status, q).toBe(400);
      expect(body.errorCode, q).toBe("INVALID_REQUEST");
    }
  });

  it("pages through a stable list", async () => {
    const all = (await zendit("GET", "/esim/offers?_limit=1024&_offset=0")).body;
    expect(all.total).toBeGreaterThan(1000);
    expect(all.list).toHaveLength(1024);
    const first = (await zendit("GET", "/esim/offers?_limit=5&_offset=0")).body;
    const second = (await zendit("GET", "/esim/offers?_limit=5&_offset=5")).body;
    expect(first).toMatchObject({ limit: 5, offset: 0, total: all.total });
    expect([...first.list, ...second.list].map((o: Json) => o.offerId)).toEqual(
      all.list.slice(0, 10).map((o: Json) => o.offerId),
    );
    const beyond = (await zendit("GET", `/esim/offers?_limit=10&_offset=${all.total}`)).body;
    expect(beyond.list).toEqual([]);
  });

  it("filters by country, region, subtype and brand", async () => {
    const japan = (await zendit("GET", "/esim/offers?_limit=1024&_offset=0&country=JP")).body.list as Json[];
    expect(japan.map((o) => o.offerId)).toEqual(
      expect.arrayContaining(["ESIM-JP-7D-1GB", "ESIM-JP-7D-UNL", "ESIM-ASIA-30D-5GB"]),
    );
    expect(japan.every((o) => o.roaming.some((r: Json) => r.country === "JP"))).toBe(true);

    const western = (await zendit("GET", "/esim/offers?_limit=1024&_offset=0&regions=Western%20Europe")).body
      .list as Json[];
    expect(western.length).toBeGreaterThan(0);
    expect(western.every((o) => o.regions.includes("Western Europe"))).toBe(true);
    expect(western.map((o) => o.country)).toContain("FR");
    expect(western.map((o) => o.country)).not.toContain("JP");

    const fast = (await zendit("GET", "/esim/offers?_limit=1024&_offset=0&subType=Fast&country=US")).body
      .list as Json[];
    expect(fast.length).toBeGreaterThan(0);
    expect(fast.every((o) => o.dataUnlimited && o.subTypes.includes("Fast"))).toBe(true);

    expect((await zendit("GET", "/esim/offers?_limit=1&_offset=0&brand=OTHER-BRAND")).body.total).toBe(0);
  });

  it("costs less than eSIM Go for some destinations and more for others, the same on every run", async () => {
    const { loadCatalogue } = await import("../data/catalogue");
    const { loadOffers, toOffer } = await import("./offers");
    const esimGo = new Map(loadCatalogue().map((b) => [b.name, Math.round(b.price * 100)]));
    const offers = loadOffers();
    expect(offers.length).toBe(esimGo.size);
    const byCountry = new Map<string, { cheaper: number; dearer: number }>();
    for (const [i, bundle] of loadCatalogue().entries()) {
      const offer = offers[i]!;
      if (!offer.country) continue;
      const tally = byCountry.get(offer.country) ?? { cheaper: 0, dearer: 0 };
      if (offer.cost.fixed < esimGo.get(bundle.name)!) tally.cheaper++;
      else tally.dearer++;
      byCountry.set(offer.country, tally);
    }
    const cheaperCountries = [...byCountry.values()].filter((t) => t.cheaper > t.dearer).length;
    const dearerCountries = [...byCountry.values()].filter((t) => t.dearer > t.cheaper).length;
    expect(cheaperCountries).toBeGreaterThan(byCountry.size / 4);
    expect(dearerCountries).toBeGreaterThan(byCountry.size / 4);
    // Seeded, not random: rebuilding an offer gives the same cost.
    const sample = loadCatalogue().slice(0, 200);
    expect(sample.map((b) => toOffer(b).cost.fixed)).toEqual(offers.slice(0, 200).map((o) => o.cost.fixed));
  });

  it("returns one offer in Zendit's shape, 404 for an unknown one", async () => {
    const { status, body } = await zendit("GET", "/esim/offers/ESIM-JP-7D-1GB");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      offerId: "ESIM-JP-7D-1GB",
      brand: "ZENDIT-ESIM",
      country: "JP",
      regions: ["Asia"],
      productType: "ESIM",
      priceType: "FIXED",
      dataGB: 1,
      dataUnlimited: false,
      durationDays: 7,
      cost: { currency: "USD", currencyDivisor: 100 },
      price: { currency: "USD", currencyDivisor: 100 },
    });
    expect(Number.isInteger(body.cost.fixed) && Number.isInteger(body.price.fixed)).toBe(true);
    expect(body.price.fixed).toBeGreaterThan(body.cost.fixed);

    const regional = (await zendit("GET", "/esim/offers/ESIM-EU-30D-5GB")).body;
    expect(regional).toMatchObject({ country: "", dataGB: 5, regions: expect.arrayContaining(["Western Europe"]) });
    expect(regional.roaming.length).toBeGreaterThan(20);

    const missing = await zendit("GET", "/esim/offers/ESIM-XX-7D-1GB");
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ errorCode: "NOT_FOUND", fields: { offerId: "ESIM-XX-7D-1GB" } });
  });
});

describe("purchases", () => {
  it("runs ACCEPTED → IN_PROGRESS → DONE and debits the wallet by the offer's cost", async () => {
    const { sandbox: own, dir } = await start();
    try {
      await setBalance(own.url, 10_000);
      const offer = (await api(own.url, "GET", "/esim/offers/ESIM-FR-30D-5GB")).body;
      const id = txId();
      const created = await api(own.url, "POST", "/esim/purchases", { offerId: offer.offerId, transactionId: id });
      expect(created).toMatchObject({ status: 200, body: { status: "ACCEPTED", transactionId: id } });

      const done = await waitForFinal(own.url, id);
      expect(done.status).toBe("DONE");
      expect(done.log.map((l: Json) => l.status)).toEqual(["ACCEPTED", "IN_PROGRESS", "DONE"]);
      expect(done).toMatchObject({
        offerId: offer.offerId,
        cost: offer.cost.fixed,
        costCurrency: "USD",
        costCurrencyDivisor: 100,
      });
      expect(await balanceOf(own.url)).toBe(10_000 - offer.cost.fixed);

      const { iccid, smdpAddress, activationCode, externalReferenceId } = done.confirmation;
      expect(iccid).toMatch(/^89\d{17}$/);
      expect(luhnValid(iccid)).toBe(true);
      expect(activationCode.startsWith(`LPA:1$${smdpAddress}$`)).toBe(true);
      expect(externalReferenceId).toBeTruthy();
    } finally {
      await stop(own, dir);
    }
  });

  it("answers a repeated transactionId with the existing purchase and never charges twice", async () => {
    const { sandbox: own, dir } = await start();
    try {
      await setBalance(own.url, 10_000);
      const id = txId();
      const body = { offerId: "ESIM-DE-7D-1GB", transactionId: id };
      const [a, b] = await Promise.all([
        api(own.url, "POST", "/esim/purchases", body),
        api(own.url, "POST", "/esim/purchases", body),
      ]);
      expect([a.body, b.body]).toEqual([
        { status: "ACCEPTED", transactionId: id },
        { status: "ACCEPTED", transactionId: id },
      ]);
      const done = await waitForFinal(own.url, id);
      const after = await api(own.url, "POST", "/esim/purchases", body);
      expect(after.body).toEqual({ status: "DONE", transactionId: id });
      await new Promise((r) => setTimeout(r, STEP_MS * 4));
      expect(await balanceOf(own.url)).toBe(10_000 - done.cost);
      const listed = (await (await fetch(`${own.url}/_sandbox/zendit/purchases`)).json()) as Json[];
      expect(listed.filter((p) => p.transactionId === id)).toHaveLength(1);
    } finally {
      await stop(own, dir);
    }
  });

  it("holds the cost as soon as the purchase is accepted", async () => {
    const { sandbox: own, dir } = await start({ zendit: { stepDelayMs: 5_000 } });
    try {
      const offer = (await api(own.url, "GET", "/esim/offers/ESIM-JP-7D-1GB")).body;
      await setBalance(own.url, offer.cost.fixed + 10);
      const [a, b] = [txId(), txId()];
      await api(own.url, "POST", "/esim/purchases", { offerId: offer.offerId, transactionId: a });
      // Still ACCEPTED, yet the wallet no longer shows the held amount: a second purchase cannot count on it.
      expect((await api(own.url, "GET", `/esim/purchases/${a}`)).body.status).toBe("ACCEPTED");
      expect(await balanceOf(own.url)).toBe(10);
      await api(own.url, "POST", "/esim/purchases", { offerId: offer.offerId, transactionId: b });
      expect(await balanceOf(own.url)).toBe(10);
    } finally {
      await stop(own, dir);
    }
  });

  it("fails with INSUFFICIENT_FUNDS when the wallet is short at processing time", async () => {
    const { sandbox: own, dir } = await start();
    try {
      await setBalance(own.url, 100);
      const id = txId();
      const created = await api(own.url, "POST", "/esim/purchases", { offerId: "ESIM-US-30D-10GB", transactionId: id });
      expect(created.body.status).toBe("ACCEPTED");
      const failed = await waitForFinal(own.url, id);
      expect(failed.status).toBe("FAILED");
      expect(failed.error).toMatchObject({ code: "INSUFFICIENT_FUNDS" });
      expect(failed.confirmation).toBeUndefined();
      expect(await balanceOf(own.url)).toBe(100);
      expect((await api(own.url, "GET", `/esim/purchases/${id}/qrcode`)).status).toBe(404);
    } finally {
      await stop(own, dir);
    }
  });

  it("validates the request and 404s unknown offers and transactions", async () => {
    expect((await zendit("POST", "/esim/purchases", { offerId: "ESIM-JP-7D-1GB" })).body).toMatchObject({
      errorCode: "INVALID_REQUEST",
      fields: { transactionId: "required" },
    });
    const unknownOffer = await zendit("POST", "/esim/purchases", {
      offerId: "ESIM-NOPE-1D-1GB",
      transactionId: txId(),
    });
    expect(unknownOffer).toMatchObject({ status: 404, body: { errorCode: "NOT_FOUND" } });
    expect((await zendit("GET", `/esim/purchases/${txId()}`)).status).toBe(404);
  });

  it("lists purchases with paging, status and createdAt filters", async () => {
    const { sandbox: own, dir } = await start();
    try {
      await setBalance(own.url, 0);
      const before = new Date(Date.now() - 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
      const ids = [txId(), txId()];
      for (const id of ids)
        await api(own.url, "POST", "/esim/purchases", { offerId: "ESIM-JP-7D-1GB", transactionId: id });
      await Promise.all(ids.map((id) => waitForFinal(own.url, id)));

      expect((await api(own.url, "GET", "/esim/purchases")).status).toBe(400);
      const failed = (await api(own.url, "GET", "/esim/purchases?_limit=10&_offset=0&status=FAILED")).body;
      expect(failed.total).toBe(2);
      expect(failed.list.map((p: Json) => p.transactionId).sort()).toEqual([...ids].sort());
      expect((await api(own.url, "GET", "/esim/purchases?_limit=10&_offset=0&status=DONE")).body.total).toBe(0);
      expect(
        (await api(own.url, "GET", `/esim/purchases?_limit=1&_offset=0&createdAt=gte${before}`)).body,
      ).toMatchObject({ total: 2, limit: 1 });
      expect((await api(own.url, "GET", `/esim/purchases?_limit=10&_offset=0&createdAt=lt${before}`)).body.total).toBe(
        0,
      );
      expect((await api(own.url, "GET", "/esim/purchases?_limit=10&_offset=0&createdAt=yesterday")).status).toBe(400);
    } finally {
      await stop(own, dir);
    }
  });

  it("finishes accepted purchases after a restart, and the closed instance stays quiet", async () => {
    const hook = await startHookReceiver();
    const { sandbox: first, dir } = await start({ zendit: { stepDelayMs: 80, webhookUrl: hook.url } });
    await setBalance(first.url, 5_000);
    const id = txId();
    await api(first.url, "POST", "/esim/purchases", { offerId: "ESIM-IT-7D-1GB", transactionId: id });
    await stop(first, dir, true);

    const second = await startSandbox({ port: 0, dataDir: dir, zendit: { stepDelayMs: 80, webhookUrl: hook.url } });
    try {
      const done = await waitForFinal(second.url, id);
      expect(done.status).toBe("DONE");
      expect(await balanceOf(second.url)).toBe(5_000 - done.cost);
      // Past the point where the first instance's timers would have fired had they survived its close.
      await new Promise((r) => setTimeout(r, 250));
      await drainDeliveries();
      expect(hook.received.map((r) => r.body.transactionId)).toEqual([id]);
    } finally {
      await stop(second, dir);
      await hook.close();
    }
  });
});

describe("control", () => {
  it("resets to the configured opening balance with no purchases", async () => {
    const { sandbox: own, dir } = await start({ zendit: { initialBalance: 700 } });
    try {
      await setBalance(own.url, 10_000);
      const id = txId();
      await api(own.url, "POST", "/esim/purchases", { offerId: "ESIM-JP-7D-1GB", transactionId: id });
      await waitForFinal(own.url, id);
      await fetch(`${own.url}/_sandbox/reset`, { method: "POST" });
      expect(await balanceOf(own.url)).toBe(700);
      expect(await (await fetch(`${own.url}/_sandbox/zendit/purchases`)).json()).toEqual([]);
      expect((await api(own.url, "GET", `/esim/purchases/${id}`)).status).toBe(404);
      expect(
        (
          await fetch(`${own.url}/_sandbox/zendit/balance`, {
            method: "POST",
            body: JSON.stringify({ availableBalance: -1 }),
          })
        ).status,
      ).toBe(400);
    } finally {
      await stop(own, dir);
    }
  });
});

describe("QR code, plans and webhooks", () => {
  it("renders the activation code as a PNG QR code and as base64 JSON", async () => {
    const { sandbox: own, dir } = await start();
    try {
      await setBalance(own.url, 10_000);
      const id = txId();
      await api(own.url, "POST", "/esim/purchases", { offerId: "ESIM-GB-7D-1GB", transactionId: id });
      expect((await api(own.url, "GET", `/esim/purchases/${id}/qrcode`)).status).toBe(404);
      const done = await waitForFinal(own.url, id);

      const png = await api(own.url, "GET", `/esim/purchases/${id}/qrcode`);
      expect(png.type).toBe("image/png");
      expect(decodeQr(png.body as Buffer)).toBe(done.confirmation.activationCode);

      const json = await api(own.url, "GET", `/esim/purchases/${id}/qrcode`, undefined, { accept: "application/json" });
      expect(decodeQr(Buffer.from(json.body.imageBase64, "base64"))).toBe(done.confirmation.activationCode);
    } finally {
      await stop(own, dir);
    }
  });

  it("lists plans on an eSIM, with a reload queued behind the first plan", async () => {
    const { sandbox: own, dir } = await start();
    try {
      await setBalance(own.url, 10_000);
      const first = txId();
      await api(own.url, "POST", "/esim/purchases", { offerId: "ESIM-ES-7D-1GB", transactionId: first });
      const { confirmation } = await waitForFinal(own.url, first);
      const reload = txId();
      await api(own.url, "POST", "/esim/purchases", {
        offerId: "ESIM-ES-15D-2GB",
        transactionId: reload,
        iccid: confirmation.iccid,
      });
      const reloaded = await waitForFinal(own.url, reload);
      expect(reloaded.confirmation.iccid).toBe(confirmation.iccid);

      const plans = (await api(own.url, "GET", `/esim/${confirmation.iccid}/plans`)).body;
      expect(plans.total).toBe(2);
      expect(plans.list.map((p: Json) => [p.offerId, p.status])).toEqual([
        ["ESIM-ES-7D-1GB", "ACTIVE"],
        ["ESIM-ES-15D-2GB", "QUEUED"],
      ]);
      expect(plans.list[0]).toMatchObject({ iccid: confirmation.iccid, initialDataGB: 1, unlimited: false });
      expect((await api(own.url, "GET", "/esim/8900000000000000000/plans")).status).toBe(404);
      expect(
        (
          await api(own.url, "POST", "/esim/purchases", {
            offerId: "ESIM-ES-7D-1GB",
            transactionId: txId(),
            iccid: "8900000000000000000",
          })
        ).status,
      ).toBe(404);
    } finally {
      await stop(own, dir);
    }
  });

  it("POSTs the finished purchase to the webhook URL with the configured header", async () => {
    const hook = await startHookReceiver();
    const { received, url } = hook;
    const { sandbox: own, dir } = await start({
      zendit: { webhookUrl: url, webhookHeaderName: "x-tern-zendit", webhookHeaderValue: "s3cret" },
    });
    try {
      await setBalance(own.url, 10_000);
      const [ok, short] = [txId(), txId()];
      await api(own.url, "POST", "/esim/purchases", { offerId: "ESIM-PT-7D-1GB", transactionId: ok });
      await waitForFinal(own.url, ok);
      await setBalance(own.url, 0);
      await api(own.url, "POST", "/esim/purchases", { offerId: "ESIM-PT-7D-1GB", transactionId: short });
      await waitForFinal(own.url, short);
      await drainDeliveries();

      expect(received.map((r) => [r.body.transactionId, r.body.status])).toEqual([
        [ok, "DONE"],
        [short, "FAILED"],
      ]);
      expect(received.every((r) => r.headers["x-tern-zendit"] === "s3cret")).toBe(true);
      expect(received[0]!.body.confirmation.activationCode).toMatch(/^LPA:1\$/);
      expect(received[1]!.body.error.code).toBe("INSUFFICIENT_FUNDS");

      const recorded = (await (await fetch(`${own.url}/_sandbox/zendit/purchases`)).json()) as Json[];
      expect(recorded.find((p) => p.transactionId === ok).webhookAttempts).toEqual([
        expect.objectContaining({ status: 200, url }),
      ]);
    } finally {
      await stop(own, dir);
      await hook.close();
    }
  });
});

describe("wallet top-up with a Stripe Issuing card (sandbox-only endpoint)", () => {
  async function issuingCard(port: number) {
    const stripe = new Stripe("sk_test_tern_sandbox", {
      host: "127.0.0.1",
      port,
      protocol: "http",
      maxNetworkRetries: 0,
    });
    const cardholder = await stripe.issuing.cardholders.create({
      name: "Tern Wallet",
      type: "company",
      billing: { address: { line1: "1 Main St", city: "Dublin", postal_code: "D01", country: "IE" } },
    });
    const created = await stripe.issuing.cards.create({
      cardholder: cardholder.id,
      currency: "usd",
      type: "virtual",
      status: "active",
    });
    const card = await stripe.issuing.cards.retrieve(created.id, { expand: ["number", "cvc"] });
    return { stripe, card: { number: card.number!, expMonth: card.exp_month, expYear: card.exp_year, cvc: card.cvc! } };
  }

  it("credits the wallet when the card is approved and records a WALLET_RECHARGE credit", async () => {
    const { sandbox: own, dir } = await start({ zendit: { initialBalance: 0 } });
    try {
      const { stripe, card } = await issuingCard(own.port);
      const transactionId = `topup-${crypto.randomUUID()}`;
      const topup = await api(own.url, "POST", "/wallet/topup", {
        card,
        amount: 5_000,
        currency: "USD",
        transactionId,
      });
      expect(topup.status).toBe(200);
      expect(topup.body).toMatchObject({
        transactionId,
        type: "CREDIT",
        productType: "WALLET_RECHARGE",
        status: "DONE",
        amount: 5_000,
        availableBalance: 5_000,
      });
      expect(await balanceOf(own.url)).toBe(5_000);

      // A retried top-up returns the first outcome and is not charged again.
      const retry = await api(own.url, "POST", "/wallet/topup", {
        card,
        amount: 5_000,
        currency: "USD",
        transactionId,
      });
      expect(retry.body.authorizationId).toBe(topup.body.authorizationId);
      expect(await balanceOf(own.url)).toBe(5_000);
      const authorizations = await stripe.issuing.authorizations.list();
      expect(authorizations.data.filter((a) => a.approved)).toHaveLength(1);
      expect(authorizations.data[0]).toMatchObject({
        id: topup.body.authorizationId,
        amount: 5_000,
        merchant_data: { name: "Zendit" },
      });

      const ledger = (await api(own.url, "GET", "/transactions?_limit=10&_offset=0&type=CREDIT")).body;
      expect(ledger.list).toEqual([
        expect.objectContaining({ transactionId, productType: "WALLET_RECHARGE", status: "DONE", amount: 5_000 }),
      ]);
      expect((await api(own.url, "GET", `/transactions/${transactionId}`)).body).toMatchObject({
        type: "CREDIT",
        amount: 5_000,
      });

      // The funds buy an eSIM, which shows as a debit.
      const id = txId();
      await api(own.url, "POST", "/esim/purchases", { offerId: "ESIM-JP-7D-1GB", transactionId: id });
      const done = await waitForFinal(own.url, id);
      expect(done.status).toBe("DONE");
      expect((await api(own.url, "GET", `/transactions/${id}`)).body).toMatchObject({
        type: "DEBIT",
        productType: "ESIM",
        status: "DONE",
        amount: done.cost,
      });
    } finally {
      await stop(own, dir);
    }
  });

  it("charges a card once when the same top-up is sent twice at the same moment", async () => {
    const { sandbox: own, dir } = await start({ zendit: { initialBalance: 0 } });
    try {
      const { stripe, card } = await issuingCard(own.port);
      const body = { card, amount: 2_500, currency: "USD", transactionId: `topup${crypto.randomUUID().slice(0, 8)}` };
      const [a, b] = await Promise.all([
        api(own.url, "POST", "/wallet/topup", body),
        api(own.url, "POST", "/wallet/topup", body),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body.authorizationId).toBe(b.body.authorizationId);
      expect(await balanceOf(own.url)).toBe(2_500);
      expect((await stripe.issuing.authorizations.list()).data).toHaveLength(1);
    } finally {
      await stop(own, dir);
    }
  });

  it("answers 402 CARD_DECLINED with the reason and leaves the balance alone", async () => {
    const { sandbox: own, dir } = await start({ zendit: { initialBalance: 0 } });
    try {
      const { card } = await issuingCard(own.port);
      const wrongCvc = card.cvc === "999" ? "998" : "999";
      const declined = await api(own.url, "POST", "/wallet/topup", {
        card: { ...card, cvc: wrongCvc },
        amount: 5_000,
        currency: "USD",
      });
      expect(declined.status).toBe(402);
      expect(declined.body).toMatchObject({ errorCode: "CARD_DECLINED", fields: { reason: "incorrect_cvc" } });
      expect(await balanceOf(own.url)).toBe(0);

      const unknown = await api(own.url, "POST", "/wallet/topup", {
        card: { ...card, number: "4000000000000002" },
        amount: 100,
        currency: "USD",
      });
      expect(unknown.body).toMatchObject({ errorCode: "CARD_DECLINED", fields: { reason: "card_not_found" } });

      const badCurrency = await api(own.url, "POST", "/wallet/topup", { card, amount: 100, currency: "EUR" });
      expect(badCurrency).toMatchObject({
        status: 400,
        body: { errorCode: "INVALID_REQUEST", fields: { currency: "must be USD" } },
      });
      expect((await api(own.url, "GET", "/transactions?_limit=10&_offset=0&status=FAILED")).body.total).toBe(2);
    } finally {
      await stop(own, dir);
    }
  });
});

/** A local webhook endpoint that records what it receives and answers 200. */
async function startHookReceiver() {
  const received: { headers: http.IncomingHttpHeaders; body: Json }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    received,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/zendit`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function decodeQr(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}
