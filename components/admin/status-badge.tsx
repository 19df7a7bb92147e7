// An order status as a labelled badge. Colours pair with text that meets 4.5:1; the word carries the meaning.
const TONE: Record<string, string> = {
  delivered: "bg-emerald-100 text-emerald-900",
  installed: "bg-emerald-100 text-emerald-900",
  paid: "bg-sky-100 text-sky-900",
  provisioning: "bg-sky-100 text-sky-900",
  needs_attention: "bg-amber-100 text-amber-900",
  failed: "bg-red-100 text-red-900",
  refunded: "bg-slate-200 text-slate-800",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${TONE[status] ?? "bg-slate-100 text-slate-800"}`}
    >
      {status.replace(/_/g, " ")}
    </span>
  );
}
