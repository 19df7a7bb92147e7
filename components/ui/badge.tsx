// A small rounded label (plan scope, eSIM status). Tones meet WCAG AA on their own background.
export type BadgeTone = "slate" | "brand" | "indigo" | "sky" | "emerald" | "amber";

const TONE: Record<BadgeTone, string> = {
  slate: "bg-slate-100 text-slate-700 ring-slate-300",
  brand: "bg-brand-50 text-brand-800 ring-brand-200",
  indigo: "bg-indigo-50 text-indigo-800 ring-indigo-200",
  sky: "bg-sky-50 text-sky-900 ring-sky-200",
  emerald: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  amber: "bg-amber-50 text-amber-900 ring-amber-300",
};

export function Badge({
  tone = "slate",
  className,
  ...props
}: React.HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone }) {
  return <span className={`badge ${TONE[tone]}${className ? ` ${className}` : ""}`} {...props} />;
}
