"use client";

// The markup of one plan card. A client component only for its size on the wire: a destination page shows
// dozens of plans, and as a server component each card's whole element tree would travel twice — as HTML
// and again in the React payload. As a client component the payload carries just these few strings (the
// HTML is still rendered on the server, so the list works without JavaScript). It holds no state of its own; it reads
// the visitor's currency.
import { Link } from "@/lib/i18n/navigation";
import { Badge } from "@/components/ui/badge";
import { SCOPE_TONE } from "./scope-tone";
import { useShownCurrency } from "@/components/currency/use-currency";

export interface PlanCardData {
  name: string;
  href: string;
  scope: "country" | "regional" | "global";
  /** "Japan only", "Regional: Asia · 14 countries". */
  where: string;
  /** "5 GB · 30 days". */
  what: string;
  price: string;
  perGb: string | null;
  /** The price in each currency selling now (base included); the visitor's pick is shown. */
  prices?: Record<string, { price: string; perGb: string | null }>;
  speeds: string;
}

export function PlanCard({
  card,
  headingLevel = 3,
  children,
}: {
  card: PlanCardData;
  headingLevel?: 2 | 3;
  children?: React.ReactNode;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const shown = useShownCurrency(Object.keys(card.prices ?? {}));
  const { price, perGb } = (shown && card.prices?.[shown]) || card;
  return (
    <li className="plan-card" data-testid="bundle-card" data-bundle={card.name}>
      <Badge tone={SCOPE_TONE[card.scope]}>{card.where}</Badge>
      <Heading>
        {/* Not prefetched: a long list would fetch every plan page as it scrolls past. */}
        <Link
          href={card.href}
          prefetch={false}
          className="card-link-target"
          aria-label={`${card.what} — ${card.where}, ${price}`}
        >
          {card.what}
        </Link>
      </Heading>
      {card.speeds && <p>{card.speeds}</p>}
      <p className="plan-card-price">
        <b data-testid="bundle-price">{price}</b>
        {perGb && <small>{perGb}</small>}
      </p>
      {children}
    </li>
  );
}
