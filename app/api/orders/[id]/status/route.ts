// GET /api/orders/[id]/status?t=<token> | ?session_id=<cs_…> — live order progress for the success and order
// pages: never install details (those only in the page, whose view is logged). Anyone without access gets the
// same 404 as for an order that does not exist; malformed ids and credentials are 404 before any query.
// `wait=<progress>` holds the answer (up to WAIT_MS) until the progress differs, so a page learns of its eSIM
// at once instead of on its next poll.
import type { NextRequest } from "next/server";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { clientIpFrom } from "@/lib/http/client-ip";
import { jsonError, notFound, tooManyRequests } from "@/lib/http/errors";
import { bucket, LIMITS, takeRateLimit } from "@/lib/http/rate-limit";
import { isOrderId } from "@/lib/orders/ids";
import { getOrderStatus, waitForOrderStatus } from "@/lib/orders/queries";
import { PROGRESS_VALUES, type OrderProgress } from "@/lib/orders/progress";

export const dynamic = "force-dynamic";

const TOKEN = /^[A-Za-z0-9_-]{20,200}$/;
const SESSION_ID = /^cs_(test|live)_[A-Za-z0-9]{1,200}$/;
// Below the idle timeouts of common proxies and serverless hosts (30 s and up).
const WAIT_MS = 10_000;

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const t = request.nextUrl.searchParams.get("t");
  const s = request.nextUrl.searchParams.get("session_id");
  const wait = request.nextUrl.searchParams.get("wait");
  if (!isOrderId(id) || (t && !TOKEN.test(t)) || (s && !SESSION_ID.test(s))) return notFound();
  if (wait !== null && !PROGRESS_VALUES.has(wait as OrderProgress))
    return jsonError(400, "bad_request", "wait must be one of the order progress values.");

  const taken = await takeRateLimit(await getDb(), [
    { bucket: bucket("status", "ip", clientIpFrom(request.headers)), limit: LIMITS.orderStatus.perIp },
    { bucket: bucket("status", "order", id), limit: LIMITS.orderStatus.perOrder },
  ]);
  if (!taken.ok) return tooManyRequests(taken.retryAfterSeconds);

  const user = t || s ? null : await currentUser();
  const access = { token: t ?? undefined, checkoutSessionId: s ?? undefined, customerId: user?.id };
  const status = wait
    ? await waitForOrderStatus(id, access, wait as OrderProgress, { timeoutMs: WAIT_MS, signal: request.signal })
    : await getOrderStatus(id, access);
  if (!status) return notFound();
  return Response.json(status, { headers: { "cache-control": "no-store" } });
}
