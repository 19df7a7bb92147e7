// POST /api/webhooks/esim-go — usage callbacks: verify X-Signature-SHA256, de-duplicate, store; alerts after.
import { after, NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { handleEsimGoCallback } from "@/lib/usage/webhook";
import { BODY_LIMITS, readBodyOr413 } from "@/lib/http/body";
import { busy, within, WEBHOOK_DEADLINE_MS } from "@/lib/http/deadline";
import { log } from "@/lib/observability/logger";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  // The signature covers the exact bytes sent: read the raw text, never a re-serialised JSON.
  const body = await readBodyOr413(request, BODY_LIMITS.webhook);
  if (body.response) return body.response;
  const work = handleEsimGoCallback(
    await getDb(),
    body.raw,
    request.headers.get("x-signature-sha256"),
    env().esimGo.apiKey,
  );
  const runFollowUp = (followUp: (() => Promise<unknown>) | undefined) =>
    followUp?.().catch((err: unknown) =>
      log.error({ err }, "usage alert follow-up failed; the usage-alerts job retries"),
    );
  const outcome = await within(work, WEBHOOK_DEADLINE_MS);
  if (!outcome) {
    work.then(
      (late) => runFollowUp(late.followUp),
      (err: unknown) => log.error({ err }, "esim-go callback failed late; eSIM Go retries"),
    );
    return busy();
  }
  const followUp = outcome.followUp;
  if (followUp) after(() => runFollowUp(followUp));
  return NextResponse.json(outcome.body, { status: outcome.status });
}
