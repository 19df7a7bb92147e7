"use client";

// The countries a plan covers, with a search box for long lists. Server-rendered in full, so without
// JavaScript the whole list is there; the box appears once the script runs (it does nothing before).
import { useDeferredValue, useId, useState, useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import { fold } from "./search-match";

export interface CoveredCountry {
  iso: string;
  name: string;
  flag: string;
}

export function CountryFilterList({ countries }: { countries: CoveredCountry[] }) {
  const inputId = useId();
  const t = useTranslations("store.countryFilter");
  // false while server-rendering and hydrating, true once this runs in the browser.
  const ready = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(query);

  const q = fold(deferred);
  const shown = q ? countries.filter((c) => fold(c.name).includes(q) || c.iso.toLowerCase() === q) : countries;

  return (
    <div>
      {ready && (
        <div className="mb-3 max-w-xs">
          <label htmlFor={inputId} className="field-label">
            {t("label")}
          </label>
          <input
            id={inputId}
            type="search"
            autoComplete="off"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t("placeholder")}
            className="field py-2"
          />
        </div>
      )}
      <p aria-live="polite" className="sr-only">
        {q ? t("shown", { shown: shown.length, total: countries.length }) : ""}
      </p>
      <CountryList countries={shown} />
      {q && shown.length === 0 && <p className="text-sm text-slate-600">{t("none")}</p>}
    </div>
  );
}

/** The plain list, also used on its own (server-rendered) for short lists that need no search box. */
export function CountryList({ countries }: { countries: CoveredCountry[] }) {
  return (
    <ul className="columns-2 gap-6 text-sm text-slate-800 sm:columns-3" data-testid="covered-countries">
      {countries.map((c) => (
        <li key={c.iso} className="flex break-inside-avoid items-center gap-2 py-1">
          <span className="flag text-lg" aria-hidden="true">
            {c.flag}
          </span>
          {c.name}
        </li>
      ))}
    </ul>
  );
}

const noSubscription = () => () => {};
