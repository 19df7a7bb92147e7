import type { Locale } from "./locales";
import { messagesFor } from "./messages";

// A nested NextIntlClientProvider replaces its parent's messages, so an area's set repeats every page's.
export function pageClientMessages(locale: Locale) {
  const { site, store, checkout, errors } = messagesFor(locale);
  return {
    site: { footer: site.footer, account: site.account },
    store: { searchForm: store.searchForm, devices: store.devices, countryFilter: store.countryFilter },
    checkout: { copy: checkout.copy, live: checkout.live },
    errors,
  };
}

export function authClientMessages(locale: Locale) {
  return { ...pageClientMessages(locale), auth: { form: messagesFor(locale).auth.form } };
}

export function accountClientMessages(locale: Locale) {
  return { ...authClientMessages(locale), account: messagesFor(locale).account };
}
