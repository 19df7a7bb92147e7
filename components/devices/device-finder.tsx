"use client";
// The /devices search. Server-rendered for the `?q=` of a plain GET form (no JavaScript needed); with
// JavaScript the list and the answer follow each keystroke and the address keeps the search.
import { useState } from "react";
import { useLocale } from "next-intl";
import { getPathname } from "@/lib/i18n/navigation";
import { checkDevice, DEVICES, searchDevices, type Device } from "@/lib/devices/match";
import { DeviceVerdict } from "./device-verdict";

const KIND_LABEL: Record<Device["kind"], string> = {
  phone: "Phone",
  tablet: "Tablet",
  watch: "Watch",
  laptop: "Laptop",
};

export function DeviceFinder({ initialQuery }: { initialQuery: string }) {
  const [query, setQuery] = useState(initialQuery);
  const q = query.trim();
  const result = checkDevice(q);
  const locale = useLocale();
  const action = getPathname({ href: "/devices", locale });
  const list = q ? searchDevices(q) : [...DEVICES];
  const brands = [...new Set(list.map((d) => d.brand))];

  return (
    <div>
      <form
        action={action}
        method="get"
        role="search"
        aria-label="Devices"
        onSubmit={(e) => {
          e.preventDefault();
          const url = q ? `${action}?q=${encodeURIComponent(q)}` : action;
          window.history.replaceState(null, "", url);
        }}
      >
        <label htmlFor="device-q" className="field-label">
          Search your phone, tablet or watch
        </label>
        <div className="flex gap-2">
          <input
            id="device-q"
            name="q"
            type="search"
            autoComplete="off"
            enterKeyHint="search"
            maxLength={100}
            placeholder="e.g. iPhone 13 mini, Pixel 8, SM-S911B"
            className="field min-w-0 flex-1"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <button type="submit" className="btn-primary shrink-0">
            Search
          </button>
        </div>
      </form>

      <div aria-live="polite" className="mt-4 empty:hidden">
        <DeviceVerdict result={result} query={q} />
      </div>

      <p className="mt-6 text-sm text-slate-600" data-testid="device-count">
        {q
          ? `${list.length} ${list.length === 1 ? "device matches" : "devices match"} “${q.slice(0, 60)}”`
          : `${list.length} devices`}
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
                    {KIND_LABEL[d.kind]}
                    {!d.travelEsim
                      ? " · travel eSIM not possible"
                      : d.withoutEsim?.length
                        ? ` · not: ${d.withoutEsim.map((v) => shortLabel(v.label)).join("; ")}`
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

function shortLabel(label: string): string {
  return label.replace(/\s*\(.*\)$/, "");
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}
