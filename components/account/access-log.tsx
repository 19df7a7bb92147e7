// Who was shown this eSIM's activation details, when and from where: the QR and codes install the eSIM,
// so the owner can see every time they were displayed.
import type { ActivationView } from "@/lib/db/schema";

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
    // A named, focusable region: on a phone the table scrolls sideways, and a keyboard must reach it.
    <div className="relative overflow-x-auto" role="region" aria-label="Access log" tabIndex={0}>
      <table className="w-full min-w-[30rem] text-left text-sm" data-testid="access-log">
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              When (UTC)
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Who
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              IP address
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {views.map((v) => (
            <tr key={v.id}>
              <td className="py-2 pr-4 whitespace-nowrap">
                <time dateTime={v.viewedAt.toISOString()}>
                  {v.viewedAt.toISOString().slice(0, 16).replace("T", " ")}
                </time>
              </td>
              <td className="py-2 pr-4">
                {v.viewerRole === "owner" && v.viewerEmail !== selfEmail
                  ? (v.viewerEmail ?? "Owner")
                  : (ROLE_LABELS[v.viewerRole] ?? v.viewerRole)}
              </td>
              <td className="py-2 pr-4 font-mono text-xs">{v.ip ?? "unknown"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
