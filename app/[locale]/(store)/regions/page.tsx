import type { Metadata } from "next";
import { connection } from "next/server";
import { listRegions } from "@/lib/catalogue/queries";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { RegionCard } from "@/components/catalogue/region-card";

export const metadata: Metadata = {
  title: "Regional and global eSIM plans",
  description:
    "One eSIM for a whole region — Europe, Asia, the Americas and more — or the whole world. Compare regional and global travel data plans.",
  alternates: { canonical: "/regions" },
  openGraph: { title: "Regional and global eSIM plans · Tern", url: "/regions" },
};

export default async function RegionsPage() {
  // Per request from the cached catalogue: the build has no catalogue to prerender.
  await connection();
  const regions = await listRegions();
  return (
    <div className="container-page py-8 sm:py-10">
      <Breadcrumbs items={[{ href: "/", label: "Home" }, { label: "Regions" }]} />
      <h1 className="mt-5 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">Regional and global plans</h1>
      <p className="mt-2 max-w-2xl text-slate-600">
        Crossing borders? A regional plan keeps one eSIM working across every country it covers, so there&apos;s nothing
        to buy or install at each border.
      </p>
      {regions.length > 0 ? (
        <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {regions.map((r) => (
            <RegionCard key={r.slug} region={r} headingLevel={2} />
          ))}
        </ul>
      ) : (
        <p className="card mt-8 p-6 text-slate-600">Our plans are being loaded — please check back in a minute.</p>
      )}
    </div>
  );
}
