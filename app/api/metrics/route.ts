// GET /api/metrics — Prometheus text format, behind Bearer METRICS_TOKEN (or CRON_SECRET).
import { getDb } from "@/lib/db";
import { jsonError } from "@/lib/observability/errors";
import { log } from "@/lib/observability/logger";
import { metricsAuthorised } from "@/lib/observability/metrics-auth";
import { renderMetrics } from "@/lib/observability/metrics";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  if (!metricsAuthorised(request.headers.get("authorization")))
    return jsonError("unauthorized", 401, "A bearer token is required.", {
      headers: { "www-authenticate": 'Bearer realm="metrics"' },
    });
  try {
    const { body, contentType } = await renderMetrics(await getDb());
    return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
  } catch (err) {
    log.error({ err }, "metrics scrape failed");
    return jsonError("not_ready", 503, "Metrics are unavailable: the database did not answer.");
  }
}
