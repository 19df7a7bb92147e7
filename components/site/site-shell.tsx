import type { Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import { pageClientMessages } from "@/lib/i18n/client-messages";
import { SiteHeader } from "./site-header";
import { SiteFooter } from "./site-footer";
import { AuthProvider } from "@/components/account/auth-provider";

export const viewport: Viewport = {
  themeColor: "#0d5a5e",
  width: "device-width",
  initialScale: 1,
};

/**
 * The document every area shares: the store's root layout (app/[locale]) and the English-only admin and
 * partner root layouts. The browser gets only the messages every page's client components read; the account
 * and sign-in layouts add their own.
 */
export async function SiteShell({
  locale,
  languages = true,
  children,
}: {
  locale: Locale;
  /** False for the English-only admin and partner areas: no language links there. */
  languages?: boolean;
  children: React.ReactNode;
}) {
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "site" });
  return (
    <html lang={locale}>
      <body className="flex min-h-dvh flex-col">
        <NextIntlClientProvider locale={locale} messages={pageClientMessages(locale)}>
          <AuthProvider>
            <a
              href="#main"
              className="sr-only z-50 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white focus:not-sr-only focus:absolute focus:top-3 focus:left-3"
            >
              {t("skipLink")}
            </a>
            <SiteHeader />
            {/* The one <main> landmark of every page; pages render their content straight into it. */}
            <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
              {children}
            </main>
            <SiteFooter languages={languages} />
          </AuthProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
