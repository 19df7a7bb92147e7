// What an order link that cannot open its order says: why, when we know (expired or revoked — told only to
// someone holding a link that really was this order's), and always how to get a fresh one.
import { Link } from "@/lib/i18n/navigation";

const REASONS = {
  expired: {
    heading: "This order link has expired",
    body: "Links in our emails open your order for a long time, but not for ever. Your eSIM itself is not affected.",
  },
  revoked: {
    heading: "This order link no longer works",
    body: "It was switched off — for example because the account it belonged to was closed, or a newer link replaced it for safety.",
  },
  unknown: {
    heading: "We can't open this order link",
    body: "It may have been copied incompletely, replaced by a newer link, or expired.",
  },
} as const;

export function OrderLinkProblem({ reason }: { reason: keyof typeof REASONS }) {
  const text = REASONS[reason];
  return (
    <div className="container-page py-12 sm:py-16" data-testid="order-link-problem" data-reason={reason}>
      <div className="mx-auto max-w-xl">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{text.heading}</h1>
        <p className="mt-4 leading-relaxed text-slate-700">{text.body}</p>
        <p className="mt-4 leading-relaxed text-slate-700">
          Enter the email you bought with and we&apos;ll send you a fresh link to all your orders and eSIMs.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href="/orders/lost" className="btn-primary">
            Send me a fresh link
          </Link>
          <Link href="/account" className="btn-secondary">
            I have an account
          </Link>
        </div>
      </div>
    </div>
  );
}
