// The composition root: registers each job kind's handler and who owns the payments that are not shop orders.
import { registerJob } from "@/lib/jobs/registry";
import { fulfilmentHandler } from "@/lib/fulfilment/run";
import { fulfilOrder } from "@/lib/fulfilment/fulfil-order";
import { runAlertJob } from "@/lib/fulfilment/parked-orders";
import { runRefundJob } from "@/lib/fulfilment/refund-job";
import { runAuditJob } from "@/lib/fulfilment/late-purchase-audit";
import { registerPaymentOwner } from "@/lib/payments/owners";
import { orderDeliveredJob, runWebhookJob } from "@/lib/partners/webhooks";
import { creditTopupSession, reverseDisputedTopup, reverseRefundedTopup } from "@/lib/partners/balance-topups";
import { refundPartnerOrder } from "@/lib/partners/refunds";

export function compose(): void {
  registerJob(
    "fulfil",
    fulfilmentHandler((run) => fulfilOrder(run.job, run.deps)),
  );
  registerJob("refund", fulfilmentHandler(runRefundJob));
  registerJob("admin_alert", fulfilmentHandler(runAlertJob));
  registerJob("purchase_audit", fulfilmentHandler(runAuditJob));
  registerJob("partner_webhook", runWebhookJob);
  registerJob("order.delivered", orderDeliveredJob);

  registerPaymentOwner("partners", {
    sessionPaid: creditTopupSession,
    chargeRefunded: reverseRefundedTopup,
    disputeClosed: reverseDisputedTopup,
    refundOrder: (db, order) => (order.partnerId ? refundPartnerOrder(db, order.id) : Promise.resolve(null)),
  });
}

compose();
