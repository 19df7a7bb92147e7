// /account — my eSIMs (one card each, with data left) and my orders (filtered by GET params).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageLocale } from "@/lib/i18n/server";
import { Link } from "@/lib/i18n/navigation";
import { ButtonLink } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { requireUser } from "@/lib/auth";
import { loadAccountOverview } from "@/lib/accounts/pages";
import { ORDER_FILTERS, type OrderStatusFilter } from "@/lib/accounts/queries";
import { formatDay, parseDay } from "@/lib/accounts/format";
import { localizedPath } from "@/lib/i18n/paths";
import { formatMoney } from "@/lib/format";
import { ORDER_STATUSES, type OrderStatus } from "@/lib/orders/lifecycle";
import { EsimSummaryCard } from "@/components/account/esim-summary-card";
import { OrderFilters } from "@/components/account/order-filters";
import { AccountSignOut } from "@/components/account/account-sign-out";
import { ReferralCard } from "@/components/promotions/referral-card";
import { env } from "@/lib/env";
import { AccountDataSection } from "@/components/account/account-data-section";
import { deleteAccountAction } from "./actions";

type Params = Promise<{ locale: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations({ locale: await pageLocale(params), namespace: "account.overview" });
  return { title: t("metaTitle"), robots: { index: false } };
}

const isOrderStatus = (s: string): s is OrderStatus => (ORDER_STATUSES as readonly string[]).includes(s);

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AccountPage({
  params: route,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const locale = await pageLocale(route);
  const t = await getTranslations("account.overview");
  const tOrders = await getTranslations("account.orders");
  const params = await searchParams;
  const one = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : undefined);
  const user = await requireUser(localizedPath(locale, "/account"));
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
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("title")}</h1>
          <p className="mt-1 text-slate-600">
            {t.rich("signedInAs", {
              email: user.email,
              b: (chunks) => <span className="font-medium text-slate-800">{chunks}</span>,
            })}
          </p>
        </div>
        <AccountSignOut variant="secondary" />
      </div>

      <section aria-labelledby="esims-heading" className="mt-8">
        <h2 id="esims-heading" className="sr-only">
          {t("esimsHeading")}
        </h2>
        {esims.length === 0 ? (
          <div className="card p-6 text-slate-700">
            <p>{t("empty")}</p>
            <ButtonLink href="/destinations" className="mt-4">
              {t("findPlan")}
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
          {tOrders("heading")}
        </h2>
        <div className="mt-4">
          <OrderFilters status={status} from={one("from")} to={one("to")} />
        </div>
        {orders.length === 0 ? (
          <p className="mt-6 text-slate-600">{tOrders("none")}</p>
        ) : (
          <DataTable
            caption={tOrders("caption")}
            card={false}
            className="mt-6"
            tableClassName="min-w-[36rem]"
            rows={orders}
            rowKey={(order) => order.id}
            rowTestId="order-row"
            columns={[
              {
                key: "date",
                header: tOrders("date"),
                className: "whitespace-nowrap text-slate-700",
                cell: (order) => (
                  <time dateTime={order.createdAt.toISOString()}>{formatDay(order.createdAt, locale)}</time>
                ),
              },
              {
                key: "plan",
                header: tOrders("plan"),
                cell: (order) => (
                  <>
                    <Link
                      href={`/orders/${encodeURIComponent(order.id)}`}
                      className="font-medium text-brand-700 underline-offset-2 hover:underline"
                    >
                      {order.bundleSnapshot.title}
                    </Link>
                    {order.kind === "topup" ? (
                      <span className="ml-2 text-xs text-slate-600">{tOrders("topUp")}</span>
                    ) : null}
                  </>
                ),
              },
              {
                key: "amount",
                header: tOrders("amount"),
                className: "whitespace-nowrap",
                cell: (order) => formatMoney(order.amountMinor, order.currency, locale),
              },
              {
                key: "status",
                header: tOrders("status"),
                cell: (order) => (
                  <>
                    {isOrderStatus(order.status) ? tOrders(`statuses.${order.status}`) : order.status}
                    {order.refundedMinor && order.refundedMinor < order.amountMinor ? (
                      <span className="block text-xs text-slate-600" data-testid="order-refund">
                        {tOrders("refunded", { amount: formatMoney(order.refundedMinor, order.currency, locale) })}
                      </span>
                    ) : null}
                  </>
                ),
              },
              {
                key: "receipt",
                header: tOrders("receipt"),
                hiddenHeader: true,
                cell: (order) =>
                  order.paidAt && !order.partnerId ? (
                    <Link
                      href={`/orders/${encodeURIComponent(order.id)}/receipt`}
                      className="font-medium text-brand-700 underline underline-offset-2"
                      aria-label={tOrders("receiptFor", {
                        title: order.bundleSnapshot.title,
                        date: formatDay(order.createdAt, locale),
                      })}
                    >
                      {tOrders("receipt")}
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
