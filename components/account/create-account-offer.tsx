// For the private order page (opened from the delivery email without an account): invites the guest to
// keep their eSIMs in an account. Renders nothing for a signed-in visitor.
import { ButtonLink } from "@/components/ui/button";
import { currentUser } from "@/lib/auth";

export async function CreateAccountOffer({ email }: { email: string | null }) {
  if (await currentUser()) return null;
  const href = `/sign-in?next=${encodeURIComponent("/account")}${email ? `&email=${encodeURIComponent(email)}` : ""}`;
  return (
    <aside className="card p-5" aria-labelledby="account-offer-heading" data-testid="create-account-offer">
      <h2 id="account-offer-heading" className="text-lg font-semibold text-slate-900">
        Keep your eSIMs in one place
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        Sign in with {email ? <span className="font-medium">{email}</span> : "the email you bought with"} to see this
        eSIM&apos;s data left, get alerts before it runs out, and top up without a new QR code. No password: we email
        you a link.
      </p>
      <ButtonLink href={href} variant="secondary" className="mt-3">
        Create an account
      </ButtonLink>
    </aside>
  );
}
