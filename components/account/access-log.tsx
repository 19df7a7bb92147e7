// Who was shown this eSIM's activation details, when and from where: the QR and codes install the eSIM,
// so the owner can see every time they were displayed.
import { useTranslations } from "next-intl";
import type { ActivationView } from "@/lib/db/schema";
import { DataTable } from "@/components/ui/data-table";

const ROLES = ["owner", "admin", "order-link", "checkout"] as const;
const isRole = (r: string): r is (typeof ROLES)[number] => (ROLES as readonly string[]).includes(r);

export function AccessLog({
  views,
  selfEmail,
}: {
  views: (ActivationView & { viewerEmail: string | null })[];
  selfEmail: string;
}) {
  const t = useTranslations("account.accessLog");
  if (views.length === 0) return <p className="text-sm text-slate-600">{t("none")}</p>;
  return (
    <DataTable
      caption={t("caption")}
      card={false}
      className="mt-0"
      tableClassName="min-w-[30rem]"
      testId="access-log"
      rows={views}
      rowKey={(v) => v.id}
      columns={[
        {
          key: "when",
          header: t("when"),
          className: "whitespace-nowrap",
          cell: (v) => (
            <time dateTime={v.viewedAt.toISOString()}>{v.viewedAt.toISOString().slice(0, 16).replace("T", " ")}</time>
          ),
        },
        {
          key: "who",
          header: t("who"),
          cell: (v) =>
            v.viewerRole === "owner" && v.viewerEmail !== selfEmail
              ? (v.viewerEmail ?? t("owner"))
              : isRole(v.viewerRole)
                ? t(`roles.${v.viewerRole}`)
                : v.viewerRole,
        },
        { key: "ip", header: t("ip"), className: "font-mono text-xs", cell: (v) => v.ip ?? t("unknown") },
      ]}
    />
  );
}
