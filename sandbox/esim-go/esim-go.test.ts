// Contract tests: the eSIM Go v2.4 imitation driven over plain fetch, as our eSIM Go client drives it.
import { createHmac } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox, type SandboxOverrides } from "../server";
import { isLuhnValid } from "./ids";

const KEY = "test-esim-go-key";
const tempDirs: string[] = [];
const running: RunningSandbox[] = [];

async function start(overrides: SandboxOverrides = {}, dataDir?: string): Promise<RunningSandbox> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "tern-esim-go-"));
  if (!dataDir) tempDirs.push(dir);
  const sb = await startSandbox({
    port: 0,
    dataDir: dir,
    ...overrides,
    esimGo: { apiKey: KEY, rateLimit: false, initialBalance: 500, ...overrides.esimGo },
  });
  running.push(sb);
  return sb;
}

async function stop(sb: RunningSandbox) {
  running.splice(running.indexOf(sb), 1);
  await sb.close();
}

afterAll(async () => {
  for (const sb of [...running]) await sb.close();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A tiny client for one sandbox, like lib/providers/esim-go's: JSON in, status + parsed JSON out. */
function client(sb: RunningSandbox) {
  const base = `${sb.url}/esim-go/v2.4`;
  const call = async (method: string, p: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: { "x-api-key": KEY, ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON (CSV) */
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read deep into wire JSON
    return { status: res.status, headers: res.headers, text, json: json as any };
  };
  const control = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${sb.url}/_sandbox${p}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, json: (await res.json()) as any };
  };
  const buy = async (item: string, extra: Record<string, unknown> = {}, assign = true) => {
    const r = await call("POST", "/orders", {
      type: "transaction",
      assign,
      order: [{ type: "bundle", quantity: 1, item, allowReassign: false, ...extra }],
    });
    expect(r.status, r.text).toBe(200);
    return r.json;
  };
  return { base, call, control, buy };
}

describe("eSIM Go imitation", () => {
  let sb: RunningSandbox;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    sb = await start();
    api = client(sb);
  });

  describe("auth and errors", () => {
    it("rejects a missing key with 401 and a wrong key with 403, with eSIM Go's { message } body", async () => {
      const missing = await fetch(`${api.base}/catalogue`);
      expect(missing.status).toBe(401);
      expect(await missing.json()).toEqual({ message: expect.any(String) });
      const wrong = await fetch(`${api.base}/catalogue`, { headers: { "x-api-key": "nope" } });
      expect(wrong.status).toBe(403);
      expect(await wrong.json()).toEqual({ message: expect.stringMatching(/invalid/i) });
    });

    it("answers unknown paths with 404 { message }", async () => {
      const r = await api.call("GET", "/nothing-here");
      expect(r.status).toBe(404);
      expect(Object.keys(r.json)).toEqual(["message"]);
    });
  });

  describe("catalogue", () => {
    it("is wrapped { bundles, pageCount, rows, pageSize } and pages cover every row exactly once", async () => {
      const one = await api.call("GET", "/catalogue?perPage=1");
      expect(one.status).toBe(200);
      expect(Object.keys(one.json).sort()).toEqual(["bundles", "pageCount", "pageSize", "rows"]);
      expect(one.json.rows).toBeGreaterThanOrEqual(3000);
      expect(one.json).toMatchObject({ pageCount: one.json.rows, pageSize: 1 });
      expect(one.json.bundles).toHaveLength(1);

      const dflt = await api.call("GET", "/catalogue");
      expect(dflt.json.pageSize).toBe(50);
      expect(dflt.json.bundles).toHaveLength(50);

      const names: string[] = [];
      const filter = "countries=JP";
      const first = await api.call("GET", `/catalogue?${filter}&perPage=7`);
      for (let page = 1; page <= first.json.pageCount; page++) {
        const r = await api.call("GET", `/catalogue?${filter}&perPage=7&page=${page}`);
        names.push(...r.json.bundles.map((b: { name: string }) => b.name));
      }
      expect(names).toHaveLength(first.json.rows);
      expect(new Set(names).size).toBe(names.length);
      const beyond = await api.call("GET", `/catalogue?${filter}&perPage=7&page=${first.json.pageCount + 1}`);
      expect(beyond.json).toMatchObject({ bundles: [], rows: first.json.rows });
    });

    it("filters by countries (base country, incl. regional bundles), group, region and wildcard description", async () => {
      const jp = await api.call("GET", "/catalogue?countries=JP&group=Standard%20Unlimited%20Essential&perPage=500");
      expect(jp.json.rows).toBeGreaterThan(0);
      for (const b of jp.json.bundles) {
        expect(b.groups).toEqual(["Standard Unlimited Essential"]);
        expect(b.countries.map((c: { iso: string }) => c.iso)).toContain("JP");
      }
      expect(jp.json.bundles.map((b: { name: string }) => b.name)).toEqual(
        expect.arrayContaining(["esim_ULE_7D_JP_V2", "esim_ULE_7D_RAS_V2"]),
      );

      const two = await api.call("GET", "/catalogue?countries=GB,%20US&perPage=1");
      const gb = await api.call("GET", "/catalogue?countries=GB&perPage=1");
      expect(two.json.rows).toBeGreaterThan(gb.json.rows);

      const wild = await api.call("GET", "/catalogue?description=*unlimited*japan*&perPage=100");
      expect(wild.json.rows).toBe(7);
      for (const b of wild.json.bundles) expect(b.name).toMatch(/^esim_ULE_\d+D_JP_V2$/);

      const oceania = await api.call("GET", "/catalogue?region=Oceania&perPage=1000");
      for (const b of oceania.json.bundles)
        expect(b.countries.some((c: { region: string }) => c.region === "Oceania")).toBe(true);
      expect(oceania.json.bundles.map((b: { name: string }) => b.name)).toContain("esim_1GB_7D_FJ_V2");
    });

    it("orders by a column in either direction, and rejects bad paging with 400 { message }", async () => {
      const r = await api.call(
        "GET",
        "/catalogue?countries=FR&group=Standard%20Fixed&orderBy=price&direction=desc&perPage=100",
      );
      const prices = r.json.bundles.map((b: { price: number }) => b.price);
      expect(prices).toEqual([...prices].sort((a, b) => b - a));
      const bad = await api.call("GET", "/catalogue?perPage=zero");
      expect(bad.status).toBe(400);
      expect(bad.json).toEqual({ message: expect.stringContaining("perPage") });
    });

    it("returns one bundle by case-sensitive name, 400 { message } otherwise", async () => {
      const r = await api.call("GET", "/catalogue/bundle/esim_1GB_7D_GB_V2");
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({
        name: "esim_1GB_7D_GB_V2",
        description: "eSIM, 1GB, 7 Days, United Kingdom, V2",
        countries: [{ name: "United Kingdom", region: "Europe", iso: "GB" }],
        dataAmount: 1000,
        duration: 7,
        unlimited: false,
        billingType: "FixedCost",
      });
      expect(r.json.price).toBeGreaterThan(0);
      for (const name of ["esim_1GB_7D_gb_V2", "esim_nope"]) {
        const missing = await api.call("GET", `/catalogue/bundle/${name}`);
        expect(missing.status).toBe(400);
        expect(missing.json).toEqual({ message: expect.stringContaining(name) });
      }
    });
  });

  describe("orders", () => {
    it("validate prices without charging; transaction charges the balance and issues a valid eSIM", async () => {
      await api.control("POST", "/esim-go/balance", { balance: 100 });
      const price = (await api.call("GET", "/catalogue/bundle/esim_5GB_30D_FR_V2")).json.price as number;
      const body = {
        type: "validate",
        assign: true,
        order: [{ type: "bundle", quantity: 2, item: "esim_5GB_30D_FR_V2", allowReassign: false }],
      };
      const v = await api.call("POST", "/orders", body);
      expect(v.status).toBe(200);
      expect(v.json).toMatchObject({
        valid: true,
        currency: "USD",
        total: Math.round(price * 200) / 100,
        order: [{ item: "esim_5GB_30D_FR_V2", quantity: 2, pricePerUnit: price }],
      });
      expect((await api.call("GET", "/organisation")).json.balance).toBe(100);

      const t = await api.call("POST", "/orders", { ...body, type: "transaction" });
      expect(t.status).toBe(200);
      expect(t.json).toMatchObject({
        status: "completed",
        currency: "USD",
        assigned: true,
        statusMessage: "Order completed: 2 eSIMs assigned",
      });
      expect(t.json.orderReference).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(Date.parse(t.json.createdDate)).not.toBeNaN();
      const line = t.json.order[0];
      expect(line.esims).toHaveLength(2);
      expect(line.iccids).toEqual(line.esims.map((e: { iccid: string }) => e.iccid));
      for (const e of line.esims) {
        expect(e.iccid).toMatch(/^89\d{17}$/);
        expect(isLuhnValid(e.iccid)).toBe(true);
        expect(e.matchingId).toMatch(/^[A-Z0-9]{2}-[A-Z0-9]{6}-[A-Z0-9]{7}$/);
        expect(e.smdpAddress).toBe("rsp.sandbox.esim-go.test");
      }
      const org = (await api.call("GET", "/organisation")).json;
      expect(org).toMatchObject({ currency: "USD", balance: Math.round((100 - t.json.total) * 100) / 100 });

      const ledger = (await api.control("GET", "/esim-go/orders")).json;
      const entry = ledger.orders.find((o: { orderReference: string }) => o.orderReference === t.json.orderReference);
      expect(entry).toMatchObject({
        request: { ...body, type: "transaction" },
        total: t.json.total,
        items: [{ item: "esim_5GB_30D_FR_V2", quantity: 2 }],
      });
      expect(entry.esims).toHaveLength(2);
    });

    it("refuses an order the balance cannot cover with 400 and charges nothing", async () => {
      await api.control("POST", "/esim-go/balance", { balance: 1 });
      const before = (await api.control("GET", "/esim-go/orders")).json.orders.length;
      for (const type of ["validate", "transaction"]) {
        const r = await api.call("POST", "/orders", {
          type,
          assign: true,
          order: [{ type: "bundle", quantity: 1, item: "esim_100GB_30D_US_V2" }],
        });
        expect(r.status).toBe(400);
        expect(r.json).toEqual({ message: expect.stringMatching(/^Insufficient balance/) });
      }
      const after = (await api.control("GET", "/esim-go/orders")).json;
      expect(after.orders.length).toBe(before);
      expect(after.balance).toBe(1);
      await api.control("POST", "/esim-go/balance", { balance: 500 });
    });

    it("rejects malformed orders with 400/403 { message } as the v2.4 rules say", async () => {
      const owned = await api.buy("esim_1GB_7D_DE_V2");
      const iccid = owned.order[0].iccids[0] as string;
      const cases: [unknown, number, RegExp][] = [
        [
          { type: "transaction", assign: true, order: [{ type: "bundle", quantity: 1, item: "esim_1GB_7D_XX_V2" }] },
          400,
          /esim_1GB_7D_XX_V2/,
        ],
        [
          {
            type: "transaction",
            assign: false,
            order: [{ type: "bundle", quantity: 1, item: "esim_1GB_7D_DE_V2", iccids: [iccid] }],
          },
          400,
          /assign/,
        ],
        [
          {
            type: "transaction",
            assign: true,
            order: [{ type: "bundle", quantity: 2, item: "esim_1GB_7D_DE_V2", iccids: [iccid] }],
          },
          400,
          /quantity/,
        ],
        [
          {
            type: "transaction",
            assign: true,
            order: [{ type: "bundle", quantity: 1, item: "esim_1GB_7D_DE_V2", iccids: ["8944000000000000000"] }],
          },
          403,
          /8944000000000000000/,
        ],
        [
          {
            type: "transaction",
            assign: true,
            order: [{ type: "bundle", quantity: 1, item: "esim_1GB_7D_JP_V2", iccids: [iccid] }],
          },
          400,
          /not compatible/,
        ],
        [{ type: "buy", order: [] }, 400, /type/],
      ];
      for (const [body, status, message] of cases) {
        const r = await api.call("POST", "/orders", body);
        expect(r.status, JSON.stringify(body)).toBe(status);
        expect(r.json).toEqual({ message: expect.stringMatching(message) });
      }
    });

    it("assign:false buys into inventory without issuing an eSIM", async () => {
      const t = await api.buy("esim_1GB_7D_IT_V2", {}, false);
      expect(t).toMatchObject({ assigned: false, order: [{ iccids: [], esims: [] }] });
      expect((await api.control("GET", "/esim-go/orders")).json.inventory.esim_1GB_7D_IT_V2).toBeGreaterThanOrEqual(1);
    });

    it("tops up an existing eSIM when iccids are given, without a new eSIM", async () => {
      const first = await api.buy("esim_1GB_7D_GB_V2");
      const iccid = first.order[0].iccids[0] as string;
      const esimsBefore = (await api.control("GET", "/esim-go/esims")).json.esims.length;

      expect((await api.call("GET", `/esims/${iccid}/compatible/esim_5GB_30D_REUP_V2`)).json).toEqual({
        compatible: true,
      });
      expect((await api.call("GET", `/esims/${iccid}/compatible/esim_1GB_7D_JP_V2`)).json).toEqual({
        compatible: false,
      });

      const topUp = await api.buy("esim_5GB_30D_REUP_V2", { iccids: [iccid] });
      expect(topUp.order[0].iccids).toEqual([iccid]);
      expect(topUp.order[0].esims).toEqual([first.order[0].esims[0]]);
      expect((await api.control("GET", "/esim-go/esims")).json.esims.length).toBe(esimsBefore);

      const list = await api.call("GET", `/esims/${iccid}/bundles`);
      expect(list.json.bundles.map((b: { name: string }) => b.name)).toEqual([
        "esim_5GB_30D_REUP_V2",
        "esim_1GB_7D_GB_V2",
      ]);
      const one = await api.call("GET", `/esims/${iccid}/bundles/esim_5GB_30D_REUP_V2`);
      expect(one.json.assignments).toHaveLength(1);
      expect(one.json.assignments[0]).toMatchObject({
        initialQuantity: 5_000_000_000,
        remainingQuantity: 5_000_000_000,
        bundleState: "queued",
        unlimited: false,
        callTypeGroup: "data",
        assignmentReference: `${topUp.orderReference}-0`,
      });
      expect(one.json.assignments[0].id).toMatch(/^\d+$/);
      expect((await api.call("GET", `/esims/${iccid}/bundles/esim_1GB_7D_FR_V2`)).status).toBe(400);
      expect((await api.call("GET", `/esims/8944000000000000000/bundles`)).status).toBe(400);
      expect((await api.call("GET", `/esims/8944000000000000000`)).json).toEqual({ message: expect.any(String) });
    });

    it("lists orders newest first within a createdAt window, with eSIMs only when includeIccids=true", async () => {
      const before = new Date(Date.now() - 1).toISOString();
      const t = await api.buy("esim_3GB_30D_ES_V2");
      const after = new Date(Date.now() + 1).toISOString();

      const r = await api.call("GET", `/orders?createdAt=gte:${before}&createdAt=lte:${after}&includeIccids=true`);
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ pageCount: 1, pageSize: 50 });
      for (const o of r.json.orders) expect(o.createdDate >= before && o.createdDate <= after).toBe(true);
      expect(r.json.orders[0]).toMatchObject({
        orderReference: t.orderReference,
        total: t.total,
        order: [{ item: "esim_3GB_30D_ES_V2", esims: t.order[0].esims }],
      });

      const later = await api.call("GET", `/orders?createdAt=gte:${after}`);
      expect(later.json.orders.map((o: { orderReference: string }) => o.orderReference)).not.toContain(
        t.orderReference,
      );
      const plain = await api.call("GET", `/orders?limit=1`);
      expect(plain.json.orders[0].order[0].esims).toBeUndefined();
      expect(plain.json.orders[0].order[0].iccids).toBeDefined();
      expect((await api.call("GET", `/orders?createdAt=since-yesterday`)).status).toBe(400);

      const one = await api.call("GET", `/orders/${t.orderReference}`);
      expect(one.json).toEqual(t);
      expect((await api.call("GET", "/orders/00000000-0000-0000-0000-000000000000")).status).toBe(400);
    });
  });

  describe("install details (/esims/assignments)", () => {
    it("answers JSON, CSV (the default) and a ZIP of QR PNGs that decode to the LPA string", async () => {
      const t = await api.buy("esim_1GB_7D_NL_V2");
      const e = t.order[0].esims[0];
      const lpa = `LPA:1$${e.smdpAddress}$${e.matchingId}`;

      const json = await api.call(
        "GET",
        `/esims/assignments?reference=${t.orderReference}&additionalFields=appleInstallUrl`,
        undefined,
        { accept: "application/json" },
      );
      expect(json.status).toBe(200);
      expect(json.json).toEqual([
        {
          iccid: e.iccid,
          matchingId: e.matchingId,
          smdpAddress: e.smdpAddress,
          profileStatus: "Released",
          pin: expect.stringMatching(/^\d{4}$/),
          puk: expect.stringMatching(/^\d{8}$/),
          appleInstallUrl: `https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=${lpa}`,
        },
      ]);

      for (const headers of [{}, { accept: "text/csv" }] as Record<string, string>[]) {
        const csv = await api.call("GET", `/esims/assignments?reference=${t.orderReference}`, undefined, headers);
        expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
        const lines = csv.text.trim().split("\n");
        expect(lines[0]).toBe("ICCID,Matching ID,RSP URL,Bundle,Reference");
        expect(lines.slice(1)).toEqual([
          `${e.iccid},${e.matchingId},${e.smdpAddress},esim_1GB_7D_NL_V2,${t.orderReference}`,
        ]);
      }

      const res = await fetch(`${api.base}/esims/assignments?reference=${t.orderReference}`, {
        headers: { "x-api-key": KEY, accept: "application/zip" },
      });
      expect(res.headers.get("content-type")).toBe("application/zip");
      const files = unzip(Buffer.from(await res.arrayBuffer()));
      expect(Object.keys(files)).toEqual([`${e.iccid}.png`]);
      const png = PNG.sync.read(files[`${e.iccid}.png`]!);
      expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(lpa);
    });

    it("takes several references, and answers 400 for an unknown one", async () => {
      const a = await api.buy("esim_1GB_7D_BE_V2");
      const b = await api.buy("esim_1GB_7D_PT_V2");
      const r = await api.call(
        "GET",
        `/esims/assignments?reference=${a.orderReference}&reference=${b.orderReference}`,
        undefined,
        { accept: "application/json" },
      );
      expect(r.json.map((x: { iccid: string }) => x.iccid)).toEqual([a.order[0].iccids[0], b.order[0].iccids[0]]);
      const unknown = await api.call("GET", "/esims/assignments?reference=not-a-ref", undefined, {
        accept: "application/json",
      });
      expect(unknown.status).toBe(400);
      expect(unknown.json).toEqual({ message: expect.stringContaining("not-a-ref") });
    });

    it("answers 503 Processing with Retry-After while a slow assignment settles", async () => {
      await api.control("POST", "/esim-go/settings", { assignmentDelayMs: 60_000 });
      try {
        const t = await api.buy("esim_1GB_7D_AT_V2");
        const r = await api.call("GET", `/esims/assignments?reference=${t.orderReference}`, undefined, {
          accept: "application/json",
        });
        expect(r.status).toBe(503);
        expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(
          (await api.call("GET", `/esims/${t.order[0].iccids[0]}/bundles/esim_1GB_7D_AT_V2`)).json.assignments[0]
            .bundleState,
        ).toBe("processing");
      } finally {
        await api.control("POST", "/esim-go/settings", { assignmentDelayMs: 0 });
      }
    });
  });

  it("shapes injected faults as { message } with Retry-After, and performs nothing", async () => {
    await api.control("POST", "/faults", { service: "esim-go", route: "POST /orders", status: 503, retryAfter: 2 });
    const before = (await api.control("GET", "/esim-go/orders")).json.orders.length;
    const r = await api.call("POST", "/orders", {
      type: "transaction",
      assign: true,
      order: [{ type: "bundle", quantity: 1, item: "esim_1GB_7D_SE_V2" }],
    });
    expect(r.status).toBe(503);
    expect(r.headers.get("retry-after")).toBe("2");
    expect(r.json).toEqual({ message: expect.any(String) });
    expect((await api.control("GET", "/esim-go/orders")).json.orders.length).toBe(before);
  });

  it("still performs an order whose answer is lost (dropAfterSend): the client errors, the ledger has it", async () => {
    await api.control("POST", "/faults", { service: "esim-go", route: "POST /orders", dropAfterSend: true });
    const before = (await api.control("GET", "/esim-go/orders")).json.orders.length;
    await expect(
      api.call("POST", "/orders", {
        type: "transaction",
        assign: true,
        order: [{ type: "bundle", quantity: 1, item: "esim_1GB_7D_SE_V2" }],
      }),
    ).rejects.toThrow();
    const ledger = (await api.control("GET", "/esim-go/orders")).json.orders;
    expect(ledger.length).toBe(before + 1);
    expect(ledger.at(-1)).toMatchObject({ items: [{ item: "esim_1GB_7D_SE_V2" }] });
    expect(ledger.at(-1).esims).toHaveLength(1);
  });
});

