// An order as its buyer sees it after paying: where it stands, and — once ready — the eSIM to install.
// Shared by /checkout/success (reached with the Checkout Session id) and /orders/[id] (the private link):
// the page checks access, this renders.
import { Link } from "@/lib/i18n/navigation";
import type { OrderView } from "@/lib/orders/queries";
import { supportsIosOneTap, isAndroid } from "@/lib/delivery/links";
import { formatData, formatDuration, formatMoney } from "@/lib/format";
import { topUpHeadline } from "@/lib/catalogue/titles";
import { EsimCard } from "@/components/esim/esim-card";
import { ProgressSteps } from "@/components/esim/progress-steps";
import { LiveStatus } from "./live-status";
import { FINAL_PROGRESS, isSlow } from "./poll";

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

export async function OrderStatusPanel({
  order,
  statusUrl,
  userAgent,
}: {
  order: OrderView;
  /** The status API for this order, carrying the same credential the page was opened with. */
  statusUrl: string;
  userAgent: string | null;
}) {
  const live = !FINAL_PROGRESS.has(order.progress);
  const paid = formatMoney(order.amountMinor, order.currency);
  const { title, message } = describe(order, paid);

  return (
    <div
      className="container-page max-w-3xl py-10 sm:py-14"
      data-testid="order-status"
      data-order-id={order.id}
      data-progress={order.progress}
    >
      {/* Without JavaScript the page reloads itself until the order settles. */}
      {live && (
        <noscript>
          <meta httpEquiv="refresh" content="3" />
        </noscript>
      )}
      <h1 className="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">{title}</h1>

      {/* One polite live region: the status sentence and the "slow" note are read out when they change. */}
      <div aria-live="polite" aria-atomic="true" className="mt-4 space-y-2">
        <p className="text-lg leading-relaxed text-slate-700" data-testid="status-message">
          {message}
        </p>
        {live && (
          <LiveStatus statusUrl={statusUrl} progress={order.progress} slow={isSlow(order)} email={order.email} />
        )}
      </div>

      {order.progress !== "expired" && (
        <div className="mt-8">
          <h2 className="sr-only">Progress</h2>
          <ProgressSteps progress={order.progress} topUp={order.kind === "topup"} />
        </div>
      )}

      {/* Whenever an eSIM exists it is shown, even while the rest of the order waits (an email refused, say). */}
      {/* A top-up adds data to an eSIM already installed: no QR, nothing to install; the eSIM's page shows it. */}
      {order.esim && order.kind === "topup" && (
        <p className="mt-8">
          <Link href={`/account/esims/${order.esim.iccid}`} className="btn-secondary">
            See your eSIM&apos;s data
          </Link>
        </p>
      )}
      {order.esim && order.kind !== "topup" && (
        <div className="mt-8">
          <EsimCard
            esim={order.esim}
            device={{ iosOneTap: supportsIosOneTap(userAgent), android: isAndroid(userAgent) }}
          />
        </div>
      )}

      <section aria-labelledby="order-summary-heading" className="mt-8 rounded-lg border border-slate-200 p-5">
        <h2 id="order-summary-heading" className="text-base font-semibold text-slate-900">
          Order summary
        </h2>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-slate-600">eSIM</dt>
          <dd className="text-slate-900">
            {order.bundle.title}
            <span className="text-slate-600">
              {" "}
              · {formatData(order.bundle.dataMb, order.bundle.unlimited)} · {formatDuration(order.bundle.durationDays)}
            </span>
          </dd>
          <dt className="text-slate-600">{order.paidAt ? "Paid" : "Total"}</dt>
          <dd className="text-slate-900">{paid}</dd>
          {order.refund && (
            <>
              <dt className="text-slate-600">Refunded</dt>
              <dd className="text-slate-900" data-testid="order-refunded">
                {formatMoney(order.refund.amountMinor, order.currency)}
                {order.refund.amountMinor < order.amountMinor ? " (partial refund)" : ""} on{" "}
                {dateFormat.format(new Date(order.refund.at))}
              </dd>
            </>
          )}
          {order.email && (
            <>
              <dt className="text-slate-600">Email</dt>
              <dd className="break-all text-slate-900">{order.email}</dd>
            </>
          )}
          <dt className="text-slate-600">Order</dt>
          <dd className="font-mono text-slate-900">{order.id}</dd>
        </dl>
      </section>

      {(order.progress === "refunded" || order.progress === "failed" || order.progress === "expired") && (
        <p className="mt-8">
          <Link href="/" className="btn-primary">
            Choose another eSIM
          </Link>
        </p>
      )}
    </div>
  );
}

