// /partner/webhooks — endpoints (add, disable, show the signing secret) and the delivery log with replay.
import Link from "next/link";
import { getDb } from "@/lib/db";
import { WEBHOOK_EVENT_TYPES } from "@/lib/db/schema";
import { requirePartnerPage } from "@/lib/partners/portal";
import { deliveryLog, endpointSecret, listEndpoints, MAX_ENDPOINTS } from "@/lib/partners/webhooks";
import { PartnerNav } from "@/components/partner/partner-nav";
import { ActionForm } from "@/components/partner/action-form";
import { Field, Input } from "@/components/ui/field";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import {
  createEndpointAction,
  disableEndpointAction,
  enableEndpointAction,
  replayDeliveryAction,
  testEndpointAction,
} from "../actions";

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
        <PageHeader
          title="Webhooks"
          description={
            <p>
              Signed with <code className="font-mono">Tern-Signature</code>; see{" "}
              <Link href="/docs/api#webhooks" className="text-brand-800 underline">
                how to verify
              </Link>
              . Events never carry install details. Up to {MAX_ENDPOINTS} endpoints; one that fails every delivery for
              three days is switched off and you are emailed. “Send test event” posts a signed <code>test</code> event
              to one endpoint now and logs its answer below.
            </p>
          }
        />
        <Section id="new-endpoint" title="Add an endpoint">
          <ActionForm
            action={createEndpointAction}
            submitLabel="Add endpoint"
            label="Add webhook endpoint"
            secretNote="Its signing secret (you can show it again below, under “Show signing secret”):"
          >
            <Field id="endpoint-url" label="URL">
              <Input
                id="endpoint-url"
                name="url"
                type="url"
                required
                placeholder="https://example.com/tern"
                className="w-full max-w-md"
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
        </Section>
        <ul className="mt-6 grid gap-3" aria-label="Endpoints">
          {endpoints.map((e) => (
            <li key={e.id} className="card min-w-0 p-4">
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
                    action={testEndpointAction}
                    submitLabel="Send test event"
                    label={`Send a test event to ${e.url}`}
                    variant="secondary"
                    className="mt-2 flex flex-wrap items-end gap-2"
                  >
                    <input type="hidden" name="endpointId" value={e.id} />
                  </ActionForm>
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
        <Section id="log" title="Recent deliveries" card={false}>
          <DataTable
            caption="Webhook deliveries"
            rows={log}
            rowKey={(d) => d.id}
            empty="No deliveries yet."
            rowTestId="delivery-row"
            columns={[
              {
                key: "created",
                header: "Created (UTC)",
                cell: (d) => d.createdAt.toISOString().replace("T", " ").slice(0, 16),
                className: "tabular-nums whitespace-nowrap",
              },
              { key: "event", header: "Event", cell: (d) => d.type },
              { key: "order", header: "Order", cell: (d) => d.orderId ?? "—", className: "font-mono text-xs" },
              { key: "status", header: "Status", cell: (d) => d.status },
              { key: "attempts", header: "Attempts", cell: (d) => d.attempts, align: "right" },
              { key: "answer", header: "Last answer", cell: (d) => d.lastResponseStatus ?? d.lastError ?? "—" },
              {
                key: "replay",
                header: "Replay",
                hiddenHeader: true,
                cell: (d) =>
                  d.orderId ? (
                    <ActionForm
                      action={replayDeliveryAction}
                      submitLabel="Replay"
                      label={`Replay delivery ${d.id}`}
                      variant="secondary"
                      className="flex items-end gap-2"
                    >
                      <input type="hidden" name="deliveryId" value={d.id} />
                    </ActionForm>
                  ) : null,
              },
            ]}
          />
        </Section>
      </div>
    </>
  );
}
