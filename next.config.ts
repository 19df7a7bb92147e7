import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships a WASM build and postgres-js uses Node sockets: keep both out of the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  env: {
    // Inlined at build time: a build made without Clerk keys drops Clerk's client code from every page
    // (Clerk's publishable key is itself build-time, so a build cannot turn Clerk on later anyway).
    TERN_CLERK_IN_BUILD: process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY ? "1" : "0",
  },
};

export default nextConfig;
