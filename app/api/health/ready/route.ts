// GET /api/health/ready — readiness: database, queue lag, oldest undelivered paid order, provider circuits.
import { readiness } from "@/lib/observability/readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  const result = await readiness();
  return Response.json(result, { status: result.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
