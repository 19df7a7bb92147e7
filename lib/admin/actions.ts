// What an admin can do to one order. Each action is idempotent under double clicks and concurrent admins (a
// row lock or a conditional write decides who wins) and audited once; a click that changed nothing leaves no row.
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { adminCases, esims, jobs, orders, type Order } from "@/lib/db/schema";
import { recordStep, transition, type OrderStatus } from "@/lib/orders/lifecycle";
import { enqueue } from "@/lib/jobs/queue";
import { kickWorker } from "@/lib/jobs/worker";
import { refundOrder } from "@/lib/payments/refunds";
import { stripe } from "@/lib/payments/stripe";
import { orderAccessUrl } from "@/lib/orders/ids";
import { issueOrderLink } from "@/lib/orders/links";
import { renderQrPng } from "@/lib/delivery/qr";
import { sendEsimDeliveredEmail } from "@/lib/delivery/email";
import { writeAudit, type AuditOutcome } from "@/lib/audit";
import type { Actor } from "./guard";
import { localeOr } from "@/lib/i18n/locales";
import { bundleTitleIn } from "@/lib/catalogue/localized-title";

export interface ActionResult {
  outcome: AuditOutcome;
  message: string;
}

const done = (message: string): ActionResult => ({ outcome: "applied", message });
const noChange = (message: string): ActionResult => ({ outcome: "no_change", message });
const refused = (message: string): ActionResult => ({ outcome: "refused", message });
/** Refused because someone else already did it: the caller is told, and like a no-op it leaves no audit row. */
const lost = (message: string): ActionResult & { quiet: true } => ({ outcome: "refused", message, quiet: true });

async function audited(
  db: Db,
  actor: Actor,
  action: string,
  orderId: string,
  work: () => Promise<ActionResult & { quiet?: true }>,
  detail?: Record<string, unknown>,
): Promise<ActionResult> {
  let result: ActionResult & { quiet?: true };
  try {
    result = await work();
  } catch (err) {
    await writeAudit(db, actor, {
      action,
      targetType: "order",
      targetId: orderId,
      outcome: "refused",
      detail: { ...detail, error: err instanceof Error ? err.message : String(err) },
    });
    throw err;
  }
  if (!result.quiet)
    await writeAudit(db, actor, {
      action,
      targetType: "order",
      targetId: orderId,
      outcome: result.outcome,
      detail: { ...detail, message: result.message },
    });
  return { outcome: result.outcome, message: result.message };
}

/** Attention reasons that buying (or delivering) again can settle; the rest need a refund or a decision. */
const NOT_RETRYABLE = new Set(["amount_mismatch"]);

/**
 * Retry now: a parked order goes back to provisioning (or to failed, when its refund failed, and is refunded
 * again) and its fulfil job is due now. Never buys twice: the job reads the purchase ledger first.
 */
export function retryFulfilment(db: Db, orderId: string, actor: Actor): Promise<ActionResult> {
  return audited(db, actor, "order.retry", orderId, async () => {
    const result = await db.transaction(async (tx) => {
      const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
      if (!order) return refused("No such order.");
      const status = order.status as OrderStatus;
      let moved = false;
      if (status === "needs_attention") {
        if (NOT_RETRYABLE.has(order.attentionReason ?? ""))
          return refused(`An order parked for ${order.attentionReason} cannot be retried; refund it instead.`);
        const to = order.attentionReason === "refund_failed" ? "failed" : "provisioning";
        await transition(tx, orderId, to, {
          from: ["needs_attention"],
          set: { attentionReason: null },
          detail: { by: actor.email, reason: `admin retry (${order.attentionReason})` },
        });
        moved = true;
      } else if (!["paid", "provisioning", "failed"].includes(status)) {
        return noChange(`Nothing to retry: the order is ${status}.`);
      }
      const [open] = await tx
        .select({ id: jobs.id, status: jobs.status, runAt: jobs.runAt, lockedUntil: jobs.lockedUntil })
        .from(jobs)
        .where(and(eq(jobs.orderId, orderId), eq(jobs.kind, "fulfil"), inArray(jobs.status, ["queued", "running"])));
      if (open?.status === "running") {
        // A lease that ran out means its worker died: the next claim takes the job over, so wake a worker.
        if (open.lockedUntil && open.lockedUntil.getTime() < Date.now())
          return done("The worker holding this order stopped; another one is taking it over now.");
        if (!moved) return noChange("Fulfilment is running right now.");
      }
      if (!moved && open && open.runAt.getTime() <= Date.now()) return noChange("A retry is already due now.");
      await enqueue(tx, "fulfil", orderId, new Date());
      await recordStep(tx, orderId, "admin.retry", { by: actor.email }, "note");
      return done(moved ? "Sent back to fulfilment; retrying now." : "Retry queued for now.");
    });
    if (result.outcome === "applied") kickWorker();
    return result;
  });
}

