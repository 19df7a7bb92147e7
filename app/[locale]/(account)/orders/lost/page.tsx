// /orders/lost — request fresh access to your orders by email (rate-limited; reveals nothing).
import type { Metadata } from "next";
import { Link } from "@/lib/i18n/navigation";
import { env } from "@/lib/env";
import { SignInForm } from "@/components/account/sign-in-form";
import { requestOrderLinksAction } from "./actions";

export const metadata: Metadata = { title: "Find your order", robots: { index: false } };

export default function LostOrderLinkPage() {
  return (
    <div className="container-page flex justify-center py-12 sm:py-16">
      <div className="w-full max-w-md">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Lost your order link?</h1>
        {env().clerk.enabled ? (
          <p className="mt-3 text-slate-700">
            <Link href="/sign-in?next=/account" className="font-medium text-brand-700 underline underline-offset-2">
              Sign in or create an account
            </Link>{" "}
            with the email you bought with: every order placed with it appears in your account.
          </p>
        ) : (
          <>
            <p className="mt-2 text-slate-700">
              Enter the email you bought with. We&apos;ll send a link that opens all your orders and eSIMs.
            </p>
            <div className="card mt-6 p-6">
              <SignInForm action={requestOrderLinksAction} next="/account" submitLabel="Email me my orders" />
            </div>
          </>
        )}
      </div>
    </div>
  );
}
