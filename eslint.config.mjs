import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

// Import patterns per floor of lib/ ("@/lib/x" and everything below it).
const under = (...rooms) => rooms.flatMap((r) => [`@/lib/${r}`, `@/lib/${r}/**`]);
const ADAPTERS = {
  group: ["@/lib/providers/*/*", "!@/lib/providers/types"],
  message: "Reach a provider through the port: providerFor() from @/lib/providers.",
};
const PROVIDERS = { group: under("providers"), message: "Core stands on nothing above it." };
const DOMAIN_ROOMS = [
  "fulfilment",
  "payments",
  "funding",
  "stock",
  "catalogue",
  "orders",
  "accounts",
  "usage",
  "auth",
  "purchases",
  "promotions",
  "devices",
  "currency",
];
const DOMAIN_FOLDERS = DOMAIN_ROOMS.map((r) => `lib/${r}/**`);
const DOMAINS = { group: under(...DOMAIN_ROOMS), message: "This floor knows no shop rules: domains sit above it." };
const CHANNELS = {
  group: under("admin", "partners"),
  message: "The shop never knows who operates or resells it: raise an event (a job) the channel handles.",
};
const PLATFORM = { group: under("delivery", "audit", "jobs"), message: "Core stands on nothing above it." };
// The port may use platform machinery (parsing an LPA), never the audit log or the job queue's business.
const PLATFORM_BUSINESS = { group: under("audit", "jobs"), message: "Adapters know wire formats only." };
const COMPOSITION = {
  group: ["@/lib/cron", "@/lib/server-start", "@/lib/composition"],
  message: "Wiring happens once, at the top: nothing below the composition root imports it.",
};
// lib/shop/ (the operator's identity and policy texts, read from env) and lib/i18n/ (locales, messages) are
// configuration, so they stand on core.
const CORE = [
  "lib/env/**",
  "lib/db/**",
  "lib/format.ts",
  "lib/tokens.ts",
  "lib/observability/**",
  "lib/http/**",
  "lib/shop/**",
  "lib/i18n/**",
];
const HOUSE = [
  { group: ["@/sandbox", "@/sandbox/*", "**/sandbox/*"], message: "The app meets the sandbox over HTTP only." },
  { group: ["@/test", "@/test/*", "**/test/*"], message: "Test support is for tests only." },
];
const restrictImports = (files, groups) => ({
  files,
  ignores: ["**/*.test.ts", "**/*.test.tsx", "lib/db/testing.ts"],
  rules: { "no-restricted-imports": ["error", { patterns: [...HOUSE, ...groups] }] },
});

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
    // One validated config: app code reads settings through lib/env/ only.
    files: ["app/**", "components/**", "lib/**", "proxy.ts"],
    ignores: ["lib/env/**", "**/*.test.ts", "**/testing.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through env() from lib/env." },
      ],
    },
  },
  // The floors of lib/. Each block repeats the house-wide patterns because a
  // later no-restricted-imports replaces an earlier one for the same file rather than adding to it.
  restrictImports(["app/**", "components/**", "lib/**", "proxy.ts", "instrumentation.ts"], [ADAPTERS]),
  // Adapters import their own clients; the port and the registry reach them. None of them knows the shop.
  restrictImports(["lib/providers/**"], [DOMAINS, CHANNELS, PLATFORM_BUSINESS, COMPOSITION]),
  // Core stands on nothing above it.
  restrictImports(CORE, [ADAPTERS, PROVIDERS, DOMAINS, CHANNELS, PLATFORM, COMPOSITION]),
  // The platform knows no business.
  restrictImports(["lib/delivery/**", "lib/audit/**", "lib/jobs/**"], [ADAPTERS, DOMAINS, CHANNELS, COMPOSITION]),
  // The shop never knows who operates or resells it: it raises events (jobs) that the channels handle.
  restrictImports(DOMAIN_FOLDERS, [ADAPTERS, CHANNELS, COMPOSITION]),
  restrictImports(["lib/admin/**", "lib/partners/**"], [ADAPTERS, COMPOSITION]),
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
