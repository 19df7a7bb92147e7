// The four promises a buyer looks for before paying for something they can't hold. Each one is backed by
// how the shop works: delivery by email right after payment, automatic refunds when fulfilment fails,
// Stripe-hosted checkout, standard eSIM profiles.
import { useTranslations } from "next-intl";

const SIGNALS = [
  {
    key: "delivery",
    icon: "M2.5 5.5A1.5 1.5 0 0 1 4 4h12a1.5 1.5 0 0 1 1.5 1.5v9A1.5 1.5 0 0 1 16 16H4a1.5 1.5 0 0 1-1.5-1.5v-9zm1.7.3 5.8 4.4 5.8-4.4H4.2zM16 7.4l-6 4.5-6-4.5v7.1h12V7.4z",
  },
  {
    key: "refund",
    icon: "M10 2a8 8 0 1 0 8 8h-1.8A6.2 6.2 0 1 1 10 3.8V6l3.5-3L10 0v2zm-.9 4h1.8v1.1c1.2.2 2.1 1 2.3 2.2h-1.8c-.1-.5-.6-.8-1.4-.8-.8 0-1.3.3-1.3.8 0 .4.3.6 1.5.9 1.8.4 3 .9 3 2.5 0 1.2-.9 2-2.3 2.2V16H9.1v-1.1c-1.4-.2-2.4-1.1-2.5-2.4h1.8c.1.6.7 1 1.6 1 .9 0 1.4-.3 1.4-.9 0-.4-.3-.7-1.6-1-1.8-.4-2.9-.9-2.9-2.4 0-1.1.9-1.9 2.2-2.1V6z",
  },
  {
    key: "stripe",
    icon: "M10 1.5A4.5 4.5 0 0 0 5.5 6v2H4.5A1.5 1.5 0 0 0 3 9.5v8A1.5 1.5 0 0 0 4.5 19h11a1.5 1.5 0 0 0 1.5-1.5v-8A1.5 1.5 0 0 0 15.5 8h-1V6A4.5 4.5 0 0 0 10 1.5zM7 6a3 3 0 0 1 6 0v2H7V6z",
  },
  {
    key: "phones",
    icon: "M6.5 1h7A1.5 1.5 0 0 1 15 2.5v15a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 5 17.5v-15A1.5 1.5 0 0 1 6.5 1zm.3 2v12.5h6.4V3H6.8zM10 16.2a.9.9 0 1 0 0 1.8.9.9 0 0 0 0-1.8z",
  },
];

export function TrustSignals({ className = "" }: { className?: string }) {
  const t = useTranslations("store.trust");
  return (
    <ul className={`grid gap-4 sm:grid-cols-2 lg:grid-cols-4 ${className}`}>
      {SIGNALS.map((s) => (
        <li key={s.key} className="rounded-[var(--radius-card)] bg-slate-50 p-5">
          <svg
            viewBox="0 0 20 20"
            width="28"
            height="28"
            aria-hidden="true"
            focusable="false"
            className="fill-brand-700"
          >
            <path d={s.icon} />
          </svg>
          <h3 className="mt-3 font-semibold text-slate-900">{t(`${s.key}.title`)}</h3>
          <p className="mt-1 text-sm leading-relaxed text-slate-600">{t(`${s.key}.body`)}</p>
        </li>
      ))}
    </ul>
  );
}
