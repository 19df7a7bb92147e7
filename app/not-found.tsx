import type { Metadata } from "next";
import Link from "next/link";
import { PlainSearchForm } from "@/components/catalogue/plain-search-form";

export const metadata: Metadata = {
  title: "Page not found",
  robots: { index: false },
};

// Shown for unknown URLs and whenever a page calls notFound() (an unknown country, region or bundle).
// It must stay free of request-time APIs: Next renders it inside every page's tree, cached ones included.
export default function NotFound() {
  return (
    <div className="container-page py-16 sm:py-24">
      <div className="mx-auto max-w-xl text-center">
        <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">404 — not found</p>
        <h1 className="mt-3 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">
          We couldn&apos;t find that page
        </h1>
        <p className="mt-4 text-base leading-relaxed text-slate-600">
          The destination, plan or page you were looking for doesn&apos;t exist or is no longer available. Search for
          where you&apos;re going instead:
        </p>
        <div className="mt-8 text-left">
          <PlainSearchForm inputId="not-found-search" />
        </div>
        <ul className="mt-8 flex flex-wrap justify-center gap-3">
          <li>
            <Link href="/destinations" className="btn-secondary">
              Browse all destinations
            </Link>
          </li>
          <li>
            <Link href="/regions" className="btn-secondary">
              Regional plans
            </Link>
          </li>
          <li>
            <Link href="/" className="btn-secondary">
              Home
            </Link>
          </li>
        </ul>
      </div>
    </div>
  );
}
