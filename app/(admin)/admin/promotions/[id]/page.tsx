// /admin/promotions/[id] — one code and every order that used it (abandoned checkouts shown as such).
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { requireAdminPage } from "@/lib/admin/guard";
import { formatMoney } from "@/lib/format";
import { getPromotion, listRedemptions } from "@/lib/promotions/admin";
import { RELEASED_STATUSES } from "@/lib/promotions/rules";
import { AdminNav } from "@/components/admin/admin-nav";
import { DataTable } from "@/components/ui/data-table";

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
        <DataTable
          caption={`Orders that used ${promo.code}`}
          className="mt-6"
          testId="redemptions"
          rows={uses}
          rowKey={(u) => u.orderId}
          empty="Nobody has used this code yet."
          columns={[
            {
              key: "order",
              header: "Order",
              cell: (u) => (
                <Link href={`/admin/orders/${u.orderId}`} className="font-mono text-brand-800 underline">
                  {u.orderId}
                </Link>
              ),
            },
            { key: "buyer", header: "Buyer", cell: (u) => u.email ?? "—" },
            {
              key: "status",
              header: "Status",
              cell: (u) => `${u.status}${released.has(u.status) ? " (use given back)" : ""}`,
            },
            { key: "price", header: "Price", align: "right", cell: (u) => formatMoney(u.listMinor, u.currency) },
            {
              key: "discount",
              header: "Discount",
              align: "right",
              cell: (u) => `−${formatMoney(u.discountMinor, u.currency)}`,
            },
            {
              key: "paid",
              header: "Paid",
              align: "right",
              cell: (u) => (u.paidAt ? formatMoney(u.amountMinor, u.currency) : "—"),
            },
            {
              key: "when",
              header: "When (UTC)",
              className: "whitespace-nowrap",
              cell: (u) => u.createdAt.toISOString().slice(0, 16).replace("T", " "),
            },
          ]}
        />
      </div>
    </>
  );
}
