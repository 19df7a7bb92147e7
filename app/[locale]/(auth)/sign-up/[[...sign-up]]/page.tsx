// /sign-up — Clerk's widget when Clerk is configured; with email links, signing in is signing up.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { env } from "@/lib/env";
import { safeNextPath } from "@/lib/auth/next-path";
import { ClerkSignUp } from "@/components/account/clerk-forms";

export const metadata: Metadata = { title: "Create an account", robots: { index: false } };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : undefined);
  if (!env().clerk.enabled) {
    const email = typeof params.email === "string" ? `&email=${encodeURIComponent(params.email)}` : "";
    redirect(`/sign-in?next=${encodeURIComponent(next)}${email}`);
  }
  return (
    <div className="container-page flex justify-center py-12 sm:py-16">
      <div className="w-full max-w-md">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Create an account</h1>
        <div className="card mt-6 p-6">
          <ClerkSignUp next={next} />
        </div>
      </div>
    </div>
  );
}
