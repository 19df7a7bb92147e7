// Test support: start a private sandbox on a free port with its own state directory, and point this
// process's configuration at it. Tests meet the sandbox over HTTP only, like the app does.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startSandbox, type RunningSandbox, type SandboxOverrides } from "@/sandbox/server";
import { resetEnvCache } from "@/lib/env";

export interface TestSandbox extends RunningSandbox {
  /** POST/GET the control API. */
  control: <T = unknown>(method: "GET" | "POST" | "DELETE", route: string, body?: unknown) => Promise<T>;
}

export async function startTestSandbox(overrides: SandboxOverrides = {}): Promise<TestSandbox> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tern-sandbox-"));
  const sandbox = await startSandbox({
    port: 0,
    dataDir,
    ...overrides,
    esimGo: { rateLimit: false, ...overrides.esimGo },
  });
  process.env.SANDBOX_URL = sandbox.url;
  resetEnvCache();
  const control: TestSandbox["control"] = async (method, route, body) => {
    const res = await fetch(`${sandbox.url}/_sandbox${route}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox control ${method} ${route} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as never;
  };
  return {
    ...sandbox,
    control,
    close: async () => {
      await sandbox.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
