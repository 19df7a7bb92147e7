import { getRequestConfig } from "next-intl/server";
import { localeOr } from "./locales";
import { messagesFor } from "./messages";

// `requestLocale` is read only without a locale: it falls back to a request header, making a cached page dynamic.
export default getRequestConfig(async (params) => {
  const locale = localeOr(params.locale ?? (await params.requestLocale));
  return { locale, messages: messagesFor(locale) };
});
