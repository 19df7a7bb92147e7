"use client";

// The visitor's currency, in the footer. Shown only when the shop sells in more than one currency right now.
import { useId } from "react";
import { pickCurrency, useShownCurrency } from "./use-currency";

const NAMES: Record<string, string> = {
  USD: "US dollar",
  EUR: "Euro",
  GBP: "British pound",
  JPY: "Japanese yen",
  AUD: "Australian dollar",
  CAD: "Canadian dollar",
  CHF: "Swiss franc",
  NZD: "New Zealand dollar",
  SEK: "Swedish krona",
  NOK: "Norwegian krone",
  DKK: "Danish krone",
  PLN: "Polish złoty",
  SGD: "Singapore dollar",
  HKD: "Hong Kong dollar",
  KRW: "South Korean won",
};

export function CurrencyPicker({ selling }: { selling: string[] }) {
  const id = useId();
  const shown = useShownCurrency(selling);
  // Not rendered on the server: without JavaScript prices stay in the base currency, and a dead control would lie.
  if (selling.length < 2 || shown === null) return null;
  return (
    <div className="flex items-center gap-2 text-sm" data-testid="currency-picker">
      <label htmlFor={id} className="text-slate-700">
        Currency
      </label>
      <select
        id={id}
        className="field w-auto py-1"
        value={shown ?? selling[0]}
        onChange={(e) => pickCurrency(e.target.value)}
      >
        {selling.map((c) => (
          <option key={c} value={c}>
            {c} — {NAMES[c] ?? c}
          </option>
        ))}
      </select>
    </div>
  );
}
