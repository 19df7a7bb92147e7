// `npm run sandbox` — run the stand-in services on SANDBOX_PORT (default 4010).
import { startSandbox } from "./server";

const started = Date.now();
const sandbox = await startSandbox();
console.log(
  `[sandbox] Stripe, eSIM Go, Zendit, Supabase Storage and Resend on ${sandbox.url} (ready in ${Date.now() - started} ms)`,
);
console.log(`[sandbox] inbox: ${sandbox.url}/inbox`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void sandbox.close().finally(() => process.exit(0));
  });
}
