// /sign-in/confirm?token=… — where the emailed sign-in link lands. Opening it changes nothing (mail scanners
// open links too); the button posts the token to /api/auth/callback, which signs in.
import type { Metadata } from "next";
import { Link } from "@/lib/i18n/navigation";
import { getDb } from "@/lib/db";
import { peekSignInLink } from "@/lib/auth/email-link";

export const metadata: Metadata = {
  title: "Sign in",
  robots: { index: false, follow: false },
  // The token is in this URL.
  referrer: "no-referrer",
};

export default async function ConfirmSignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  const valid = typeof token === "string" ? await peekSignInLink(await getDb(), token) : null;
  return (
    <div className="container-page flex justify-center py-12 sm:py-16">
      <div className="w-full max-w-md">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Sign in</h1>
        {valid && typeof token === "string" ? (
          <form action="/api/auth/callback" method="post" className="card mt-6 space-y-4 p-6">
            <p className="text-slate-700">
              Continue as <span className="font-medium text-slate-900">{valid.email}</span>.
            </p>
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="btn-primary w-full">
              Sign in
            </button>
          </form>
        ) : (
          <div role="alert" className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900">
            <p>That sign-in link has expired or was already used.</p>
            <p className="mt-2">
              <Link href="/sign-in" className="font-medium underline underline-offset-2">
                Get a new link
              </Link>
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
