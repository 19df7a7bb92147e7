// What the sandbox's state costs as it grows over a long run. Fills a fresh sandbox with paid orders through
// its HTTP API, as Tern makes them (Checkout session with an Idempotency-Key, payment, three webhooks
// delivered, an eSIM Go order, the QR uploaded to Storage, the eSIM email with the QR attached twice and a
// receipt), and reports at each step: CPU per order, the persist writes made meanwhile, one persist cycle
// after 2 s of traffic at 8 orders/s, the state on disk, the heap and RSS; at the end, a restart's load time.
//
//   node --expose-gc --import tsx sandbox/bench/persist-cost.ts [--orders=5000] [--step=1000]
//
// CPU per order includes this script's own client work (the same in every run), so compare runs, not values.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { startSandbox, type RunningSandbox } from "../server";
import { Store } from "../core/store";

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const ORDERS = arg("orders", 5000);
const STEP = arg("step", 1000);
const CONCURRENCY = 8;

// Every write the store makes, counted while a flush runs (the services' own blob files are not persist cycles).
const io = { inFlush: false, bytes: 0 };
for (const name of ["writeFileSync", "appendFileSync"] as const) {
  const original = fs[name] as (...a: unknown[]) => void;
  (fs as unknown as Record<string, unknown>)[name] = (...a: unknown[]) => {
    if (io.inFlush) io.bytes += typeof a[1] === "string" ? Buffer.byteLength(a[1]) : (a[1] as Buffer).length;
    return original.apply(fs, a);
  };
}
const cycles = { count: 0, ms: 0, bytes: 0, maxMs: 0 };
const originalFlush = Store.prototype.flush;
Store.prototype.flush = function (this: Store) {
  io.inFlush = true;
  io.bytes = 0;
  const started = performance.now();
  try {
    originalFlush.call(this);
  } finally {
    io.inFlush = false;
    const ms = performance.now() - started;
    if (io.bytes > 0) {
      cycles.count++;
      cycles.ms += ms;
      cycles.bytes += io.bytes;
      cycles.maxMs = Math.max(cycles.maxMs, ms);
    }
  }
};

