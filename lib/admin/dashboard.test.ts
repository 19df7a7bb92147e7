// The dashboard's wholesale balances come from each provider in use, in minor units, with the low-balance
// warning: eSIM Go's organisation balance and Zendit's wallet, read through the sandbox; and during an outage,
// the open circuit and the paid orders it holds back.
import { afterAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { deliverEvent, drain, paidOrder, useHarness } from "@/test/harness";
import { providerStatuses, wholesaleBalances } from "./dashboard";

describe("wholesale balances", () => {
  const h = useHarness("pglite", { reset: false });
  afterAll(async () => {
    delete process.env.ESIM_PROVIDERS;
    resetEnvCache();
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

  it("shows a provider that stopped answering: its circuit open and the paid orders waiting for it", async () => {
    const before = await providerStatuses(h.db, ["esim-go"]);
    expect(before[0]).toMatchObject({ provider: "esim-go", waiting: 0 });
    expect(before[0]!.circuit?.state ?? "closed").toBe("closed");

    await h.sandbox.control("POST", "/faults", { service: "esim-go", status: 503, times: 100 });
    try {
      const { event } = await paidOrder(h);
      await deliverEvent(event);
      await drain(h.db, { maxRounds: 8 });
      const [during] = await providerStatuses(h.db, ["esim-go"]);
      expect(during).toMatchObject({
        provider: "esim-go",
        waiting: 1,
        circuit: { state: expect.stringMatching(/open/) },
      });
      expect(during!.circuit!.openedAt).toBeInstanceOf(Date);
      expect(during!.oldestWaitingSeconds).toBeGreaterThanOrEqual(0);
    } finally {
      await h.sandbox.control("DELETE", "/faults");
    }
  });
});
