import { Link } from "@/lib/i18n/navigation";

/** What the buyer agrees to, next to the button that commits them (Stripe asks again on its page). */
export function BuyBoxPolicies() {
  return (
    <p className="mt-3 text-xs leading-relaxed text-slate-600" data-testid="buy-box-policies">
      By buying you agree to our{" "}
      <Link href="/terms" className="underline underline-offset-2 hover:text-brand-700">
        terms
      </Link>{" "}
      and{" "}
      <Link href="/refund-policy" className="underline underline-offset-2 hover:text-brand-700">
        refund policy
      </Link>
      ; see how we handle your data in our{" "}
      <Link href="/privacy" className="underline underline-offset-2 hover:text-brand-700">
        privacy policy
      </Link>
      .
    </p>
  );
}
