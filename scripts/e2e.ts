// `npm run test:e2e` — Playwright in the system Chromium against `next build && next start` plus a private
// sandbox, each with fresh state. Set E2E_SKIP_BUILD=1 to reuse an existing build.
import { run, startStack } from "./lib/processes";

process.env.NEXT_TELEMETRY_DISABLED = "1";
if (process.env.E2E_SKIP_BUILD !== "1") {
  const code = await run(process.execPath, ["node_modules/next/dist/bin/next", "build"]);
  if (code !== 0) process.exit(code);
}

const stack = await startStack({ quiet: process.env.E2E_VERBOSE !== "1" });
let code = 1;
try {
  code = await run(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...process.argv.slice(2)], {
    ...process.env,
    E2E_BASE_URL: stack.appUrl,
    SANDBOX_URL: stack.sandboxUrl,
  });
} finally {
  await stack.stop();
}
process.exit(code);
