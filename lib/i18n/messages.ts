import enSite from "@/messages/en/site.json";
import enStore from "@/messages/en/store.json";
import enCheckout from "@/messages/en/checkout.json";
import enAccount from "@/messages/en/account.json";
import enAuth from "@/messages/en/auth.json";
import enEmails from "@/messages/en/emails.json";
import enErrors from "@/messages/en/errors.json";
import deSite from "@/messages/de/site.json";
import deStore from "@/messages/de/store.json";
import deCheckout from "@/messages/de/checkout.json";
import deAccount from "@/messages/de/account.json";
import deAuth from "@/messages/de/auth.json";
import deEmails from "@/messages/de/emails.json";
import deErrors from "@/messages/de/errors.json";
import esSite from "@/messages/es/site.json";
import esStore from "@/messages/es/store.json";
import esCheckout from "@/messages/es/checkout.json";
import esAccount from "@/messages/es/account.json";
import esAuth from "@/messages/es/auth.json";
import esEmails from "@/messages/es/emails.json";
import esErrors from "@/messages/es/errors.json";
import type { Locale } from "./locales";

const catalogues = {
  en: {
    site: enSite,
    store: enStore,
    checkout: enCheckout,
    account: enAccount,
    auth: enAuth,
    emails: enEmails,
    errors: enErrors,
  },
  de: {
    site: deSite,
    store: deStore,
    checkout: deCheckout,
    account: deAccount,
    auth: deAuth,
    emails: deEmails,
    errors: deErrors,
  },
  es: {
    site: esSite,
    store: esStore,
    checkout: esCheckout,
    account: esAccount,
    auth: esAuth,
    emails: esEmails,
    errors: esErrors,
  },
} as const;

export type Messages = (typeof catalogues)["en"];
export const namespaces = Object.keys(catalogues.en) as (keyof Messages)[];

export function messagesFor(locale: Locale): Messages {
  return catalogues[locale] as Messages;
}
