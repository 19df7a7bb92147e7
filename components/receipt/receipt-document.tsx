import { cardLabel, emailTranslator, formatMoneyIn, registrationIn } from "@/lib/delivery/templates/i18n";
import type { Locale } from "@/lib/i18n/locales";
import type { ReceiptView } from "@/lib/payments/receipts";

// The same words, figures and dates as the emailed receipt, in the order's language.
const DATE_LOCALE: Record<Locale, string> = { en: "en-GB", de: "de-DE", es: "es-ES" };

function formatDate(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(DATE_LOCALE[locale], {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(new Date(iso));
}

/** The receipt as a document: seller, buyer, item, total, payment — what an accountant looks for. */
export function ReceiptDocument({ receipt }: { receipt: ReceiptView }) {
  const { shop, locale } = receipt;
  const t = emailTranslator(locale);
  const registration = registrationIn(t, shop);
  const total = formatMoneyIn(locale, receipt.amountMinor, receipt.currency);
  return (
    <article
      lang={locale}
      className="rounded-xl border border-slate-200 bg-white p-6 sm:p-8 print:border-0 print:p-0"
      aria-labelledby="receipt-title"
    >
      <header className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-200 pb-5">
        <div>
          <h1 id="receipt-title" className="text-2xl font-bold tracking-tight text-slate-900">
            {t("receiptDocument.heading")}
          </h1>
          <p className="mt-1 font-mono text-sm text-slate-700">{receipt.orderId}</p>
        </div>
        <address className="text-right text-sm leading-relaxed text-slate-700 not-italic">
          <strong className="font-semibold text-slate-900">{shop.legalName}</strong>
          <br />
          {shop.address}
          <br />
          {shop.supportEmail}
          {registration ? (
            <>
              <br />
              {registration}
            </>
          ) : null}
        </address>
      </header>
      <dl className="mt-5 grid grid-cols-[auto_1fr] gap-x-6 gap-y-3 text-sm">
        <dt className="text-slate-600">{t("receiptDocument.datePaid")}</dt>
        <dd className="text-slate-900">{formatDate(locale, receipt.paidAt)}</dd>
        {receipt.customerEmail ? (
          <>
            <dt className="text-slate-600">{t("receiptDocument.billedTo")}</dt>
            <dd className="break-all text-slate-900">{receipt.customerEmail}</dd>
          </>
        ) : null}
        <dt className="text-slate-600">{t("receiptDocument.paidWith")}</dt>
        <dd className="text-slate-900" data-testid="receipt-card">
          {cardLabel(t, receipt.card)}
        </dd>
      </dl>
      <table className="mt-6 w-full text-sm">
        <caption className="sr-only">{t("receiptDocument.items")}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th scope="col" className="py-2 font-medium">
              {t("receiptDocument.item")}
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              {t("receiptDocument.amount")}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr className="border-b border-slate-200">
            <td className="py-3 pr-4">
              <span className="font-medium text-slate-900">{receipt.bundleTitle}</span>
              <span className="block text-slate-600">{receipt.description}</span>
            </td>
            <td className="py-3 text-right whitespace-nowrap text-slate-900">{total}</td>
          </tr>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="pt-3 text-left font-semibold text-slate-900">
              {t("receiptDocument.totalPaid", { currency: receipt.currency.toUpperCase() })}
            </th>
            <td
              className="pt-3 text-right text-lg font-bold whitespace-nowrap text-slate-900"
              data-testid="receipt-total"
            >
              {total}
            </td>
          </tr>
          {receipt.refund ? (
            <tr>
              <th scope="row" className="pt-2 text-left font-semibold text-slate-900">
                {t("receiptDocument.refundedOn", { date: formatDate(locale, receipt.refund.at) })}
              </th>
              <td className="pt-2 text-right whitespace-nowrap text-slate-900" data-testid="receipt-refund">
                −{formatMoneyIn(locale, receipt.refund.amountMinor, receipt.currency)}
              </td>
            </tr>
          ) : null}
        </tfoot>
      </table>
      {shop.taxLine ? <p className="mt-6 text-sm text-slate-700">{shop.taxLine}</p> : null}
    </article>
  );
}
