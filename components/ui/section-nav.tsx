// The section bar of the admin area and the partner portal: links with the current one marked for screen
// readers, and who is signed in. Server-rendered.
import { Link } from "@/lib/i18n/navigation";
import type { ReactNode } from "react";

export interface Section {
  href: string;
  label: string;
}

export function SectionNav({
  label,
  sections,
  current,
  who,
  className = "",
}: {
  /** The nav landmark's name. */
  label: string;
  sections: readonly Section[];
  current: string;
  who: ReactNode;
  className?: string;
}) {
  return (
    <div className={`border-b border-slate-200 bg-slate-50 ${className}`}>
      <div className="container-page flex flex-wrap items-center justify-between gap-3 py-3">
        <nav aria-label={label}>
          <ul className="flex flex-wrap gap-1">
            {sections.map((s) => {
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
        <p className="text-sm text-slate-600">{who}</p>
      </div>
    </div>
  );
}
