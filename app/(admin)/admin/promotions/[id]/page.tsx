// /admin/promotions/[id] — one code and every order that used it (abandoned checkouts shown as such).
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { requireAdminPage } from "@/lib/admin/guard";
import { formatMoney } from "@/lib/format";
import { getPromotion, listRedemptions } from "@/lib/promotions/admin";
import { RELEASED_STATUSES } from "@/lib/promotions/rules";
import { AdminNav } from "@/components/admin/admin-nav";

export const dynamic = "force-dynamic";
export const metadata = { title: "Promotion" };

export default async function PromotionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireAdminPage(`/admin/promotions/${id}`);
  const db = await getDb();
  const promo = /^promo_[a-z0-9]{1,40}$/.test(id) ? await getPromotion(db, id) : null;
  if (!promo) notFound();
  const uses = await listRedemptions(db, promo.id);
  const released = new Set<string>(RELEASED_STATUSES);
  return (
    <>
      <AdminNav current="/admin/promotions" email={user.email} />
      <div className="container-page py-8">
        <p className="text-sm">
          <Link href="/admin/promotions" className="text-brand-800 underline">
            All promotions
          </Link>
        </p>
        <h1 className="mt-2 font-mono text-3xl font-bold tracking-tight text-slate-900">{promo.code}</h1>
        <p className="mt-1 text-slate-700">
          {promo.source === "referral" ? "Referral code" : "Promotion code"} · {promo.active ? "active" : "inactive"} ·{" "}
          {uses.filter((u) => !released.has(u.status)).length} uses counting
          {promo.maxRedemptions !== null ? ` of ${promo.maxRedemptions}` : ""}
        </p>
        <div className="card relative mt-6 overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="redemptions">
            <caption className="sr-only">Orders that used {promo.code}</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2">
                  Order
                </th>
                <th scope="col" className="px-4 py-2">
                  Buyer
                </th>
                <th scope="col" className="px-4 py-2">
                  Status
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Price
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Discount
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Paid
                </th>
                <th scope="col" className="px-4 py-2">
                  When (UTC)
                </th>
              </tr>
            </thead>
            <tbody>
              {uses.length === 0 && (
                <tr>
                  <td colSpan={7} className="px-4 py-6 text-slate-600">
                    Nobody has used this code yet.
                  </td>
                </tr>
              )}
              {uses.map((u) => (
                <tr key={u.orderId} className="border-t border-slate-200">
                  <td className="px-4 py-2">
                    <Link href={`/admin/orders/${u.orderId}`} className="font-mono text-brand-800 underline">
                      {u.orderId}
                    </Link>
                  </td>
                  <td className="px-4 py-2">{u.email ?? "—"}</td>
                  <td className="px-4 py-2">
                    {u.status}
                    {released.has(u.status) ? " (use given back)" : ""}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatMoney(u.listMinor, u.currency)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">−{formatMoney(u.discountMinor, u.currency)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">
                    {u.paidAt ? formatMoney(u.amountMinor, u.currency) : "—"}
                  </td>
                  <td className="px-4 py-2 whitespace-nowrap">
                    {u.createdAt.toISOString().slice(0, 16).replace("T", " ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}
