// /partner/orders — the partner's orders, newest first; find one by your reference.
import { getDb } from "@/lib/db";
import { listPartnerOrders } from "@/lib/partners/orders";
import { requirePartnerPage } from "@/lib/partners/portal";
import { parseQuery } from "@/lib/http/query";
import { portalOrdersQuerySchema } from "@/lib/partners/schemas";
import { PartnerNav } from "@/components/partner/partner-nav";
import { OrdersTable } from "@/components/partner/orders-table";
import { Field, Input } from "@/components/ui/field";

export const dynamic = "force-dynamic";
export const metadata = { title: "Orders" };

export default async function PartnerOrders({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, partner } = await requirePartnerPage("/partner/orders");
  // A reference that cannot exist (a control character, too long, given twice) finds nothing, without a query.
  const query = parseQuery(portalOrdersQuerySchema, await searchParams);
  const ref = query?.reference;
  const orders = query ? await listPartnerOrders(await getDb(), partner.id, { reference: ref, limit: 200 }) : [];
  return (
    <>
      <PartnerNav current="/partner/orders" partnerName={partner.name} email={user.email} />
      <div className="container-page py-8">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Orders</h1>
        <form method="get" className="mt-4 flex flex-wrap items-end gap-3" aria-label="Find an order">
          <Field id="reference" label="Your reference">
            <Input id="reference" name="reference" defaultValue={ref} maxLength={100} className="w-64" />
          </Field>
          <button type="submit" className="btn-secondary">
            Find
          </button>
        </form>
        <OrdersTable orders={orders} />
      </div>
    </>
  );
}
