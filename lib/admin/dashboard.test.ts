// The dashboard's wholesale balances come from each provider in use, in minor units, with the low-balance
// warning: eSIM Go's organisation balance and Zendit's wallet, read through the sandbox.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { startHarness, type Harness } from "@/test/harness";
import { wholesaleBalances } from "./dashboard";

describe("wholesale balances", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("pglite");
  }, 60_000);
  afterAll(async () => {
    delete process.env.ESIM_PROVIDERS;
    resetEnvCache();
    await h?.close();
  });

  it("shows eSIM Go and Zendit, warns when one is below ADMIN_LOW_BALANCE_MINOR, and shows an error as low", async () => {
    await h.sandbox.control("POST", "/esim-go/balance", { balance: 812.5 });
    await h.sandbox.control("POST", "/zendit/balance", { availableBalance: 1234 });
    expect(await wholesaleBalances()).toEqual([
      { provider: "esim-go", balanceMinor: 81_250, currency: "USD", low: false, funding: "manual" },
      { provider: "zendit", balanceMinor: 1234, currency: "USD", low: true, funding: "issuing" },
    ]);

    await h.sandbox.control("POST", "/faults", { service: "zendit", route: "GET /balance", status: 503, times: 5 });
    const [, zendit] = await wholesaleBalances();
    await h.sandbox.control("DELETE", "/faults");
    expect(zendit).toMatchObject({ provider: "zendit", balanceMinor: null, low: true });
    expect(zendit!.error).toMatch(/503/);

    // A shop that does not sell through Zendit (and has no Zendit key) shows eSIM Go alone.
    process.env.ESIM_PROVIDERS = "esim-go";
    resetEnvCache();
    expect((await wholesaleBalances()).map((b) => b.provider)).toEqual(["esim-go"]);
  });
});
