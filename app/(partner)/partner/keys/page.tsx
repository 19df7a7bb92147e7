// /partner/keys — API keys: create (the key is shown once), rotate (the old key works 24 h more), revoke.
import { getDb } from "@/lib/db";
import { API_SCOPES } from "@/lib/db/schema";
import { listApiKeys } from "@/lib/partners/keys";
import { requirePartnerPage } from "@/lib/partners/portal";
import { PartnerNav } from "@/components/partner/partner-nav";
import { ActionForm } from "@/components/partner/action-form";
import { Field, Input } from "@/components/ui/field";
import { Badge } from "@/components/ui/badge";
import { createKeyAction, revokeKeyAction, rotateKeyAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "API keys" };

const when = (d: Date | null) => (d ? `${d.toISOString().replace("T", " ").slice(0, 16)} UTC` : "never");

export default async function KeysPage() {
  const { user, partner } = await requirePartnerPage("/partner/keys");
  const keys = await listApiKeys(await getDb(), partner.id);
  const now = new Date();
  return (
    <>
      <PartnerNav current="/partner/keys" partnerName={partner.name} email={user.email} />
      <div className="container-page py-8">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">API keys</h1>
        <p className="mt-1 text-slate-700">
          Send a key as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>. We keep only a hash: a
          lost key cannot be shown again, only replaced.
        </p>
        <section aria-labelledby="new-key-h" className="card mt-6 p-4">
          <h2 id="new-key-h" className="text-lg font-bold text-slate-900">
            New key
          </h2>
          <ActionForm action={createKeyAction} submitLabel="Create key" label="New API key">
            <Field id="key-name" label="Name">
              <Input id="key-name" name="name" required maxLength={80} placeholder="booking system" className="w-64" />
            </Field>
            <fieldset className="flex flex-wrap gap-3">
              <legend className="field-label">Scopes</legend>
              {API_SCOPES.map((s) => (
                <label key={s} className="flex items-center gap-1.5 text-sm text-slate-800">
                  <input type="checkbox" name="scopes" value={s} defaultChecked className="h-4 w-4" /> {s}
                </label>
              ))}
            </fieldset>
          </ActionForm>
        </section>
        <ul className="mt-6 grid gap-3">
          {keys.length === 0 && <li className="text-slate-600">No keys yet.</li>}
          {keys.map((k) => {
            const revoked = Boolean(k.revokedAt);
            const expired = Boolean(k.expiresAt && k.expiresAt.getTime() <= now.getTime());
            return (
              <li key={k.id} className="card p-4">
                <p className="flex flex-wrap items-center gap-2">
                  <strong className="text-slate-900">{k.name}</strong>
                  <code className="font-mono text-sm">{k.prefix}…</code>
                  {revoked ? (
                    <Badge>revoked</Badge>
                  ) : expired ? (
                    <Badge>expired</Badge>
                  ) : (
                    <Badge tone="emerald">active</Badge>
                  )}
                  {k.expiresAt && !revoked && !expired && <Badge tone="amber">expires {when(k.expiresAt)}</Badge>}
                </p>
                <p className="mt-1 text-sm text-slate-700">
                  Scopes: {k.scopes.join(", ")} · created {when(k.createdAt)} · last used {when(k.lastUsedAt)}
                </p>
                {!revoked && !expired && (
                  <div className="mt-2 flex flex-wrap gap-4">
                    <ActionForm
                      action={rotateKeyAction}
                      submitLabel="Rotate"
                      label={`Rotate ${k.name}`}
                      variant="secondary"
                      className="flex flex-wrap items-end gap-2"
                    >
                      <input type="hidden" name="keyId" value={k.id} />
                    </ActionForm>
                    <ActionForm
                      action={revokeKeyAction}
                      submitLabel="Revoke"
                      label={`Revoke ${k.name}`}
                      variant="danger"
                      className="flex flex-wrap items-end gap-2"
                    >
                      <input type="hidden" name="keyId" value={k.id} />
                    </ActionForm>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </>
  );
}
