"use server";
// Portal actions: API keys (create shown once, rotate, revoke) and webhook endpoints (create, disable,
// re-enable one we switched off for failing, replay).
// The partner always comes from the session (lib/partners/portal.ts), never from the form.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { API_SCOPES, WEBHOOK_EVENT_TYPES } from "@/lib/db/schema";
import { createApiKey, revokeApiKey, rotateApiKey } from "@/lib/partners/keys";
import { partnerAction } from "@/lib/partners/portal";
import {
  createEndpoint,
  disableEndpoint,
  enableEndpoint,
  replayDelivery,
  WebhookTargetRefused,
} from "@/lib/partners/webhooks";
import { sendTestEvent } from "@/lib/partners/webhook-test";

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));
const keyId = z.string().regex(/^key_[0-9a-z]{1,40}$/, "Unknown key");

export const createKeyAction = partnerAction(
  z.object({
    name: z.string().trim().min(1, "Name the key (where it is used)").max(80),
    scopes: list(z.enum(API_SCOPES)).refine((s) => s.length > 0, "Choose at least one scope"),
  }),
  async ({ name, scopes }, { partner }) => {
    const { key, secret } = await createApiKey(await getDb(), partner.id, { name, scopes });
    revalidatePath("/partner/keys");
    return { ok: `Key ${key.prefix}… created.`, values: { secret } };
  },
);

export const rotateKeyAction = partnerAction(z.object({ keyId }), async ({ keyId: id }, { partner }) => {
  const issued = await rotateApiKey(await getDb(), partner.id, id);
  if (!issued) return { error: "That key is not active." };
  revalidatePath("/partner/keys");
  return {
    ok: `New key ${issued.key.prefix}… issued; the old one keeps working for 24 hours.`,
    values: { secret: issued.secret },
  };
});

export const revokeKeyAction = partnerAction(z.object({ keyId }), async ({ keyId: id }, { partner }) => {
  if (!(await revokeApiKey(await getDb(), partner.id, id))) return { error: "That key is not active." };
  revalidatePath("/partner/keys");
  return { ok: "Key revoked: it is refused from now on." };
});

export const createEndpointAction = partnerAction(
  z.object({
    url: z.url({ protocol: /^https?$/, error: "Enter the http(s) URL of your receiver" }).max(2000),
    events: list(z.enum(WEBHOOK_EVENT_TYPES)).refine((e) => e.length > 0, "Choose at least one event"),
  }),
  async ({ url, events }, { partner }) => {
    let secret: string;
    try {
      ({ secret } = await createEndpoint(await getDb(), partner.id, { url, events }));
    } catch (err) {
      if (err instanceof WebhookTargetRefused) return { error: err.message };
      throw err;
    }
    revalidatePath("/partner/webhooks");
    return { ok: "Endpoint added. Verify each delivery with its signing secret:", values: { secret } };
  },
);

export const disableEndpointAction = partnerAction(
  z.object({ endpointId: z.string().regex(/^whe_[0-9a-z]{1,40}$/) }),
  async ({ endpointId }, { partner }) => {
    if (!(await disableEndpoint(await getDb(), partner.id, endpointId)))
      return { error: "That endpoint is not active." };
    revalidatePath("/partner/webhooks");
    return { ok: "Endpoint disabled." };
  },
);

export const enableEndpointAction = partnerAction(
  z.object({ endpointId: z.string().regex(/^whe_[0-9a-z]{1,40}$/) }),
  async ({ endpointId }, { partner }) => {
    if (!(await enableEndpoint(await getDb(), partner.id, endpointId)))
      return { error: "Only an endpoint we switched off for failing can be switched back on." };
    revalidatePath("/partner/webhooks");
    return { ok: "Endpoint enabled: new events are sent to it again." };
  },
);

export const replayDeliveryAction = partnerAction(
  z.object({ deliveryId: z.coerce.number().int().positive() }),
  async ({ deliveryId }, { partner }) => {
    if (!(await replayDelivery(await getDb(), partner.id, deliveryId)))
      return { error: "That delivery cannot be replayed." };
    const { kickWorker } = await import("@/lib/jobs/worker");
    kickWorker();
    revalidatePath("/partner/webhooks");
    return { ok: "Queued to be sent again." };
  },
);

export const testEndpointAction = partnerAction(
  z.object({ endpointId: z.string().regex(/^whe_[0-9a-z]{1,40}$/, "Unknown endpoint") }),
  async ({ endpointId }, { partner }) => {
    const r = await sendTestEvent(await getDb(), partner.id, endpointId);
    revalidatePath("/partner/webhooks");
    if (!r.sent) return { error: r.reason };
    if (r.ok) return { ok: `Test event ${r.eventId} delivered: your endpoint answered ${r.status}.` };
    return {
      error: r.status
        ? `Test event sent, but your endpoint answered ${r.status} (a 2xx is needed).`
        : `Test event could not be delivered: ${r.error}.`,
    };
  },
);
