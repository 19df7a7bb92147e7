// /admin/audit — the append-only audit log: who did what, when, to which order or setting, from where.
import Link from "next/link";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { requireAdminPage } from "@/lib/admin/guard";
import { AUDIT_PAGE_SIZE, listAudit } from "@/lib/audit";
import { AdminNav } from "@/components/admin/admin-nav";
import { DataTable } from "@/components/ui/data-table";
import { parseQuery, queryText, rowId } from "@/lib/http/query";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit log" };

const auditQuerySchema = z.object({ before: rowId.optional(), target: queryText(200).optional() });

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireAdminPage("/admin/audit");
  const query = parseQuery(auditQuerySchema, await searchParams);
  const target = query?.target;
  const rows = query ? await listAudit(await getDb(), { before: query.before, targetId: target }) : [];
  return (
    <>
      <AdminNav current="/admin/audit" email={user.email} />
      <div className="container-page py-8">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Audit log</h1>
        <p className="mt-1 text-slate-700">
          Every admin action, including the ones that changed nothing. Entries are never edited or removed.
        </p>
        <form
          method="get"
          action="/admin/audit"
          className="mt-4 flex flex-wrap items-end gap-3"
          aria-label="Filter the audit log"
        >
          <div>
            <label htmlFor="target" className="field-label">
              Order, bundle or setting
            </label>
            <input id="target" name="target" defaultValue={target} className="field py-2" />
          </div>
          <button type="submit" className="btn-secondary">
            Filter
          </button>
        </form>
        <DataTable
          caption="Admin actions, newest first"
          card={false}
          rows={rows}
          rowKey={(a) => a.id}
          empty="No admin actions yet."
          rowTestId="audit-row"
          columns={[
            {
              key: "when",
              header: "When (UTC)",
              cell: (a) => a.at.toISOString().replace("T", " ").slice(0, 19),
              className: "whitespace-nowrap",
            },
            { key: "who", header: "Who", cell: (a) => a.actorEmail },
            { key: "what", header: "What", cell: (a) => a.action, className: "font-mono" },
            {
              key: "target",
              header: "Target",
              className: "font-mono",
              cell: (a) =>
                a.targetType === "order" && a.targetId ? (
                  <Link href={`/admin/orders/${a.targetId}`} className="text-brand-700 underline">
                    {a.targetId}
                  </Link>
                ) : (
                  `${a.targetType}${a.targetId ? `: ${a.targetId}` : ""}`
                ),
            },
            { key: "outcome", header: "Outcome", cell: (a) => a.outcome.replace("_", " ") },
            { key: "from", header: "From", cell: (a) => a.ip ?? "—" },
            {
              key: "detail",
              header: "Detail",
              className: "text-slate-700",
              cell: (a) => String((a.detail as { message?: unknown } | null)?.message ?? ""),
            },
          ]}
        />
        {rows.length === AUDIT_PAGE_SIZE && (
          <p className="mt-4">
            <Link
              href={`/admin/audit?before=${rows.at(-1)!.id}${target ? `&target=${encodeURIComponent(target)}` : ""}`}
              className="btn-secondary"
            >
              Older entries
            </Link>
          </p>
        )}
      </div>
    </>
  );
}
