// A partner's orders as a table (server-rendered).
import type { Order } from "@/lib/db/schema";
import { formatMoney } from "@/lib/format";
import { DataTable } from "@/components/ui/data-table";

export function OrdersTable({ orders }: { orders: Order[] }) {
  return (
    <DataTable
      caption="Orders"
      rows={orders}
      rowKey={(o) => o.id}
      empty="No orders yet."
      columns={[
        {
          key: "created",
          header: "Created (UTC)",
          cell: (o) => o.createdAt.toISOString().replace("T", " ").slice(0, 16),
          className: "tabular-nums whitespace-nowrap",
        },
        { key: "reference", header: "Your reference", cell: (o) => o.partnerReference, className: "font-mono" },
        { key: "order", header: "Order", cell: (o) => o.id, className: "font-mono text-xs" },
        { key: "bundle", header: "Bundle", cell: (o) => o.bundleSnapshot.title },
        { key: "status", header: "Status", cell: (o) => o.status },
        { key: "price", header: "Price", cell: (o) => formatMoney(o.amountMinor, o.currency), align: "right" },
      ]}
    />
  );
}
