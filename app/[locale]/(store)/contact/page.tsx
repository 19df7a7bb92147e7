// GET /contact — how to reach the shop, and who it is.
import type { Metadata } from "next";
import { pageLocale } from "@/lib/i18n/server";
import { pageMetadata } from "@/lib/i18n/alternates";
import { Link } from "@/lib/i18n/navigation";
import { connection } from "next/server";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { registrationLine, shopIdentity } from "@/lib/shop/identity";

// Canonical and hreflang per language; the text itself is not translated yet.
export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  return pageMetadata("/contact", await pageLocale(params), {
    title: "Contact us",
    description: "Email our support team about an order, an eSIM that will not install, or a refund.",
  });
}

export default async function ContactPage() {
  await connection();
  const shop = shopIdentity();
  const registration = registrationLine(shop);
  return (
    <div className="container-page py-10 sm:py-14">
      <Breadcrumbs items={[{ href: "/", label: "Home" }, { label: "Contact us" }]} />
      <article className="prose-help mt-4 max-w-3xl">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">Contact us</h1>
        <p className="text-lg">
          Questions about an order, an eSIM that won&apos;t install, or a refund? Write to us — a person answers,
          usually within one business day. Please include your order number (it starts with <code>ord_</code> and is in
          every email we send you).
        </p>
        <dl className="mt-6 grid gap-4 rounded-xl border border-slate-200 bg-slate-50 p-5 sm:grid-cols-[10rem_1fr]">
          <dt className="font-semibold text-slate-900">Email</dt>
          <dd>
            <a href={`mailto:${shop.supportEmail}`}>{shop.supportEmail}</a>
          </dd>
          {shop.supportPhone ? (
            <>
              <dt className="font-semibold text-slate-900">Phone</dt>
              <dd>
                <a href={`tel:${shop.supportPhone.replace(/[^+\d]/g, "")}`}>{shop.supportPhone}</a>
              </dd>
            </>
          ) : null}
          {shop.chatUrl ? (
            <>
              <dt className="font-semibold text-slate-900">Chat</dt>
              <dd>
                <a href={shop.chatUrl} rel="noopener">
                  Chat with us
                </a>
              </dd>
            </>
          ) : null}
          <dt className="font-semibold text-slate-900">Company</dt>
          <dd className="text-slate-700">
            {shop.legalName}
            <br />
            {shop.address}
            {registration ? (
              <>
                <br />
                {registration}
              </>
            ) : null}
          </dd>
        </dl>
        <h2>Before you write</h2>
        <ul>
          <li>
            Lost the email with your eSIM? <Link href="/orders/lost">We can send your order links again</Link>.
          </li>
          <li>
            Trouble installing? The <Link href="/help/install">installation guide</Link> covers each step.
          </li>
          <li>
            Refunds: see the <Link href="/refund-policy">refund policy</Link>; common questions are in the{" "}
            <Link href="/faq">FAQ</Link>.
          </li>
        </ul>
      </article>
    </div>
  );
}
