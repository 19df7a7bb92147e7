"use client";
// Something failed while loading account data; the figures are safe, a retry usually works.
export default function AccountError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="container-page py-16">
      <h1 className="text-2xl font-bold text-slate-900">We couldn&apos;t load your account</h1>
      <p className="mt-2 text-slate-700">Please try again. Your eSIMs keep working whatever this page shows.</p>
      <button type="button" onClick={reset} className="btn-primary mt-6">
        Try again
      </button>
    </div>
  );
}
