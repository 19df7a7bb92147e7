// "Have a code?" under the Buy button: a plain GET form to the review step, which shows the final price
// (or why the code cannot be used) before anything is paid, in the currency the page shows. No JavaScript needed.
import { useLocale, useTranslations } from "next-intl";
import { CurrencyField } from "@/components/currency/currency-field";
import { localeOr } from "@/lib/i18n/locales";
import { localizedPath } from "@/lib/i18n/paths";

export function PromoCodeForm({ bundleName, selling = [] }: { bundleName: string; selling?: string[] }) {
  const t = useTranslations("checkout.promo");
  const locale = localeOr(useLocale());
  return (
    <details className="mt-4 rounded-xl border border-slate-200 p-4" data-testid="promo-code">
      <summary className="cursor-pointer font-medium text-brand-700 hover:text-brand-900">{t("summary")}</summary>
      <form action={localizedPath(locale, "/checkout/review")} method="get" className="mt-3">
        <input type="hidden" name="bundle" value={bundleName} />
        <CurrencyField selling={selling} />
        <label htmlFor="promo-code-input" className="field-label">
          {t("label")}
        </label>
        <div className="flex gap-2">
          <input
            id="promo-code-input"
            name="code"
            required
            maxLength={32}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder={t("placeholder")}
            className="field min-w-0 flex-1 uppercase"
          />
          <button type="submit" className="btn-secondary shrink-0">
            {t("apply")}
          </button>
        </div>
      </form>
    </details>
  );
}
