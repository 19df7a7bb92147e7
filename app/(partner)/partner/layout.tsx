// The partner portal's frame. Each page resolves its partner itself too (a layout does not re-run on every
// navigation).
import type { Metadata } from "next";
import { requirePartnerPage } from "@/lib/partners/portal";

export const metadata: Metadata = {
  title: { default: "Partner portal", template: "%s · Tern partners" },
  robots: { index: false },
};

export default async function PartnerLayout({ children }: { children: React.ReactNode }) {
  await requirePartnerPage();
  return <div className="bg-white pb-16">{children}</div>;
}
