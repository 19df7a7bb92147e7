// Accepted under a transaction id we derive from order + attempt, so after a timeout or crash the same attempt
// is looked up by GET, never bought again.
import { parseLpa } from "@/lib/delivery/links";
import { ProviderError } from "../http";
import type { EsimProvider, InstallDetails, ProviderOrder, PurchaseResult, WalletFunding } from "../types";
import { zenditClient, type ZenditClient, type ZenditPurchase, type ZenditTransactionError } from "./client";
import { fromZenditMoney } from "./money";
import { log } from "@/lib/observability/logger";
import { listOffers, usage as planUsage } from "./catalogue";
import { zenditWallet } from "./wallet";
import { transactionIdFor } from "./transaction-ids";
import { readZenditWebhook, zenditSecretMatches } from "./webhook";

const ZENDIT_PURCHASE_TIMEOUT_MS = 20_000;
const POLL_AFTER_MS = 1_500;

interface ZenditProviderOptions {
  client?: ZenditClient;
  funding?: WalletFunding;
  topupUrl?: string;
}

type ZenditFailureClass = "insufficient_funds" | "transient" | "permanent";

const TRANSIENT = ["SYSTEM_UNAVAILABLE", "SYSTEM_ERROR", "TIMEOUT", "PROVIDER_UNAVAILABLE", "TOO_MANY_REQUESTS"];

/** Zendit already retried upstream errors for up to 24 h before FAILED. */
export function classifyZenditFailure(error: ZenditTransactionError | undefined): ZenditFailureClass {
  const code = (error?.code ?? "").toUpperCase();
  if (code === "INSUFFICIENT_FUNDS") return "insufficient_funds";
  if (TRANSIENT.includes(code)) return "transient";
  return "permanent";
}

export function installFromConfirmation(p: Pick<ZenditPurchase, "confirmation">): InstallDetails | null {
  const c = p.confirmation;
  const code = c?.activationCode?.trim();
  if (!c?.iccid || !code) return null;
  if (/^LPA:1\$/i.test(code)) {
    const { smdpAddress, matchingId } = parseLpa(code);
    return { iccid: String(c.iccid), smdpAddress, matchingId };
  }
  if (!c.smdpAddress) return null;
  return { iccid: String(c.iccid), smdpAddress: c.smdpAddress.trim(), matchingId: code };
}

export function purchaseResult(p: ZenditPurchase): PurchaseResult {
  const reference = p.transactionId;
  if (p.status === "DONE") {
    const esim = installFromConfirmation(p);
    const money =
      p.cost !== undefined && p.costCurrency
        ? fromZenditMoney(p.cost, p.costCurrencyDivisor ?? 100, p.costCurrency)
        : undefined;
    return {
      state: "completed",
      reference,
      esims: esim ? [esim] : [],
      wholesaleMinor: money?.amountMinor,
      currency: money?.currency,
      raw: p,
    };
  }
  if (p.status === "FAILED") {
    const cls = classifyZenditFailure(p.error);
    const reason = [p.error?.code, p.error?.message ?? p.error?.description].filter(Boolean).join(": ");
    return {
      state: "failed",
      reason: reason || "Zendit marked the purchase FAILED",
      permanent: cls === "permanent",
      raw: p,
    };
  }
  return { state: "pending", reference, retryAfterMs: POLL_AFTER_MS, raw: p };
}

