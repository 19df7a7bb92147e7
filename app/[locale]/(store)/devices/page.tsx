// /devices?q= — which phones, tablets and watches take a travel eSIM, and how to check on the phone itself.
import type { Metadata } from "next";
import { pageLocale } from "@/lib/i18n/server";
import { pageMetadata } from "@/lib/i18n/alternates";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { DeviceFinder } from "@/components/devices/device-finder";
import { CheckOnPhone } from "@/components/devices/check-on-phone";

// Canonical and hreflang per language; the text itself is not translated yet.
export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  return pageMetadata("/devices", await pageLocale(params), {
    title: "Does my phone support eSIM? Compatible phones, tablets and watches",
    description:
      "Search the eSIM-capable iPhone, Samsung Galaxy, Google Pixel and other models, the versions sold without eSIM, and how to check your phone with *#06#.",
  });
}

export default async function DevicesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { q } = await searchParams;
  const query = typeof q === "string" ? q.slice(0, 100) : "";
  return (
    <div className="container-page py-10 sm:py-14">
      <Breadcrumbs items={[{ href: "/", label: "Home" }, { label: "Device check" }]} />
      <h1 className="mt-4 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">Will it work on my phone?</h1>
      <p className="mt-3 max-w-2xl text-lg text-slate-700">
        A Tern eSIM works on any unlocked phone or tablet with an eSIM. Search your model below, or check on the phone
        itself in under a minute.
      </p>
      <div className="mt-8 grid gap-10 lg:grid-cols-[1fr_22rem]">
        <div className="min-w-0">
          <DeviceFinder initialQuery={query} />
        </div>
        <CheckOnPhone />
      </div>
    </div>
  );
}
