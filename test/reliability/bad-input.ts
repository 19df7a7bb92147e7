// Bad input: a generated stream of malformed requests to every route found under app/ — wrong types, huge
// and truncated bodies, broken JSON and form data, bad and replayed signatures, traversal, SQL and NUL bytes
// in params, unknown and malformed ids, wrong methods. Nothing may answer 5xx, and neither the database nor
// any provider may change.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import Stripe from "stripe";
import type { Stack } from "@/scripts/lib/processes";
import { call, expect, ledgers, sandboxControl, Tally, WEBHOOK_SECRET, type Part, type Sql } from "./harness";

interface RouteInfo {
  /** URL pattern with `[param]` segments, route groups removed. */
  pattern: string;
  kind: "api" | "page";
  methods: string[];
}

/** Every page and route handler under app/, with the methods a route file exports. */
export function enumerateRoutes(appDir = path.join(process.cwd(), "app")): RouteInfo[] {
  const out: RouteInfo[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        const seg = /^\(.*\)$/.test(entry.name) ? null : entry.name;
        walk(full, seg ? [...segments, seg] : segments);
      } else if (entry.name === "route.ts" || entry.name === "page.tsx") {
        const source = fs.readFileSync(full, "utf8");
        const methods =
          entry.name === "page.tsx"
            ? ["GET"]
            : [
                ...source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE|HEAD)\b/g),
              ].map((m) => m[1]!);
        out.push({ pattern: "/" + segments.join("/"), kind: entry.name === "route.ts" ? "api" : "page", methods });
      }
    }
  };
  walk(appDir, []);
  return out;
}

const HOSTILE_SEGMENTS = [
  "%00",
  "ord_%00",
  "..%2F..%2F..%2Fetc%2Fpasswd",
  "%2e%2e%2f%2e%2e%2fpackage.json",
  "'%20OR%201%3D1--",
  "1%3BDROP%20TABLE%20orders",
  "ord_00000000000000000000",
  "cs_test_unknown",
  "x".repeat(3000),
  "%E0%A4%A",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "null",
  "-1",
  "8944000000000000000",
];

const HOSTILE_QUERIES = [
  "t=%00",
  "t=' OR 1=1--",
  "session_id=cs_test_%00",
  "session_id=" + "a".repeat(5000),
  "next=//evil.example",
  "q=%00%27%22",
  "page=-1&limit=1e309",
  "id[]=1&id[]=2",
];

/** Query parameter names the portal's and admin's pages and downloads read, and hostile values for each. */
const SIGNED_IN_PARAMS = [
  "q",
  "reference",
  "month",
  "before",
  "target",
  "from",
  "to",
  "page",
  "status",
  "provider",
  "bundle",
  "period",
  "topup",
  "preview",
];
const SIGNED_IN_VALUES = [
  "%00",
  "9999-12",
  "10000-01-01",
  "2026-99-99",
  "1e309",
  "-1",
  "9223372036854775808",
  "'%20OR%201%3D1--",
  "x".repeat(3000),
];

/**
 * A signed-in browser session for `email`, made the way a user makes one (an emailed link spent through
 * /api/auth/callback) with the link written straight to the database: no inbox needed.
 */
async function signIn(app: string, sql: Sql, email: string): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  const hash = createHash("sha256").update(token).digest("hex");
  await sql`insert into login_tokens (token_hash, email, next, expires_at)
    values (${hash}, ${email}, '/account', now() + interval '10 minutes')`;
  const res = await fetch(`${app}/api/auth/callback`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: new URL(app).origin, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }),
  });
  const cookie = /tern_session=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0];
  if (!cookie) throw new Error(`signing in ${email} failed: ${res.status}`);
  return cookie;
}

function fill(pattern: string, value: string): string {
  return pattern.replace(/\[\[\.\.\.[^\]]+\]\]/g, value).replace(/\[(?:\.\.\.)?[^\]]+\]/g, value);
}

/** A request the fetch API will not send as is (truncated body, lying Content-Length), over a raw socket. */
function rawRequest(appUrl: string, head: string, body: string): Promise<number | null> {
  const u = new URL(appUrl);
  return new Promise((resolve) => {
    const socket = net.connect(Number(u.port), u.hostname);
    let data = "";
    const done = (status: number | null) => {
      socket.destroy();
      resolve(status);
    };
    socket.setTimeout(15_000, () => done(null));
    socket.on("data", (b) => {
      data += b.toString("latin1");
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(data);
      if (m) done(Number(m[1]));
    });
    socket.on("error", () => done(null));
    // The body stops short of Content-Length and the client half-closes: the server sees a truncated body.
    socket.end(head + body);
  });
}

