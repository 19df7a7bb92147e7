// `npm run test:e2e` — Playwright in the system Chromium against `next build && next start` plus a private
// sandbox, each with fresh state. Set E2E_SKIP_BUILD=1 to reuse an existing build.
import { run, startStack } from "./lib/processes";

process.env.NEXT_TELEMETRY_DISABLED = "1";
if (process.env.E2E_SKIP_BUILD !== "1") {
  const code = await run(process.execPath, ["node_modules/next/dist/bin/next", "build"]);
  if (code !== 0) process.exit(code);
}

// Sign-in links are limited to 5 per address per 15 minutes: specs that sign an admin in each get their own
// admin address, so the whole suite stays under the limit it also tests.
const E2E_ADMINS = ["stock-admin@tern.test", "promotions-admin@tern.test"];
const E2E_CRON_SECRET = "e2e-cron-secret";
const stack = await startStack({
  quiet: process.env.E2E_VERBOSE !== "1",
  // Four currencies, so e2e/currency.spec.ts buys in yen and pounds; a visitor in en-US still sees dollars.
  appEnv: {
    ADMIN_EMAILS: E2E_ADMINS.join(","),
    SHOP_CURRENCIES: "USD,EUR,GBP,JPY",
    CRON_SECRET: E2E_CRON_SECRET,
    PLAN_HOTSPOT: "esim-go=allowed",
  },
});
let code = 1;
try {
  code = await run(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...process.argv.slice(2)], {
    ...process.env,
    E2E_BASE_URL: stack.appUrl,
    E2E_CRON_SECRET,
    SANDBOX_URL: stack.sandboxUrl,
  });
} finally {
  await stack.stop();
}
process.exit(code);
