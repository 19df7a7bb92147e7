// An order as its buyer sees it after paying: where it stands, and — once ready — the eSIM to install.
// Shared by /checkout/success (reached with the Checkout Session id) and /orders/[id] (the private link):
// the page checks access, this renders.
import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";
import { localeOr, type Locale } from "@/lib/i18n/locales";
import type { OrderView } from "@/lib/orders/queries";
import { supportsIosOneTap, isAndroid } from "@/lib/delivery/links";
import { formatData, formatDate, formatDuration, formatMoney } from "@/lib/format";
import { bundleTitle } from "@/lib/catalogue/views";
import { topUpHeadline } from "@/lib/catalogue/titles";
import { EsimCard } from "@/components/esim/esim-card";
import { ProgressSteps } from "@/components/esim/progress-steps";
import { LiveStatus } from "./live-status";
import { FINAL_PROGRESS, isSlow } from "./poll";

type T = Awaited<ReturnType<typeof getTranslations<"checkout.status">>>;

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
  const locale = localeOr(await getLocale());
  const t = await getTranslations("checkout.status");
  const live = !FINAL_PROGRESS.has(order.progress);
  const paid = formatMoney(order.amountMinor, order.currency, locale);
  const { title, message } = describe(order, paid, t, locale);

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
          <h2 className="sr-only">{t("progress")}</h2>
          <ProgressSteps progress={order.progress} topUp={order.kind === "topup"} />
        </div>
      )}

      {/* Whenever an eSIM exists it is shown, even while the rest of the order waits (an email refused, say). */}
      {/* A top-up adds data to an eSIM already installed: no QR, nothing to install; the eSIM's page shows it. */}
      {order.esim && order.kind === "topup" && (
        <p className="mt-8">
          <Link href={`/account/esims/${order.esim.iccid}`} className="btn-secondary">
            {t("seeData")}
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
          {t("summary")}
        </h2>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-slate-600">eSIM</dt>
          <dd className="text-slate-900">
            {title_(order, locale)}
            <span className="text-slate-600">
              {" "}
              · {formatData(order.bundle.dataMb, order.bundle.unlimited, locale)} ·{" "}
              {formatDuration(order.bundle.durationDays, locale)}
            </span>
          </dd>
          <dt className="text-slate-600">{order.paidAt ? t("paid") : t("total")}</dt>
          <dd className="text-slate-900">{paid}</dd>
          {order.refund && (
            <>
              <dt className="text-slate-600">{t("refunded")}</dt>
              <dd className="text-slate-900" data-testid="order-refunded">
                {t("refundLine", {
                  amount: formatMoney(order.refund.amountMinor, order.currency, locale),
                  partial: order.refund.amountMinor < order.amountMinor ? "yes" : "no",
                  date: formatDate(order.refund.at, locale),
                })}
              </dd>
            </>
          )}
          {order.email && (
            <>
              <dt className="text-slate-600">{t("email")}</dt>
              <dd className="break-all text-slate-900">{order.email}</dd>
            </>
          )}
          <dt className="text-slate-600">{t("order")}</dt>
          <dd className="font-mono text-slate-900">{order.id}</dd>
        </dl>
      </section>

      {(order.progress === "refunded" || order.progress === "failed" || order.progress === "expired") && (
        <p className="mt-8">
          <Link href="/" className="btn-primary">
            {t("another")}
          </Link>
        </p>
      )}
    </div>
  );
}

/**
 * The plan's name in the page's language ("Japan 1 GB · 7 days" / "Japón 1 GB · 7 días"). The order keeps only
 * the plan's countries, so a multi-country plan keeps the name stored with it.
 */
function title_(order: OrderView, locale: Locale): string {
  const b = order.bundle;
  if (locale === "en" || b.countries.length !== 1) return b.title;
  return bundleTitle({ ...b, scope: "country", country: b.countries[0]!, region: null }, locale);
}

function describe(order: OrderView, paid: string, t: T, locale: Locale): { title: string; message: React.ReactNode } {
  // Stripe's form collects the address when the Buy button did not; until then the order has none.
  const hasEmail = order.email ? "yes" : "no";
  const rich = {
    email: () => (order.email ? <span className="font-medium text-slate-900">{order.email}</span> : null),
  };
  const plan = title_(order, locale);
  switch (order.progress) {
    case "awaiting_payment":
      return { title: t("awaiting.title"), message: t("awaiting.message") };
    case "payment_confirmed":
    case "buying":
      if (order.kind === "topup") return { title: t("received.title"), message: t("received.topUp", { plan }) };
      return { title: t("received.title"), message: t.rich("received.message", { plan, hasEmail, ...rich }) };
    case "ready":
      if (order.kind === "topup")
        return {
          title: t("topUpReady.title", { headline: topUpHeadline(order.bundle) }),
          message: t.rich("topUpReady.message", {
            plan,
            hasEmail,
            ending: order.esim ? order.esim.iccid.slice(-4) : "",
            hasEnding: order.esim ? "yes" : "no",
            ...rich,
          }),
        };
      if (order.esimWithheld)
        return { title: t("ready.title"), message: t.rich("ready.withheld", { hasEmail, ...rich }) };
      return {
        title: t("ready.title"),
        message: order.emailSentAt
          ? t.rich("ready.emailed", { hasEmail, ...rich })
          : t.rich("ready.emailing", { hasEmail, ...rich }),
      };
    case "needs_attention":
      if (order.esim) return { title: t("ready.title"), message: t.rich("attention.withEsim", { hasEmail, ...rich }) };
      return { title: t("attention.title"), message: t.rich("attention.message", { hasEmail, ...rich }) };
    case "failed":
      return { title: t("failed.title"), message: t.rich("failed.message", { paid, hasEmail, ...rich }) };
    case "refunded": {
      const amount = order.refund ? formatMoney(order.refund.amountMinor, order.currency, locale) : paid;
      return {
        title: t("refundedOrder.title"),
        message: t("refundedOrder.message", {
          amount,
          delivered: order.deliveredAt ? "yes" : "no",
          date: order.refund ? formatDate(order.refund.at, locale) : "",
          dated: order.refund ? "yes" : "no",
        }),
      };
    }
    case "expired":
      return { title: t("expired.title"), message: t("expired.message") };
  }
}
