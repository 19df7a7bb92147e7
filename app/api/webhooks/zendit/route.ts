// POST /api/webhooks/zendit — shared-secret header, body is a hint: record it and wake the order's fulfil
// job (which re-fetches the purchase). HEAD answers 200: Zendit verifies the URL with it.
import { after } from "next/server";
import { getDb } from "@/lib/db";
import { kickWorker } from "@/lib/jobs/worker";
import { handleZenditWebhook } from "@/lib/providers/zendit/webhook";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const result = await handleZenditWebhook(await getDb(), await request.text(), request.headers);
  if (result.kick) after(() => kickWorker());
  return Response.json(result.body, { status: result.status });
}

export function HEAD() {
  return new Response(null, { status: 200 });
}
