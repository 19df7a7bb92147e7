import type { Locale } from "./locales";
import { messagesFor } from "./messages";

// What the browser gets of the catalogues: only what client components read (server components read the
// full catalogues on the server). A nested NextIntlClientProvider replaces its parent's messages rather than
// adding to them, so an area's own set repeats every page's.

/** Every page: the footer's pickers, the header's account menu, the search boxes, the device check and a
 * plan's country filter, error screens and the order page's live parts. */
export function pageClientMessages(locale: Locale) {
  const { site, store, checkout, errors } = messagesFor(locale);
  return {
    site: { footer: site.footer, account: site.account },
    store: { searchForm: store.searchForm, devices: store.devices, countryFilter: store.countryFilter },
    checkout: { copy: checkout.copy, live: checkout.live },
    errors,
  };
}

/** The sign-in pages: their email form too. */
export function authClientMessages(locale: Locale) {
  return { ...pageClientMessages(locale), auth: { form: messagesFor(locale).auth.form } };
}

/** The account pages (and the lost-link page, which has the sign-in form): the account's forms and controls. */
export function accountClientMessages(locale: Locale) {
  return { ...authClientMessages(locale), account: messagesFor(locale).account };
}
