// `GET /`: what the sandbox is, where each imitated service lives and how to point an SDK at it, and the
// control API in brief. Base URLs are built from the address the visitor used, so they can be copied as is.
import type { SandboxApp } from "../server";
import { escapeHtml } from "../core/http";
import { renderPage } from "./layout";

interface ServiceRow {
  name: string;
  base: string;
  client: (origin: string, app: SandboxApp) => string;
  notes: string;
}

const SERVICES: ServiceRow[] = [
  {
    name: "Stripe",
    base: "/v1",
    client: (o) => {
      const url = new URL(o);
      return `new Stripe("sk_test_…", { host: "${url.hostname}", port: ${url.port || 80}, protocol: "http" })`;
    },
    notes:
      "Checkout Sessions with a hosted payment page, PaymentIntents, Refunds, Issuing, Balance; signed webhooks with retries.",
  },
  {
    name: "eSIM Go v2.4",
    base: "/esim-go/v2.4",
    client: (o, app) =>
      `fetch("${o}/esim-go/v2.4/catalogue", { headers: { "X-API-Key": "${app.config.esimGo.apiKey}" } })`,
    notes: "Catalogue, orders, assignments, eSIMs and bundles, organisation balance, signed usage callbacks.",
  },
  {
    name: "Zendit v1",
    base: "/zendit/v1",
    client: (o) => `fetch("${o}/zendit/v1/balance", { headers: { Authorization: "Bearer any-key" } })`,
    notes:
      "eSIM offers, asynchronous purchases with webhooks, QR codes, plans, balance, transactions; sandbox-only wallet top-up by Issuing card.",
  },
  {
    name: "Supabase Storage",
    base: "/supabase/storage/v1",
    client: (o) => `createClient("${o}/supabase", "any-key")`,
    notes: "Buckets, uploads, downloads, public and signed URLs. A private bucket esim-qr exists from the start.",
  },
  {
    name: "Resend",
    base: "/resend",
    client: (o) => `RESEND_BASE_URL=${o}/resend  (new Resend("re_…"))`,
    notes: "POST /emails and /emails/batch with Idempotency-Key; everything sent shows in the inbox.",
  },
];

export const CONTROL: [string, string][] = [
  ["POST /_sandbox/reset", "Wipe every service's state (and stored files)."],
  [
    "GET|POST|DELETE /_sandbox/faults",
    "Inject errors, timeouts, 429 with Retry-After or dropped answers, per service and route.",
  ],
  ["POST /_sandbox/latency", 'Add latency to a service, e.g. { "service": "esim-go", "ms": 40 }.'],
  ["GET|POST /_sandbox/config", "Read or change webhook/callback URLs and Zendit's step delay at run time."],
  [
    "GET /_sandbox/stripe/events",
    "Stripe events and their delivery attempts; POST …/checkout/sessions/:id/pay pays without a browser.",
  ],
  ["GET /_sandbox/esim-go/orders", "eSIM Go orders; also esims, callbacks, balance and usage controls."],
  [
    "GET /_sandbox/zendit/purchases",
    "Zendit purchases with webhook attempts; POST /_sandbox/zendit/balance sets the wallet (cents).",
  ],
  ["GET /_sandbox/storage/objects", "Stored objects: bucket, path, size, content type."],
  ["GET /_sandbox/emails", "Sent email as JSON (?to= filters); /_sandbox/emails/:id includes attachment content."],
];

export function registerIndexPage(app: SandboxApp): void {
  app.page("GET", "/", ({ res, origin }) => {
    const rows = SERVICES.map(
      (s) => `<tr>
  <th scope="row">${escapeHtml(s.name)}</th>
  <td><code>${escapeHtml(origin + s.base)}</code></td>
  <td><code>${escapeHtml(s.client(origin, app))}</code></td>
  <td>${escapeHtml(s.notes)}</td>
</tr>`,
    ).join("\n");
    const control = CONTROL.map(
      ([route, what]) => `<tr><td><code>${escapeHtml(route)}</code></td><td>${escapeHtml(what)}</td></tr>`,
    ).join("\n");
    renderPage(
      res,
      "Services",
      `<h1>Tern sandbox</h1>
<p>One local process that stands in for every outside service Tern uses, over the same HTTP APIs, so the shop runs
with no accounts. Point an SDK's base URL here and production code works unchanged. State is kept on disk until
<code>POST /_sandbox/reset</code>. Nothing here talks to the real services.</p>
<p><a href="/inbox">Open the inbox</a> to read the email the shop has sent.</p>

<h2>Services</h2>
<table>
<caption>Base URLs as seen from this browser</caption>
<thead><tr><th scope="col">Service</th><th scope="col">Base URL</th><th scope="col">Client setup</th><th scope="col">Imitates</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>

<h2>Control API</h2>
<p>Plain JSON under <code>/_sandbox</code>, for tests and benchmarks. Each service's <code>README.md</code> lists the rest.</p>
<table>
<thead><tr><th scope="col">Route</th><th scope="col">What it does</th></tr></thead>
<tbody>
${control}
</tbody>
</table>`,
    );
  });
}
