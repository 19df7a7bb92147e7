import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { env } from "@/lib/env";
import { isLocale, locales } from "@/lib/i18n/locales";
import { SiteShell } from "@/components/site/site-shell";
import "../globals.css";

interface Props {
  params: Promise<{ locale: string }>;
}

// One static render per locale of every catalogue page: the locale is a path segment, never a header.
export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  // Metadata is resolved apart from the layout's render: not-found.tsx's metadata needs the locale set here.
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "site" });
  return {
    // Relative canonical and Open Graph URLs resolve against the public address of the shop.
    metadataBase: new URL(env().appUrl),
    title: { default: t("meta.title"), template: "%s · Tern" },
    description: t("meta.description"),
    applicationName: "Tern",
    openGraph: { siteName: "Tern", type: "website", locale: t("meta.ogLocale") },
    formatDetection: { telephone: false },
  };
}

export { viewport } from "@/components/site/site-shell";

export default async function LocaleLayout({ children, params }: Props & { children: React.ReactNode }) {
  const { locale } = await params;
  // Any first path segment that is no locale and no other route lands here (see [...rest]).
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  return <SiteShell locale={locale}>{children}</SiteShell>;
}
