// GET /partner/ledger/statement.csv?month=YYYY-MM — the signed-in partner's monthly statement as CSV.
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { jsonError, notFound } from "@/lib/http/errors";
import { parseQuery } from "@/lib/http/query";
import { partnerOfUser } from "@/lib/partners/accounts";
import { monthlyStatement, statementCsv } from "@/lib/partners/ledger";
import { statementQuerySchema } from "@/lib/partners/schemas";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const query = parseQuery(statementQuerySchema, new URL(request.url).searchParams);
  if (!query) return jsonError(400, "invalid_request", "month must be YYYY-MM.");
  const user = await currentUser();
  if (!user) return jsonError(401, "unauthorized", "Sign in to download statements.");
  const db = await getDb();
  const partner = await partnerOfUser(db, user.email);
  if (!partner) return notFound();
  const statement = await monthlyStatement(db, partner.id, query.month);
  if (!statement) return jsonError(400, "invalid_request", "month must be YYYY-MM.");
  return new Response(statementCsv(statement), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="tern-statement-${partner.id}-${statement.month}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
