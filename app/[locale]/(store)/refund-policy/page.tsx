// GET /refund-policy — the shop's policy text (default, or the operator's own file).
import type { Metadata } from "next";
import { connection } from "next/server";
import { PolicyPage } from "@/components/site/policy-page";
import { shopIdentity } from "@/lib/shop/identity";
import { getPolicy, POLICY_TITLES } from "@/lib/shop/policies";

export const metadata: Metadata = {
  title: POLICY_TITLES["refund-policy"],
  description:
    "When you get your money back: automatic refunds for eSIMs we cannot deliver, and full refunds for eSIMs you have not installed.",
  alternates: { canonical: "/refund-policy" },
};

export default async function Page() {
  // Per request: the text and the identity come from the running server's configuration, not the build's.
  await connection();
  return <PolicyPage policy={await getPolicy("refund-policy")} shop={shopIdentity()} />;
}
