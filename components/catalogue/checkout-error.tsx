"use client";
// The reason a form checkout came back to the plan page (`/api/checkout` redirects here with ?error=<code>).
// Read in the browser, under <Suspense>, so the plan page itself stays static and cached.
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { checkoutErrorMessage } from "@/lib/payments/checkout-errors";

/** The codes /api/checkout sends back, each with its sentence in the errors catalogue. */
const CODES = [
  "invalid_input",
  "bundle_not_found",
  "bundle_unavailable",
  "price_changed",
  "temporarily_unavailable",
  "currency_not_sold",
  "currency_unavailable",
  "checkout_failed",
] as const;

export function CheckoutError() {
  const t = useTranslations("errors.checkout");
  const code = useSearchParams().get("error");
  const known = CODES.find((c) => c === code);
  // A code this page does not know yet still gets checkout's own (English) sentence rather than nothing.
  const message = known ? t(known) : checkoutErrorMessage(code);
  if (!message) return null;
  return (
    <p role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 p-3 text-sm font-medium text-red-800">
      {message}
    </p>
  );
}
