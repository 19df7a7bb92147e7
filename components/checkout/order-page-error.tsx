"use client";

// An order page failed to render (database or Stripe unreachable). Unlike the shop's generic error, this buyer
// may already have paid: say that the order is safe and the email will come, and offer a retry.
import { useEffect } from "react";

export function OrderPageError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest =
    error instanceof Error && "digest" in error ? String((error as Error & { digest?: string }).digest ?? "") : "";

  return (
    <div className="container-page py-16 sm:py-24">
      <div className="mx-auto max-w-xl text-center">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">We couldn&apos;t load your order just now</h1>
        <p className="mt-4 text-base leading-relaxed text-slate-700">
          This is usually temporary. If you paid, your order is safe: your eSIM will arrive by email as soon as
          it&apos;s ready, and you won&apos;t be charged twice.
        </p>
        <div className="mt-8 flex justify-center">
          <button type="button" onClick={() => retry()} className="btn-primary">
            Try again
          </button>
        </div>
        {digest && <p className="mt-6 text-xs text-slate-600">Reference: {digest}</p>}
      </div>
    </div>
  );
}
