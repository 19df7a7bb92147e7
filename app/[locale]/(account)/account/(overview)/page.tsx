// /account — my eSIMs (one card each, with data left) and my orders (filtered by GET params).
import type { Metadata } from "next";
import { Link } from "@/lib/i18n/navigation";
import { ButtonLink } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { requireUser } from "@/lib/auth";
import { loadAccountOverview } from "@/lib/accounts/pages";
import { ORDER_FILTERS, type OrderStatusFilter } from "@/lib/accounts/queries";
import { parseDay } from "@/lib/accounts/format";
import { formatMoney } from "@/lib/format";
import { EsimSummaryCard } from "@/components/account/esim-summary-card";
import { OrderFilters } from "@/components/account/order-filters";
import { AccountSignOut } from "@/components/account/account-sign-out";
import { ReferralCard } from "@/components/promotions/referral-card";
import { env } from "@/lib/env";
import { AccountDataSection } from "@/components/account/account-data-section";
import { deleteAccountAction } from "./actions";

export const metadata: Metadata = { title: "My eSIMs", robots: { index: false } };

const ORDER_STATUS_LABELS: Record<string, string> = {
  pending_payment: "Awaiting payment",
  paid: "Paid",
  provisioning: "Preparing your eSIM",
  delivered: "Delivered",
  installed: "Installed",
  expired: "Checkout expired",
  payment_failed: "Payment failed",
  failed: "Failed",
  refunded: "Refunded",
  needs_attention: "Being checked by our team",
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AccountPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const one = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : undefined);
  const user = await requireUser("/account");
  const status = (ORDER_FILTERS.status as readonly string[]).includes(one("status") ?? "")
    ? (one("status") as OrderStatusFilter)
    : "all";
  const from = parseDay(one("from"));
  const to = parseDay(one("to"));
  const { esims, orders } = await loadAccountOverview(user, { status, from, to });
  const now = new Date();

  return (
    <div className="container-page py-10">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">My eSIMs</h1>
          <p className="mt-1 text-slate-600">
            Signed in as <span className="font-medium text-slate-800">{user.email}</span>
          </p>
        </div>
        <AccountSignOut variant="secondary" />
      </div>

      <section aria-labelledby="esims-heading" className="mt-8">
        <h2 id="esims-heading" className="sr-only">
          eSIMs
        </h2>
        {esims.length === 0 ? (
          <div className="card p-6 text-slate-700">
            <p>No eSIMs yet. Bought one as a guest? It appears here once you sign in with the email you used.</p>
            <ButtonLink href="/destinations" className="mt-4">
              Find a data plan
            </ButtonLink>
          </div>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {esims.map((esim) => (
              <EsimSummaryCard key={esim.iccid} esim={esim} now={now} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="orders-heading" className="mt-12">
        <h2 id="orders-heading" className="text-2xl font-bold tracking-tight text-slate-900">
          Orders
        </h2>
        <div className="mt-4">
          <OrderFilters status={status} from={one("from")} to={one("to")} />
        </div>
        {orders.length === 0 ? (
          <p className="mt-6 text-slate-600">No orders match these filters.</p>
        ) : (
          <DataTable
            caption="Orders"
            card={false}
            className="mt-6"
            tableClassName="min-w-[36rem]"
            rows={orders}
            rowKey={(order) => order.id}
            rowTestId="order-row"
            columns={[
              {
                key: "date",
                header: "Date",
                className: "whitespace-nowrap text-slate-700",
                cell: (order) => (
                  <time dateTime={order.createdAt.toISOString()}>{order.createdAt.toISOString().slice(0, 10)}</time>
                ),
              },
              {
                key: "plan",
                header: "Plan",
                cell: (order) => (
                  <>
                    <Link
                      href={`/orders/${encodeURIComponent(order.id)}`}
                      className="font-medium text-brand-700 underline-offset-2 hover:underline"
                    >
                      {order.bundleSnapshot.title}
                    </Link>
                    {order.kind === "topup" ? <span className="ml-2 text-xs text-slate-600">Top-up</span> : null}
                  </>
                ),
              },
              {
                key: "amount",
                header: "Amount",
                className: "whitespace-nowrap",
                cell: (order) => formatMoney(order.amountMinor, order.currency),
              },
              {
                key: "status",
                header: "Status",
                cell: (order) => (
                  <>
                    {ORDER_STATUS_LABELS[order.status] ?? order.status}
                    {order.refundedMinor && order.refundedMinor < order.amountMinor ? (
                      <span className="block text-xs text-slate-600" data-testid="order-refund">
                        Refunded {formatMoney(order.refundedMinor, order.currency)}
                      </span>
                    ) : null}
                  </>
                ),
              },
              {
                key: "receipt",
                header: "Receipt",
                hiddenHeader: true,
                cell: (order) =>
                  order.paidAt && !order.partnerId ? (
                    <Link
                      href={`/orders/${encodeURIComponent(order.id)}/receipt`}
                      className="font-medium text-brand-700 underline underline-offset-2"
                      aria-label={`Receipt for ${order.bundleSnapshot.title}, ${order.createdAt.toISOString().slice(0, 10)}`}
                    >
                      Receipt
                    </Link>
                  ) : null,
              },
            ]}
          />
        )}
      </section>
      <ReferralCard customerId={user.id} currency={env().pricing.currency} />
      <AccountDataSection action={deleteAccountAction} />
    </div>
  );
}
