// "Have a code?" under the Buy button: a plain GET form to the review step, which shows the final price
// (or why the code cannot be used) before anything is paid, in the currency the page shows. No JavaScript needed.
import { CurrencyField } from "@/components/currency/currency-field";
export function PromoCodeForm({ bundleName, selling = [] }: { bundleName: string; selling?: string[] }) {
  return (
    <details className="mt-4 rounded-xl border border-slate-200 p-4" data-testid="promo-code">
      <summary className="cursor-pointer font-medium text-brand-700 hover:text-brand-900">
        Have a promo or referral code?
      </summary>
      <form action="/checkout/review" method="get" className="mt-3">
        <input type="hidden" name="bundle" value={bundleName} />
        <CurrencyField selling={selling} />
        <label htmlFor="promo-code-input" className="field-label">
          Code
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
            placeholder="e.g. SUMMER10"
            className="field min-w-0 flex-1 uppercase"
          />
          <button type="submit" className="btn-secondary shrink-0">
            Apply
          </button>
        </div>
      </form>
    </details>
  );
}
