import { STATUS_LABELS, type EsimDisplayStatus } from "@/lib/usage/figures";

const STYLES: Record<EsimDisplayStatus, string> = {
  ready: "bg-sky-50 text-sky-900 ring-sky-200",
  installed: "bg-brand-50 text-brand-900 ring-brand-200",
  active: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  depleted: "bg-amber-50 text-amber-900 ring-amber-300",
  expired: "bg-slate-100 text-slate-700 ring-slate-300",
};

export function EsimStatusBadge({ status }: { status: EsimDisplayStatus }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${STYLES[status]}`}
      data-testid="esim-status"
    >
      {STATUS_LABELS[status]}
    </span>
  );
}
