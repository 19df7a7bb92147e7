// POST /api/webhooks/zendit — shared-secret header, body is a hint: record it and wake the order's fulfil
// job (which re-fetches the purchase). HEAD answers 200: Zendit verifies the URL with it.
import { after } from "next/server";
import { getDb } from "@/lib/db";
import { kickWorker } from "@/lib/jobs/worker";
import { BODY_LIMITS, readBodyOr413 } from "@/lib/http/body";
import { busy, within, WEBHOOK_DEADLINE_MS } from "@/lib/http/deadline";
import { log } from "@/lib/observability/logger";
import { handlePurchaseWebhook, purchaseWebhookAuthentic } from "@/lib/fulfilment/purchase-webhook";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  if (!purchaseWebhookAuthentic("zendit", request.headers)) {
    await request.body?.cancel().catch(() => {});
    return Response.json({ error: "unauthorized" }, { status: 401 });
  }
  const body = await readBodyOr413(request, BODY_LIMITS.webhook);
  if (body.response) return body.response;
  const work = handlePurchaseWebhook(await getDb(), "zendit", body.raw, request.headers);
  const result = await within(work, WEBHOOK_DEADLINE_MS);
  if (!result) {
    work.then(
      (late) => late.kick && kickWorker(),
      (err: unknown) => log.error({ err }, "zendit webhook failed late; Zendit retries"),
    );
    return busy();
  }
  if (result.kick) after(() => kickWorker());
  return Response.json(result.body, { status: result.status });
}

export function HEAD() {
  return new Response(null, { status: 200 });
}
