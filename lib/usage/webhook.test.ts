import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { startTestSandbox, type TestSandbox } from "@/test/sandbox";
import { createTestDatabase, testDbKinds } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db";
import { env } from "@/lib/env";
import { esimCallbacks, orders, usageAlerts } from "@/lib/db/schema";
import { createEsimGoClient } from "@/lib/providers/esim-go/client";
import { createEsimGoProvider } from "@/lib/providers/esim-go/provider";
import { seedOrderWithEsim } from "@/test/accounts";
import { handleEsimGoCallback } from "./webhook";
import { getUsage } from "./store";
import { refreshUsage } from "./refresh";
import { runUsageAlerts } from "./jobs";
import { saveCallbackFigures } from "./store";

interface CallbackRecord {
  iccid: string;
  alertType: string;
  body: string;
  signature: string;
  attempts: { status: number | null }[];
}

const GB = 1_000_000_000;
let n = 0;

describe.each(testDbKinds())("usage callbacks on %s", (kind) => {
  let handle: DbHandle;
  let sandbox: TestSandbox;
  let server: http.Server;
  let callbackUrl: string;
  const followUps: Promise<void>[] = [];

  beforeAll(async () => {
    [handle, sandbox] = await Promise.all([createTestDatabase(kind), startTestSandbox()]);
    // A stand-in for the route: the sandbox delivers signed callbacks here, exactly as eSIM Go would.
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        handleEsimGoCallback(handle.db, raw, (req.headers["x-signature-sha256"] as string) ?? null, env().esimGo.apiKey)
          .then((outcome) => {
            if (outcome.followUp) followUps.push(outcome.followUp());
            res.writeHead(outcome.status, { "content-type": "application/json" }).end(JSON.stringify(outcome.body));
          })
          .catch((err: unknown) => res.writeHead(500).end(String(err)));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    callbackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/esim-go`;
    await sandbox.control("POST", "/config", { esimGo: { callbackUrl } });
  });
  afterAll(async () => {
    await new Promise<void>((r) => server?.close(() => r()));
    await Promise.all([handle?.close(), sandbox?.close()]);
  });

  /** Buys a 1 GB bundle on a new sandbox eSIM and records it as a delivered order of ours. */
  async function issuedEsim() {
    const client = createEsimGoClient(env().esimGo);
    const page = await client.cataloguePage({ page: 1, perPage: 50, countries: "JP" });
    const bundle =
      page.bundles.find((b) => b.dataAmount === 1000 && !b.unlimited) ?? page.bundles.find((b) => !b.unlimited);
    const order = await client.createOrder({
      type: "transaction",
      assign: true,
      order: [{ type: "bundle", quantity: 1, item: bundle!.name }],
    });
    const iccid = order.order[0]!.esims![0]!.iccid;
    const email = `usage.${Date.now().toString(36)}.${n++}@example.com`;
    const seeded = await seedOrderWithEsim(handle.db, { email, iccid, bundle: bundle!.name });
    return { ...seeded, email, bundle: bundle!, initial: (bundle!.dataAmount ?? 1000) * 1_000_000, client };
  }

  async function callbacksFor(iccid: string): Promise<CallbackRecord[]> {
    return (await sandbox.control<{ callbacks: CallbackRecord[] }>("GET", "/esim-go/callbacks")).callbacks.filter(
      (c) => c.iccid === iccid,
    );
  }

  async function settle(iccid: string, count: number) {
    for (let i = 0; i < 100; i++) {
      const cbs = await callbacksFor(iccid);
      if (cbs.length >= count && cbs.every((c) => c.attempts.some((a) => a.status === 200))) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await Promise.all(followUps.splice(0));
  }

  const inbox = (email: string) =>
    sandbox.control<{ subject: string; text: string }[]>("GET", `/emails?to=${encodeURIComponent(email)}`);

  it("stores the figures, marks first use, and sends exactly one 80 % email even when callbacks are delivered twice", async () => {
    const esim = await issuedEsim();
    const used = Math.round(esim.initial * 0.85);
    const { callbacks } = await sandbox.control<{ callbacks: { alertType: string }[] }>(
      "POST",
      `/esim-go/esims/${esim.iccid}/usage`,
      { usedBytes: used },
    );
    expect(callbacks.map((c) => c.alertType)).toContain("FirstUse");
    await settle(esim.iccid, callbacks.length);

    const usage = await getUsage(handle.db, esim.iccid);
    expect(usage).toMatchObject({
      remainingBytes: esim.initial - used,
      initialBytes: esim.initial,
      bundleState: "active",
    });
    expect(usage?.firstUsedAt).toBeInstanceOf(Date);
    expect(usage?.endTime).toBeInstanceOf(Date);
    const [order] = await handle.db.select().from(orders).where(eq(orders.id, esim.orderId));
    expect(order?.status).toBe("installed");

    // eSIM Go retries and redelivers: send every callback again, signed as it was.
    for (const cb of await callbacksFor(esim.iccid)) {
      const res = await fetch(callbackUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "x-signature-sha256": cb.signature },
        body: cb.body,
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ duplicate: true });
    }
    await Promise.all(followUps.splice(0));

    const mails = await inbox(esim.email);
    expect(mails.filter((m) => /80 %/.test(m.subject))).toHaveLength(1);
    expect(mails[0]?.text).toContain(`/account/esims/${esim.iccid}#top-up`);
    const alerts = await handle.db.select().from(usageAlerts).where(eq(usageAlerts.iccid, esim.iccid));
    expect(alerts.map((a) => [a.kind, Boolean(a.sentAt)])).toEqual([["used-80", true]]);
  });

  it("sends the used-up email once when the data runs out (and no late 80 % email)", async () => {
    const esim = await issuedEsim();
    await sandbox.control("POST", `/esim-go/esims/${esim.iccid}/usage`, { usedBytes: esim.initial + 5 });
    await settle(esim.iccid, 5);
    const usage = await getUsage(handle.db, esim.iccid);
    expect(usage).toMatchObject({ remainingBytes: 0, bundleState: "depleted" });
    const mails = await inbox(esim.email);
    expect(mails.map((m) => m.subject)).toEqual(["Your eSIM data is used up"]);
  });

  it("answers 401 to a bad signature and 400 to junk, storing nothing", async () => {
    const esim = await issuedEsim();
    const body = JSON.stringify({
      iccid: esim.iccid,
      alertType: "Utilisation",
      bundle: { name: esim.bundle.name, reference: "x-0", initialQuantity: GB, remainingQuantity: 1 },
    });
    const bad = await fetch(callbackUrl, { method: "POST", headers: { "x-signature-sha256": "deadbeef" }, body });
    expect(bad.status).toBe(401);
    const { createHmac } = await import("node:crypto");
    const junk = "{not json";
    const res = await fetch(callbackUrl, {
      method: "POST",
      headers: { "x-signature-sha256": createHmac("sha256", env().esimGo.apiKey).update(junk).digest("hex") },
      body: junk,
    });
    expect(res.status).toBe(400);
    expect(await handle.db.select().from(esimCallbacks).where(eq(esimCallbacks.iccid, esim.iccid))).toHaveLength(0);
    expect(await getUsage(handle.db, esim.iccid)).toBeNull();
  });

  it("reads figures from the provider's listing on refresh", async () => {
    const esim = await issuedEsim();
    await sandbox.control("POST", "/config", { esimGo: { callbackUrl: null } });
    try {
      await sandbox.control("POST", `/esim-go/esims/${esim.iccid}/usage`, { usedBytes: 100_000_000 });
      const usage = await refreshUsage(handle.db, esim.iccid, createEsimGoProvider(esim.client));
      expect(usage).toMatchObject({
        profileStatus: "Installed",
        remainingBytes: esim.initial - 100_000_000,
        bundleState: "active",
        bundleName: esim.bundle.name,
      });
      expect(usage.refreshedAt).toBeInstanceOf(Date);
    } finally {
      await sandbox.control("POST", "/config", { esimGo: { callbackUrl } });
    }
  });

  it("emails 'ends tomorrow' once from the job, whatever how often it runs", async () => {
    const esim = await issuedEsim();
    const now = new Date();
    await handle.db.transaction((tx) =>
      saveCallbackFigures(tx, esim.iccid, "FirstUse", {
        name: esim.bundle.name,
        reference: "ends-soon-0",
        initialQuantity: esim.initial,
        remainingQuantity: esim.initial,
        startTime: new Date(now.getTime() - 6 * 86_400_000).toISOString(),
        endTime: new Date(now.getTime() + 12 * 3_600_000).toISOString(),
      }),
    );
    const first = await runUsageAlerts(handle.db, now);
    expect(first).toMatchObject({ recorded: 1 });
    await runUsageAlerts(handle.db, new Date(now.getTime() + 60_000));
    const mails = await inbox(esim.email);
    expect(mails.map((m) => m.subject)).toEqual(["Your eSIM plan ends tomorrow"]);
  });

  it("records the lifecycle envelope (esim.deletion_scheduled), with a numeric ICCID kept exact", async () => {
    const esim = await issuedEsim();
    const { createHmac } = await import("node:crypto");
    // Written by hand: the ICCID as a bare JSON number, as some of eSIM Go's examples show it.
    const body = `{"date":"2026-06-22T13:03:31Z","event":"esim.deletion_scheduled","iccid":${esim.iccid}}`;
    const signature = createHmac("sha256", env().esimGo.apiKey).update(body).digest("base64");
    for (let i = 0; i < 2; i++) {
      const res = await fetch(callbackUrl, { method: "POST", headers: { "x-signature-sha256": signature }, body });
      expect(res.status).toBe(200);
    }
    expect((await getUsage(handle.db, esim.iccid))?.deletionScheduledAt?.toISOString()).toBe(
      "2026-06-22T13:03:31.000Z",
    );
    const logged = await handle.db.select().from(esimCallbacks).where(eq(esimCallbacks.iccid, esim.iccid));
    expect(logged.map((c) => [c.kind, c.type])).toEqual([["event", "esim.deletion_scheduled"]]);
  });
});
