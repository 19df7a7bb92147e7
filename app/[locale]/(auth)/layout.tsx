import { NextIntlClientProvider } from "next-intl";
import { authClientMessages } from "@/lib/i18n/client-messages";
import { pageLocale } from "@/lib/i18n/server";

// The sign-in form's messages, here rather than on every page of the shop.
export default async function AuthLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const locale = await pageLocale(params);
  return (
    <NextIntlClientProvider locale={locale} messages={authClientMessages(locale)}>
      {children}
    </NextIntlClientProvider>
  );
}