function describe(order: OrderView, paid: string): { title: string; message: React.ReactNode } {
  // Stripe's form collects the address when the Buy button did not; until then the order has none.
  const email = order.email ? (
    <span className="font-medium text-slate-900">{order.email}</span>
  ) : (
    <>your email address</>
  );
  switch (order.progress) {
    case "awaiting_payment":
      return {
        title: "Confirming your payment",
        message: <>We&apos;re waiting for your payment to be confirmed. This usually takes a few seconds.</>,
      };
    case "payment_confirmed":
    case "buying":
      if (order.kind === "topup")
        return {
          title: "Payment received",
          message: <>We&apos;re adding {order.bundle.title} to your eSIM. There&apos;s nothing to install.</>,
        };
      return {
        title: "Payment received",
        message: (
          <>
            We&apos;re getting your eSIM for {order.bundle.title} ready. It will appear right here, and we&apos;ll email
            it to {email}.
          </>
        ),
      };
    case "ready":
      if (order.kind === "topup")
        return {
          title: `${topUpHeadline(order.bundle)} — nothing to install`,
          message: (
            <>
              We&apos;ve added {order.bundle.title} to the eSIM you already have
              {order.esim ? <> (ending {order.esim.iccid.slice(-4)})</> : null}. It uses the same eSIM on your phone, so
              there&apos;s no new QR code; we&apos;ve emailed a confirmation to {email}.
            </>
          ),
        };
      if (order.esimWithheld)
        return {
          title: "Your eSIM is ready",
          message: (
            <>
              Install it from the email we sent to {email}. To keep it private, this page shows the eSIM only in the
              browser that paid for it, or once you sign in.
            </>
          ),
        };
      return {
        title: "Your eSIM is ready",
        message: order.emailSentAt ? (
          <>Install it now, or later from the email we sent to {email}.</>
        ) : (
          <>Install it now. We&apos;re also emailing it to {email}.</>
        ),
      };
    case "needs_attention":
      if (order.esim)
        return {
          title: "Your eSIM is ready",
          message: (
            <>
              Install it now from this page. We couldn&apos;t email it to {email} yet; our team has been told and is on
              it.
            </>
          ),
        };
      return {
        title: "Your eSIM is delayed",
        message: (
          <>
            Something needs a closer look on our side and our team is on it. We&apos;ll email your eSIM to {email} as
            soon as it&apos;s ready — and if we can&apos;t deliver it, you&apos;ll get a full refund.
          </>
        ),
      };
    case "failed":
      return {
        title: "We couldn't get your eSIM",
        message: (
          <>
            Sorry — our network partner couldn&apos;t provide this eSIM, so we&apos;re refunding the full {paid} to your
            original payment method. Refunds usually appear within 5–10 business days, depending on your bank.
            We&apos;ve emailed the details to {email}.
          </>
        ),
      };
    case "refunded": {
      const amount = order.refund ? formatMoney(order.refund.amountMinor, order.currency) : paid;
      const on = order.refund ? ` on ${dateFormat.format(new Date(order.refund.at))}` : "";
      return {
        title: "Your order was refunded",
        message: (
          <>
            {order.deliveredAt ? (
              <>We refunded {amount}</>
            ) : (
              <>Sorry — we couldn&apos;t deliver this eSIM, so we refunded the full {amount}</>
            )}
            {on}. Refunds usually appear within 5–10 business days, depending on your bank.
          </>
        ),
      };
    }
    case "expired":
      return { title: "This checkout expired", message: <>The payment was not completed, so nothing was charged.</> };
  }
}
