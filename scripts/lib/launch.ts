// Shared by `npm run dev` and `npm start`: bring up the sandbox for every service without keys, then Next.
import { spawn, type ChildProcess } from "node:child_process";
import nextEnv from "@next/env";
import { env, sandboxedServices } from "@/lib/env";
import { STRIPE_WEBHOOK_EVENTS } from "@/lib/payments/webhook-events";
import { serverNodeFlags } from "./server-memory";

// The same .env files Next reads, loaded before we decide which services need the sandbox.
nextEnv.loadEnvConfig(process.cwd(), process.argv.includes("dev") || process.argv[1]?.endsWith("dev.ts"));

export async function sandboxAnswers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/_sandbox/config`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** Where the sandbox should deliver webhooks and callbacks for this app. */
function webhookTargets(appUrl: string) {
  return {
    stripe: {
      webhookUrl: `${appUrl}/api/webhooks/stripe`,
      webhookEvents: [...STRIPE_WEBHOOK_EVENTS],
      issuingAuthorizationUrl: `${appUrl}/api/webhooks/stripe-issuing`,
    },
    esimGo: { callbackUrl: `${appUrl}/api/webhooks/esim-go` },
    zendit: { webhookUrl: `${appUrl}/api/webhooks/zendit` },
  };
}

/**
 * Starts the sandbox as a child process unless one already answers at SANDBOX_URL (then it is reused and
 * pointed at this app). Returns the child, or null when nothing needed starting.
 */
export async function ensureSandbox(): Promise<ChildProcess | null> {
  const e = env();
  const services = sandboxedServices(e);
  if (services.length === 0) return null;
  console.log(`[tern] sandbox mode for: ${services.join(", ")} — no real money moves (${e.sandboxUrl})`);
  const targets = webhookTargets(e.appUrl);

  if (await sandboxAnswers(e.sandboxUrl)) {
    await fetch(`${e.sandboxUrl}/_sandbox/config`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(targets),
    });
    console.log(`[tern] reusing the sandbox already running at ${e.sandboxUrl}`);
    return null;
  }

  const url = new URL(e.sandboxUrl);
  const child = spawn(process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
    stdio: "inherit",
    env: {
      ...process.env,
      SANDBOX_PORT: url.port || "80",
      SANDBOX_HOST: url.hostname,
      SANDBOX_DATA_DIR: `${e.dataDir}/sandbox`,
      SANDBOX_STRIPE_WEBHOOK_URL: targets.stripe.webhookUrl,
      SANDBOX_STRIPE_WEBHOOK_EVENTS: targets.stripe.webhookEvents.join(","),
      SANDBOX_STRIPE_WEBHOOK_SECRET: e.stripe.webhookSecret,
      SANDBOX_STRIPE_ISSUING_AUTH_URL: targets.stripe.issuingAuthorizationUrl,
      SANDBOX_STRIPE_ISSUING_AUTH_SECRET: e.funding.issuing.webhookSecret,
      SANDBOX_ESIM_GO_API_KEY: e.esimGo.apiKey,
      SANDBOX_ESIM_GO_CALLBACK_URL: targets.esimGo.callbackUrl,
      SANDBOX_ZENDIT_WEBHOOK_URL: targets.zendit.webhookUrl,
      SANDBOX_ZENDIT_WEBHOOK_HEADER: e.zendit.webhookHeader,
      SANDBOX_ZENDIT_WEBHOOK_SECRET: e.zendit.webhookSecret,
    },
  });
  const deadline = Date.now() + 15_000;
  while (!(await sandboxAnswers(e.sandboxUrl))) {
    if (child.exitCode !== null) throw new Error(`the sandbox exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`the sandbox did not answer at ${e.sandboxUrl} within 15 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

/** Runs `next <command>` with the sandbox alongside, and stops both together. */
export async function runWithSandbox(nextArgs: string[]): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  process.env.CLERK_TELEMETRY_DISABLED ??= "1";
  const sandbox = await ensureSandbox();
  const port = new URL(env().appUrl).port || "3000";
  const next = spawn(
    process.execPath,
    [
      // Production only: `next dev` compiles in-process and needs the default heap.
      ...(nextArgs[0] === "start" ? serverNodeFlags() : []),
      "node_modules/next/dist/bin/next",
      ...nextArgs,
      "-p",
      process.env.PORT ?? port,
    ],
    {
      stdio: "inherit",
      env: process.env,
    },
  );
  const stop = (code: number) => {
    sandbox?.kill("SIGTERM");
    next.kill("SIGTERM");
    process.exitCode = code;
  };
  process.on("SIGINT", () => stop(130));
  process.on("SIGTERM", () => stop(143));
  next.on("exit", (code) => {
    sandbox?.kill("SIGTERM");
    process.exit(code ?? 0);
  });
  sandbox?.on("exit", (code) => {
    if (next.exitCode === null) {
      console.error(`[tern] the sandbox stopped (code ${code}); stopping the app`);
      next.kill("SIGTERM");
    }
  });
}
