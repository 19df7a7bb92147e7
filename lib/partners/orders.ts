// The debit, the paid order and its job are one transaction under the partner's row lock, so concurrent orders
// cannot overdraw a balance or credit line.
import { renderQrPng } from "@/lib/delivery/qr";
import { androidInstallUrl, appleInstallUrl } from "@/lib/delivery/links";
import { formatMoney } from "@/lib/format";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import {
  activationViews,
  bundles,
  esims,
  orders,
  partners,
  type Bundle,
  type Order,
  type Partner,
} from "@/lib/db/schema";
import { validateForCheckout } from "@/lib/catalogue/availability";
import { bundleTitle } from "@/lib/catalogue/views";
import { enqueue } from "@/lib/jobs/queue";
import { recordStep, transition } from "@/lib/orders/lifecycle";
import { hashAccessToken, newAccessToken, newOrderId } from "@/lib/orders/ids";
import { sha256Hex } from "@/lib/tokens";
import { log } from "@/lib/observability/logger";
import { ApiError } from "./errors";
import { claimKey, completeKey, releaseKey } from "./idempotency";
import { availableOf, balanceOf, partnerAccount, postTransaction, salesAccount } from "./ledger";
import { partnerPrice } from "./pricing";
import type { CreateOrderInput } from "./schemas";
import { toApiOrder } from "./views";
import { raiseEvent } from "./webhooks";

interface PlaceResult {
  status: number;
  body: unknown;
  replayed: boolean;
  created: boolean;
}

export async function placeOrder(
  db: Db,
  partner: Partner,
  idempotencyKey: string,
  input: CreateOrderInput,
): Promise<PlaceResult> {
  const requestHash = sha256Hex(JSON.stringify({ bundle: input.bundle, reference: input.reference }));
  const claim = await claimKey(db, partner.id, idempotencyKey, requestHash);
  if (claim.kind === "replay") return { status: claim.status, body: claim.body, replayed: true, created: false };
  if (claim.kind === "reused")
    throw new ApiError(
      "idempotency_key_reused",
      "This Idempotency-Key was already used with a different request body.",
    );
  if (claim.kind === "in_progress")
    throw new ApiError(
      "idempotency_request_in_progress",
      "The first request with this Idempotency-Key is still running.",
      {
        "retry-after": String(claim.retryAfterSeconds),
      },
    );
  try {
    const order = await createPaidOrder(db, partner.id, input, async (tx, created) => {
      const body = toApiOrder(created);
      if (!(await completeKey(tx, partner.id, idempotencyKey, claim.lockToken, 201, body)))
        throw new ApiError("idempotency_request_in_progress", "Another request took over this Idempotency-Key.", {
          "retry-after": "1",
        });
    });
    return { status: 201, body: toApiOrder(order), replayed: false, created: true };
  } catch (err) {
    await releaseKey(db, partner.id, idempotencyKey, claim.lockToken).catch((e) =>
      log.error({ err: e }, "releasing an idempotency key failed"),
    );
    throw err;
  }
}

async function sellableBundle(db: Db, partner: Partner, name: string): Promise<{ bundle: Bundle; priceMinor: number }> {
  const [bundle] = await db.select().from(bundles).where(eq(bundles.name, name));
  const priceMinor = bundle?.active ? partnerPrice(partner, bundle) : null;
  if (!bundle || priceMinor === null) throw new ApiError("bundle_not_found", "No bundle of that name is sold to you.");
  return { bundle, priceMinor };
}

