// Order filters as a plain GET form: the filters live in the URL, so they can be shared and work without JS.
import { ORDER_FILTERS, type OrderStatusFilter } from "@/lib/accounts/queries";

const LABELS: Record<OrderStatusFilter, string> = {
  all: "All orders",
  active: "Active eSIMs",
  delivered: "Delivered",
  "in-progress": "In progress",
  refunded: "Refunded",
  failed: "Failed or cancelled",
};

export function OrderFilters({ status, from, to }: { status: OrderStatusFilter; from?: string; to?: string }) {
  return (
    <form method="get" action="/account" className="flex flex-wrap items-end gap-3" aria-label="Filter orders">
      <div>
        <label htmlFor="status" className="field-label">
          Status
        </label>
        <select id="status" name="status" defaultValue={status} className="field py-2">
          {ORDER_FILTERS.status.map((s) => (
            <option key={s} value={s}>
              {LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="from" className="field-label">
          From
        </label>
        <input id="from" name="from" type="date" defaultValue={from} className="field py-2" />
      </div>
      <div>
        <label htmlFor="to" className="field-label">
          To
        </label>
        <input id="to" name="to" type="date" defaultValue={to} className="field py-2" />
      </div>
      <button type="submit" className="btn-secondary">
        Apply
      </button>
    </form>
  );
}