export function createZenditProvider(options: ZenditProviderOptions = {}): EsimProvider {
  const client = options.client ?? zenditClient();
  const funding = options.funding;
  const settled = (orderId: string) =>
    funding?.settled(orderId).catch((err: unknown) => log.warn({ err }, `wallet demand of ${orderId}`));

  return {
    name: "zendit",

    offerCatalogue: { offers: () => listOffers(client) },

    async usage(iccid) {
      const plans = await planUsage(iccid, client);
      return {
        esim: {},
        bundles: plans.map((p) => ({
          name: p.name,
          description: p.description ?? undefined,
          assignments: [
            {
              assignmentReference: p.reference,
              initialQuantity: p.unlimited ? -1 : (p.initialBytes ?? 0),
              remainingQuantity: p.unlimited ? -1 : (p.remainingBytes ?? 0),
              assignmentDateTime: p.assignedAt ?? undefined,
              bundleState: p.state,
              unlimited: p.unlimited,
            },
          ],
        })),
      };
    },

    // No compatibility call: the eSIM must be ours at Zendit and the offer of the same brand; any doubt is false.
    async topUpCompatible(iccid, offerId) {
      const [plans, offer] = await Promise.all([client.plans(iccid), client.offer(offerId)]);
      const installed = plans.list?.find((p) => p.offerId)?.offerId;
      if (!installed || offer.enabled === false) return false;
      const current = installed === offerId ? offer : await client.offer(installed);
      return Boolean(offer.brand) && current.brand === offer.brand;
    },

    async validate(offerId) {
      try {
        const offer = await client.offer(offerId);
        if (offer.enabled === false || !offer.cost) return { ok: false, reason: "Zendit no longer sells this offer" };
        const money = fromZenditMoney(offer.cost.fixed, offer.cost.currencyDivisor, offer.cost.currency);
        return { ok: true, wholesaleMinor: money.amountMinor, currency: money.currency };
      } catch (err) {
        if (err instanceof ProviderError && err.kind === "http" && (err.status === 404 || err.status === 400))
          return { ok: false, reason: err.message };
        throw err;
      }
    },

    async startPurchase(input) {
      const transactionId = transactionIdFor(input.orderId, input.attempt);
      if (funding) {
        const offer = await client.offer(input.bundleName);
        if (offer.enabled === false || !offer.cost)
          return { state: "failed", reason: "Zendit no longer sells this offer", permanent: true };
        const money = fromZenditMoney(offer.cost.fixed, offer.cost.currencyDivisor, offer.cost.currency);
        await funding.ensure({ orderId: input.orderId, neededMinor: money.amountMinor, currency: money.currency });
        // Settled before the POST: Zendit holds the funds on acceptance, and a top-up sized in between must not count
        // this order as both waiting and held.
        await settled(input.orderId);
      }
      const res = await client.createPurchase(
        { offerId: input.bundleName, transactionId, ...(input.topupIccid ? { iccid: input.topupIccid } : {}) },
        ZENDIT_PURCHASE_TIMEOUT_MS,
      );
      if (res.transactionId && res.transactionId !== transactionId) {
        // Not the purchase we asked for: look it up by our id rather than trust or repeat it.
        throw new ProviderError("zendit", "timeout", `Zendit answered for transaction ${res.transactionId}`);
      }
      return purchaseResult({ transactionId, status: res.status });
    },

    async checkPurchase(input) {
      const p = await client.purchase(input.reference);
      if (p.status !== "ACCEPTED") await settled(input.orderId);
      return purchaseResult(p);
    },

    async findUnknownAttempt(input) {
      const transactionId = transactionIdFor(input.orderId, input.attempt);
      try {
        const p = await client.purchase(transactionId);
        await settled(input.orderId);
        return { kind: "found", reference: transactionId, result: purchaseResult(p) };
      } catch (err) {
        // Zendit never saw this transaction: it did not happen, and the next attempt may buy.
        if (err instanceof ProviderError && err.kind === "http" && err.status === 404) return { kind: "none" };
        throw err;
      }
    },

    async installDetails(reference) {
      const esim = installFromConfirmation(await client.purchase(reference));
      return esim ? [esim] : [];
    },

    async balance() {
      const b = await client.balance();
      return fromZenditMoney(b.availableBalance, b.currencyDivisor, b.currency);
    },

    async ownOrders(w) {
      const out: ProviderOrder[] = [];
      const limit = 1024;
      for (let offset = 0; offset < 100 * limit; offset += limit) {
        const page = await client.purchases({ limit, offset, createdSince: w.from });
        for (const p of page.list) {
          const created = new Date(p.createdAt ?? w.to);
          if (p.status === "FAILED" || created < w.from || created > w.to) continue;
          const money = fromZenditMoney(p.cost ?? 0, p.costCurrencyDivisor ?? 100, p.costCurrency ?? "USD");
          out.push({
            provider: "zendit",
            reference: p.transactionId,
            createdAt: created,
            totalMinor: money.amountMinor,
            currency: money.currency,
            items: p.offerId ? [p.offerId] : [],
          });
        }
        if (page.list.length < limit || offset + limit >= page.total) break;
      }
      return out;
    },

    wallet: zenditWallet(client, options.topupUrl),

    readPurchaseWebhook: readZenditWebhook,
    purchaseWebhookAuthentic: zenditSecretMatches,
  };
}
