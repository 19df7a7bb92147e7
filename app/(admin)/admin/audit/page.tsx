// /admin/audit — the append-only audit log: who did what, when, to which order or setting, from where.
import Link from "next/link";
import { getDb } from "@/lib/db";
import { requireAdminPage } from "@/lib/admin/guard";
import { AUDIT_PAGE_SIZE, listAudit } from "@/lib/audit";
import { AdminNav } from "@/components/admin/admin-nav";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit log" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<{ before?: string; target?: string }>;
}) {
  const user = await requireAdminPage("/admin/audit");
  const { before, target } = await searchParams;
  const rows = await listAudit(await getDb(), {
    before: Number(before) || undefined,
    targetId: target || undefined,
  });
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
          className="mt-4 flex items-end gap-3"
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
        <div className="mt-4 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-3">
                  When (UTC)
                </th>
                <th scope="col" className="py-2 pr-3">
                  Who
                </th>
                <th scope="col" className="py-2 pr-3">
                  What
                </th>
                <th scope="col" className="py-2 pr-3">
                  Target
                </th>
                <th scope="col" className="py-2 pr-3">
                  Outcome
                </th>
                <th scope="col" className="py-2 pr-3">
                  From
                </th>
                <th scope="col" className="py-2">
                  Detail
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id} className="border-t border-slate-200 align-top" data-testid="audit-row">
                  <td className="py-2 pr-3 whitespace-nowrap">{a.at.toISOString().replace("T", " ").slice(0, 19)}</td>
                  <td className="py-2 pr-3">{a.actorEmail}</td>
                  <td className="py-2 pr-3 font-mono">{a.action}</td>
                  <td className="py-2 pr-3 font-mono">
                    {a.targetType === "order" && a.targetId ? (
                      <Link href={`/admin/orders/${a.targetId}`} className="text-brand-700 underline">
                        {a.targetId}
                      </Link>
                    ) : (
                      `${a.targetType}${a.targetId ? `: ${a.targetId}` : ""}`
                    )}
                  </td>
                  <td className="py-2 pr-3">{a.outcome.replace("_", " ")}</td>
                  <td className="py-2 pr-3">{a.ip ?? "—"}</td>
                  <td className="py-2 text-slate-700">
                    {String((a.detail as { message?: unknown } | null)?.message ?? "")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
