"use client";
// A failure inside the admin area (a provider down, the database away): say so and offer a retry.
export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="container-page py-16" role="alert">
      <h1 className="text-2xl font-bold text-slate-900">This admin page could not load</h1>
      <p className="mt-2 text-slate-700">{error.digest ? `Reference ${error.digest}. ` : ""}Try again in a moment.</p>
      <button type="button" onClick={reset} className="btn-primary mt-6">
        Try again
      </button>
    </div>
  );
}
