// The admin area's frame. Each page checks the admin itself too (a layout does not re-run on every
// navigation); this check keeps the frame itself from rendering for anyone else.
import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/admin/guard";

export const metadata: Metadata = {
  title: { default: "Admin", template: "%s · Tern admin" },
  robots: { index: false },
};

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdminPage();
  return <div className="bg-white pb-16">{children}</div>;
}
