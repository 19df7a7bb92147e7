// Helpers for scripts that run the production app and the sandbox as child processes (e2e, bench).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function waitFor(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (child && child.exitCode !== null) throw new Error(`process for ${url} exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface Stack {
  appUrl: string;
  sandboxUrl: string;
  app: ChildProcess;
  sandbox: ChildProcess;
  stop: () => Promise<void>;
}

/**
 * The production build (`next start`) plus a private sandbox, each on a free port with fresh state.
 * `databaseUrl` unset means a fresh file-backed PGlite in a temp dir.
 */
export async function startStack(
  options: {
    databaseUrl?: string;
    sandboxEnv?: Record<string, string>;
    appEnv?: Record<string, string>;
    quiet?: boolean;
  } = {},
): Promise<Stack> {
  const [sandboxPort, appPort] = [await freePort(), await freePort()];
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const appUrl = `http://127.0.0.1:${appPort}`;
  const dataDir = tempDir("tern-stack-");
  const stdio = options.quiet ? (["ignore", "ignore", "inherit"] as const) : ("inherit" as const);
  const sandbox = spawn(process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
    stdio: stdio as never,
    env: {
      ...process.env,
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_DATA_DIR: path.join(dataDir, "sandbox"),
      SANDBOX_STRIPE_WEBHOOK_URL: `${appUrl}/api/webhooks/stripe`,
      SANDBOX_STRIPE_ISSUING_AUTH_URL: `${appUrl}/api/webhooks/stripe-issuing`,
      SANDBOX_ESIM_GO_CALLBACK_URL: `${appUrl}/api/webhooks/esim-go`,
      SANDBOX_ZENDIT_WEBHOOK_URL: `${appUrl}/api/webhooks/zendit`,
      ...options.sandboxEnv,
    },
  });
  await waitFor(`${sandboxUrl}/_sandbox/config`, 15_000, sandbox);

  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    APP_URL: appUrl,
    SANDBOX_URL: sandboxUrl,
    DATA_DIR: path.join(dataDir, "app"),
    ...options.appEnv,
  };
  delete appEnv.DATABASE_URL;
  if (options.databaseUrl) appEnv.DATABASE_URL = options.databaseUrl;
  const app = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(appPort), "-H", "127.0.0.1"],
    { stdio: stdio as never, env: appEnv },
  );
  try {
    await waitFor(`${appUrl}/api/health`, 120_000, app);
  } catch (err) {
    sandbox.kill("SIGTERM");
    app.kill("SIGTERM");
    throw err;
  }

  const stopOne = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    });
  return {
    appUrl,
    sandboxUrl,
    app,
    sandbox,
    stop: async () => {
      await Promise.all([stopOne(app), stopOne(sandbox)]);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}