async function createPaidOrder(
  db: Db,
  partnerId: string,
  input: CreateOrderInput,
  withinTx?: (tx: Tx, order: Order) => Promise<void>,
): Promise<Order> {
  const [current] = await db.select().from(partners).where(eq(partners.id, partnerId));
  if (!current) throw new ApiError("not_found", "No such partner.");
  const { bundle } = await sellableBundle(db, current, input.bundle);
  let wholesale: { wholesaleMinor: number; currency: string };
  try {
    const result = await validateForCheckout(db, bundle);
    if (!result.ok) throw new ApiError("bundle_unavailable", "The provider does not sell this bundle right now.");
    wholesale = result;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    log.warn({ err, bundle: bundle.name }, "validating a partner order's bundle failed");
    throw new ApiError("temporarily_unavailable", "We cannot confirm this bundle with the provider right now.", {
      "retry-after": "5",
    });
  }

  return db.transaction(async (tx) => {
    // Every order of this partner serialises here: balance read, check and debit cannot interleave.
    const [partner] = await tx.select().from(partners).where(eq(partners.id, partnerId)).for("update");
    if (!partner || partner.status !== "approved")
      throw new ApiError("partner_suspended", "This partner account is not active.");
    // An admin may have changed the rule since the first read.
    const priceMinor = partnerPrice(partner, bundle);
    if (priceMinor === null) throw new ApiError("bundle_not_found", "No bundle of that name is sold to you.");
    const [taken] = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.partnerId, partner.id), eq(orders.partnerReference, input.reference)));
    if (taken) throw new ApiError("reference_taken", `Your order ${taken.id} already has this reference.`);

    const balance = await balanceOf(tx, partner.id);
    const available = availableOf(partner, balance);
    const money = (minor: number) => formatMoney(minor, partner.currency);
    if (priceMinor > available)
      throw partner.billing === "prepaid"
        ? new ApiError(
            "insufficient_balance",
            `This order costs ${money(priceMinor)}, and your balance is ${money(balance)}.`,
          )
        : new ApiError(
            "credit_limit_exceeded",
            `This order costs ${money(priceMinor)}, and ${money(available)} of your credit is left.`,
          );

    const orderId = newOrderId();
    await tx.insert(orders).values({
      id: orderId,
      status: "pending_payment",
      provider: bundle.provider,
      bundleName: bundle.name,
      bundleSnapshot: {
        name: bundle.name,
        title: bundleTitle(bundle),
        description: bundle.description,
        provider: bundle.provider,
        scope: bundle.scope,
        countries: bundle.countries,
        dataMb: bundle.dataMb,
        unlimited: bundle.unlimited,
        durationDays: bundle.durationDays,
        speeds: bundle.speeds,
        priceMinor,
        currency: partner.currency,
        wholesaleMinor: bundle.wholesaleMinor,
        wholesaleCurrency: bundle.wholesaleCurrency,
      },
      amountMinor: priceMinor,
      currency: partner.currency,
      wholesaleMinor: wholesale.wholesaleMinor,
      wholesaleCurrency: wholesale.currency,
      // Nobody ever gets this link: the partner reads install details over the API.
      accessTokenHash: hashAccessToken(newAccessToken()),
      partnerId: partner.id,
      partnerReference: input.reference,
    });
    await recordStep(tx, orderId, "order.created", {
      partner: partner.id,
      reference: input.reference,
      amountMinor: priceMinor,
      currency: partner.currency,
    });
    await postTransaction(tx, {
      partnerId: partner.id,
      kind: "order",
      reference: `order:${orderId}`,
      orderId,
      currency: partner.currency,
      memo: bundleTitle(bundle),
      lines: [
        [partnerAccount(partner.id), -priceMinor],
        [salesAccount(partner.currency), priceMinor],
      ],
    });
    const order = await transition(tx, orderId, "paid", {
      from: ["pending_payment"],
      detail: { via: "partner ledger", partner: partner.id, amountMinor: priceMinor },
    });
    await enqueue(tx, "fulfil", orderId);

    const after = available - priceMinor;
    if (partner.lowBalanceMinor > 0 && after < partner.lowBalanceMinor && available >= partner.lowBalanceMinor)
      await raiseEvent(tx, {
        partnerId: partner.id,
        type: "balance.low",
        orderId,
        dedupeKey: `balance.low:${orderId}`,
        data: {
          balance: { amountMinor: balance - priceMinor, currency: partner.currency },
          thresholdMinor: partner.lowBalanceMinor,
        },
      });
    if (withinTx) await withinTx(tx, order);
    return order;
  });
}

export async function listPartnerOrders(
  db: Db,
  partnerId: string,
  options: { reference?: string; limit?: number } = {},
): Promise<Order[]> {
  return (await pagePartnerOrders(db, partnerId, options)).orders;
}

export async function pagePartnerOrders(
  db: Db,
  partnerId: string,
  options: { reference?: string; limit?: number; startingAfter?: string },
): Promise<{ orders: Order[]; hasMore: boolean }> {
  const limit = options.limit ?? 50;
  const where = [eq(orders.partnerId, partnerId)];
  if (options.reference !== undefined) where.push(eq(orders.partnerReference, options.reference));
  if (options.startingAfter !== undefined) {
    const cursor = await getPartnerOrder(db, partnerId, options.startingAfter);
    if (!cursor) throw new ApiError("invalid_request", "starting_after is not one of your orders.");
    // Compared in the database: a JS Date would cut created_at's microseconds and skip or repeat neighbours.
    where.push(
      sql`(${orders.createdAt}, ${orders.id}) < (select o.created_at, o.id from orders o where o.id = ${cursor.id})`,
    );
  }
  const rows = await db
    .select()
    .from(orders)
    .where(and(...where))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit + 1);
  return { orders: rows.slice(0, limit), hasMore: rows.length > limit };
}

export async function getPartnerOrder(db: Db, partnerId: string, orderId: string): Promise<Order | undefined> {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.partnerId, partnerId)));
  return order;
}

export async function partnerInstallDetails(
  db: Db,
  partnerId: string,
  orderId: string,
  viewer: { ip: string | null; userAgent: string | null },
) {
  const order = await getPartnerOrder(db, partnerId, orderId);
  if (!order) throw new ApiError("not_found", "No such order of yours.");
  const [esim] = await db.select().from(esims).where(eq(esims.orderId, order.id));
  if (!esim || !["delivered", "installed"].includes(order.status))
    throw new ApiError("not_delivered", "This order has no eSIM yet.");
  await db.insert(activationViews).values({
    iccid: esim.iccid,
    viewerCustomerId: null,
    viewerRole: "partner",
    ip: viewer.ip,
    userAgent: viewer.userAgent?.slice(0, 400) ?? null,
  });
  const qr = await renderQrPng(esim.lpa);
  return {
    orderId: order.id,
    iccid: esim.iccid,
    smdpAddress: esim.smdpAddress,
    matchingId: esim.matchingId,
    lpa: esim.lpa,
    qrPngDataUrl: `data:image/png;base64,${qr.toString("base64")}`,
    appleInstallUrl: appleInstallUrl(esim.lpa),
    androidInstallUrl: androidInstallUrl(esim.lpa),
  };
}
