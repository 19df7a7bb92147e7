// The order's provisioning log (lib/stock/log.ts) on the admin order page: every stock reservation, provider
// call and release, payloads already redacted when written.
import type { ProvisioningLogEntry } from "@/lib/db/schema";

const when = (d: Date) => d.toISOString().replace("T", " ").slice(0, 19);

export function ProvisioningLog({ entries }: { entries: ProvisioningLogEntry[] }) {
  return (
    <section aria-labelledby="provisioning-h" className="mt-8">
      <h2 id="provisioning-h" className="text-xl font-bold text-slate-900">
        Provisioning log
      </h2>
      {entries.length === 0 ? (
        <p className="mt-2 text-slate-700">No provisioning attempts yet.</p>
      ) : (
        <ol className="mt-3 space-y-2" data-testid="provisioning-log">
          {entries.map((e) => (
            <li
              key={e.id}
              className={`rounded-lg border p-3 text-sm ${e.error ? "border-red-300 bg-red-50" : "border-slate-200"}`}
            >
              <div className="flex flex-wrap justify-between gap-2">
                <span className="font-semibold text-slate-900">
                  <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs uppercase text-slate-700">
                    {e.source}
                  </span>
                  {e.action}: {e.outcome}
                </span>
                <time dateTime={e.createdAt.toISOString()} className="text-slate-600">
                  {when(e.createdAt)}
                </time>
              </div>
              {e.error && <p className="mt-1 text-red-800">{e.error}</p>}
              {e.payload && (
                <details className="mt-1">
                  <summary className="text-slate-700">Payload</summary>
                  <pre className="mt-1 overflow-x-auto text-xs whitespace-pre-wrap text-slate-800">
                    {JSON.stringify(e.payload, null, 2)}
                  </pre>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
