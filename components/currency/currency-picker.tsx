"use client";

// The visitor's currency, in the footer. Shown only when the shop sells in more than one currency right now.
import { useId } from "react";
import { useLocale, useTranslations } from "next-intl";
import { pickCurrency, useShownCurrency } from "./use-currency";

export function CurrencyPicker({ selling }: { selling: string[] }) {
  const id = useId();
  const shown = useShownCurrency(selling);
  const t = useTranslations("site.footer");
  const locale = useLocale();
  // Not rendered on the server: without JavaScript prices stay in the base currency, and a dead control would lie.
  if (selling.length < 2 || shown === null) return null;
  const names = new Intl.DisplayNames([locale], { type: "currency" });
  return (
    <div className="flex items-center gap-2 text-sm" data-testid="currency-picker">
      <label htmlFor={id} className="text-slate-700">
        {t("currency")}
      </label>
      <select
        id={id}
        className="field w-auto py-1"
        value={shown ?? selling[0]}
        onChange={(e) => pickCurrency(e.target.value)}
      >
        {selling.map((c) => (
          <option key={c} value={c}>
            {c} — {names.of(c) ?? c}
          </option>
        ))}
      </select>
    </div>
  );
}
