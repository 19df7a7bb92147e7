"use client";
// The reason a form checkout came back to the plan page (`/api/checkout` redirects here with ?error=<code>).
// Read in the browser, under <Suspense>, so the plan page itself stays static and cached.
import { useSearchParams } from "next/navigation";
import { checkoutErrorMessage } from "@/lib/payments/checkout-errors";

export function CheckoutError() {
  const message = checkoutErrorMessage(useSearchParams().get("error"));
  if (!message) return null;
  return (
    <p role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 p-3 text-sm font-medium text-red-800">
      {message}
    </p>
  );
}