describe("usage callbacks", () => {
  let sb: RunningSandbox;
  let api: ReturnType<typeof client>;
  let receiver: http.Server;
  const received: { body: string; signature: string }[] = [];

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({
          body: Buffer.concat(chunks).toString("utf8"),
          signature: String(req.headers["x-signature-sha256"]),
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    sb = await start();
    api = client(sb);
    await api.control("POST", "/config", {
      esimGo: { callbackUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` },
    });
  });
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

  const callbacksFor = async (iccid: string, count: number) => {
    for (let i = 0; i < 100 && received.filter((c) => c.body.includes(iccid)).length < count; i++)
      await new Promise((r) => setTimeout(r, 20));
    return received.filter((c) => c.body.includes(iccid));
  };
  const usage = (iccid: string, usedBytes: number) =>
    api.control("POST", `/esim-go/esims/${iccid}/usage`, { usedBytes });

  it("sends FirstUse, then Utilisation once per threshold, signed base64 HMAC-SHA256 of the raw body", async () => {
    const t = await api.buy("esim_1GB_7D_GB_V2");
    const iccid = t.order[0].iccids[0] as string;

    expect((await usage(iccid, 0)).json.callbacks.map((c: { alertType: string }) => c.alertType)).toEqual(["FirstUse"]);
    await usage(iccid, 20_000_000); // 2 %: crosses 1 %
    await usage(iccid, 5_000_000); // 2.5 %: nothing new
    await usage(iccid, 500_000_000); // 52.5 %: crosses 50 %
    const last = await usage(iccid, 600_000_000); // past 100 %: 80 % and 100 %, in that order
    expect(last.json.assignment).toMatchObject({ bundleState: "depleted", remainingQuantity: 0 });

    const got = await callbacksFor(iccid, 5);
    expect(got).toHaveLength(5);
    for (const c of got) expect(c.signature).toBe(createHmac("sha256", KEY).update(c.body).digest("base64"));
    expect(got[0]!.body).toContain(`"iccid":"${iccid}"`); // a string, never a lossy JSON number
    const payloads = got.map((c) => JSON.parse(c.body));
    expect(payloads.map((p) => p.alertType)).toEqual([
      "FirstUse",
      "Utilisation",
      "Utilisation",
      "Utilisation",
      "Utilisation",
    ]);
    expect(payloads.map((p) => p.bundle.remainingQuantity)).toEqual([1_000_000_000, 980_000_000, 475_000_000, 0, 0]);
    expect(payloads[0].bundle).toMatchObject({
      name: "esim_1GB_7D_GB_V2",
      description: "eSIM, 1GB, 7 Days, United Kingdom, V2",
      reference: `${t.orderReference}-0`,
      initialQuantity: 1_000_000_000,
      unlimited: false,
    });
    expect(Date.parse(payloads[0].bundle.endTime) - Date.parse(payloads[0].bundle.startTime)).toBe(7 * 86_400_000);

    const esim = (await api.call("GET", `/esims/${iccid}`)).json;
    expect(esim.profileStatus).toBe("Installed");
    expect(typeof esim.firstInstalledDateTime).toBe("number");
    const assignments = (
      await api.call("GET", `/esims/assignments?reference=${t.orderReference}`, undefined, {
        accept: "application/json",
      })
    ).json;
    expect(assignments[0].firstInstalledDateTime).toBe(new Date(esim.firstInstalledDateTime).toISOString());
    expect((await api.call("GET", `/esims/${iccid}/bundles`)).json.bundles).toEqual([]);
    expect(
      (await api.call("GET", `/esims/${iccid}/bundles?includeUsed=true`)).json.bundles[0].assignments[0].bundleState,
    ).toBe("depleted");
    expect((await usage(iccid, 1)).status).toBe(400); // nothing live left to use

    const log = (await api.control("GET", "/esim-go/callbacks")).json.callbacks.filter(
      (c: { iccid: string }) => c.iccid === iccid,
    );
    expect(log).toHaveLength(5);
    expect(log[0].attempts[0]).toMatchObject({ status: 204 });
  });

  it("signs in hex when told to (the webhooks guide's encoding)", async () => {
    await api.control("POST", "/esim-go/settings", { signatureEncoding: "hex" });
    try {
      const t = await api.buy("esim_ULE_3D_FR_V2");
      const iccid = t.order[0].iccids[0] as string;
      await usage(iccid, 5_000_000_000);
      const [c] = await callbacksFor(iccid, 1);
      expect(c!.signature).toBe(createHmac("sha256", KEY).update(c!.body).digest("hex"));
      // Unlimited: the clock starts, but there is nothing to run out of.
      expect(JSON.parse(c!.body)).toMatchObject({
        alertType: "FirstUse",
        bundle: { unlimited: true, initialQuantity: -1 },
      });
      expect((await api.call("GET", `/esims/${iccid}/bundles/esim_ULE_3D_FR_V2`)).json.assignments[0].bundleState).toBe(
        "active",
      );
    } finally {
      await api.control("POST", "/esim-go/settings", { signatureEncoding: "base64" });
    }
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After past 10 requests a second, and stops when switched off", async () => {
    const sb = await start({ esimGo: { rateLimit: true } });
    const burst = () =>
      Promise.all(
        Array.from({ length: 15 }, () =>
          fetch(`${sb.url}/esim-go/v2.4/organisation`, { headers: { "x-api-key": KEY } }),
        ),
      );
    const responses = await burst();
    const limited = responses.filter((r) => r.status === 429);
    expect(responses.filter((r) => r.status === 200).length).toBe(10);
    expect(limited.length).toBe(5);
    expect(await limited[0]!.json()).toEqual({ message: "Rate limit exceeded" });
    expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const ok = responses.find((r) => r.status === 200)!;
    expect(ok.headers.get("x-ratelimit-limit")).toBe("10");
    expect(ok.headers.get("x-ratelimit-cost")).toBe("1");
    expect(Number(ok.headers.get("x-ratelimit-remaining"))).toBeLessThan(10);
    expect(Date.parse(ok.headers.get("x-ratelimit-reset")!)).not.toBeNaN();
    await Promise.all(responses.filter((r) => !r.bodyUsed).map((r) => r.body?.cancel()));

    await fetch(`${sb.url}/_sandbox/config`, {
      method: "POST",
      body: JSON.stringify({ esimGo: { rateLimit: false } }),
    });
    const after = await burst();
    expect(after.every((r) => r.status === 200)).toBe(true);
    await Promise.all(after.map((r) => r.body?.cancel()));
    await stop(sb);
  });
});

describe("persistence", () => {
  it("keeps orders, eSIMs and the balance across a restart", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tern-esim-go-"));
    tempDirs.push(dir);
    const first = await start({}, dir);
    const t = await client(first).buy("esim_1GB_7D_PL_V2");
    // Written before the next order, which then reaches the disk as a change to what is already there.
    first.app.store.flush();
    const later = await client(first).buy("esim_1GB_7D_GB_V2");
    const balance = (await client(first).call("GET", "/organisation")).json.balance;
    await stop(first);

    const second = await start({}, dir);
    const api = client(second);
    expect((await api.call("GET", `/orders/${t.orderReference}`)).json).toEqual(t);
    expect((await api.call("GET", `/orders/${later.orderReference}`)).json).toEqual(later);
    expect((await api.call("GET", `/esims/${t.order[0].iccids[0]}`)).status).toBe(200);
    expect((await api.call("GET", `/esims/${later.order[0].iccids[0]}`)).status).toBe(200);
    expect((await api.call("GET", "/organisation")).json.balance).toBe(balance);
    await stop(second);
  });
});

/** Reads a ZIP's local file entries (deflate or stored), as any unzip tool would. */
function unzip(zip: Buffer): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  let at = 0;
  while (zip.readUInt32LE(at) === 0x04034b50) {
    const method = zip.readUInt16LE(at + 8);
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const extraLength = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 30, at + 30 + nameLength).toString("utf8");
    const start = at + 30 + nameLength + extraLength;
    const data = zip.subarray(start, start + size);
    files[name] = method === 8 ? inflateRawSync(data) : Buffer.from(data);
    at = start + size;
  }
  expect(zip.readUInt32LE(at)).toBe(0x02014b50); // central directory follows the entries
  expect(zip.readUInt32LE(zip.length - 22)).toBe(0x06054b50);
  return files;
}

describe("revoking a bundle (DELETE /esims/{iccid}/bundles/{name})", () => {
  let sb: RunningSandbox;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    sb = await start();
    api = client(sb);
  });
  const balance = async () => (await api.call("GET", "/organisation")).json.balance as number;

  it("takes an unused bundle back and credits its price to the balance, once", async () => {
    const t = await api.buy("esim_1GB_7D_GB_V2");
    const iccid = t.order[0].iccids[0] as string;
    const before = await balance();
    const check = await api.call("DELETE", `/esims/${iccid}/bundles/esim_1GB_7D_GB_V2?type=validate`);
    expect(check.json).toMatchObject({ refundable: true, refundAmount: t.order[0].pricePerUnit });
    expect(await balance()).toBe(before);
    const r = await api.call(
      "DELETE",
      `/esims/${iccid}/bundles/esim_1GB_7D_GB_V2?type=transaction&refundToBalance=true`,
    );
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ status: expect.stringMatching(/revoked/i) });
    expect(await balance()).toBeCloseTo(before + t.order[0].pricePerUnit, 2);
    const listed = await api.call("GET", `/esims/${iccid}/bundles?includeUsed=true`);
    expect(listed.json.bundles[0].assignments[0].bundleState).toBe("revoked");
    expect((await api.call("GET", `/esims/${iccid}/bundles`)).json.bundles).toEqual([]);
    // A second revoke finds nothing live: no second credit.
    const again = await api.call("DELETE", `/esims/${iccid}/bundles/esim_1GB_7D_GB_V2?refundToBalance=true`);
    expect(again.status).toBe(400);
    expect(await balance()).toBeCloseTo(before + t.order[0].pricePerUnit, 2);
    // Data use cannot land on a revoked bundle.
    expect((await api.control("POST", `/esim-go/esims/${iccid}/usage`, { usedBytes: 1 })).status).toBe(400);
  });

  it("revokes a started bundle without a refund, and refunds nothing unless asked", async () => {
    const used = await api.buy("esim_1GB_7D_GB_V2");
    const usedIccid = used.order[0].iccids[0] as string;
    await api.control("POST", `/esim-go/esims/${usedIccid}/usage`, { usedBytes: 1000 });
    const before = await balance();
    const check = await api.call("DELETE", `/esims/${usedIccid}/bundles/esim_1GB_7D_GB_V2?type=validate`);
    expect(check.json.refundable).toBe(false);
    const r = await api.call("DELETE", `/esims/${usedIccid}/bundles/esim_1GB_7D_GB_V2?refundToBalance=true`);
    expect(r.json.status).toBe("Revoked");
    expect(await balance()).toBe(before);

    const unasked = await api.buy("esim_1GB_7D_GB_V2");
    const mid = await balance();
    await api.call("DELETE", `/esims/${unasked.order[0].iccids[0]}/bundles/esim_1GB_7D_GB_V2`);
    expect(await balance()).toBe(mid);
  });

  it("answers 400 for an unknown eSIM or a bundle not on it", async () => {
    expect((await api.call("DELETE", "/esims/8900000000000000000/bundles/esim_1GB_7D_GB_V2")).status).toBe(400);
    const t = await api.buy("esim_1GB_7D_GB_V2");
    expect((await api.call("DELETE", `/esims/${t.order[0].iccids[0]}/bundles/esim_3GB_30D_GB_V2`)).status).toBe(400);
  });
});
