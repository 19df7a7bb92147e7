// Zendit top-ups against the sandbox: a purchase naming an eSIM's iccid adds a plan to that same eSIM (queued
// behind the running one, no new profile), and the adapter says which offers can be added.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "@/test/sandbox";
import type { PurchaseInput, PurchaseResult } from "@/lib/providers/types";
import { createZenditClient } from "./client";
import { createZenditProvider } from "./provider";
import { transactionIdFor } from "./transaction-ids";
import { usage } from "./catalogue";

let sb: TestSandbox;
const client = () => createZenditClient({ baseUrl: `${sb.url}/zendit/v1`, apiKey: "zendit_sandbox_key" });

beforeAll(async () => {
  sb = await startTestSandbox({ zendit: { stepDelayMs: 20 } });
  await sb.control("POST", "/zendit/balance", { availableBalance: 1_000_000 });
});
afterAll(async () => {
  await sb?.close();
});

let seq = 0;
async function buy(bundleName: string, topupIccid?: string) {
  const provider = createZenditProvider({ client: client() });
  const i: PurchaseInput = {
    orderId: `ord_TOPUP${Date.now().toString(36).toUpperCase()}${++seq}`,
    attempt: 1,
    bundleName,
    ...(topupIccid ? { topupIccid } : {}),
  };
  await provider.startPurchase(i);
  for (let n = 0; n < 200; n++) {
    const r = await provider.checkPurchase({ ...i, reference: transactionIdFor(i.orderId, 1) });
    if (r.state !== "pending") return r as Extract<PurchaseResult, { state: "completed" }>;
    await new Promise((res) => setTimeout(res, 20));
  }
  throw new Error("purchase never finished");
}

describe("Zendit top-ups", () => {
  it("adds a plan to the same eSIM: same iccid and install details, the new plan queued behind the first", async () => {
    const first = await buy("ESIM-JP-7D-1GB");
    const iccid = first.esims[0]!.iccid;
    const provider = createZenditProvider({ client: client() });
    expect(await provider.topUpCompatible!(iccid, "ESIM-JP-30D-5GB")).toBe(true);

    const topup = await buy("ESIM-JP-30D-5GB", iccid);
    expect(topup.state).toBe("completed");
    expect(topup.esims).toEqual(first.esims);
    const plans = await usage(iccid, client());
    expect(plans.map((p) => [p.name, p.state])).toEqual([
      ["ESIM-JP-7D-1GB", "active"],
      ["ESIM-JP-30D-5GB", "queued"],
    ]);
  });

  it("says no for an eSIM Zendit does not know, or an offer it does not sell", async () => {
    const provider = createZenditProvider({ client: client() });
    const { esims } = await buy("ESIM-JP-7D-1GB");
    await expect(provider.topUpCompatible!("8988200000000000000", "ESIM-JP-7D-1GB")).rejects.toThrow();
    await expect(provider.topUpCompatible!(esims[0]!.iccid, "ESIM-XX-1D-1GB")).rejects.toThrow();
  });
});
