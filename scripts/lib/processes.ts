// Helpers for scripts that run the production app and the sandbox as child processes (e2e, bench).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { serverNodeFlags } from "./server-memory";
import { STRIPE_WEBHOOK_EVENTS } from "@/lib/payments/webhook-events";

/**
 * A port free right now, chosen below the kernel's ephemeral range (32768+ on Linux): a port handed out by
 * `listen(0)` is one that any outgoing connection (a database client, a fetch) may take before our server
 * binds it, which made a stack's app fail to start with EADDRINUSE on a busy machine.
 */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
  throw new Error("no free port between 20000 and 32000");
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
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

export interface AppProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the app wrote to stdout and stderr (also kept in `logFile`). */
  output: () => string;
  logFile: string;
}

export interface Stack {
  /** The first instance (most callers need only one). */
  appUrl: string;
  sandboxUrl: string;
  app: ChildProcess;
  sandbox: ChildProcess;
  apps: AppProcess[];
  /** The app's DATA_DIR (PGlite and nothing else when DATABASE_URL is set). */
  appDataDir: string;
  /** Starts another instance on the same database and sandbox (`extraEnv` on top of the stack's). */
  startApp: (extraEnv?: Record<string, string>, options?: { wait?: boolean }) => Promise<AppProcess>;
  /** Kills instance `index` (SIGKILL: no shutdown hooks, mid-request) and waits for it to be gone. */
  kill: (index: number, signal?: NodeJS.Signals) => Promise<void>;
  /** Starts instance `index` again on its port, after a kill. */
  restart: (index: number) => Promise<AppProcess>;
  /** Stops whatever still runs (the sandbox gracefully, as a launcher does) and starts the sandbox and every
   *  instance again on the same ports, data dirs and database: a machine coming back after a crash. */
  restartAll: () => Promise<void>;
  stop: () => Promise<void>;
}

export interface StackOptions {
  databaseUrl?: string;
  sandboxEnv?: Record<string, string>;
  appEnv?: Record<string, string>;
  quiet?: boolean;
  /** How many app instances to start (all on the same database and sandbox); default 1. */
  instances?: number;
}