async function snapshot(sql: Sql, sandboxUrl: string): Promise<Record<string, string | number>> {
  const tables = await sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`;
  const out: Record<string, string | number> = {};
  for (const { name } of tables) {
    // Rate-limit counters record refused attempts by design: not a change to business state.
    if (/rate|throttle|attempt|limit/i.test(name) || name.startsWith("__drizzle")) continue;
    const [row] = await sql.unsafe<{ n: string }[]>(`select count(*)::text as n from "${name}"`);
    out[name] = Number(row!.n);
  }
  const [orders] = await sql<
    { h: string | null }[]
  >`select md5(string_agg(id || status, ',' order by id)) as h from orders`;
  out["orders.status"] = orders!.h ?? "";
  const l = await ledgers(sandboxUrl);
  const { sessions } = await sandboxControl(sandboxUrl)<{ sessions: unknown[] }>("GET", "/stripe/sessions");
  out["sandbox.esim-go.orders"] = l.providerOrders.length;
  out["sandbox.emails"] = [...l.emailsTo.values()].reduce((n, v) => n + v.length, 0);
  out["sandbox.stripe.refunds"] = l.refunds.length;
  out["sandbox.stripe.sessions"] = sessions.length;
  return out;
}

export async function badInput(stack: Stack, sql: Sql): Promise<Part> {
  const part: Part = { name: "bad input", ok: true, figures: {}, failures: [] };
  const app = stack.appUrl;
  const tally = new Tally();
  const routes = enumerateRoutes();
  // A partner's user and an admin, signed in before the snapshot: their pages are walked with hostile queries.
  const partnerEmail = `partner-${randomBytes(4).toString("hex")}@agency.reliability`;
  const partnerId = `ptn_rel${randomBytes(6).toString("hex")}`;
  await sql`insert into partners (id, name, status) values (${partnerId}, 'Reliability agency', 'approved')`;
  await sql`insert into partner_users (partner_id, email) values (${partnerId}, ${partnerEmail})`;
  const sessions = {
    partner: await signIn(app, sql, partnerEmail),
    admin: await signIn(app, sql, "ops@tern.example"),
  };
  const before = await snapshot(sql, stack.sandboxUrl);
  const requests: { label: string; url: string; init: RequestInit }[] = [];
  const add = (label: string, url: string, init: RequestInit = {}) => requests.push({ label, url: app + url, init });

  const signer = new Stripe("sk_test_signer").webhooks;
  const realPayload = JSON.stringify({ id: "evt_forged", type: "checkout.session.completed", data: { object: {} } });
  const old = Math.floor(Date.now() / 1000) - 3600;

  for (const r of routes) {
    const dynamic = r.pattern.includes("[");
    const urls = dynamic ? HOSTILE_SEGMENTS.map((v) => fill(r.pattern, v)) : [r.pattern];
    for (const [k, url] of urls.entries()) {
      const value = dynamic ? ` ${HOSTILE_SEGMENTS[k]!.slice(0, 24)}` : "";
      for (const method of r.methods) add(`${method} ${r.pattern}${value}`, url, { method });
      // Wrong methods.
      for (const method of ["PUT", "PATCH", "DELETE"].filter((m) => !r.methods.includes(m)))
        add(`${method} ${r.pattern}${value} (wrong method)`, url, { method });
    }
    const base = fill(r.pattern, "ord_00000000000000000000");
    for (const q of HOSTILE_QUERIES) add(`GET ${r.pattern}?${q.split("=")[0]}`, `${base}?${q}`);

    if (!r.methods.includes("POST") && r.kind === "api") continue;
    const post = (label: string, body: BodyInit, headers: Record<string, string>) =>
      add(`POST ${r.pattern} ${label}`, base, { method: "POST", body, headers });
    post("broken JSON", '{"bundle": "esim_1GB', { "content-type": "application/json" });
    post("JSON array", "[1,2,3]", { "content-type": "application/json" });
    post("JSON null", "null", { "content-type": "application/json" });
    post("wrong types", JSON.stringify({ bundle: 42, email: ["a"], id: { $ne: 1 } }), {
      "content-type": "application/json",
    });
    post("SQL and NUL", JSON.stringify({ bundle: "x' OR 1=1--\u0000", email: "a@b.c\u0000" }), {
      "content-type": "application/json",
    });
    post("huge JSON (6 MB)", JSON.stringify({ bundle: "a".repeat(6_000_000) }), { "content-type": "application/json" });
    post("broken form", "bundle=%E0%A4%A&email=%%%", { "content-type": "application/x-www-form-urlencoded" });
    post("bad multipart", '--x\r\nContent-Disposition: form-data; name="bundle"\r\n\r\nabc', {
      "content-type": "multipart/form-data; boundary=y",
    });
    post("no content type", "bundle=x", {});
    post("forged Next-Action", "[]", { "next-action": "0".repeat(40), "content-type": "text/plain;charset=UTF-8" });
    // Signatures: missing, wrong, and a real one replayed past Stripe's tolerance or over another body.
    post("no signature", realPayload, { "content-type": "application/json" });
    post("bad signature", realPayload, { "content-type": "application/json", "stripe-signature": "t=1,v1=deadbeef" });
    post("replayed signature (old)", realPayload, {
      "content-type": "application/json",
      "stripe-signature": signer.generateTestHeaderString({
        payload: realPayload,
        secret: WEBHOOK_SECRET,
        timestamp: old,
      }),
    });
    post("signature of another body", realPayload.replace("forged", "forgeD"), {
      "content-type": "application/json",
      "stripe-signature": signer.generateTestHeaderString({ payload: realPayload, secret: WEBHOOK_SECRET }),
    });
    post("bad HMAC", JSON.stringify({ iccid: "8944000000000000000", alertType: "Utilisation" }), {
      "content-type": "application/json",
      "x-signature-sha256": "AAAA",
    });
  }
  // The portal's and the admin's pages and downloads, signed in as their user, with every query parameter they
  // read (and some they do not) set to something hostile, or given twice.
  for (const r of routes) {
    const area = /^\/(partner|admin)(\/|$)/.exec(r.pattern)?.[1] as "partner" | "admin" | undefined;
    if (!area || !r.methods.includes("GET")) continue;
    const url = fill(r.pattern, "ord_00000000000000000000");
    const headers = { cookie: sessions[area] };
    add(`GET ${r.pattern} as ${area}`, url, { headers });
    for (const name of SIGNED_IN_PARAMS) {
      for (const value of SIGNED_IN_VALUES)
        add(`GET ${r.pattern}?${name}=${value.slice(0, 12)} as ${area}`, `${url}?${name}=${value}`, { headers });
      add(`GET ${r.pattern}?${name} twice as ${area}`, `${url}?${name}=2026-01&${name}=%00`, { headers });
    }
  }

  // Cron and metrics with hostile credentials.
  for (const auth of ["Bearer ", "Bearer ' OR 1=1--", "Basic Zm9vOmJhcg==", "Bearer " + "x".repeat(10_000)])
    for (const url of ["/api/cron/fulfil", "/api/cron/%00", "/api/metrics"])
      add(`GET ${url} auth`, url, { headers: { authorization: auth } });

  let i = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (i < requests.length) {
        const r = requests[i++]!;
        await call(tally, r.label, r.url, r.init, 30_000);
      }
    }),
  );
  // Truncated bodies over a raw socket: Content-Length promises more than arrives.
  const truncated = routes.filter((r) => r.methods.includes("POST"));
  for (const r of truncated) {
    const url = fill(r.pattern, "ord_00000000000000000000");
    const body = '{"bundle":"esim_1GB_7D';
    const status = await rawRequest(
      app,
      `POST ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n`,
      body,
    );
    tally.record(`POST ${r.pattern} truncated`, status);
  }
  const after = await snapshot(sql, stack.sandboxUrl);
  const changed = Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);

  Object.assign(part.figures, {
    routes: routes.length,
    requests: requests.length + truncated.length,
    "4xx": tally.count((s) => s >= 400 && s < 500),
    "2xx/3xx": tally.count((s) => s < 400),
    "5xx": tally.fiveXx,
    noAnswer: tally.noAnswer,
    closedEarly: tally.closedEarly,
    responses: tally.summary(),
    changed: changed.length ? changed.map((k) => `${k}:${before[k]}→${after[k]}`).join(",") : "nothing",
    ms: Date.now() - started,
  });
  expect(part, tally.fiveXx === 0, `${tally.fiveXx} 5xx answers:\n      ${tally.failureKinds()}`);
  expect(part, tally.noAnswer === 0, `${tally.noAnswer} requests got no answer: ${tally.samples5xx.join(" | ")}`);
  expect(part, changed.length === 0, `state changed: ${part.figures.changed}`);
  return part;
}
