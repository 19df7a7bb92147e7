// /admin/orders — search by email, order id, ICCID, Stripe session or payment intent, provider reference;
// filter by status, provider and date; 25 a page. Filters live in the URL (a GET form).
import Link from "next/link";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { requireAdminPage } from "@/lib/admin/guard";
import { distinctProviders, ORDERS_PAGE_SIZE, searchOrders } from "@/lib/admin/orders";
import { ORDER_STATUSES } from "@/lib/orders/lifecycle";
import { formatMoney } from "@/lib/format";
import { AdminNav } from "@/components/admin/admin-nav";
import { StatusBadge } from "@/components/admin/status-badge";
import { dayParam, pageNumber, parseQuery, queryText } from "@/lib/http/query";

export const dynamic = "force-dynamic";
export const metadata = { title: "Orders" };

type Params = Promise<Record<string, string | string[] | undefined>>;

const ordersQuerySchema = z.object({
  q: queryText(200).optional(),
  status: queryText(40).optional(),
  provider: queryText(40).optional(),
  from: dayParam.optional(),
  to: dayParam.optional(),
  page: pageNumber.optional(),
});

export default async function AdminOrdersPage({ searchParams }: { searchParams: Params }) {
  const user = await requireAdminPage("/admin/orders");
  // Filters that cannot parse (a NUL, a day that does not exist, a page past reason) match nothing, unqueried.
  const query = parseQuery(ordersQuerySchema, await searchParams);
  const db = await getDb();
  const search = { ...query, page: query?.page ?? 1 };
  const [{ rows, total, page }, providers] = await Promise.all([
    query ? searchOrders(db, search) : { rows: [], total: 0, page: 1 },
    distinctProviders(db),
  ]);
  const pages = Math.max(1, Math.ceil(total / ORDERS_PAGE_SIZE));
  const link = (n: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(search)) if (v && k !== "page") q.set(k, String(v));
    q.set("page", String(n));
    return `/admin/orders?${q}`;
  };

  return (
    <>
      <AdminNav current="/admin/orders" email={user.email} />
      <div className="container-page py-8">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Orders</h1>
        <form
          method="get"
          action="/admin/orders"
          className="mt-4 flex flex-wrap items-end gap-3"
          aria-label="Search orders"
        >
          <div className="min-w-64 flex-1">
            <label htmlFor="q" className="field-label">
              Email, order id, ICCID, Stripe session or payment, provider reference
            </label>
            <input id="q" name="q" type="search" defaultValue={search.q} className="field py-2" />
          </div>
          <div>
            <label htmlFor="status" className="field-label">
              Status
            </label>
            <select id="status" name="status" defaultValue={search.status ?? ""} className="field py-2">
              <option value="">Any</option>
              {ORDER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s.replace(/_/g, " ")}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="provider" className="field-label">
              Provider
            </label>
            <select id="provider" name="provider" defaultValue={search.provider ?? ""} className="field py-2">
              <option value="">Any</option>
              {providers.map((pr) => (
                <option key={pr} value={pr}>
                  {pr}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="from" className="field-label">
              From
            </label>
            <input id="from" name="from" type="date" defaultValue={search.from} className="field py-2" />
          </div>
          <div>
            <label htmlFor="to" className="field-label">
              To
            </label>
            <input id="to" name="to" type="date" defaultValue={search.to} className="field py-2" />
          </div>
          <button type="submit" className="btn-primary py-2">
            Search
          </button>
        </form>

        <p className="mt-4 text-sm text-slate-600" role="status">
          {total} order{total === 1 ? "" : "s"}
        </p>
        <div className="relative mt-2 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-3">
                  Order
                </th>
                <th scope="col" className="py-2 pr-3">
                  Status
                </th>
                <th scope="col" className="py-2 pr-3">
                  Customer
                </th>
                <th scope="col" className="py-2 pr-3">
                  Bundle
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  Amount
                </th>
                <th scope="col" className="py-2">
                  Created
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <tr key={o.id} className="border-t border-slate-200">
                  <td className="py-2 pr-3 font-mono">
                    <Link href={`/admin/orders/${o.id}`} className="text-brand-700 underline">
                      {o.id}
                    </Link>
                  </td>
                  <td className="py-2 pr-3">
                    <StatusBadge status={o.status} />
                  </td>
                  <td className="py-2 pr-3">{o.email ?? "—"}</td>
                  <td className="py-2 pr-3">{o.bundleTitle}</td>
                  <td className="py-2 pr-3 text-right">{formatMoney(o.amountMinor, o.currency)}</td>
                  <td className="py-2">{o.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {pages > 1 && (
          <nav aria-label="Pages" className="mt-4 flex gap-3 text-sm">
            {page > 1 && (
              <Link href={link(page - 1)} className="btn-secondary">
                Previous
              </Link>
            )}
            <span className="self-center text-slate-700">
              Page {page} of {pages}
            </span>
            {page < pages && (
              <Link href={link(page + 1)} className="btn-secondary">
                Next
              </Link>
            )}
          </nav>
        )}
      </div>
    </>
  );
}
