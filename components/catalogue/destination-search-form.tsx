"use client";

// The destination search: a plain GET form to /search that works without JavaScript. The type-ahead (ARIA
// 1.2 combobox, list autocomplete) is a separate chunk loaded on first focus, so a page that shows this
// form pays for an input and a button until someone uses it.
import { lazy, Suspense, useId, useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { getPathname } from "@/lib/i18n/navigation";

const TypeAhead = lazy(() => import("./search-type-ahead"));

export function DestinationSearchForm({
  inputId,
  size = "md",
  label,
  defaultValue = "",
}: {
  inputId: string;
  size?: "md" | "lg";
  label?: string;
  defaultValue?: string;
}) {
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [wanted, setWanted] = useState(false);
  const large = size === "lg";
  const locale = useLocale();
  const t = useTranslations("store.searchForm");
  const emptyList = <ul id={listId} role="listbox" aria-label={t("suggestions")} hidden />;

  return (
    <form
      action={getPathname({ href: "/search", locale })}
      method="get"
      role="search"
      aria-label={t("landmark")}
      className="w-full"
    >
      <label htmlFor={inputId} className={large ? "mb-2 block text-base font-semibold text-slate-900" : "field-label"}>
        {label ?? t("label")}
      </label>
      <div className="flex gap-2">
        <div className="relative min-w-0 flex-1">
          {/* Uncontrolled: what is typed before the type-ahead arrives stays in the box and is picked up. */}
          <input
            ref={inputRef}
            id={inputId}
            name="q"
            type="text"
            inputMode="search"
            enterKeyHint="search"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            required
            placeholder={t("placeholder")}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={false}
            aria-controls={listId}
            aria-describedby={`${listId}-hint`}
            defaultValue={defaultValue}
            onFocus={() => setWanted(true)}
            className={`field ${large ? "py-3.5 text-lg" : ""}`}
          />
          {wanted ? (
            <Suspense fallback={emptyList}>
              <TypeAhead inputRef={inputRef} listId={listId} />
            </Suspense>
          ) : (
            emptyList
          )}
        </div>
        <button type="submit" className={`btn-primary shrink-0 ${large ? "px-6 text-lg" : ""}`}>
          {t("submit")}
        </button>
      </div>
      <p id={`${listId}-hint`} className="sr-only">
        {t("hint")}
      </p>
    </form>
  );
}
