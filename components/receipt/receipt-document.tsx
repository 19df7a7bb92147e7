import { formatMoney } from "@/lib/format";
import type { ReceiptView } from "@/lib/payments/receipts";
import { registrationLine } from "@/lib/shop/identity";

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

function cardLabel(card: ReceiptView["card"]): string {
  if (!card) return "Card";
  const brand = card.brand ? card.brand.charAt(0).toUpperCase() + card.brand.slice(1) : "Card";
  return `${brand} ending ${card.last4}`;
}

/** The receipt as a document: seller, buyer, item, total, payment — what an accountant looks for. */
export function ReceiptDocument({ receipt }: { receipt: ReceiptView }) {
  const { shop } = receipt;
  const registration = registrationLine(shop);
  const total = formatMoney(receipt.amountMinor, receipt.currency);
  return (
    <article
      className="rounded-xl border border-slate-200 bg-white p-6 sm:p-8 print:border-0 print:p-0"
      aria-labelledby="receipt-title"
    >
      <header className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-200 pb-5">
        <div>
          <h1 id="receipt-title" className="text-2xl font-bold tracking-tight text-slate-900">
            Receipt
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
        <dt className="text-slate-600">Date paid</dt>
        <dd className="text-slate-900">{dateFormat.format(new Date(receipt.paidAt))}</dd>
        {receipt.customerEmail ? (
          <>
            <dt className="text-slate-600">Billed to</dt>
            <dd className="break-all text-slate-900">{receipt.customerEmail}</dd>
          </>
        ) : null}
        <dt className="text-slate-600">Paid with</dt>
        <dd className="text-slate-900" data-testid="receipt-card">
          {cardLabel(receipt.card)}
        </dd>
      </dl>
      <table className="mt-6 w-full text-sm">
        <caption className="sr-only">Items</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th scope="col" className="py-2 font-medium">
              Item
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              Amount
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
              Total paid ({receipt.currency.toUpperCase()})
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
                Refunded on {dateFormat.format(new Date(receipt.refund.at))}
              </th>
              <td className="pt-2 text-right whitespace-nowrap text-slate-900" data-testid="receipt-refund">
                −{formatMoney(receipt.refund.amountMinor, receipt.currency)}
              </td>
            </tr>
          ) : null}
        </tfoot>
      </table>
      {shop.taxLine ? <p className="mt-6 text-sm text-slate-700">{shop.taxLine}</p> : null}
    </article>
  );
}
