import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";

const linkClass = "underline underline-offset-2 hover:text-brand-700";

/** What the buyer agrees to, next to the button that commits them (Stripe asks again on its page). */
export function BuyBoxPolicies() {
  const t = useTranslations("store.buyBox");
  return (
    <p className="mt-3 text-xs leading-relaxed text-slate-600" data-testid="buy-box-policies">
      {t.rich("policies", {
        terms: (chunks) => (
          <Link href="/terms" className={linkClass}>
            {chunks}
          </Link>
        ),
        refunds: (chunks) => (
          <Link href="/refund-policy" className={linkClass}>
            {chunks}
          </Link>
        ),
        privacy: (chunks) => (
          <Link href="/privacy" className={linkClass}>
            {chunks}
          </Link>
        ),
      })}
    </p>
  );
}
