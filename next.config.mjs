// Plain JavaScript, not next.config.ts: a TypeScript config makes `next start` load the SWC compiler
// (a 100 MB native module) into every production server just to read this file.

import createNextIntlPlugin from "next-intl/plugin";

// The headers that never vary; proxy.ts adds CSP and Referrer-Policy per route (lib/http/security-headers.ts).
const constantHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  ...(process.env.NODE_ENV === "production"
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : []),
];

/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite ships a WASM build and postgres-js uses Node sockets: keep both out of the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  env: {
    // Inlined at build time: a build made without Clerk keys drops Clerk's client code from every page
    // (Clerk's publishable key is itself build-time, so a build cannot turn Clerk on later anyway).
    TERN_CLERK_IN_BUILD: process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY ? "1" : "0",
  },
  experimental: {
    // The stylesheet (Tailwind, ~9 kB gzip) goes into the HTML instead of a render-blocking <link>: the first
    // paint no longer waits for a second request, which on a phone's first visit is most of LCP. A returning
    // visitor re-reads those bytes with each page instead of from cache; for a shop most visits are first.
    inlineCss: true,
    // Server Action bodies (sign-in, lost link, top-up forms) are a few hundred bytes.
    serverActions: { bodySizeLimit: "64kb" },
    // Next copies a request body for proxy.ts into memory (10 MB by default) before the route reads it; no
    // route that the proxy matches takes more than this (webhooks, which do, are outside its matcher).
    proxyClientMaxBodySize: "64kb",
  },
  // English pages keep their unprefixed URLs: /x is the page at app/[locale]/x with locale "en". After the
  // files, so /admin, /partner, /docs and static files are found first; the proxy (next-intl) has already
  // redirected visitors who asked for another language.
  async rewrites() {
    return {
      afterFiles: [
        { source: "/", destination: "/en" },
        { source: "/:path((?!(?:en|de|es|api|admin|partner|docs|_next)(?:/|$)).+)", destination: "/en/:path" },
      ],
    };
  },
  async headers() {
    return [{ source: "/:path*", headers: constantHeaders }];
  },
};

export default createNextIntlPlugin("./lib/i18n/request.ts")(nextConfig);
