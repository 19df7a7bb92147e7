// GET /faq — the shop's policy text (default, or the operator's own file).
import type { Metadata } from "next";
import { connection } from "next/server";
import { PolicyPage } from "@/components/site/policy-page";
import { shopIdentity } from "@/lib/shop/identity";
import { getPolicy, POLICY_TITLES } from "@/lib/shop/policies";

export const metadata: Metadata = {
  title: POLICY_TITLES["faq"],
  description:
    "Answers to common questions about travel eSIMs: compatible phones, delivery, when a plan starts, top-ups, refunds and receipts.",
  alternates: { canonical: "/faq" },
};

export default async function Page() {
  // Per request: the text and the identity come from the running server's configuration, not the build's.
  await connection();
  return <PolicyPage policy={await getPolicy("faq")} shop={shopIdentity()} />;
}
