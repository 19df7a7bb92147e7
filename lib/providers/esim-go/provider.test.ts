// Finding an attempt whose answer was lost in eSIM Go's own order list: which order is ours, and when a
// person must decide. The client is a fake with GET /orders only, so each case states the list it sees.
import { describe, expect, it } from "vitest";
import type { EsimGoClient, EsimGoOrder } from "./client";
import { createEsimGoProvider } from "./provider";

const BUNDLE = "esim_1GB_7D_JP_V2";
const STARTED = new Date("2026-12-01T10:00:00Z");
const FINISHED = new Date("2026-12-01T10:00:20Z");

function order(reference: string, secondsAfterStart: number, over: Partial<EsimGoOrder["order"][0]> = {}): EsimGoOrder {
  return {
    orderReference: reference,
    status: "completed",
    total: 4.2,
    currency: "USD",
    createdDate: new Date(STARTED.getTime() + secondsAfterStart * 1000).toISOString(),
    order: [
      {
        type: "bundle",
        item: BUNDLE,
        quantity: 1,
        subTotal: 4.2,
        pricePerUnit: 4.2,
        esims: [{ iccid: `8944${reference.replace(/\D/g, "").padEnd(15, "0")}`, matchingId: "M", smdpAddress: "s" }],
        ...over,
      },
    ],
  };
}

/** A provider over a fixed order list, recording the pages it asked for. */
function providerOver(orders: EsimGoOrder[]) {
  const pages: number[] = [];
  const client = {
    async listOrders({ page = 1, limit = 100 }: { page?: number; limit?: number }) {
      pages.push(page);
      return orders.slice((page - 1) * limit, page * limit);
    },
  } as unknown as EsimGoClient;
  return { provider: createEsimGoProvider(client), pages };
}

const attempt = (linked: string[] = [], topupIccid?: string) => ({
  orderId: "ord_A",
  attempt: 1,
  bundleName: BUNDLE,
  topupIccid,
  startedAt: STARTED,
  finishedAt: FINISHED,
  alreadyLinked: async (refs: string[]) => new Set(refs.filter((r) => linked.includes(r))),
});

describe("eSIM Go: finding an unanswered attempt in GET /orders", () => {
  it("takes the oldest of several unlinked orders of the bundle: each is a fresh eSIM that serves the attempt", async () => {
    const { provider } = providerOver([order("ref-3", 9), order("ref-1", 2), order("ref-2", 5)]);
    const found = await provider.findUnknownAttempt(attempt());
    expect(found).toMatchObject({ kind: "found", reference: "ref-1", result: { state: "completed" } });
  });

  it("skips orders already linked to one of our attempts, and says none when every candidate is taken", async () => {
    const { provider } = providerOver([order("ref-1", 2), order("ref-2", 5)]);
    expect(await provider.findUnknownAttempt(attempt(["ref-1"]))).toMatchObject({ kind: "found", reference: "ref-2" });
    expect(await provider.findUnknownAttempt(attempt(["ref-1", "ref-2"]))).toEqual({ kind: "none" });
  });

  it("ignores other bundles, several eSIMs in one line, and orders outside the attempt's window", async () => {
    const { provider } = providerOver([
      order("other-bundle", 3, { item: "esim_1GB_7D_FR_V2" }),
      order("two-esims", 3, { quantity: 2 }),
      order("too-early", -60),
      order("too-late", 20 + 120),
    ]);
    expect(await provider.findUnknownAttempt(attempt())).toEqual({ kind: "none" });
  });

  it("hands a top-up with several candidates on the same eSIM to a person rather than pick one", async () => {
    const iccid = "8944000000000000001";
    const onEsim = (ref: string, s: number) => order(ref, s, { iccids: [iccid], esims: undefined });
    const { provider } = providerOver([onEsim("top-1", 2), onEsim("top-2", 4), order("new-esim", 3)]);
    expect(await provider.findUnknownAttempt(attempt([], iccid))).toEqual({
      kind: "ambiguous",
      candidates: ["top-1", "top-2"],
    });
    expect(await provider.findUnknownAttempt(attempt(["top-1"], iccid))).toMatchObject({
      kind: "found",
      reference: "top-2",
    });
  });

  it("reads every page of the window until a short one, and finds an order on a later page", async () => {
    const others = Array.from({ length: 150 }, (_, i) => order(`fr-${i}`, 1, { item: "esim_1GB_7D_FR_V2" }));
    const { provider, pages } = providerOver([...others, order("mine", 6)]);
    expect(await provider.findUnknownAttempt(attempt())).toMatchObject({ kind: "found", reference: "mine" });
    expect(pages).toEqual([1, 2]);
  });
});
