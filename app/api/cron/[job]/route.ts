// GET /api/cron/[job] — run a scheduled job (sync-catalogue, …) for serverless schedulers; Bearer CRON_SECRET.
import { runCronJob } from "@/lib/cron";

export const dynamic = "force-dynamic";
/** A full catalogue sync takes seconds; give serverless hosts room beyond their short default. */
export const maxDuration = 300;

export async function GET(request: Request, { params }: { params: Promise<{ job: string }> }) {
  const { job } = await params;
  const { status, body } = await runCronJob(job, request.headers.get("authorization"));
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
