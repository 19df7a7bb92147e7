// Wallet funding end to end against the sandbox (Zendit wallet, Stripe Issuing with real-time authorization
// answered by our own handler) and a real database: PGlite and, when configured, PostgreSQL.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import Stripe from "stripe";
import { startTestSandbox, type TestSandbox } from "@/test/sandbox";
import type { Db, DbHandle } from "@/lib/db";
import { openProcessTestDatabase } from "@/test/databases";
import { testDbKinds } from "@/lib/db/testing";
import { fundingAlerts, walletTopups } from "@/lib/db/schema";
import { classifyError } from "@/lib/fulfilment/errors";
import { createZenditClient } from "@/lib/providers/zendit/client";
import { createZenditProvider } from "@/lib/providers/zendit/provider";
import { transactionIdFor } from "@/lib/providers/zendit/transaction-ids";
import type { PurchaseInput, PurchaseResult } from "@/lib/providers/types";
import { decideAuthorization } from "./authorization";
import { handleIssuingWebhook } from "./issuing-webhook";
import { walletFunding } from "./index";
import { ensureWalletFunds } from "./wallet";
import { zenditWallet } from "@/lib/providers/zendit/wallet";

const BUFFER = 500;
const OFFER = "ESIM-JP-7D-1GB";

for (const kind of testDbKinds()) {
  describe(`wallet funding (${kind})`, () => {
    let sb: TestSandbox;
    let handle: DbHandle;
    let db: Db;
    let authServer: http.Server;
    /** What our endpoint answers; tests can replace it (e.g. to decline everything). */
    let override: ((raw: string) => { status: number; body: unknown } | null) | null = null;
    const client = () => createZenditClient({ baseUrl: `${sb.url}/zendit/v1`, apiKey: "zendit_sandbox_key" });
    const wallet = () => zenditWallet(client(), `${sb.url}/zendit/v1/wallet/topup`);
    const stripe = () => new Stripe("sk_test_tern_sandbox", { host: "127.0.0.1", port: sb.port, protocol: "http" });
    const provider = (mode: "issuing" | "manual" = "issuing") =>
      createZenditProvider({
        client: client(),
        funding: walletFunding("zendit", { db, wallet: wallet(), mode, bufferMinor: BUFFER }),
      });

    beforeAll(async () => {
      sb = await startTestSandbox({ zendit: { stepDelayMs: 30 } });
      handle = await openProcessTestDatabase(kind);
      db = handle.db;
      // The Issuing real-time authorization endpoint, served by the same handler the route uses.
      authServer = http.createServer((req, res) => {
        let raw = "";
        req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
        req.on("end", () => {
          const forced = override?.(raw);
          const answer = forced
            ? Promise.resolve({ ...forced, headers: { "stripe-version": Stripe.API_VERSION } })
            : handleIssuingWebhook(db, raw, String(req.headers["stripe-signature"] ?? ""));
          void answer.then((r) => {
            res.writeHead(r.status, { "content-type": "application/json", ...r.headers });
            res.end(JSON.stringify(r.body));
          });
        });
      });
      await new Promise<void>((r) => authServer.listen(0, "127.0.0.1", r));
      sb.app.config.stripe.issuingAuthorizationUrl = `http://127.0.0.1:${(authServer.address() as AddressInfo).port}/`;
    });
    afterAll(async () => {
      await new Promise((r) => authServer.close(r));
      await handle?.close();
      await sb?.close();
    });
    beforeEach(async () => {
      override = null;
      await sb.control("POST", "/reset");
      await db.execute(sql`truncate wallet_demands, wallet_topups, funding_alerts, issuing_cardholders`);
    });
    afterEach(() => vi.restoreAllMocks());

    let seq = 0;
    const order = (): string =>
      `ord_F${kind.slice(0, 2).toUpperCase()}${Date.now().toString(36).toUpperCase()}${++seq}`;
    const input = (orderId: string, attempt = 1): PurchaseInput => ({ orderId, attempt, bundleName: OFFER });

    /** As fulfilment drives it: start, poll to the end, a new attempt after a retryable failure. */
    async function buy(p: ReturnType<typeof provider>, orderId: string, maxAttempts = 4): Promise<PurchaseResult> {
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        const i = input(orderId, attempt);
        let r = await p.startPurchase(i);
        while (r.state === "pending") {
          await new Promise((res) => setTimeout(res, 40));
          r = await p.checkPurchase({ ...i, reference: transactionIdFor(orderId, attempt) });
        }
        if (r.state === "completed" || r.permanent) return r;
      }
      throw new Error(`order ${orderId} not bought in ${maxAttempts} attempts`);
    }
    const cost = async () => (await client().offer(OFFER)).cost!.fixed;
    const balance = async () => (await client().balance()).availableBalance;

    it("after INSUFFICIENT_FUNDS, tops the wallet up with one single-use card and the purchase succeeds", async () => {
      const price = await cost();
      const id = order();
      // Without funding the purchase is accepted (HTTP 200) and then FAILS for lack of funds …
      const unfunded = createZenditProvider({ client: client() });
      await unfunded.startPurchase(input(id, 1));
      let first: PurchaseResult;
      do {
        await new Promise((r) => setTimeout(r, 40));
        first = await unfunded.checkPurchase({ ...input(id, 1), reference: transactionIdFor(id, 1) });
      } while (first.state === "pending");
      expect(first).toMatchObject({ state: "failed", permanent: false });

      // … and the next attempt funds the wallet first.
      const logged: string[] = [];
      for (const level of ["log", "info", "warn", "error", "debug"] as const)
        vi.spyOn(console, level).mockImplementation(
          (...args: unknown[]) => void logged.push(args.map(String).join(" ")),
        );
      const p = provider();
      const i = input(id, 2);
      let r = await p.startPurchase(i);
      while (r.state === "pending") {
        await new Promise((res) => setTimeout(res, 40));
        r = await p.checkPurchase({ ...i, reference: transactionIdFor(id, 2) });
      }
      expect(r.state).toBe("completed");

      const cards = (await stripe().issuing.cards.list({ limit: 100 })).data;
      expect(cards).toHaveLength(1);
      const card = cards[0]!;
      expect(card.status).toBe("canceled");
      expect(card.spending_controls.spending_limits).toEqual([
        expect.objectContaining({ amount: price + BUFFER, interval: "all_time" }),
      ]);
      const [topup] = await db.select().from(walletTopups);
      expect(topup).toMatchObject({
        status: "succeeded",
        amountMinor: price + BUFFER,
        currency: "USD",
        cardId: card.id,
        cardLast4: card.last4,
        cardExpMonth: card.exp_month,
        cardExpYear: card.exp_year,
        orderIds: [id],
      });
      expect(topup!.cardCanceledAt).not.toBeNull();
      // One approved authorization, for exactly the top-up, and the wallet keeps only the buffer.
      const auths = (await stripe().issuing.authorizations.list({ limit: 100 })).data;
      expect(auths.filter((a) => a.approved).map((a) => [a.id, a.amount])).toEqual([
        [topup!.authorizationId, price + BUFFER],
      ]);
      expect(await balance()).toBe(BUFFER);

      // The card's number and CVC, as the sandbox knows them, are nowhere we keep anything.
      const secret = await stripe().issuing.cards.retrieve(card.id, { expand: ["number", "cvc"] });
      const dump = JSON.stringify(
        await db.execute(sql`select row_to_json(t)::text as row from (
          select 'topup' k, to_jsonb(w) v from wallet_topups w union all
          select 'alert', to_jsonb(a) from funding_alerts a union all
          select 'demand', to_jsonb(d) from wallet_demands d union all
          select 'holder', to_jsonb(h) from issuing_cardholders h) t`),
      );
      const events = JSON.stringify(await sb.control("GET", "/stripe/events"));
      for (const place of [dump, events, logged.join("\n")]) {
        expect(place).not.toContain(secret.number!);
        expect(place).not.toMatch(new RegExp(`"cvc"\\s*:\\s*"${secret.cvc}"`));
      }
      expect(logged.join("\n")).not.toMatch(/\bcvc\b/i);
      expect(JSON.stringify(await sb.control("GET", "/zendit/purchases"))).not.toContain(secret.number!);
    });

    it("a declined top-up makes the order wait (not refunded), its card canceled and admins told once", async () => {
      override = () => ({ status: 200, body: { approved: false } });
      const tryOnce = () =>
        provider()
          .startPurchase(input(order()))
          .catch((e: unknown) => e);
      expect(classifyError(await tryOnce())).toMatchObject({ kind: "insufficient_balance", alertRaised: true });
      // Declined again on the retry: a second card, and still one open alert (one email through an outage).
      expect(classifyError(await tryOnce())).toMatchObject({ kind: "insufficient_balance" });
      const topups = await db.select().from(walletTopups);
      expect(topups.map((t) => t.status)).toEqual(["failed", "failed"]);
      for (const t of topups) {
        expect(t.cardCanceledAt).not.toBeNull();
        expect((await stripe().issuing.cards.retrieve(t.cardId!)).status).toBe("canceled");
      }
      expect(await db.select().from(fundingAlerts)).toEqual([
        expect.objectContaining({ kind: "topup_failed", resolvedAt: null }),
      ]);
      expect(await balance()).toBe(0);
      expect((await sb.control<unknown[]>("GET", "/zendit/purchases")).length).toBe(0);

      // The card works again: the purchase goes through and the decline alert is closed.
      override = null;
      await buy(provider(), order());
      expect((await sb.control<unknown[]>("GET", "/zendit/purchases")).length).toBe(1);
      expect(await db.select().from(fundingAlerts)).toEqual([
        expect.objectContaining({ kind: "topup_failed", resolvedAt: expect.any(Date) }),
      ]);
    });

    it("declines an authorization for another amount, a second one, one on a canceled or unknown card", async () => {
      const price = await cost();
      await buy(provider(), order());
      const [topup] = await db.select().from(walletTopups);
      const card = { id: topup!.cardId!, last4: topup!.cardLast4 };
      // Over HTTP: the card is canceled, so Stripe itself declines before asking us.
      const secret = await stripe().issuing.cards.retrieve(card.id, { expand: ["number", "cvc"] });
      const charged = await sb.control<{ approved: boolean; reason?: string }>(
        "POST",
        "/stripe/issuing/authorizations",
        {
          number: secret.number,
          expMonth: secret.exp_month,
          expYear: secret.exp_year,
          cvc: secret.cvc,
          amount: price + BUFFER,
          currency: "usd",
          merchant: "Somebody else",
        },
      );
      expect(charged).toMatchObject({ approved: false, reason: "card_canceled" });
      // And our own decision, should such a request reach us anyway.
      expect(
        await decideAuthorization(db, { id: "iauth_late", card, amount: price + BUFFER, currency: "usd" }),
      ).toMatchObject({
        approved: false,
      });

      // An open top-up: only its exact amount, once.
      await db.execute(sql`update wallet_topups set status = 'open', card_canceled_at = null, authorization_id = null`);
      expect(
        await decideAuthorization(db, { id: "iauth_1", card, amount: price + BUFFER + 1, currency: "usd" }),
      ).toMatchObject({
        approved: false,
      });
      expect(
        await decideAuthorization(db, { id: "iauth_2", card, amount: price + BUFFER, currency: "eur" }),
      ).toMatchObject({
        approved: false,
      });
      expect(
        await decideAuthorization(db, { id: "iauth_3", card, amount: price + BUFFER, currency: "usd" }),
      ).toMatchObject({
        approved: true,
      });
      // A retry of the same request gets the same answer; another authorization does not.
      expect(
        await decideAuthorization(db, { id: "iauth_3", card, amount: price + BUFFER, currency: "usd" }),
      ).toMatchObject({
        approved: true,
      });
      expect(
        await decideAuthorization(db, { id: "iauth_4", card, amount: price + BUFFER, currency: "usd" }),
      ).toMatchObject({
        approved: false,
      });
      expect(
        await decideAuthorization(db, { id: "iauth_5", card: { id: "ic_unknown" }, amount: 100, currency: "usd" }),
      ).toMatchObject({ approved: false, reason: "not a wallet top-up card" });
      const declined = await db
        .select()
        .from(fundingAlerts)
        .where(sql`kind = 'authorization_declined'`);
      expect(declined).toHaveLength(5);
    });

    it("rejects an authorization request with a bad signature", async () => {
      const raw = JSON.stringify({ id: "evt_x", type: "issuing_authorization.request", data: { object: {} } });
      const forged = stripe().webhooks.generateTestHeaderString({ payload: raw, secret: "whsec_wrong" });
      expect((await handleIssuingWebhook(db, raw, forged)).status).toBe(400);
      expect((await handleIssuingWebhook(db, raw, null)).status).toBe(400);
    });

    it("manual mode: orders wait (classified like an empty eSIM Go balance), one alert, delivered once funded", async () => {
      const p = provider("manual");
      const ids = [order(), order(), order(), order(), order()];
      const errors = await Promise.all(ids.map((id) => p.startPurchase(input(id)).catch((e: unknown) => e)));
      for (const e of errors) expect(classifyError(e).kind).toBe("insufficient_balance");
      const alerts = await db.select().from(fundingAlerts);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ kind: "low_balance", provider: "zendit", currency: "USD" });
      expect(alerts[0]!.amountMinor).toBeGreaterThanOrEqual((await cost()) + BUFFER);
      expect((await stripe().issuing.cards.list()).data).toHaveLength(0);

      // An admin funds the wallet: every order goes through, and the alert is closed.
      await sb.control("POST", "/zendit/balance", { availableBalance: alerts[0]!.amountMinor! * 5 });
      const done = await Promise.all(ids.map((id) => buy(p, id)));
      expect(done.every((r) => r.state === "completed")).toBe(true);
      const [closed] = await db.select().from(fundingAlerts);
      expect(closed!.resolvedAt).not.toBeNull();
    });

    it.runIf(kind === "postgres")(
      "20 concurrent orders on an empty wallet: one or two cards, no over-funding",
      async () => {
        const price = await cost();
        const p = provider();
        const ids = Array.from({ length: 20 }, () => order());
        const results = await Promise.all(ids.map((id) => buy(p, id)));
        expect(results.every((r) => r.state === "completed")).toBe(true);
        const topups = await db.select().from(walletTopups);
        expect(topups.length).toBeGreaterThanOrEqual(1);
        expect(topups.length).toBeLessThanOrEqual(2);
        expect(topups.every((t) => t.status === "succeeded" && t.cardCanceledAt)).toBe(true);
        const funded = topups.reduce((s, t) => s + t.amountMinor, 0);
        expect(funded).toBeLessThanOrEqual(20 * price + BUFFER);
        // What is left in the wallet is at most the buffer.
        expect(await balance()).toBe(funded - 20 * price);
        expect(await balance()).toBeLessThanOrEqual(BUFFER);
        const cards = (await stripe().issuing.cards.list({ limit: 100 })).data;
        expect(cards).toHaveLength(topups.length);
        expect(cards.every((c) => c.status === "canceled")).toBe(true);
      },
    );

    it("a worker dying mid top-up (charged, answer lost) is resumed: no second card, no second charge", async () => {
      const price = await cost();
      const id = order();
      // The wallet is charged, then the connection drops: our side never hears the outcome.
      await sb.control("POST", "/faults", { service: "zendit", route: "POST /wallet/topup", dropAfterSend: true });
      const lost = await ensureWalletFunds(
        { provider: "zendit", neededMinor: price, currency: "USD", orderIds: [id] },
        { db, wallet: wallet(), mode: "issuing", bufferMinor: BUFFER },
      ).catch((e: unknown) => e);
      expect(classifyError(lost).kind).toBe("retry");
      const [open] = await db.select().from(walletTopups);
      expect(open).toMatchObject({ status: "open" });
      expect(await balance()).toBe(price + BUFFER);
      // As if that worker had died holding the claim: the lease runs out, the next caller takes over.
      await db.execute(sql`update wallet_topups set lease_until = now() - interval '1 second'`);
      const resumed = await ensureWalletFunds(
        { provider: "zendit", neededMinor: price, currency: "USD", orderIds: [id] },
        { db, wallet: wallet(), mode: "issuing", bufferMinor: BUFFER },
      );
      expect(resumed).toEqual({ toppedUp: true, topupIds: [open!.id] });
      const topups = await db.select().from(walletTopups);
      expect(topups).toEqual([expect.objectContaining({ id: open!.id, status: "succeeded" })]);
      expect((await stripe().issuing.cards.list()).data).toHaveLength(1);
      const approved = (await stripe().issuing.authorizations.list()).data.filter((a) => a.approved);
      expect(approved).toHaveLength(1);
      expect(await balance()).toBe(price + BUFFER);
    });

    it("ensureWalletFunds does nothing when the wallet already covers waiting orders and the buffer", async () => {
      await sb.control("POST", "/zendit/balance", { availableBalance: 10_000 });
      const r = await ensureWalletFunds(
        { provider: "zendit", neededMinor: 1_000, currency: "usd", orderIds: [order()] },
        { db, wallet: wallet(), mode: "issuing", bufferMinor: BUFFER },
      );
      expect(r).toEqual({ toppedUp: false, topupIds: [] });
      expect((await stripe().issuing.cards.list()).data).toHaveLength(0);
    });
  });
}
