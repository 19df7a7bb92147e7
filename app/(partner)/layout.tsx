import type { Metadata } from "next";
import { setRequestLocale } from "next-intl/server";
import { env } from "@/lib/env";
import { SiteShell } from "@/components/site/site-shell";
import "../globals.css";

// The partner portal and the API docs: a root layout of its own, outside the [locale] segment, in English only.
export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(env().appUrl),
    applicationName: "Tern",
    formatDetection: { telephone: false },
  };
}

export { viewport } from "@/components/site/site-shell";

export default function PartnerRootLayout({ children }: { children: React.ReactNode }) {
  setRequestLocale("en");
  return (
    <SiteShell locale="en" languages={false}>
      {children}
    </SiteShell>
  );
}
