// POST /orders takes no idempotency key, so an attempt whose answer was lost is looked for in GET /orders over
// its time window before anything is bought again.
import { toMinorUnits } from "@/lib/format";
import { ProviderError } from "../http";
import type {
  EsimProvider,
  InstallDetails,
  PurchaseInput,
  ProviderOrder,
  PurchaseResult,
  StockPurchaseLookup,
  UnknownAttempt,
  UnknownAttemptResult,
} from "../types";
import { esimGoClient, type EsimGoClient, type EsimGoOrder } from "./client";

/** eSIM Go's clock may differ from ours, and an order can be recorded a while after the request. */
const LOOKUP_BEFORE_MS = 5_000;
const LOOKUP_AFTER_MS = 60_000;
const LOOKUP_PAGE_SIZE = 100;
const LOOKUP_MAX_PAGES = 20;

/** A purchase call must end well inside the fulfilment job's lease. */
const ESIM_GO_PURCHASE_TIMEOUT_MS = 20_000;

export function createEsimGoProvider(
  client: EsimGoClient = esimGoClient(),
  options: { purchaseTimeoutMs?: number } = {},
): EsimProvider {
  const purchaseTimeoutMs = options.purchaseTimeoutMs ?? ESIM_GO_PURCHASE_TIMEOUT_MS;

  async function ordersAround(window: { startedAt: Date; finishedAt: Date }) {
    const from = new Date(window.startedAt.getTime() - LOOKUP_BEFORE_MS);
    const to = new Date(window.finishedAt.getTime() + LOOKUP_AFTER_MS);
    const found: EsimGoOrder[] = [];
    for (let page = 1; page <= LOOKUP_MAX_PAGES; page++) {
      const batch = await client.listOrders({ from, to, page, limit: LOOKUP_PAGE_SIZE });
      found.push(...batch);
      if (batch.length < LOOKUP_PAGE_SIZE) break;
    }
    return { from, to, found };
  }

  return {
    name: "esim-go",
    purchaseTimeoutMs,
    catalogue: { cataloguePage: (q) => client.cataloguePage(q), balance: () => client.balance() },

    async usage(iccid) {
      const [esim, bundles] = await Promise.all([
        client.esim(iccid),
        client.esimBundles(iccid, { includeUsed: true, limit: 50 }),
      ]);
      return { esim, bundles };
    },

    topUpCompatible: (iccid, bundleName) => client.compatible(iccid, bundleName),

    async balance() {
      const { balance, currency } = await client.balance();
      return { amountMinor: toMinorUnits(balance, currency), currency };
    },

    async ownOrders(w) {
      const out: ProviderOrder[] = [];
      const limit = 100;
      for (let page = 1; page <= 100; page++) {
        const rows = await client.listOrders({ from: w.from, to: w.to, page, limit });
        for (const o of rows) {
          if (!o.orderReference) continue;
          const currency = (o.currency ?? "USD").toUpperCase();
          out.push({
            provider: "esim-go",
            reference: o.orderReference,
            createdAt: new Date(o.createdDate ?? o.createDate ?? w.to),
            totalMinor: toMinorUnits(o.total ?? 0, currency),
            currency,
            items: o.order.map((l) => l.item),
          });
        }
        if (rows.length < limit) break;
      }
      return out;
    },

    // eSIM Go revokes the oldest unused assignment, else the latest even if started: so look first.
    async revokeUnusedBundle(iccid, bundleName) {
      const bundles = await client.esimBundles(iccid, { includeUsed: false, limit: 50 });
      const assignments = bundles.filter((b) => b.name === bundleName).flatMap((b) => b.assignments);
      if (assignments.length === 0)
        return { state: "refused", reason: `${bundleName} is no longer on this eSIM (used up, expired or revoked).` };
      const unused = assignments.some(
        (a) =>
          ["queued", "processing"].includes(a.bundleState.toLowerCase()) &&
          (a.unlimited || a.remainingQuantity === a.initialQuantity),
      );
      if (!unused) return { state: "refused", reason: `${bundleName} has been used, so it cannot be taken back.` };
      const raw = await client.revokeBundle(iccid, bundleName, true);
      return { state: "revoked", refundConfirmed: /refund/i.test(raw.status ?? ""), raw };
    },

    async validate(bundleName) {
      try {
        const res = await client.createOrder({
          type: "validate",
          assign: true,
          order: [{ type: "bundle", quantity: 1, item: bundleName }],
        });
        if (res.valid === false)
          return { ok: false, reason: res.statusMessage ?? "eSIM Go says this order is not valid" };
        return {
          ok: true,
          wholesaleMinor: toMinorUnits(res.total, res.currency),
          currency: res.currency.toUpperCase(),
        };
      } catch (err) {
        // An empty balance is our problem, not the bundle's, and is left to the caller as an error.
        if (
          err instanceof ProviderError &&
          err.kind === "http" &&
          err.status &&
          err.status >= 400 &&
          err.status < 500 &&
          err.status !== 429 &&
          !/balance/i.test(err.message)
        ) {
          return { ok: false, reason: err.message };
        }
        throw err;
      }
    },

    async startPurchase(input) {
      const res = await client.createOrder(
        {
          type: "transaction",
          assign: true,
          order: [
            {
              type: "bundle",
              quantity: 1,
              item: input.bundleName,
              ...(input.topupIccid ? { iccids: [input.topupIccid], allowReassign: false } : {}),
            },
          ],
        },
        purchaseTimeoutMs,
      );
      if (!res.orderReference) {
        // An answer we cannot tie to an order is treated as lost: looked up, not re-bought.
        throw new ProviderError(
          "esim-go",
          "timeout",
          "eSIM Go answered POST /orders without an orderReference",
          undefined,
          undefined,
          res,
        );
      }
      return fromOrder(res);
    },

    // An inventory purchase (`assign: false`) gives no ICCIDs or activation codes, which stock needs.
    async buyStock(bundleName, quantity) {
      const res = await client.createOrder(
        { type: "transaction", assign: true, order: [{ type: "bundle", quantity, item: bundleName }] },
        purchaseTimeoutMs,
      );
      if (!res.orderReference)
        throw new ProviderError("esim-go", "timeout", "eSIM Go answered POST /orders without an orderReference");
      return fromOrder(res);
    },

    async findStockPurchase(input: StockPurchaseLookup): Promise<UnknownAttemptResult> {
      const { from, to, found } = await ordersAround(input);
      const candidates = found.filter((o) => matchesAttempt(o, input, from, to));
      const linked = await input.alreadyLinked(candidates.map((o) => o.orderReference!));
      const mine = candidates.filter((o) => !linked.has(o.orderReference!));
      if (mine.length === 0) return { kind: "none" };
      const created = (o: EsimGoOrder) => Date.parse(o.createdDate ?? o.createDate ?? "") || 0;
      const order = mine.sort((a, b) => created(a) - created(b))[0]!;
      return { kind: "found", reference: order.orderReference!, result: fromOrder(order) };
    },

    async checkPurchase(input) {
      return fromOrder(await client.order(input.reference));
    },

    async findUnknownAttempt(input: UnknownAttempt): Promise<UnknownAttemptResult> {
      const { from, to, found } = await ordersAround(input);
      const candidates = found.filter((o) => matchesAttempt(o, { ...input, quantity: 1 }, from, to));
      const linked = await input.alreadyLinked(candidates.map((o) => o.orderReference!));
      const mine = candidates.filter((o) => !linked.has(o.orderReference!));
      if (mine.length === 0) return { kind: "none" };
      // Concurrent lost answers: each unlinked order serves equally, and the unique reference index keeps two
      // attempts off one. Top-ups stay with an admin.
      if (mine.length > 1 && input.topupIccid)
        return { kind: "ambiguous", candidates: mine.map((o) => o.orderReference!) };
      const created = (o: EsimGoOrder) => Date.parse(o.createdDate ?? o.createDate ?? "") || 0;
      const order = mine.sort((a, b) => created(a) - created(b))[0]!;
      return { kind: "found", reference: order.orderReference!, result: fromOrder(order) };
    },

    async installDetails(reference) {
      const rows = await client.assignments(reference);
      return rows
        .filter((r) => r.iccid && r.smdpAddress && r.matchingId)
        .map((r) => ({ iccid: String(r.iccid), smdpAddress: r.smdpAddress, matchingId: r.matchingId }));
    },
  };
}

