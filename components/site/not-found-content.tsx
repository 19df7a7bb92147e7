"use client";

// Shown for unknown URLs and whenever a page calls notFound() (an unknown country, region or bundle).
// A client component: it must stay free of request-time APIs, as Next renders it inside every page's tree,
// cached ones included, and a server component would have to read the locale from the request.
import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import { PlainSearchForm } from "@/components/catalogue/plain-search-form";

export function NotFoundContent() {
  const t = useTranslations("errors.notFound");
  return (
    <div className="container-page py-16 sm:py-24">
      <div className="mx-auto max-w-xl text-center">
        <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">{t("eyebrow")}</p>
        <h1 className="mt-3 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">{t("heading")}</h1>
        <p className="mt-4 text-base leading-relaxed text-slate-600">{t("body")}</p>
        <div className="mt-8 text-left">
          <PlainSearchForm inputId="not-found-search" />
        </div>
        <ul className="mt-8 flex flex-wrap justify-center gap-3">
          <li>
            <Link href="/destinations" className="btn-secondary">
              {t("allDestinations")}
            </Link>
          </li>
          <li>
            <Link href="/regions" className="btn-secondary">
              {t("regions")}
            </Link>
          </li>
          <li>
            <Link href="/" className="btn-secondary">
              {t("home")}
            </Link>
          </li>
        </ul>
      </div>
    </div>
  );
}
