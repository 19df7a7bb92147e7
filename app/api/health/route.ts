// GET /api/health — liveness plus a database round trip.
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ ok: true, database: "up" }, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    console.error("[health] database check failed", err);
    return Response.json({ ok: false, database: "down" }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}
