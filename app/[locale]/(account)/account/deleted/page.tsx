// /account/deleted — where deleting an account lands.
import type { Metadata } from "next";
import { Link } from "@/lib/i18n/navigation";

export const metadata: Metadata = { title: "Account deleted", robots: { index: false } };

export default function AccountDeletedPage() {
  return (
    <div className="container-page max-w-2xl py-14">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Your account has been deleted</h1>
      <p className="mt-4 text-slate-700">
        We&apos;ve erased your email address and signed you out everywhere; the private links to your eSIMs no longer
        work. Your orders and payment records stay, without your name or address, because accounting law requires us to
        keep them — see our{" "}
        <Link href="/privacy" className="text-brand-700 underline">
          privacy policy
        </Link>
        .
      </p>
      <p className="mt-6">
        <Link href="/" className="btn-primary">
          Back to the shop
        </Link>
      </p>
    </div>
  );
}