/**
 * The production build (`next start`) plus a private sandbox, each on a free port with fresh state.
 * `databaseUrl` unset means a fresh file-backed PGlite in a temp dir. The sandbox's webhooks go to the first
 * instance; tests that spread webhooks across instances deliver them themselves.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const [sandboxPort, firstPort] = [await freePort(), await freePort()];
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const firstUrl = `http://127.0.0.1:${firstPort}`;
  const dataDir = tempDir("tern-stack-");
  const appDataDir = path.join(dataDir, "app");
  const stdio = options.quiet ? (["ignore", "ignore", "inherit"] as const) : ("inherit" as const);
  const spawnSandbox = async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
      stdio: stdio as never,
      env: {
        ...process.env,
        SANDBOX_PORT: String(sandboxPort),
        SANDBOX_DATA_DIR: path.join(dataDir, "sandbox"),
        SANDBOX_STRIPE_WEBHOOK_URL: `${firstUrl}/api/webhooks/stripe`,
        SANDBOX_STRIPE_WEBHOOK_EVENTS: STRIPE_WEBHOOK_EVENTS.join(","),
        SANDBOX_STRIPE_ISSUING_AUTH_URL: `${firstUrl}/api/webhooks/stripe-issuing`,
        SANDBOX_ESIM_GO_CALLBACK_URL: `${firstUrl}/api/webhooks/esim-go`,
        SANDBOX_ZENDIT_WEBHOOK_URL: `${firstUrl}/api/webhooks/zendit`,
        ...options.sandboxEnv,
      },
    });
    try {
      // Generous: on a machine busy with builds the sandbox (tsx, its catalogue) can take well over 15 s.
      await waitFor(`${sandboxUrl}/_sandbox/config`, 60_000, child);
    } catch (err) {
      // A sandbox that did not answer in time is still starting: never leave it behind.
      child.kill("SIGKILL");
      throw err;
    }
    return child;
  };
  const sandbox = await spawnSandbox();

  const apps: AppProcess[] = [];
  const baseEnv = (): NodeJS.ProcessEnv => {
    const appEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      SANDBOX_URL: sandboxUrl,
      DATA_DIR: appDataDir,
      // Black-box suites count eSIM Go's ledger, so they sell through eSIM Go alone unless they ask for more
      // (e2e/zendit.spec.ts runs Zendit alone; lib/catalogue and lib/fulfilment routing tests cover both).
      ESIM_PROVIDERS: "esim-go",
      ...options.appEnv,
    };
    delete appEnv.DATABASE_URL;
    if (options.databaseUrl) appEnv.DATABASE_URL = options.databaseUrl;
    return appEnv;
  };

  const spawnApp = async (port: number, extraEnv: Record<string, string> = {}, wait = true): Promise<AppProcess> => {
    const url = `http://127.0.0.1:${port}`;
    const logFile = path.join(dataDir, `app-${port}-${Date.now()}.log`);
    const env: NodeJS.ProcessEnv = { ...baseEnv(), APP_URL: url, ...extraEnv };
    const child = spawn(
      process.execPath,
      [
        ...serverNodeFlags(env.NODE_OPTIONS),
        "node_modules/next/dist/bin/next",
        "start",
        "-p",
        String(port),
        "-H",
        "127.0.0.1",
      ],
      { stdio: ["ignore", "pipe", "pipe"], env },
    );
    // Kept in a file for checks on what the app logged; shown live too unless quiet (stderr always).
    for (const [stream, echo] of [
      [child.stdout!, options.quiet ? null : process.stdout],
      [child.stderr!, process.stderr],
    ] as const) {
      stream.on("data", (chunk: Buffer) => {
        fs.appendFileSync(logFile, chunk);
        echo?.write(chunk);
      });
    }
    fs.writeFileSync(logFile, "");
    const app: AppProcess = { url, port, child, logFile, output: () => fs.readFileSync(logFile, "utf8") };
    if (!options.quiet) {
      child.once("exit", (code, signal) => {
        if (code && code !== 0) process.stderr.write(`[stack] app ${url} exited (${code ?? signal})\n`);
      });
    }
    if (wait) {
      try {
        await waitFor(`${url}/api/health`, 120_000, child);
      } catch (err) {
        child.kill("SIGKILL");
        throw new Error(`${(err as Error).message}\n${app.output().slice(-2000)}`);
      }
    }
    return app;
  };

  const stopOne = (child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill(signal);
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    });

  try {
    apps.push(await spawnApp(firstPort));
    for (let i = 1; i < (options.instances ?? 1); i++) apps.push(await spawnApp(await freePort()));
  } catch (err) {
    sandbox.kill("SIGTERM");
    for (const a of apps) a.child.kill("SIGTERM");
    throw err;
  }

  const stack: Stack = {
    appUrl: firstUrl,
    sandboxUrl,
    app: apps[0]!.child,
    sandbox,
    apps,
    appDataDir,
    startApp: async (extraEnv, startOptions) => {
      const app = await spawnApp(await freePort(), extraEnv, startOptions?.wait ?? true);
      apps.push(app);
      return app;
    },
    kill: (index, signal = "SIGKILL") => stopOne(apps[index]!.child, signal),
    restart: async (index) => {
      const app = await spawnApp(apps[index]!.port);
      apps[index] = app;
      if (index === 0) stack.app = app.child;
      return app;
    },
    restartAll: async () => {
      await Promise.all([...apps.map((a) => stopOne(a.child)), stopOne(stack.sandbox)]);
      stack.sandbox = await spawnSandbox();
      for (let i = 0; i < apps.length; i++) apps[i] = await spawnApp(apps[i]!.port);
      stack.app = apps[0]!.child;
    },
    stop: async () => {
      await Promise.all([...apps.map((a) => stopOne(a.child)), stopOne(stack.sandbox)]);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}

/** A fresh database on the PostgreSQL server at `serverUrl` (migrated by the app on start); dropped by `drop`. */
export async function createThrowawayDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: postgres } = await import("postgres");
  const name = `tern_rel_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    },
  };
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}
