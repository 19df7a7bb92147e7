// /partner — the partner's account at a glance: state, balance (and credit), a prepaid top-up, recent orders.
import Link from "next/link";
import { getDb } from "@/lib/db";
import { availableOf, balanceOf } from "@/lib/partners/ledger";
import { listPartnerOrders } from "@/lib/partners/orders";
import { requirePartnerPage } from "@/lib/partners/portal";
import { formatMoney, toDecimalString } from "@/lib/format";
import { PartnerNav } from "@/components/partner/partner-nav";
import { PartnerStatusBadge } from "@/components/partner/status-badge";
import { OrdersTable } from "@/components/partner/orders-table";
import { Field, Input } from "@/components/ui/field";

export const dynamic = "force-dynamic";
export const metadata = { title: "Overview" };

type Search = Promise<Record<string, string | undefined>>;

export default async function PartnerHome({ searchParams }: { searchParams: Search }) {
  const { user, partner } = await requirePartnerPage("/partner");
  const q = await searchParams;
  const db = await getDb();
  const [balance, recent] = await Promise.all([
    balanceOf(db, partner.id),
    listPartnerOrders(db, partner.id, { limit: 10 }),
  ]);
  return (
    <>
      <PartnerNav current="/partner" partnerName={partner.name} email={user.email} />
      <div className="container-page py-8">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{partner.name}</h1>
        <p className="mt-1 flex items-center gap-2 text-slate-700">
          Account <PartnerStatusBadge status={partner.status} />
          {partner.status === "pending" && (
            <span>Tern is reviewing your account; API keys work once it is approved.</span>
          )}
          {partner.status === "suspended" && (
            <span>Your account is suspended: API requests are refused. Contact Tern.</span>
          )}
        </p>
        {q.topup === "success" && (
          <p role="status" className="mt-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
            Thank you — your balance is credited as soon as the payment is confirmed (usually seconds).
          </p>
        )}
        {(q.topup === "invalid" || q.topup === "unavailable") && (
          <p role="alert" className="mt-4 rounded-md bg-red-50 p-3 text-sm text-red-800">
            {q.topup === "invalid"
              ? "Enter an amount of at least 5.00."
              : "Payments are briefly unavailable. Please try again in a moment."}
          </p>
        )}
        <section aria-labelledby="balance-h" className="card mt-6 p-4">
          <h2 id="balance-h" className="text-lg font-bold text-slate-900">
            Balance
          </h2>
          <p className="mt-2 text-2xl font-bold tabular-nums text-slate-900" data-testid="balance">
            {formatMoney(balance, partner.currency)}
          </p>
          <p className="text-sm text-slate-700">
            {partner.billing === "postpaid"
              ? `Postpaid: credit limit ${formatMoney(partner.creditLimitMinor, partner.currency)}, ${formatMoney(availableOf(partner, balance), partner.currency)} available.`
              : "Prepaid: orders are paid from this balance."}
          </p>
          {partner.billing === "prepaid" && (
            <form
              method="post"
              action="/partner/topup"
              className="mt-3 flex flex-wrap items-end gap-3"
              aria-label="Top up"
            >
              <Field id="topup-amount" label={`Top-up amount (${partner.currency})`}>
                <Input
                  id="topup-amount"
                  name="amount"
                  type="number"
                  min={5}
                  step="0.01"
                  required
                  defaultValue={toDecimalString(10_000, partner.currency)}
                  className="w-40"
                />
              </Field>
              <button type="submit" className="btn-primary px-4 py-2 text-sm">
                Top up with Stripe
              </button>
            </form>
          )}
        </section>
        <section aria-labelledby="recent-h" className="mt-6">
          <h2 id="recent-h" className="text-lg font-bold text-slate-900">
            Recent orders
          </h2>
          <OrdersTable orders={recent} />
          <p className="mt-2 text-sm">
            <Link href="/partner/orders" className="text-brand-800 underline">
              All orders
            </Link>
          </p>
        </section>
      </div>
    </>
  );
}
