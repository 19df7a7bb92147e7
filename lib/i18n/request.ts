import { getRequestConfig } from "next-intl/server";
import { localeOr } from "./locales";
import { messagesFor } from "./messages";

// The locale comes from the [locale] segment (setRequestLocale in layouts and pages keeps them static); the
// admin and partner areas have none and are English. `requestLocale` is read only when no locale was passed:
// reading it falls back to a request header, which would turn a cached page dynamic.
export default getRequestConfig(async (params) => {
  const locale = localeOr(params.locale ?? (await params.requestLocale));
  return { locale, messages: messagesFor(locale) };
});
