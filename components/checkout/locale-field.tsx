import { useLocale } from "next-intl";

/** The page's language, posted with a checkout: the order, Stripe Checkout and the emails then speak it. */
export function LocaleField() {
  return <input type="hidden" name="locale" value={useLocale()} />;
}
