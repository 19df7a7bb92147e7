// The sandbox: one HTTP server standing in for Stripe, eSIM Go, Zendit, Supabase Storage and Resend.
// It imports nothing from app/ or lib/; the app meets it only over HTTP, as it meets the real services.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { configFromEnv, type SandboxConfig } from "./config";
import { Faults } from "./core/faults";
import { Router, type Handler } from "./core/router";
import { Store } from "./core/store";
import { registerControl } from "./control";
import { registerServices } from "./services";

export interface SandboxApp {
  config: SandboxConfig;
  store: Store;
  faults: Faults;
  router: Router;
  /** Routes at the root (hosted checkout page, inbox, index). */
  page: (method: string, pattern: string, handler: Handler) => void;
  /** Routes under `/_sandbox` (control API for tests and benchmarks). */
  control: (method: string, pattern: string, handler: Handler) => void;
  /** Called on `POST /_sandbox/reset` after state is wiped (clear timers, caches). */
  onReset: (fn: () => void) => void;
  /** Called when this sandbox closes, so timers stop acting on state a newer instance may own. */
  onClose: (fn: () => void) => void;
}

export interface RunningSandbox {
  url: string;
  port: number;
  app: SandboxApp;
  close: () => Promise<void>;
}

export type SandboxOverrides = Partial<Omit<SandboxConfig, "stripe" | "esimGo" | "zendit">> & {
  stripe?: Partial<SandboxConfig["stripe"]>;
  esimGo?: Partial<SandboxConfig["esimGo"]>;
  zendit?: Partial<SandboxConfig["zendit"]>;
};

export async function startSandbox(overrides: SandboxOverrides = {}): Promise<RunningSandbox> {
  const base = configFromEnv();
  const config: SandboxConfig = {
    ...base,
    ...overrides,
    stripe: { ...base.stripe, ...overrides.stripe },
    esimGo: { ...base.esimGo, ...overrides.esimGo },
    zendit: { ...base.zendit, ...overrides.zendit },
  };
  const store = new Store(config.dataDir);
  const faults = new Faults();
  const router = new Router(faults);
  const resetHooks: (() => void)[] = [];
  const closeHooks: (() => void)[] = [];
  const pages = router.service({ name: "pages", prefix: "" });
  const control = router.service({ name: "control", prefix: "/_sandbox" });
  const app: SandboxApp = {
    config,
    store,
    faults,
    router,
    page: pages.route,
    control: control.route,
    onReset: (fn) => resetHooks.push(fn),
    onClose: (fn) => closeHooks.push(fn),
  };

  registerServices(app);
  registerControl(app, () => {
    faults.clear();
    store.reset();
    for (const fn of resetHooks) fn();
  });

  const server = http.createServer((req, res) => {
    router.handle(req, res).catch((err: unknown) => {
      console.error("[sandbox] handler error", err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { type: "api_error", message: "Sandbox internal error" } }));
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const port = (server.address() as AddressInfo).port;
  config.port = port;
  const url = `http://${config.host}:${port}`;

  return {
    url,
    port,
    app,
    close: async () => {
      // Deliveries still retrying belong to no one now: their state writes are ignored once closed.
      for (const fn of closeHooks) fn();
      store.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
