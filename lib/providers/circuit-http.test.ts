// The circuit in the provider HTTP client, against the sandbox: repeated 500s open it, then calls fail fast
// without reaching the provider, and after the open period one probe closes it again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "@/test/sandbox";
import { resetEnvCache, env } from "@/lib/env";
import { ProviderError, requestJson, type HttpClientConfig } from "./http";
import { providerCircuit } from "./circuit";

let sandbox: TestSandbox;
let config: HttpClientConfig;

beforeAll(async () => {
  process.env.CIRCUIT_FAILURE_THRESHOLD = "3";
  process.env.CIRCUIT_OPEN_MS = "1500";
  sandbox = await startTestSandbox();
  resetEnvCache();
  config = {
    provider: "zendit",
    baseUrl: env().zendit.baseUrl,
    headers: { authorization: `Bearer ${env().zendit.apiKey}` },
    timeoutMs: 5000,
    errorMessage: () => undefined,
  };
});
afterAll(async () => {
  delete process.env.CIRCUIT_FAILURE_THRESHOLD;
  delete process.env.CIRCUIT_OPEN_MS;
  resetEnvCache();
  await sandbox?.close();
});

describe("provider circuit in the HTTP client", () => {
  it("stops calling a failing provider, keeps the error retryable, and probes after the pause", async () => {
    await sandbox.control("POST", "/faults", { service: "zendit", status: 503, times: 10 });
    for (let i = 0; i < 3; i++) {
      const err = await requestJson(config, "/balance").catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: "http", status: 503 });
    }
    expect(providerCircuit("zendit").snapshot().state).toBe("open");
    const fast = await requestJson(config, "/balance").catch((e: unknown) => e);
    expect(fast).toBeInstanceOf(ProviderError);
    // Never sent: safe to retry, and not an unknown outcome to be looked up.
    expect(fast).toMatchObject({ kind: "network", outcomeUnknown: false });
    expect((fast as Error).message).toMatch(/circuit is open/);
    const { faults } = await sandbox.control<{ faults: { hits: number }[] }>("GET", "/faults");
    expect(faults[0]!.hits).toBe(3);

    await sandbox.control("DELETE", "/faults");
    await new Promise((r) => setTimeout(r, 1600));
    await expect(requestJson(config, "/balance")).resolves.toBeDefined();
    expect(providerCircuit("zendit").snapshot().state).toBe("closed");
  });

  it("a 4xx about our request never opens it", async () => {
    await sandbox.control("POST", "/faults", { service: "zendit", status: 400, times: 6 });
    for (let i = 0; i < 6; i++) await expect(requestJson(config, "/balance")).rejects.toMatchObject({ status: 400 });
    expect(providerCircuit("zendit").snapshot().state).toBe("closed");
  });
});
