// GET /privacy — the shop's policy text (default, or the operator's own file).
import type { Metadata } from "next";
import { connection } from "next/server";
import { PolicyPage } from "@/components/site/policy-page";
import { shopIdentity } from "@/lib/shop/identity";
import { getPolicy, POLICY_TITLES } from "@/lib/shop/policies";

export const metadata: Metadata = {
  title: POLICY_TITLES["privacy"],
  description:
    "What personal data we collect to deliver your eSIM, who processes it (Stripe, our network partners, Supabase, Resend), how long we keep it and your rights.",
  alternates: { canonical: "/privacy" },
};

export default async function Page() {
  // Per request: the text and the identity come from the running server's configuration, not the build's.
  await connection();
  return <PolicyPage policy={await getPolicy("privacy")} shop={shopIdentity()} />;
}
