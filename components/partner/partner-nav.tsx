// The partner portal's section navigation; the current section is marked for screen readers.
import Link from "next/link";

const SECTIONS = [
  { href: "/partner", label: "Overview" },
  { href: "/partner/orders", label: "Orders" },
  { href: "/partner/ledger", label: "Ledger" },
  { href: "/partner/keys", label: "API keys" },
  { href: "/partner/webhooks", label: "Webhooks" },
  { href: "/docs/api", label: "API docs" },
] as const;

export function PartnerNav({ current, partnerName, email }: { current: string; partnerName: string; email: string }) {
  return (
    <div className="border-b border-slate-200 bg-slate-50 print:hidden">
      <div className="container-page flex flex-wrap items-center justify-between gap-3 py-3">
        <nav aria-label="Partner portal">
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
          <span className="font-medium text-slate-800">{partnerName}</span> · {email}
        </p>
      </div>
    </div>
  );
}