/**
 * Full refund, confirmed by the typed order id. After delivery the eSIM stays. Stripe's key `refund/<orderId>`
 * makes every caller get the same refund; the row lock or conditional write makes one caller the refunder.
 */
export function refundFull(db: Db, orderId: string, confirmation: string, actor: Actor): Promise<ActionResult> {
  return audited(db, actor, "order.refund", orderId, async () => {
    if (confirmation.trim() !== orderId) return refused("Type the order id exactly to confirm the refund.");
    const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
    if (!order) return refused("No such order.");
    if (order.status === "refunded" || order.refundedAt) return noChange("Already refunded.");
    if (!order.stripePaymentIntentId) return refused("This order has no payment to refund.");
    const status = order.status as OrderStatus;
    if (status === "delivered" || status === "installed") return refundDelivered(db, order, actor);
    if (!["paid", "provisioning", "needs_attention", "failed"].includes(status))
      return refused(`An order that is ${status} has nothing to refund.`);
    // The order row stays locked from the decision to the refund recorded on it, Stripe call included: a second
    // click waits here and then finds the order refunded, so exactly one click is the one that refunded it.
    const result = await db.transaction(async (tx) => {
      const [locked] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
      if (!locked || locked.status === "refunded" || locked.refundedAt) return noChange("Already refunded.");
      if (locked.status !== "failed") {
        const from = ["paid", "provisioning", "needs_attention"];
        if (!from.includes(locked.status)) return refused(`An order that is ${locked.status} has nothing to refund.`);
        await transition(tx, orderId, "failed", {
          from: from as OrderStatus[],
          set: { failureReason: "Our support team refunded this order." },
          detail: { by: actor.email, reason: "admin refund" },
        });
      }
      const refunded = await refundOrder(tx as unknown as Db, orderId);
      return done(`Refunded ${refunded.refundedMinor ?? order.amountMinor} ${order.currency} (${refunded.refundId}).`);
    });
    if (result.outcome === "applied") {
      // The fulfil job sends the "we refunded you" email, once.
      await enqueue(db, "fulfil", orderId, new Date());
      kickWorker();
    }
    return result;
  });
}

async function refundDelivered(db: Db, order: Order, actor: Actor): Promise<ActionResult> {
  const refund = await refundInFull(db, order, actor, "refunded after delivery; the eSIM stays with the customer");
  if (!refund) return noChange("Already refunded.");
  return done(`Refunded ${refund.amount} ${order.currency} (${refund.id}); the eSIM was already delivered.`);
}

/**
 * Refunds the whole payment of a delivered order and records it, once: every admin path uses the same Stripe
 * idempotency key and parameters, so two clicks (or two paths) make one refund. Null when already refunded.
 */
export async function refundInFull(
  db: Db,
  order: Order,
  actor: Actor,
  note: string,
): Promise<{ id: string; amount: number } | null> {
  const created = await stripe().refunds.create(
    // Parameters identical for every admin (who acted goes in our own timeline): Stripe refuses a reused key with
    // other parameters, which would turn a second admin's click into an error instead of the same refund.
    { payment_intent: order.stripePaymentIntentId!, metadata: { order_id: order.id } },
    { idempotencyKey: `refund/${order.id}` },
  );
  const rows = await db
    .update(orders)
    .set({ refundId: created.id, refundedMinor: created.amount, refundedAt: new Date() })
    .where(and(eq(orders.id, order.id), isNull(orders.refundedAt)))
    .returning({ id: orders.id });
  if (rows.length === 0) return null;
  await recordStep(db, order.id, "refund.created", {
    refundId: created.id,
    amountMinor: created.amount,
    by: actor.email,
    note,
  });
  return { id: created.id, amount: created.amount };
}

/** Minimum time between two resends of the delivery email, whoever clicks. */
const RESEND_COOLDOWN_SECONDS = 60;

/**
 * Sends the delivery email again (a customer lost it), with a fresh private link beside the old one. At most one
 * resend per order per minute: a double click or a second admin gets "just sent".
 */
