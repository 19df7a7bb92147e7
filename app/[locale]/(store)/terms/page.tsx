// GET /terms — the shop's policy text in the page's language (the default, or the operator's own file).
import type { Metadata } from "next";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { pageLocale } from "@/lib/i18n/server";
import { pageMetadata } from "@/lib/i18n/alternates";
import { PolicyPage } from "@/components/site/policy-page";
import { shopIdentity } from "@/lib/shop/identity";
import { getPolicy } from "@/lib/shop/policies";

type Params = Promise<{ locale: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: "store.policies.terms" });
  return pageMetadata("/terms", locale, { title: t("title"), description: t("description") });
}

export default async function Page({ params }: { params: Params }) {
  const locale = await pageLocale(params);
  // Per request: the text and the identity come from the running server's configuration, not the build's.
  await connection();
  return <PolicyPage policy={await getPolicy("terms", locale)} shop={shopIdentity()} locale={locale} />;
}
