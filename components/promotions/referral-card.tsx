// A signed-in customer's referral code and credit on their account page.
import { getDb } from "@/lib/db";
import { formatMoney } from "@/lib/format";
import { creditBalance } from "@/lib/promotions/apply";
import { REFERRAL_REWARD, referralSummary } from "@/lib/promotions/referrals";

export async function ReferralCard({ customerId, currency }: { customerId: string; currency: string }) {
  const db = await getDb();
  const [summary, credit] = await Promise.all([
    referralSummary(db, customerId),
    creditBalance(db, customerId, currency),
  ]);
  const reward = REFERRAL_REWARD[currency.toUpperCase()];
  return (
    <section aria-labelledby="referral-heading" className="card mt-8 p-6" data-testid="referral-card">
      <h2 id="referral-heading" className="text-xl font-semibold text-slate-900">
        Invite a friend
      </h2>
      <p className="mt-2 text-slate-700">
        Your friend gets {summary.percentOff}% off their first eSIM with your code
        {reward ? (
          <>, and you get {formatMoney(reward, currency)} off your next order once theirs is delivered</>
        ) : null}
        .
      </p>
      <p className="mt-3">
        <span className="text-sm text-slate-600">Your code</span>
        <code
          className="mt-1 block w-fit rounded-md bg-slate-100 px-3 py-2 font-mono text-lg font-semibold text-slate-900"
          data-testid="referral-code"
        >
          {summary.code}
        </code>
      </p>
      <p className="mt-3 text-sm text-slate-700" data-testid="referral-credit">
        Credit: <strong className="font-semibold">{formatMoney(credit, currency)}</strong> — taken off your next order
        automatically. {summary.delivered} delivered{summary.pending ? `, ${summary.pending} on the way` : ""}.
      </p>
    </section>
  );
}
