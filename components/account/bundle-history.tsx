// Every bundle eSIM Go reports on this eSIM (the first one and any top-ups), newest first.
import type { UsageBundle } from "@/lib/db/schema";
import { formatBytes } from "@/lib/accounts/format";
import { titleFromProviderText } from "@/lib/catalogue/titles";

const STATE_LABELS: Record<string, string> = {
  processing: "Being added",
  queued: "Waiting (starts on first use)",
  active: "In use",
  depleted: "Used up",
  expired: "Expired",
  revoked: "Removed",
  lapsed: "Lapsed",
};

/**
 * `titles` names the plans we sold by bundle name (the orders' snapshots); any other plan the provider reports is
 * named from its description in our words — the provider's own string never reaches the customer.
 */
export function BundleHistory({ bundles, titles = {} }: { bundles: UsageBundle[]; titles?: Record<string, string> }) {
  if (bundles.length === 0)
    return <p className="text-sm text-slate-600">No plan details from our network partner yet.</p>;
  const sorted = [...bundles].sort((a, b) => (b.assignedAt ?? "").localeCompare(a.assignedAt ?? ""));
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200" data-testid="bundle-history">
      {sorted.map((b) => (
        <li key={b.reference} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3 text-sm">
          <span>
            <span className="font-medium text-slate-900">{titles[b.name] ?? titleFromProviderText(b.description)}</span>
            {b.assignedAt ? <span className="ml-2 text-slate-600">added {b.assignedAt.slice(0, 10)}</span> : null}
          </span>
          <span className="text-slate-700">
            {b.unlimited ? "Unlimited" : `${formatBytes(b.remainingBytes)} of ${formatBytes(b.initialBytes)} left`} ·{" "}
            {STATE_LABELS[b.state] ?? b.state}
          </span>
        </li>
      ))}
    </ul>
  );
}
