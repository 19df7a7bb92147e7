// POST /api/admin/reconcile — check_balance | list_failed_topups | list_failed_purchases | list_stuck |
// reconcile (JSON or CSV) for a date range; admins only (403 otherwise). GET with the same query parameters
// downloads the CSV. POST only from our own pages, as JSON.
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { refuseCrossSite } from "@/lib/http/origin";
import { requireAdminApi } from "@/lib/admin/guard";
import { reconcileRequestSchema, runReconcileRequest } from "@/lib/admin/reconcile/api";
import { log } from "@/lib/observability/logger";

export const dynamic = "force-dynamic";
export const maxDuration = 120;

async function answer(input: unknown): Promise<Response> {
  const parsed = reconcileRequestSchema.safeParse(input);
  if (!parsed.success)
    return Response.json(
      { error: { code: "invalid_request", message: parsed.error.issues[0]?.message ?? "Invalid request." } },
      { status: 400 },
    );
  try {
    const out = await runReconcileRequest(await getDb(), parsed.data);
    if ("csv" in out)
      return new Response(out.csv, {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${out.filename}"`,
          "cache-control": "no-store",
        },
      });
    return Response.json(out.json, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof RangeError)
      return Response.json({ error: { code: "invalid_range", message: err.message } }, { status: 400 });
    log.error({ err }, "reconcile failed");
    return Response.json(
      { error: { code: "upstream_failed", message: err instanceof Error ? err.message : String(err) } },
      { status: 502 },
    );
  }
}

export async function POST(request: Request) {
  const refused = refuseCrossSite(request, env().appUrl, "json");
  if (refused) return refused;
  const auth = await requireAdminApi(request);
  if ("response" in auth) return auth.response;
  const body = await request.json().catch(() => null);
  return answer(body);
}

export async function GET(request: Request) {
  const auth = await requireAdminApi(request);
  if ("response" in auth) return auth.response;
  const q = Object.fromEntries(new URL(request.url).searchParams);
  return answer({ action: "reconcile", format: "csv", ...q });
}
