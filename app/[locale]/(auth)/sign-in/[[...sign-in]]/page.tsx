// /sign-in — Clerk's widget when Clerk is configured, otherwise our email-link form.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { env } from "@/lib/env";
import { currentUser } from "@/lib/auth";
import { safeNextPath } from "@/lib/auth/next-path";
import { SignInForm } from "@/components/account/sign-in-form";
import { ClerkSignIn } from "@/components/account/clerk-forms";
import { requestSignInLinkAction } from "../actions";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

const ERRORS: Record<string, string> = {
  "link-invalid": "That sign-in link has expired or was already used. Enter your email for a new one.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const one = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : undefined);
  const next = safeNextPath(one("next"));
  if (await currentUser()) redirect(next);
  const error = ERRORS[one("error") ?? ""];

  return (
    <div className="container-page flex justify-center py-12 sm:py-16">
      <div className="w-full max-w-md">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Sign in</h1>
        <p className="mt-2 text-slate-700">See your eSIMs, install them, check the data left and top up.</p>
        {error ? (
          <p role="alert" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            {error}
          </p>
        ) : null}
        <div className="card mt-6 p-6">
          {env().clerk.enabled ? (
            <ClerkSignIn next={next} />
          ) : (
            <SignInForm action={requestSignInLinkAction} next={next} defaultEmail={one("email")} />
          )}
        </div>
        <p className="mt-4 text-sm text-slate-600">
          No account yet? Signing in creates one, and orders you placed with the same email appear in it.
        </p>
      </div>
    </div>
  );
}
