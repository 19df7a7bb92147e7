// Idempotent under double clicks and concurrent admins: a row lock or a conditional write decides who wins.
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { adminCases, esims, jobs, orders } from "@/lib/db/schema";
import { recordStep, transition, type OrderStatus } from "@/lib/orders/lifecycle";
import { enqueue } from "@/lib/jobs/queue";
import { kickWorker } from "@/lib/jobs/worker";
import { orderAccessUrl } from "@/lib/orders/ids";
import { issueOrderLink } from "@/lib/orders/links";
import { renderQrPng } from "@/lib/delivery/qr";
import { sendEsimDeliveredEmail } from "@/lib/delivery/email";
import type { Actor } from "./guard";
import { localeOr } from "@/lib/i18n/locales";
import { bundleTitleIn } from "@/lib/catalogue/localized-title";
import { audited, done, noChange, refused, type ActionResult } from "./action-result";

const NOT_RETRYABLE = new Set(["amount_mismatch"]);

/** Never buys twice: the job reads the purchase ledger first. */
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
        // A lease that ran out means its worker died: the next claim takes the job over.
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

const RESEND_COOLDOWN_SECONDS = 60;

/** At most one resend per order per minute: a double click or a second admin gets "just sent". */
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
