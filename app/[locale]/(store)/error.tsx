"use client";

// A shop page failed to render (most likely the catalogue database is unreachable). Offer a retry and the
// way back; never show the raw error to customers — the digest ties this screen to the server log.
import { useEffect } from "react";
import { Link } from "@/lib/i18n/navigation";

export default function StoreError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest =
    error instanceof Error && "digest" in error ? String((error as Error & { digest?: string }).digest ?? "") : "";

  return (
    <div className="container-page py-16 sm:py-24">
      <div className="mx-auto max-w-xl text-center">
        <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Something went wrong</p>
        <h1 className="mt-3 text-3xl font-bold tracking-tight text-slate-900">We couldn&apos;t load this page</h1>
        <p className="mt-4 text-base leading-relaxed text-slate-600">
          This is usually temporary. Nothing was charged — try again in a moment.
        </p>
        <div className="mt-8 flex flex-wrap justify-center gap-3">
          <button type="button" onClick={() => retry()} className="btn-primary">
            Try again
          </button>
          <Link href="/" className="btn-secondary">
            Go to the home page
          </Link>
        </div>
        {digest && <p className="mt-6 text-xs text-slate-600">Reference: {digest}</p>}
      </div>
    </div>
  );
}
