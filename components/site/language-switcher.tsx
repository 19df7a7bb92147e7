"use client";

// The footer's languages: plain links to this page in each language, so switching works without JavaScript.
// Links carry the locale prefix even for English (/en/…): the proxy then remembers the choice in NEXT_LOCALE
// and redirects to the unprefixed URL, so an English pick sticks for a visitor whose browser asks for German.
import { useLocale, useTranslations } from "next-intl";
import { Link, usePathname } from "@/lib/i18n/navigation";
import { locales } from "@/lib/i18n/locales";

const NAMES = { en: "English", de: "Deutsch", es: "Español" } as const;

export function LanguageSwitcher() {
  const t = useTranslations("site.footer");
  const current = useLocale();
  const pathname = usePathname();
  return (
    <nav aria-label={t("language")} className="flex items-center gap-2 text-sm" data-testid="language-switcher">
      <span className="text-slate-700" aria-hidden="true">
        {t("language")}:
      </span>
      <ul className="flex gap-1">
        {locales.map((locale) => (
          <li key={locale}>
            <Link
              href={pathname}
              locale={locale}
              prefetch={false}
              lang={locale}
              hrefLang={locale}
              aria-current={locale === current ? "true" : undefined}
              className="rounded-md px-2 py-1 text-slate-700 underline-offset-2 hover:text-brand-700 hover:underline aria-[current]:font-semibold aria-[current]:text-slate-900 aria-[current]:no-underline"
            >
              {NAMES[locale]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
