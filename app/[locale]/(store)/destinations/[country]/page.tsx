import type { Metadata } from "next";
import { pageLocale } from "@/lib/i18n/server";
import { DestinationPlans } from "@/components/catalogue/destination-plans";
import { destinationMetadata, loadDestination, UNFILTERED } from "./destination-data";

interface Props {
  params: Promise<{ locale: string; country: string }>;
}

// A destination's plain page is static: rendered on first visit (nothing at build time — the build has no
// catalogue), cached, and revalidated by the catalogue sync through the "catalogue" tag of its reads. It
// never reads the query string — that would make every visit a fresh render — so the filter form submits
// to the filtered view at ./plans instead.
//
// No loading.tsx here or anywhere in the shop's browsing pages, on purpose: Next renders a loading.tsx as a
// Suspense fallback into the HTML — the cached ISR HTML too — and swaps the real content in with an inline
// script. Without JavaScript a visitor would see the skeleton and nothing else, and a notFound() or
// redirect() after the fallback has streamed can no longer set the 404/307 status.
export const revalidate = 3600;
export async function generateStaticParams(): Promise<{ country: string }[]> {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  return destinationMetadata((await params).country, { filtered: false, locale });
}

export default async function DestinationPage({ params }: Props) {
  await pageLocale(params);
  return <DestinationPlans {...await loadDestination((await params).country, UNFILTERED)} />;
}
