// The admin area's section navigation. Server-rendered; the current section is marked for screen readers.
import Link from "next/link";

const SECTIONS = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/attention", label: "Attention" },
  { href: "/admin/orders", label: "Orders" },
  { href: "/admin/reconcile", label: "Reconcile" },
  { href: "/admin/catalogue", label: "Catalogue" },
  { href: "/admin/stock", label: "Stock" },
  { href: "/admin/partners", label: "Partners" },
  { href: "/admin/audit", label: "Audit log" },
] as const;

export function AdminNav({ current, email }: { current: string; email: string }) {
  return (
    <div className="border-b border-slate-200 bg-slate-50">
      <div className="container-page flex flex-wrap items-center justify-between gap-3 py-3">
        <nav aria-label="Admin">
          <ul className="flex flex-wrap gap-1">
            {SECTIONS.map((s) => {
              const active = s.href === current;
              return (
                <li key={s.href}>
                  <Link
                    href={s.href}
                    aria-current={active ? "page" : undefined}
                    className={`inline-block rounded-md px-3 py-1.5 text-sm font-semibold ${
                      active ? "bg-brand-700 text-white" : "text-slate-700 hover:bg-slate-200"
                    }`}
                  >
                    {s.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <p className="text-sm text-slate-600">
          Admin: <span className="font-medium text-slate-800">{email}</span>
        </p>
      </div>
    </div>
  );
}
