import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships a WASM build and postgres-js uses Node sockets: keep both out of the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
};

export default nextConfig;
