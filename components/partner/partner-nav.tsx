// The partner portal's section navigation.
import { SectionNav } from "@/components/ui/section-nav";

const SECTIONS = [
  { href: "/partner", label: "Overview" },
  { href: "/partner/orders", label: "Orders" },
  { href: "/partner/ledger", label: "Ledger" },
  { href: "/partner/keys", label: "API keys" },
  { href: "/partner/webhooks", label: "Webhooks" },
  { href: "/docs/api", label: "API docs" },
] as const;

export function PartnerNav({ current, partnerName, email }: { current: string; partnerName: string; email: string }) {
  return (
    <SectionNav
      label="Partner portal"
      sections={SECTIONS}
      current={current}
      className="print:hidden"
      who={
        <>
          <span className="font-medium text-slate-800">{partnerName}</span> · {email}
        </>
      }
    />
  );
}
