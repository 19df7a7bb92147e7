// /docs/api — the reseller API, readable: the base URL, authentication, idempotency, every call with a curl
// line and a JSON example (the same examples the OpenAPI document carries, checked against the schemas),
// errors, and webhooks with how to verify their signatures.
import Link from "next/link";
import { env } from "@/lib/env";
import { API_ERRORS } from "@/lib/partners/errors";
import { API_ROUTES } from "@/lib/partners/routes";
import { curlFor, ERROR_EXAMPLE, exampleFor, WEBHOOK_EXAMPLE } from "@/lib/partners/examples";
import { SIGNATURE_HEADER, VERIFY_SNIPPET } from "@/lib/partners/signature";
import { WEBHOOK_EVENT_TYPES } from "@/lib/db/schema";
import { CodeBlock } from "@/components/ui/code-block";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";

// The base URL is this deployment's own (APP_URL at run time), not the one the build happened to see.
export const dynamic = "force-dynamic";
export const metadata = { title: "Reseller API", description: "Order eSIMs for your customers over Tern's API." };

// Inline code wraps anywhere: a long header or path must not widen a phone's page.
const code = "rounded bg-slate-100 px-1 font-mono text-sm [overflow-wrap:anywhere]";
const h2 = "mt-10 text-xl font-bold text-slate-900";
const json = (v: unknown) => JSON.stringify(v, null, 2);
const anchor = (method: string, path: string) => `${method}-${path}`.toLowerCase().replace(/[^a-z0-9]+/g, "-");

export default function ApiDocs() {
  const base = env().appUrl.replace(/\/$/, "");
  const errors = Object.entries(API_ERRORS).map(([c, e]) => ({ code: c, ...e }));
  return (
    <div className="container-page max-w-4xl py-10 text-slate-800">
      <PageHeader
        title="Reseller API"
        description={
          <p>
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
        }
      />

      <h2 className={h2}>Base URL</h2>
      <CodeBlock>{`${base}/api/v1`}</CodeBlock>
      <p className="mt-2">
        Every call below is relative to it. Requests and answers are JSON; money is integer minor units (cents) beside
        an ISO currency: <code className={code}>{`{ "amountMinor": 449, "currency": "USD" }`}</code> is $4.49.
      </p>

      <h2 className={h2}>Authentication</h2>
      <p className="mt-2">
        Send <code className={code}>Authorization: Bearer tern_…</code> with a key from the portal. Each key carries
        scopes (<code className={code}>catalogue:read</code>, <code className={code}>orders:write</code>,{" "}
        <code className={code}>orders:read</code>, <code className={code}>ledger:read</code>,{" "}
        <code className={code}>topups:write</code> to start a top-up). Rotating a key issues a new one and keeps the old
        one working for 24 hours. Each key may make 120 requests a minute; past that the answer is 429 with{" "}
        <code className={code}>Retry-After</code>. The examples read the key from{" "}
        <code className={code}>$TERN_KEY</code>.
      </p>

      <h2 className={h2}>Ordering safely</h2>
      <ol className="mt-2 list-decimal space-y-1 pl-6">
        <li>
          Send <code className={code}>POST /orders</code> with a bundle from the catalogue, your own reference and an{" "}
          <code className={code}>Idempotency-Key</code> header (a new UUID per order).
        </li>
        <li>
          On a timeout or a 5xx, send the very same request with the same key: you get the first answer back, never a
          second order.
        </li>
        <li>
          If you lost track entirely, <code className={code}>GET /orders?reference=your-booking-id</code> finds it.
        </li>
        <li>
          When the order is <code className={code}>delivered</code> (webhook{" "}
          <code className={code}>order.delivered</code>), fetch{" "}
          <code className={code}>GET /orders/{"{id}"}/install</code>: the QR code (a PNG data URL), the one-tap install
          links for iPhone and Android, and the LPA string beside them. Every such call is logged.
        </li>
        <li>
          An order that cannot be fulfilled is credited back to your ledger (
          <code className={code}>order.refunded</code>).
        </li>
      </ol>

      <h2 className={h2}>Calls</h2>
      <ul className="mt-3 space-y-6">
        {API_ROUTES.map((r) => {
          const example = exampleFor(r);
          return (
            <li key={`${r.method} ${r.path}`} id={anchor(r.method, r.path)} className="card min-w-0 p-4">
              <h3 className="font-mono text-base font-semibold [overflow-wrap:anywhere] text-slate-900">
                {r.method} {r.path}
              </h3>
              <p className="mt-1">
                {r.summary}. Scope: <code className={code}>{r.scope}</code>.
              </p>
              {r.description && <p className="mt-1 text-sm text-slate-700">{r.description}</p>}
              <p className="mt-3 text-sm font-semibold text-slate-900">Request</p>
              <CodeBlock>{curlFor(r, base)}</CodeBlock>
              {example && (
                <>
                  <p className="mt-3 text-sm font-semibold text-slate-900">Answer ({r.response.status})</p>
                  <CodeBlock>{json(example.response)}</CodeBlock>
                </>
              )}
              <p className="mt-3 text-sm text-slate-700">
                Errors: {r.errors.map((e) => `${API_ERRORS[e].status} ${e}`).join(", ")}.
              </p>
            </li>
          );
        })}
      </ul>

      <h2 className={h2}>Errors</h2>
      <p className="mt-2">
        Every error has a real HTTP status and this body; quote the <code className={code}>requestId</code> to support:
      </p>
      <CodeBlock>{json(ERROR_EXAMPLE)}</CodeBlock>
      <DataTable
        caption="Error codes"
        card={false}
        rows={errors}
        rowKey={(e) => e.code}
        columns={[
          { key: "status", header: "Status", cell: (e) => e.status, className: "tabular-nums" },
          { key: "code", header: "Code", cell: (e) => e.code, className: "font-mono [overflow-wrap:anywhere]" },
          { key: "meaning", header: "Meaning", cell: (e) => e.description },
        ]}
      />

      <h2 id="webhooks" className={h2}>
        Webhooks
      </h2>
      <p className="mt-2">
        Events:{" "}
        {WEBHOOK_EVENT_TYPES.map((t) => (
          <code key={t} className={`${code} mr-1`}>
            {t}
          </code>
        ))}
        , and <code className={code}>test</code> when you press “Send test event” in the portal. Each is a JSON POST; it
        never carries install details. Answer 2xx within 10 seconds; anything else is retried with backoff (about 1 s, 3
        s, 10 s, 30 s, 2 min, 10 min, 30 min) up to 8 attempts, and you can replay any delivery from the portal. Use the
        event <code className={code}>id</code> to ignore duplicates.
      </p>
      <CodeBlock>{json(WEBHOOK_EXAMPLE)}</CodeBlock>
      <p className="mt-3">
        Each request carries <code className={code}>{SIGNATURE_HEADER}: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</code>,
        where v1 is HMAC-SHA256 with your endpoint&apos;s signing secret over{" "}
        <code className={code}>{"`${t}.${rawBody}`"}</code>. Verify it over the raw body, before parsing, and refuse old
        timestamps:
      </p>
      <CodeBlock>{VERIFY_SNIPPET}</CodeBlock>
    </div>
  );
}
