// Who was shown this eSIM's activation details, when and from where: the QR and codes install the eSIM,
// so the owner can see every time they were displayed.
import type { ActivationView } from "@/lib/db/schema";
import { DataTable } from "@/components/ui/data-table";

const ROLE_LABELS: Record<string, string> = {
  owner: "You (signed in)",
  admin: "Tern support",
  "order-link": "Private order link",
  checkout: "The browser that bought it",
};

export function AccessLog({
  views,
  selfEmail,
}: {
  views: (ActivationView & { viewerEmail: string | null })[];
  selfEmail: string;
}) {
  if (views.length === 0) return <p className="text-sm text-slate-600">No views recorded yet.</p>;
  return (
    <DataTable
      caption="Access log"
      card={false}
      className="mt-0"
      tableClassName="min-w-[30rem]"
      testId="access-log"
      rows={views}
      rowKey={(v) => v.id}
      columns={[
        {
          key: "when",
          header: "When (UTC)",
          className: "whitespace-nowrap",
          cell: (v) => (
            <time dateTime={v.viewedAt.toISOString()}>{v.viewedAt.toISOString().slice(0, 16).replace("T", " ")}</time>
          ),
        },
        {
          key: "who",
          header: "Who",
          cell: (v) =>
            v.viewerRole === "owner" && v.viewerEmail !== selfEmail
              ? (v.viewerEmail ?? "Owner")
              : (ROLE_LABELS[v.viewerRole] ?? v.viewerRole),
        },
        { key: "ip", header: "IP address", className: "font-mono text-xs", cell: (v) => v.ip ?? "unknown" },
      ]}
    />
  );
}
