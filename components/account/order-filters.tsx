// Order filters as a plain GET form: the filters live in the URL, so they can be shared and work without JS.
import { useLocale, useTranslations } from "next-intl";
import { ORDER_FILTERS, type OrderStatusFilter } from "@/lib/accounts/queries";
import { getPathname } from "@/lib/i18n/navigation";

export function OrderFilters({ status, from, to }: { status: OrderStatusFilter; from?: string; to?: string }) {
  const t = useTranslations("account.orders.filters");
  const action = getPathname({ href: "/account", locale: useLocale() });
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3" aria-label={t("label")}>
      <div>
        <label htmlFor="status" className="field-label">
          {t("status")}
        </label>
        <select id="status" name="status" defaultValue={status} className="field py-2">
          {ORDER_FILTERS.status.map((s) => (
            <option key={s} value={s}>
              {t(s)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="from" className="field-label">
          {t("from")}
        </label>
        <input id="from" name="from" type="date" defaultValue={from} className="field py-2" />
      </div>
      <div>
        <label htmlFor="to" className="field-label">
          {t("to")}
        </label>
        <input id="to" name="to" type="date" defaultValue={to} className="field py-2" />
      </div>
      <button type="submit" className="btn-secondary">
        {t("apply")}
      </button>
    </form>
  );
}
