// A titled part of a page: a card (forms, settings) or plain (lists, tables), named by its heading for
// assistive technology.
export function Section({
  id,
  title,
  description,
  card = true,
  className,
  children,
}: {
  /** Unique on the page: the heading's id is `${id}-h`. */
  id: string;
  title: React.ReactNode;
  description?: React.ReactNode;
  card?: boolean;
  className?: string;
  children?: React.ReactNode;
}) {
  const base = card ? "card mt-6 p-4" : "mt-8";
  return (
    <section id={id} aria-labelledby={`${id}-h`} className={className ? `${base} ${className}` : base}>
      <h2 id={`${id}-h`} className={`font-bold text-slate-900 ${card ? "text-lg" : "text-xl"}`}>
        {title}
      </h2>
      {description && <div className="mt-1 text-sm text-slate-700">{description}</div>}
      {children}
    </section>
  );
}
