"use client";

import { useLocale, useTranslations } from "next-intl";
import { getPathname } from "@/lib/i18n/navigation";

/**
 * The destination search without the type-ahead: a server-rendered GET form to /search, for pages that
 * should not load the search script (the 404 page is part of every route's tree). A client component only
 * for the locale of its action; it renders the same without JavaScript.
 */
export function PlainSearchForm({ inputId, label }: { inputId: string; label?: string }) {
  const t = useTranslations("store.searchForm");
  const locale = useLocale();
  return (
    <form
      action={getPathname({ href: "/search", locale })}
      method="get"
      role="search"
      aria-label={t("landmark")}
      className="w-full"
    >
      <label htmlFor={inputId} className="field-label">
        {label ?? t("label")}
      </label>
      <div className="flex gap-2">
        <input
          id={inputId}
          name="q"
          type="search"
          required
          autoComplete="off"
          enterKeyHint="search"
          placeholder={t("placeholder")}
          className="field min-w-0 flex-1"
        />
        <button type="submit" className="btn-primary shrink-0">
          {t("submit")}
        </button>
      </div>
    </form>
  );
}
