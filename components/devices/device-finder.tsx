"use client";
// The /devices search. Server-rendered for the `?q=` of a plain GET form (no JavaScript needed); with
// JavaScript the list and the answer follow each keystroke and the address keeps the search.
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { getPathname } from "@/lib/i18n/navigation";
import { checkDevice, DEVICES, searchDevices } from "@/lib/devices/match";
import { DeviceVerdict } from "./device-verdict";

export function DeviceFinder({ initialQuery }: { initialQuery: string }) {
  const [query, setQuery] = useState(initialQuery);
  const q = query.trim();
  const result = checkDevice(q);
  const locale = useLocale();
  const t = useTranslations("store.devices.finder");
  const say = useTranslations("store.devices.text");
  const action = getPathname({ href: "/devices", locale });
  const list = q ? searchDevices(q) : [...DEVICES];
  const brands = [...new Set(list.map((d) => d.brand))];

  return (
    <div>
      <form
        action={action}
        method="get"
        role="search"
        aria-label={t("landmark")}
        onSubmit={(e) => {
          e.preventDefault();
          const url = q ? `${action}?q=${encodeURIComponent(q)}` : action;
          window.history.replaceState(null, "", url);
        }}
      >
        <label htmlFor="device-q" className="field-label">
          {t("label")}
        </label>
        <div className="flex gap-2">
          <input
            id="device-q"
            name="q"
            type="search"
            autoComplete="off"
            enterKeyHint="search"
            maxLength={100}
            placeholder={t("placeholder")}
            className="field min-w-0 flex-1"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <button type="submit" className="btn-primary shrink-0">
            {t("submit")}
          </button>
        </div>
      </form>

      <div aria-live="polite" className="mt-4 empty:hidden">
        <DeviceVerdict result={result} query={q} />
      </div>

      <p className="mt-6 text-sm text-slate-600" data-testid="device-count">
        {q ? t("matches", { count: list.length, query: q.slice(0, 60) }) : t("count", { count: list.length })}
      </p>
      {brands.map((brand) => (
        <section key={brand} aria-labelledby={`brand-${slug(brand)}`} className="mt-6">
          <h2 id={`brand-${slug(brand)}`} className="text-lg font-semibold text-slate-900">
            {brand}
          </h2>
          <ul className="mt-2 divide-y divide-slate-200 rounded-xl border border-slate-200" data-testid="device-list">
            {list
              .filter((d) => d.brand === brand)
              .map((d) => (
                <li key={d.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-3">
                  <span className="font-medium text-slate-900">{d.model}</span>
                  <span className="text-sm text-slate-600">
                    {t("kind", { kind: d.kind })}
                    {!d.travelEsim
                      ? t("noTravelEsim")
                      : d.withoutEsim?.length
                        ? t("without", { versions: d.withoutEsim.map((v) => shortLabel(say(v.label))).join("; ") })
                        : ""}
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** A variant without its explanation in brackets: "Bought in mainland China". */
function shortLabel(label: string): string {
  return label.replace(/\s*\(.*\)$/, "");
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}
