import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import {
  DATA_FILTERS,
  DURATION_FILTERS,
  SCOPE_FILTERS,
  SORT_OPTIONS,
  UNLIMITED_FILTERS,
  type ParsedCountryFilters,
} from "@/lib/catalogue/filters";

/**
 * Filter and sort as a plain GET form: the choices live in the URL, so they work without JavaScript, can be
 * shared, and the back button undoes them. The filtered view redirects submissions to the canonical query.
 */
export function BundleFilters({
  action,
  clearHref,
  filters,
  currency,
  active,
}: {
  action: string;
  /** The unfiltered list. */
  clearHref: string;
  filters: ParsedCountryFilters;
  currency: string;
  /** Whether any filter differs from the defaults (shows "Clear filters"). */
  active: boolean;
}) {
  const t = useTranslations("store.filters");
  // Option labels in the page's language, by filter and value (the value "" of "unlimited" is "any").
  const labelled = (name: string, options: readonly { value: string }[]) =>
    options.map((o) => ({ value: o.value, label: t(`${name}.${o.value || "any"}`) }));
  return (
    <form action={action} method="get" aria-label={t("landmark")} className="card p-4 sm:p-5">
      <div className="grid grid-cols-2 gap-x-3 gap-y-4 lg:grid-cols-1">
        <Select name="data" label={t("data.label")} value={filters.data} options={labelled("data", DATA_FILTERS)} />
        <Select
          name="duration"
          label={t("duration.label")}
          value={filters.duration}
          options={labelled("duration", DURATION_FILTERS)}
        />
        <Select
          name="unlimited"
          label={t("unlimited.label")}
          value={filters.unlimited ?? ""}
          options={labelled("unlimited", [{ value: "" }, ...UNLIMITED_FILTERS])}
        />
        <Select
          name="scope"
          label={t("scope.label")}
          value={filters.scope}
          options={labelled("scope", SCOPE_FILTERS)}
        />
        <div>
          <label htmlFor="filter-maxPrice" className="field-label">
            {t("maxPrice", { currency })}
          </label>
          <input
            id="filter-maxPrice"
            name="maxPrice"
            type="number"
            inputMode="decimal"
            min="1"
            step="any"
            placeholder={t("noLimit")}
            defaultValue={filters.maxPrice ?? ""}
            className="field py-2 text-sm"
          />
        </div>
        <Select name="sort" label={t("sort.label")} value={filters.sort} options={labelled("sort", SORT_OPTIONS)} />
      </div>
      <div className="mt-5 flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary flex-1 py-2.5 text-sm lg:flex-none lg:w-full">
          {t("apply")}
        </button>
        {active && (
          <Link
            href={clearHref}
            className="text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900 lg:w-full lg:text-center"
          >
            {t("clear")}
          </Link>
        )}
      </div>
    </form>
  );
}

function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
}) {
  const id = `filter-${name}`;
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value} className="field py-2 pr-7 pl-2.5 text-sm">
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
