// /docs/api — the reseller API, readable: authentication, idempotency, every route with its scope and errors
// (from the same table as the OpenAPI document), webhooks and how to verify their signatures.
import Link from "next/link";
import { API_ERRORS } from "@/lib/partners/errors";
import { API_ROUTES } from "@/lib/partners/routes";
import { SIGNATURE_HEADER, VERIFY_SNIPPET } from "@/lib/partners/signature";
import { WEBHOOK_EVENT_TYPES } from "@/lib/db/schema";

export const metadata = { title: "Reseller API", description: "Order eSIMs for your customers over Tern's API." };

const code = "rounded bg-slate-100 px-1 font-mono text-sm";

export default function ApiDocs() {
  return (
    <div className="container-page max-w-4xl py-10 text-slate-800">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Reseller API</h1>
      <p className="mt-2">
        Order eSIMs for your customers, paid from your prepaid balance or postpaid credit line. The machine-readable
        description is the{" "}
        <a className="text-brand-800 underline" href="/api/v1/openapi.json">
          OpenAPI 3.1 document
        </a>
        ; keys, webhooks and statements are in the{" "}
        <Link className="text-brand-800 underline" href="/partner">
          partner portal
        </Link>
        .
      </p>

      <h2 className="mt-8 text-xl font-bold text-slate-900">Authentication</h2>
      <p className="mt-2">
        Send <code className={code}>Authorization: Bearer tern_…</code>. Each key carries scopes (
        <code className={code}>catalogue:read</code>, <code className={code}>orders:write</code>,{" "}
        <code className={code}>orders:read</code>, <code className={code}>ledger:read</code>,{" "}
        <code className={code}>topups:write</code> to start a top-up). Rotating a key issues a new one and keeps the old
        one working for 24 hours. Each key may make 120 requests a minute; past that the answer is 429 with{" "}
        <code className={code}>Retry-After</code>.
      </p>

      <h2 className="mt-8 text-xl font-bold text-slate-900">Ordering safely</h2>
      <ol className="mt-2 list-decimal space-y-1 pl-6">
        <li>
          Send <code className={code}>POST /api/v1/orders</code> with{" "}
          <code className={code}>{`{ "bundle": "…", "reference": "your-booking-id" }`}</code> and an{" "}
          <code className={code}>Idempotency-Key</code> header (a new UUID per order).
        </li>
        <li>
          On a timeout or a 5xx, send the very same request with the same key: you get the first answer back, never a
          second order.
        </li>
        <li>
          If you lost track entirely, <code className={code}>GET /api/v1/orders?reference=your-booking-id</code> finds
          it.
        </li>
        <li>
          When the order is <code className={code}>delivered</code> (webhook{" "}
          <code className={code}>order.delivered</code>), fetch{" "}
          <code className={code}>GET /api/v1/orders/{"{id}"}/install</code> for the LPA string. Every such call is
          logged.
        </li>
        <li>
          An order that cannot be fulfilled is credited back to your ledger (
          <code className={code}>order.refunded</code>).
        </li>
      </ol>

      <h2 className="mt-8 text-xl font-bold text-slate-900">Routes</h2>
      <ul className="mt-2 space-y-4">
        {API_ROUTES.map((r) => (
          <li key={`${r.method} ${r.path}`} className="card p-4">
            <p className="font-mono text-sm font-semibold text-slate-900">
              {r.method} /api/v1{r.path}
            </p>
            <p className="mt-1">
              {r.summary}. Scope: <code className={code}>{r.scope}</code>.
            </p>
            {r.description && <p className="mt-1 text-sm text-slate-700">{r.description}</p>}
            <p className="mt-1 text-sm text-slate-700">
              Success: {r.response.status}. Errors: {r.errors.map((e) => `${API_ERRORS[e].status} ${e}`).join(", ")}.
            </p>
          </li>
        ))}
      </ul>

      <h2 className="mt-8 text-xl font-bold text-slate-900">Errors</h2>
      <p className="mt-2">
        Every error is <code className={code}>{`{ "error": { "code", "message", "requestId" } }`}</code> with a real
        HTTP status. Quote the requestId to support.
      </p>
      <table className="mt-3 w-full text-left text-sm">
        <caption className="sr-only">Error codes</caption>
        <thead className="border-b border-slate-300">
          <tr>
            <th scope="col" className="py-1 pr-4">
              Status
            </th>
            <th scope="col" className="py-1 pr-4">
              Code
            </th>
            <th scope="col" className="py-1">
              Meaning
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(API_ERRORS).map(([c, e]) => (
            <tr key={c} className="border-b border-slate-100">
              <td className="py-1 pr-4 tabular-nums">{e.status}</td>
              <td className="py-1 pr-4 font-mono">{c}</td>
              <td className="py-1">{e.description}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="webhooks" className="mt-8 text-xl font-bold text-slate-900">
        Webhooks
      </h2>
      <p className="mt-2">
        Events:{" "}
        {WEBHOOK_EVENT_TYPES.map((t) => (
          <code key={t} className={`${code} mr-1`}>
            {t}
          </code>
        ))}
        . Each is a JSON POST with <code className={code}>{`{ id, type, createdAt, data }`}</code>; it never carries
        install details. Answer 2xx within 10 seconds; anything else is retried with backoff (about 1 s, 3 s, 10 s, 30
        s, 2 min, 10 min, 30 min) up to 8 attempts, and you can replay any delivery from the portal. Use the event{" "}
        <code className={code}>id</code> to ignore duplicates.
      </p>
      <p className="mt-2">
        Each request carries <code className={code}>{SIGNATURE_HEADER}: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</code>,
        where v1 is HMAC-SHA256 with your endpoint&apos;s signing secret over{" "}
        <code className={code}>{"`${t}.${rawBody}`"}</code>. Verify it over the raw body, before parsing, and refuse old
        timestamps:
      </p>
      <pre className="mt-3 overflow-x-auto rounded-lg bg-slate-900 p-4 text-sm text-white">
        <code>{VERIFY_SNIPPET}</code>
      </pre>
    </div>
  );
}
