// GET /api/health — liveness: the process answers. Readiness (database, queue, providers) is /api/health/ready.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
