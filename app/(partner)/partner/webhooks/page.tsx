// /partner/webhooks — endpoints (add, disable, re-enable one we switched off, show the signing secret) and the
// delivery log with replay.
import Link from "next/link";
import { getDb } from "@/lib/db";
import { WEBHOOK_EVENT_TYPES } from "@/lib/db/schema";
import { requirePartnerPage } from "@/lib/partners/portal";
import { deliveryLog, endpointSecret, listEndpoints, MAX_ENDPOINTS } from "@/lib/partners/webhooks";
import { PartnerNav } from "@/components/partner/partner-nav";
import { ActionForm } from "@/components/partner/action-form";
import { Field, Input } from "@/components/ui/field";
import { Badge } from "@/components/ui/badge";
import { createEndpointAction, disableEndpointAction, enableEndpointAction, replayDeliveryAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Webhooks" };

const utc = (d: Date | null) => (d ? `${d.toISOString().replace("T", " ").slice(0, 16)} UTC` : "—");

export default async function WebhooksPage() {
  const { user, partner } = await requirePartnerPage("/partner/webhooks");
  const db = await getDb();
  const [endpoints, log] = await Promise.all([listEndpoints(db, partner.id), deliveryLog(db, partner.id)]);
  return (
    <>
      <PartnerNav current="/partner/webhooks" partnerName={partner.name} email={user.email} />
      <div className="container-page py-8">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Webhooks</h1>
        <p className="mt-1 text-slate-700">
          Signed with <code className="font-mono">Tern-Signature</code>; see{" "}
          <Link href="/docs/api#webhooks" className="text-brand-800 underline">
            how to verify
          </Link>
          . Events never carry install details. Up to {MAX_ENDPOINTS} endpoints; one that fails every delivery for three
          days is switched off and you are emailed.
        </p>
        <section aria-labelledby="new-endpoint-h" className="card mt-6 p-4">
          <h2 id="new-endpoint-h" className="text-lg font-bold text-slate-900">
            Add an endpoint
          </h2>
          <ActionForm action={createEndpointAction} submitLabel="Add endpoint" label="Add webhook endpoint">
            <Field id="endpoint-url" label="URL">
              <Input
                id="endpoint-url"
                name="url"
                type="url"
                required
                placeholder="https://example.com/tern"
                className="w-96"
              />
            </Field>
            <fieldset className="flex flex-wrap gap-3">
              <legend className="field-label">Events</legend>
              {WEBHOOK_EVENT_TYPES.map((t) => (
                <label key={t} className="flex items-center gap-1.5 text-sm text-slate-800">
                  <input type="checkbox" name="events" value={t} defaultChecked className="h-4 w-4" /> {t}
                </label>
              ))}
            </fieldset>
          </ActionForm>
        </section>
        <ul className="mt-6 grid gap-3" aria-label="Endpoints">
          {endpoints.map((e) => (
            <li key={e.id} className="card p-4">
              <p className="flex flex-wrap items-center gap-2">
                <code className="break-all font-mono text-sm">{e.url}</code>
                {e.disabledReason === "failing" ? (
                  <Badge tone="amber">disabled: failing</Badge>
                ) : e.disabledAt ? (
                  <Badge>disabled</Badge>
                ) : e.failingSince ? (
                  <Badge tone="amber">failing</Badge>
                ) : (
                  <Badge tone="emerald">active</Badge>
                )}
              </p>
              <p className="mt-1 text-sm text-slate-700">Events: {e.events.join(", ")}</p>
              {e.disabledReason === "failing" && (
                <div className="mt-2 text-sm text-slate-800">
                  <p>
                    Every delivery failed from {utc(e.failingSince)} until we switched it off on {utc(e.disabledAt)}.
                    Fix the receiver, then switch it back on; events raised meanwhile can be replayed below.
                  </p>
                  <ActionForm
                    action={enableEndpointAction}
                    submitLabel="Enable again"
                    label={`Enable ${e.url} again`}
                    variant="secondary"
                    className="mt-2 flex items-end gap-2"
                  >
                    <input type="hidden" name="endpointId" value={e.id} />
                  </ActionForm>
                </div>
              )}
              {!e.disabledAt && e.failingSince && (
                <p className="mt-1 text-sm text-slate-800">
                  Failing since {utc(e.failingSince)}: it is switched off after three days without a 2xx.
                </p>
              )}
              {!e.disabledAt && (
                <>
                  <details className="mt-2 text-sm">
                    <summary className="cursor-pointer text-brand-800">Show signing secret</summary>
                    <code className="mt-1 block break-all rounded bg-slate-100 px-2 py-1 font-mono">
                      {endpointSecret(e) ?? "unreadable: add a new endpoint"}
                    </code>
                  </details>
                  <ActionForm
                    action={disableEndpointAction}
                    submitLabel="Disable"
                    label={`Disable ${e.url}`}
                    variant="secondary"
                    className="mt-2 flex items-end gap-2"
                  >
                    <input type="hidden" name="endpointId" value={e.id} />
                  </ActionForm>
                </>
              )}
            </li>
          ))}
        </ul>
        <section aria-labelledby="log-h" className="mt-8">
          <h2 id="log-h" className="text-lg font-bold text-slate-900">
            Recent deliveries
          </h2>
          <div className="card mt-3 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Webhook deliveries</caption>
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-2">
                    Created (UTC)
                  </th>
                  <th scope="col" className="px-4 py-2">
                    Event
                  </th>
                  <th scope="col" className="px-4 py-2">
                    Order
                  </th>
                  <th scope="col" className="px-4 py-2">
                    Status
                  </th>
                  <th scope="col" className="px-4 py-2">
                    Attempts
                  </th>
                  <th scope="col" className="px-4 py-2">
                    Last answer
                  </th>
                  <th scope="col" className="px-4 py-2">
                    <span className="sr-only">Replay</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {log.length === 0 && (
                  <tr>
                    <td colSpan={7} className="px-4 py-6 text-slate-600">
                      No deliveries yet.
                    </td>
                  </tr>
                )}
                {log.map((d) => (
                  <tr key={d.id} className="border-t border-slate-200">
                    <td className="px-4 py-2 tabular-nums">
                      {d.createdAt.toISOString().replace("T", " ").slice(0, 16)}
                    </td>
                    <td className="px-4 py-2">{d.type}</td>
                    <td className="px-4 py-2 font-mono text-xs">{d.orderId}</td>
                    <td className="px-4 py-2">{d.status}</td>
                    <td className="px-4 py-2 tabular-nums">{d.attempts}</td>
                    <td className="px-4 py-2">{d.lastResponseStatus ?? d.lastError ?? "—"}</td>
                    <td className="px-4 py-2">
                      <ActionForm
                        action={replayDeliveryAction}
                        submitLabel="Replay"
                        label={`Replay delivery ${d.id}`}
                        variant="secondary"
                        className="flex items-end gap-2"
                      >
                        <input type="hidden" name="deliveryId" value={d.id} />
                      </ActionForm>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </>
  );
}
