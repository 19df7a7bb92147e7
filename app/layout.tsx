import type { Metadata, Viewport } from "next";
import { env } from "@/lib/env";
import { SiteHeader } from "@/components/site/site-header";
import { SiteFooter } from "@/components/site/site-footer";
import { AuthProvider } from "@/components/account/auth-provider";
import "./globals.css";

export function generateMetadata(): Metadata {
  return {
    // Relative canonical and Open Graph URLs resolve against the public address of the shop.
    metadataBase: new URL(env().appUrl),
    title: { default: "Tern — eSIM data plans for travellers", template: "%s · Tern" },
    description:
      "Prepaid travel eSIMs for 190+ destinations. Pick a data plan, pay securely with Stripe, and install your eSIM in minutes — no roaming fees.",
    applicationName: "Tern",
    openGraph: { siteName: "Tern", type: "website", locale: "en_US" },
    formatDetection: { telephone: false },
  };
}

export const viewport: Viewport = {
  themeColor: "#0d5a5e",
  width: "device-width",
  initialScale: 1,
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col">
        <AuthProvider>
          <a
            href="#main"
            className="sr-only z-50 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white focus:not-sr-only focus:absolute focus:top-3 focus:left-3"
          >
            Skip to content
          </a>
          <SiteHeader />
          {/* The one <main> landmark of every page; pages render their content straight into it. */}
          <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
            {children}
          </main>
          <SiteFooter />
        </AuthProvider>
      </body>
    </html>
  );
}
