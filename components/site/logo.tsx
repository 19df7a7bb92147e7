// The Tern wordmark: a small tern in flight beside the name. Inline SVG, so no extra request.
export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 ${className}`}>
      <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" className="fill-brand-700" />
        <path
          d="M5 17c4.5-1.2 8.2-.6 11 1.6 2.6-3.8 6.4-6.4 11-7.4-2.2 2.8-3.4 5.4-3.8 8.2-2.8 2.6-6.6 3.6-10.6 2.6L9 24.6l1.6-4.2C8.4 19.6 6.6 18.6 5 17z"
          fill="#fff"
        />
      </svg>
      <span className="text-xl font-bold tracking-tight text-slate-900">Tern</span>
    </span>
  );
}
