// GET /faq — the shop's policy text (default, or the operator's own file).
import type { Metadata } from "next";
import { pageLocale } from "@/lib/i18n/server";
import { pageMetadata } from "@/lib/i18n/alternates";
import { connection } from "next/server";
import { PolicyPage } from "@/components/site/policy-page";
import { shopIdentity } from "@/lib/shop/identity";
import { getPolicy, POLICY_TITLES } from "@/lib/shop/policies";

// Canonical and hreflang per language; the text itself is not translated yet.
export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  return pageMetadata("/faq", await pageLocale(params), {
    title: POLICY_TITLES["faq"],
    description:
      "Answers to common questions about travel eSIMs: compatible phones, delivery, when a plan starts, top-ups, refunds and receipts.",
  });
}

export default async function Page() {
  // Per request: the text and the identity come from the running server's configuration, not the build's.
  await connection();
  return <PolicyPage policy={await getPolicy("faq")} shop={shopIdentity()} />;
}
