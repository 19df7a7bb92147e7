"use client";
// "Will it work on my phone?" beside the Buy button: a GET form to /devices that works without JavaScript,
// answering in place as the buyer types when it runs.
import { useId, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { getPathname, Link } from "@/lib/i18n/navigation";
import { checkDevice } from "@/lib/devices/match";
import { DeviceVerdict } from "./device-verdict";

export function DeviceCheck() {
  const id = useId();
  const [query, setQuery] = useState("");
  const result = checkDevice(query);
  const locale = useLocale();
  const t = useTranslations("store.devices.check");
  return (
    <details className="group mt-5 rounded-xl border border-slate-200 p-4" data-testid="device-check">
      <summary className="cursor-pointer font-medium text-brand-700 hover:text-brand-900">{t("summary")}</summary>
      <form
        action={getPathname({ href: "/devices", locale })}
        method="get"
        role="search"
        aria-label={t("landmark")}
        className="mt-3"
        onSubmit={(e) => {
          // Answered right here already; only a search with no exact answer goes to the full list.
          if (result.kind === "match") e.preventDefault();
        }}
      >
        <label htmlFor={`${id}-q`} className="field-label">
          {t("label")}
        </label>
        <div className="flex gap-2">
          <input
            id={`${id}-q`}
            name="q"
            type="search"
            autoComplete="off"
            placeholder={t("placeholder")}
            className="field min-w-0 flex-1"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            maxLength={100}
          />
          <button type="submit" className="btn-secondary shrink-0">
            {t("submit")}
          </button>
        </div>
      </form>
      <div aria-live="polite" className="mt-3 empty:hidden">
        {result.kind === "match" && <DeviceVerdict result={result} query={query} />}
      </div>
      <p className="mt-3 text-sm text-slate-600">
        {t.rich("dial", { strong: (chunks) => <strong className="font-semibold text-slate-800">{chunks}</strong> })}{" "}
        <Link href="/devices" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
          {t("all")}
        </Link>
      </p>
    </details>
  );
}