const png = (seed: number) => {
  const b = Buffer.alloc(1200);
  for (let i = 0; i < b.length; i++) b[i] = (seed * 31 + i * 17) & 0xff;
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
  return b;
};
// An eSIM email's HTML is ~12 KB (inline styles, two install links, the codes, the QR); a receipt's ~9 KB.
const html = (order: string, kb: number) => {
  const row = `<tr><td style="padding:8px 0;font-family:Arial,sans-serif;font-size:14px;color:#333">${order} · line</td></tr>\n`;
  return `<!doctype html><html><body><table>${row.repeat(Math.ceil((kb * 1024) / row.length))}</table></body></html>`;
};
const text = (order: string) => `Your eSIM for ${order}\n${"Step: open Settings, Mobile data, Add eSIM.\n".repeat(30)}`;

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tern-persist-cost-"));
  const hook = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => res.end("{}"));
  });
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
  const webhookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/webhooks/stripe`;
  const start = () =>
    startSandbox({ port: 0, dataDir, esimGo: { rateLimit: false }, stripe: { webhookUrl, retryDelaysMs: [1000] } });
  let sandbox: RunningSandbox = await start();
  const base = sandbox.url;

  const call = async (
    method: string,
    url: string,
    body?: string | Uint8Array,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(`${base}${url}`, { method, body: body as BodyInit | undefined, headers });
    const out = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${out.slice(0, 200)}`);
    return out;
  };
  const json = (v: unknown) => JSON.stringify(v);

  async function order(n: number) {
    const id = `ord_${n}`;
    const form = new URLSearchParams({
      mode: "payment",
      "line_items[0][price_data][currency]": "usd",
      "line_items[0][price_data][unit_amount]": "599",
      "line_items[0][price_data][product_data][name]": "United Kingdom 1 GB",
      "line_items[0][price_data][product_data][description]": "7 days, 4G/5G",
      "line_items[0][quantity]": "1",
      client_reference_id: id,
      "metadata[order_id]": id,
      "payment_intent_data[metadata][order_id]": id,
      customer_email: `buyer${n}@example.com`,
      success_url: `http://127.0.0.1:3000/orders/${id}?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: "http://127.0.0.1:3000/",
    });
    const stripe = {
      authorization: "Bearer sk_test_tern",
      "content-type": "application/x-www-form-urlencoded",
      "stripe-version": "2026-10-28.endive",
    };
    const session = JSON.parse(
      await call("POST", "/v1/checkout/sessions", form.toString(), { ...stripe, "idempotency-key": `checkout-${id}` }),
    ) as { id: string };
    await call(
      "POST",
      `/_sandbox/stripe/checkout/sessions/${session.id}/pay`,
      json({ card: "4242424242424242", email: `buyer${n}@example.com` }),
    );
    await call("GET", `/v1/checkout/sessions/${session.id}?expand[]=payment_intent`, undefined, stripe);
    const esim = JSON.parse(
      await call(
        "POST",
        "/esim-go/v2.4/orders",
        json({
          type: "transaction",
          assign: true,
          order: [{ type: "bundle", item: "esim_ULE_7D_JP_V2", quantity: 1 }],
        }),
        { "x-api-key": "sandbox-esim-go-key", "content-type": "application/json" },
      ),
    ) as { orderReference: string };
    const qr = png(n);
    await call("POST", `/supabase/storage/v1/object/esim-qr/${id}.png`, qr, {
      authorization: "Bearer sandbox",
      "content-type": "image/png",
    });
    const resend = { authorization: "Bearer re_tern", "content-type": "application/json" };
    const content = qr.toString("base64");
    await call(
      "POST",
      "/resend/emails",
      json({
        from: "Tern <hello@tern.test>",
        to: [`buyer${n}@example.com`],
        subject: `Your eSIM for ${id} (${esim.orderReference})`,
        html: html(id, 12),
        text: text(id),
        attachments: [
          { filename: "esim-qr.png", content, content_type: "image/png", content_id: "esim-qr" },
          { filename: "esim-qr.png", content, content_type: "image/png" },
        ],
        tags: [
          { name: "category", value: "esim_delivered" },
          { name: "order_id", value: id },
        ],
      }),
      { ...resend, "idempotency-key": `esim-delivered/${id}` },
    );
    await call(
      "POST",
      "/resend/emails",
      json({
        from: "Tern <hello@tern.test>",
        to: [`buyer${n}@example.com`],
        subject: `Receipt for ${id}`,
        html: html(id, 9),
        text: text(id),
        tags: [{ name: "category", value: "receipt" }],
      }),
      { ...resend, "idempotency-key": `receipt/${id}` },
    );
  }

  async function run(from: number, to: number) {
    let next = from;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < to) await order(next++);
      }),
    );
  }

  const diskBytes = (dir: string): { json: number; other: number } => {
    let json = 0;
    let other = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) other += Object.values(diskBytes(p)).reduce((a, b) => a + b, 0);
      else if (dir === dataDir) json += fs.statSync(p).size;
      else other += fs.statSync(p).size;
    }
    return { json, other };
  };
  const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
  const gc = (globalThis as { gc?: () => void }).gc;

  console.log(`orders ${ORDERS}, step ${STEP}, concurrency ${CONCURRENCY}, data dir ${dataDir}`);
  console.log(
    "orders | CPU ms/order | wall s | persist writes: n, total ms, max ms, MB | one cycle (16 orders): ms, KB | state files MB (other files MB) | heap MB | RSS MB",
  );
  for (let done = 0; done < ORDERS;) {
    const to = Math.min(ORDERS, done + STEP);
    Object.assign(cycles, { count: 0, ms: 0, bytes: 0, maxMs: 0 });
    const cpu = process.cpuUsage();
    const wall = performance.now();
    await run(done, to - 16);
    sandbox.app.store.flush();
    const during = { ...cycles };
    // One persist cycle's worth: 2 s of a soak at 8 orders/s, then the write it leads to.
    Object.assign(cycles, { count: 0, ms: 0, bytes: 0, maxMs: 0 });
    await run(to - 16, to);
    sandbox.app.store.flush();
    const one = { ...cycles };
    const used = process.cpuUsage(cpu);
    const wallS = (performance.now() - wall) / 1000;
    done = to;
    gc?.();
    const disk = diskBytes(dataDir);
    const mem = process.memoryUsage();
    console.log(
      [
        done,
        ((used.user + used.system) / 1000 / STEP).toFixed(2),
        wallS.toFixed(1),
        `${during.count}, ${during.ms.toFixed(0)}, ${during.maxMs.toFixed(0)}, ${mb(during.bytes)}`,
        `${one.ms.toFixed(1)}, ${(one.bytes / 1024).toFixed(0)}`,
        `${mb(disk.json)} (${mb(disk.other)})`,
        mb(mem.heapUsed),
        mb(mem.rss),
      ].join(" | "),
    );
  }

  await sandbox.close();
  const files = fs.readdirSync(dataDir).filter((f) => !fs.statSync(path.join(dataDir, f)).isDirectory());
  console.log(`state files: ${files.map((f) => `${f} ${mb(fs.statSync(path.join(dataDir, f)).size)} MB`).join(", ")}`);
  const restarted = performance.now();
  sandbox = await start();
  // One cheap read per service loads its state; the full lists are counted after, untimed.
  for (const url of [
    "/v1/checkout/sessions?limit=1",
    "/resend/emails?limit=1",
    "/esim-go/v2.4/organisation",
    "/_sandbox/storage/objects",
  ]) {
    const headers = {
      authorization: url.startsWith("/v1") ? "Bearer sk_test_tern" : "Bearer re_tern",
      "x-api-key": "sandbox-esim-go-key",
    };
    const res = await fetch(`${sandbox.url}${url}`, { headers });
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    await res.arrayBuffer();
  }
  const loadMs = performance.now() - restarted;
  const emails = JSON.parse(await fetch(`${sandbox.url}/_sandbox/emails`).then((r) => r.text())) as unknown[];
  const sessions = (
    JSON.parse(await fetch(`${sandbox.url}/_sandbox/stripe/sessions`).then((r) => r.text())) as { sessions: unknown[] }
  ).sessions;
  console.log(
    `restart: ${loadMs.toFixed(0)} ms to start and load every service's state; ${sessions.length} sessions, ${emails.length} emails kept`,
  );
  await sandbox.close();
  hook.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

await main();
