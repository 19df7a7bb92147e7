import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  prettier,
  globalIgnores([
    ".next/**",
    ".data/**",
    "node_modules/**",
    "next-env.d.ts",
    "drizzle/**",
    "bench-results/**",
    "test-results/**",
    "playwright-report/**",
  ]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // One validated config: app code reads settings through lib/env.ts only.
    files: ["app/**", "components/**", "lib/**", "proxy.ts"],
    ignores: ["lib/env.ts", "**/*.test.ts", "**/testing.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through env() from lib/env.ts." },
      ],
    },
  },
  {
    // The app and the sandbox meet over HTTP only; test support stays out of production code; outside
    // lib/providers/ a provider is reached through the port (lib/providers, lib/providers/types).
    files: ["app/**", "components/**", "lib/**", "proxy.ts", "instrumentation.ts"],
    // Wallet funding and the Zendit webhook are Zendit's own plumbing; the reconcile compares against a
    // provider's own order list and balance, which no port can make provider-neutral.
    ignores: [
      "**/*.test.ts",
      "**/*.test.tsx",
      "lib/providers/**",
      "lib/funding/**",
      "app/api/webhooks/zendit/**",
      "lib/admin/reconcile/sources.ts",
      "lib/admin/dashboard.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/sandbox", "@/sandbox/*", "**/sandbox/*"],
              message: "The app meets the sandbox over HTTP only.",
            },
            { group: ["@/test", "@/test/*", "**/test/*"], message: "Test support is for tests only." },
            {
              group: ["@/lib/providers/*/*", "!@/lib/providers/types"],
              message: "Reach a provider through the port: providerFor() from @/lib/providers.",
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      "lib/providers/**",
      "lib/funding/**",
      "app/api/webhooks/zendit/**",
      "lib/admin/reconcile/sources.ts",
      "lib/admin/dashboard.ts",
    ],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/sandbox", "@/sandbox/*", "**/sandbox/*"],
              message: "The app meets the sandbox over HTTP only.",
            },
            { group: ["@/test", "@/test/*", "**/test/*"], message: "Test support is for tests only." },
          ],
        },
      ],
    },
  },
  {
    files: ["sandbox/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/lib",
                "@/lib/*",
                "@/app/*",
                "@/components/*",
                "@/test/*",
                "**/lib/*",
                "**/app/*",
                "**/components/*",
              ],
              message: "The sandbox stands in for outside services: it imports nothing from the app.",
            },
          ],
        },
      ],
    },
  },
]);