function matchesAttempt(
  order: EsimGoOrder,
  input: Pick<PurchaseInput, "bundleName" | "topupIccid"> & { quantity: number },
  from: Date,
  to: Date,
): boolean {
  if (!order.orderReference || order.order.length !== 1) return false;
  const line = order.order[0]!;
  if (line.item !== input.bundleName || line.quantity !== input.quantity) return false;
  if (input.topupIccid && !(line.iccids ?? line.esims?.map((e) => e.iccid) ?? []).includes(input.topupIccid))
    return false;
  // Checked again in case a server ignores the filter.
  const created = Date.parse(order.createdDate ?? order.createDate ?? "");
  return Number.isNaN(created) || (created >= from.getTime() && created <= to.getTime());
}

function fromOrder(order: EsimGoOrder): PurchaseResult {
  const reference = order.orderReference!;
  const status = (order.status ?? "completed").toLowerCase();
  if (status !== "completed") return { state: "pending", reference, retryAfterMs: 2_000, raw: order };
  const esims: InstallDetails[] = order.order.flatMap((line) =>
    (line.esims ?? [])
      .filter((e) => e.iccid && e.smdpAddress && e.matchingId)
      .map((e) => ({ iccid: String(e.iccid), smdpAddress: e.smdpAddress, matchingId: e.matchingId })),
  );
  return {
    state: "completed",
    reference,
    esims,
    wholesaleMinor: Number.isFinite(order.total) ? toMinorUnits(order.total, order.currency ?? "USD") : undefined,
    currency: order.currency?.toUpperCase(),
    raw: order,
  };
}
