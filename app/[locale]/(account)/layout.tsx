import { NextIntlClientProvider } from "next-intl";
import { accountClientMessages } from "@/lib/i18n/client-messages";
import { pageLocale } from "@/lib/i18n/server";

// The account's client components (its forms, controls and error screen) get their messages here, so that
// the store's pages do not carry them.
export default async function AccountLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const locale = await pageLocale(params);
  return (
    <NextIntlClientProvider locale={locale} messages={accountClientMessages(locale)}>
      {children}
    </NextIntlClientProvider>
  );
}
