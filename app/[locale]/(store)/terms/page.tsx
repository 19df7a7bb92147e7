// GET /terms — the shop's policy text (default, or the operator's own file).
import type { Metadata } from "next";
import { connection } from "next/server";
import { PolicyPage } from "@/components/site/policy-page";
import { shopIdentity } from "@/lib/shop/identity";
import { getPolicy, POLICY_TITLES } from "@/lib/shop/policies";

export const metadata: Metadata = {
  title: POLICY_TITLES["terms"],
  description:
    "The terms on which we sell prepaid travel eSIM data plans: delivery, installation, payment and your rights.",
  alternates: { canonical: "/terms" },
};

export default async function Page() {
  // Per request: the text and the identity come from the running server's configuration, not the build's.
  await connection();
  return <PolicyPage policy={await getPolicy("terms")} shop={shopIdentity()} />;
}
