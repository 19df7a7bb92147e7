// POST /api/v1/orders — buy a bundle from the partner's ledger, behind a required Idempotency-Key (orders:write).
// GET /api/v1/orders[?reference=&limit=&starting_after=] — the partner's orders, newest first, a page at a time,
// or the one with that reference (orders:read). A bearer key authorises it, never a cookie: no same-origin check.
import { after } from "next/server";
import { kickWorker } from "@/lib/jobs/worker";
import { BODY_LIMITS, BodyTooLargeError, readBodyLimited } from "@/lib/http/body";
import { json, partnerRoute } from "@/lib/partners/api";
import { apiError } from "@/lib/partners/errors";
import { pagePartnerOrders, placeOrder } from "@/lib/partners/orders";
import { createOrderSchema, idempotencyKeySchema, orderListQuerySchema } from "@/lib/partners/schemas";
import { toApiOrder } from "@/lib/partners/views";

export const dynamic = "force-dynamic";

export const POST = partnerRoute("orders:write", async ({ db, partner, request }) => {
  const key = idempotencyKeySchema.safeParse(request.headers.get("idempotency-key") ?? undefined);
  if (!key.success)
    return apiError(
      request,
      "idempotency_key_required",
      "Send an Idempotency-Key header (8–255 printable characters, a UUID is ideal).",
    );
  let raw: string;
  try {
    raw = await readBodyLimited(request, BODY_LIMITS.form);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return apiError(request, "invalid_request", "The body is too large.");
    throw err;
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return apiError(request, "invalid_request", "The body must be JSON: { bundle, reference }.");
  }
  const input = createOrderSchema.safeParse(body);
  if (!input.success) {
    const issue = input.error.issues[0];
    return apiError(request, "invalid_request", `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
  }
  const result = await placeOrder(db, partner, key.data, input.data);
  if (result.created) after(() => kickWorker());
  return json(result.body, result.status, result.replayed ? { "idempotent-replayed": "true" } : {});
});

export const GET = partnerRoute("orders:read", async ({ db, partner, request }) => {
  const query = orderListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    const issue = query.error.issues[0];
    return apiError(request, "invalid_request", `${issue?.path.join(".") || "query"}: ${issue?.message ?? "invalid"}`);
  }
  const { reference, limit, starting_after: startingAfter } = query.data;
  const page = await pagePartnerOrders(db, partner.id, { reference, limit, startingAfter });
  return json({ data: page.orders.map(toApiOrder), has_more: page.hasMore });
});