export function resendDeliveryEmail(db: Db, orderId: string, actor: Actor): Promise<ActionResult> {
  return audited(db, actor, "order.resend_email", orderId, async () => {
    const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
    if (!order) return refused("No such order.");
    if (!order.email) return refused("The order has no email address.");
    const [esim] = await db.select().from(esims).where(eq(esims.orderId, orderId)).limit(1);
    if (!esim) return refused("No eSIM was issued for this order yet; retry fulfilment instead.");
    if (order.status !== "delivered" && order.status !== "installed")
      return refused(`The order is ${order.status}; retry fulfilment to deliver it.`);
    await db.insert(adminCases).values({ orderId }).onConflictDoNothing();
    const [slot] = await db
      .update(adminCases)
      .set({ lastResendAt: sql`now()`, resendCount: sql`${adminCases.resendCount} + 1`, updatedAt: sql`now()` })
      .where(
        and(
          eq(adminCases.orderId, orderId),
          or(
            isNull(adminCases.lastResendAt),
            sql`${adminCases.lastResendAt} < now() - make_interval(secs => ${RESEND_COOLDOWN_SECONDS})`,
          ),
        ),
      )
      .returning({ n: adminCases.resendCount });
    if (!slot) return noChange("The email was just sent; wait a minute before sending it again.");
    // An extra link: the one in the customer's first email keeps working.
    const token = await issueOrderLink(db, orderId, "resend");
    const sent = await sendEsimDeliveredEmail(
      {
        to: order.email,
        orderId,
        orderUrl: orderAccessUrl(orderId, token, localeOr(order.locale)),
        bundleTitle: bundleTitleIn(order.bundleSnapshot, localeOr(order.locale)),
        iccid: esim.iccid,
        lpa: esim.lpa,
        smdpAddress: esim.smdpAddress,
        matchingId: esim.matchingId,
        qrPng: order.kind === "topup" ? undefined : await renderQrPng(esim.lpa),
        kind: order.kind === "topup" ? "topup" : "new",
        locale: localeOr(order.locale),
      },
      `order-email-resend/${orderId}/${slot.n}`,
    );
    await recordStep(db, orderId, "email.resent", { emailId: sent.id, by: actor.email, resend: slot.n });
    return done(`Delivery email sent again to ${order.email}.`);
  });
}

/** Take the case: the first admin wins; taking your own case again changes nothing. */
export function takeCase(db: Db, orderId: string, actor: Actor): Promise<ActionResult> {
  return audited(db, actor, "case.take", orderId, async () => {
    const [exists] = await db.select({ id: orders.id }).from(orders).where(eq(orders.id, orderId));
    if (!exists) return refused("No such order.");
    const [row] = await db
      .insert(adminCases)
      .values({ orderId, ownerEmail: actor.email, takenAt: new Date() })
      .onConflictDoUpdate({
        target: adminCases.orderId,
        set: { ownerEmail: actor.email, takenAt: sql`now()`, updatedAt: sql`now()` },
        setWhere: isNull(adminCases.ownerEmail),
      })
      .returning({ owner: adminCases.ownerEmail });
    if (row) return done("You have taken this case.");
    const [current] = await db.select().from(adminCases).where(eq(adminCases.orderId, orderId));
    return current?.ownerEmail === actor.email
      ? noChange("You already have this case.")
      : lost(`Already taken by ${current?.ownerEmail}.`);
  });
}

/** Release a case you hold. */
export function releaseCase(db: Db, orderId: string, actor: Actor): Promise<ActionResult> {
  return audited(db, actor, "case.release", orderId, async () => {
    const rows = await db
      .update(adminCases)
      .set({ ownerEmail: null, takenAt: null, updatedAt: sql`now()` })
      .where(and(eq(adminCases.orderId, orderId), eq(adminCases.ownerEmail, actor.email)))
      .returning({ id: adminCases.orderId });
    return rows.length ? done("Case released.") : noChange("You do not hold this case.");
  });
}

/** Mark resolved with a note: the order leaves the attention queue until something changes on it again. */
export function markResolved(db: Db, orderId: string, note: string, actor: Actor): Promise<ActionResult> {
  return audited(
    db,
    actor,
    "case.resolve",
    orderId,
    async () => {
      const trimmed = note.trim();
      if (trimmed.length < 3) return refused("Write a short note saying how it was settled.");
      const [exists] = await db.select({ id: orders.id }).from(orders).where(eq(orders.id, orderId));
      if (!exists) return refused("No such order.");
      await db.insert(adminCases).values({ orderId }).onConflictDoNothing();
      const rows = await db
        .update(adminCases)
        .set({ resolvedAt: sql`now()`, resolvedBy: actor.email, resolutionNote: trimmed, updatedAt: sql`now()` })
        .where(
          and(
            eq(adminCases.orderId, orderId),
            or(
              isNull(adminCases.resolvedAt),
              sql`${adminCases.resolvedAt} < (select updated_at from ${orders} where id = ${orderId})`,
            ),
          ),
        )
        .returning({ id: adminCases.orderId });
      if (rows.length === 0) return noChange("Already resolved.");
      await recordStep(db, orderId, "admin.resolved", { by: actor.email, note: trimmed }, "note");
      return done("Marked resolved.");
    },
    { note },
  );
}
