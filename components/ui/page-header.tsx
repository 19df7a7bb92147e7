// A page's title, its one-line description and (on the right, or below on a phone) its actions. Long titles —
// an order id, a partner's name — wrap instead of widening the page.
export function PageHeader({
  title,
  description,
  actions,
  badge,
}: {
  title: React.ReactNode;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  /** A status shown beside the title. */
  badge?: React.ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-3xl font-bold tracking-tight break-words text-slate-900">{title}</h1>
          {badge}
        </div>
        {description && <div className="mt-1 text-slate-700">{description}</div>}
      </div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}
