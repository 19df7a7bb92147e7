// A partner's orders as a table (server-rendered).
import type { Order } from "@/lib/db/schema";
import { formatMoney } from "@/lib/format";

export function OrdersTable({ orders }: { orders: Order[] }) {
  return (
    <div className="card mt-3 overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Orders</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-2">
              Created (UTC)
            </th>
            <th scope="col" className="px-4 py-2">
              Your reference
            </th>
            <th scope="col" className="px-4 py-2">
              Order
            </th>
            <th scope="col" className="px-4 py-2">
              Bundle
            </th>
            <th scope="col" className="px-4 py-2">
              Status
            </th>
            <th scope="col" className="px-4 py-2 text-right">
              Price
            </th>
          </tr>
        </thead>
        <tbody>
          {orders.length === 0 && (
            <tr>
              <td colSpan={6} className="px-4 py-6 text-slate-600">
                No orders yet.
              </td>
            </tr>
          )}
          {orders.map((o) => (
            <tr key={o.id} className="border-t border-slate-200">
              <td className="px-4 py-2 tabular-nums">{o.createdAt.toISOString().replace("T", " ").slice(0, 16)}</td>
              <td className="px-4 py-2 font-mono">{o.partnerReference}</td>
              <td className="px-4 py-2 font-mono text-xs">{o.id}</td>
              <td className="px-4 py-2">{o.bundleSnapshot.title}</td>
              <td className="px-4 py-2">{o.status}</td>
              <td className="px-4 py-2 text-right tabular-nums">{formatMoney(o.amountMinor, o.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
