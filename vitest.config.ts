import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", ".data/**", "e2e/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration suites start their own sandbox on a free port; files run in parallel processes.
    pool: "forks",
    globalSetup: [],
    // What the server wires at start-up (providers with wallet funding), wired for every test file too.
    setupFiles: ["test/wiring.ts"],
    // next-intl's ESM imports "next/server" without an extension, which only a bundler resolves: let Vite do it.
    server: { deps: { inline: ["next-intl"] } },
  },
});
