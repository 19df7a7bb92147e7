// The admin area's section navigation.
import { SectionNav } from "@/components/ui/section-nav";

const SECTIONS = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/attention", label: "Attention" },
  { href: "/admin/orders", label: "Orders" },
  { href: "/admin/reconcile", label: "Reconcile" },
  { href: "/admin/catalogue", label: "Catalogue" },
  { href: "/admin/stock", label: "Stock" },
  { href: "/admin/partners", label: "Partners" },
  { href: "/admin/promotions", label: "Promotions" },
  { href: "/admin/audit", label: "Audit log" },
] as const;

export function AdminNav({ current, email }: { current: string; email: string }) {
  return (
    <SectionNav
      label="Admin"
      sections={SECTIONS}
      current={current}
      who={
        <>
          Admin: <span className="font-medium text-slate-800">{email}</span>
        </>
      }
    />
  );
}
