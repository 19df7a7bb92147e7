"use client";

// The destination type-ahead, loaded on the search box's first focus. It drives the box it is given (the
// server-rendered input stays the one element the user types into, so focus and text are never lost) and
// renders the suggestion list. The index is fetched once per page and shared by every box.
import { useEffect, useMemo, useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { getPathname, useRouter } from "@/lib/i18n/navigation";
import { matchEntries, prepareEntries, type SearchEntry } from "./search-match";

// The index names destinations in the page's language: /de/search/suggestions.json for a German page.
let indexPromise: Promise<SearchEntry[]> | undefined;
function loadIndex(locale: string): Promise<SearchEntry[]> {
  indexPromise ??= fetch(getPathname({ href: "/search/suggestions.json", locale }))
    .then((res) => (res.ok ? (res.json() as Promise<SearchEntry[]>) : Promise.reject(new Error(String(res.status)))))
    .catch((err: unknown) => {
      // Let a later focus try again; the plain form keeps working meanwhile.
      indexPromise = undefined;
      throw err;
    });
  return indexPromise;
}

export default function SearchTypeAhead({
  inputRef,
  listId,
}: {
  inputRef: React.RefObject<HTMLInputElement | null>;
  listId: string;
}) {
  const router = useRouter();
  const locale = useLocale();
  const t = useTranslations("store.searchForm");
  const [entries, setEntries] = useState<SearchEntry[] | null>(null);
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLUListElement>(null);

  const prepared = useMemo(() => (entries ? prepareEntries(entries) : []), [entries]);
  const results = useMemo(() => matchEntries(prepared, query), [prepared, query]);
  const expanded = open && results.length > 0;

  useEffect(() => {
    loadIndex(locale).then(setEntries, () => {});
  }, [locale]);

  // The input belongs to the form around us: keep its combobox state in step by hand.
  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    input.setAttribute("aria-expanded", String(expanded));
    if (expanded && active >= 0) input.setAttribute("aria-activedescendant", `${listId}-${active}`);
    else input.removeAttribute("aria-activedescendant");
  }, [inputRef, listId, expanded, active]);

  useEffect(() => {
    if (active < 0) return;
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  const choose = (entry: SearchEntry) => {
    if (inputRef.current) inputRef.current.value = entry.label;
    setQuery(entry.label);
    setOpen(false);
    setActive(-1);
    router.push(entry.href);
  };

  // Latest state for the listeners, which are attached once.
  const latest = useRef({ expanded, active, results, choose });
  useEffect(() => {
    latest.current = { expanded, active, results, choose };
  });

  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    const onInput = () => {
      setQuery(input.value);
      setOpen(true);
      setActive(-1);
    };
    const onBlur = () => setOpen(false);
    const onKeyDown = (event: KeyboardEvent) => {
      const { expanded, active, results, choose } = latest.current;
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!expanded) {
            setOpen(true);
            setActive(results.length > 0 ? 0 : -1);
          } else setActive((i) => (i + 1) % results.length);
          break;
        case "ArrowUp":
          event.preventDefault();
          if (expanded) setActive((i) => (i <= 0 ? results.length - 1 : i - 1));
          break;
        case "Enter": {
          // No highlighted suggestion: the form submits to /search as it would without JavaScript.
          const entry = expanded && active >= 0 ? results[active] : undefined;
          if (entry) {
            event.preventDefault();
            choose(entry);
          }
          break;
        }
        case "Escape":
          if (expanded) {
            event.preventDefault();
            setOpen(false);
            setActive(-1);
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            setQuery("");
          }
          break;
        case "Tab":
          setOpen(false);
          break;
      }
    };
    // Whatever was typed while this chunk was on its way.
    if (input.value) onInput();
    input.addEventListener("input", onInput);
    input.addEventListener("blur", onBlur);
    input.addEventListener("keydown", onKeyDown);
    return () => {
      input.removeEventListener("input", onInput);
      input.removeEventListener("blur", onBlur);
      input.removeEventListener("keydown", onKeyDown);
    };
  }, [inputRef]);

  const status =
    !open || !entries || !query.trim()
      ? ""
      : results.length === 0
        ? t("noSuggestions")
        : t("suggestionCount", { count: results.length });

  return (
    <>
      <ul
        ref={listRef}
        id={listId}
        role="listbox"
        aria-label={t("suggestions")}
        hidden={!expanded}
        className="absolute inset-x-0 top-full z-30 mt-1 max-h-80 overflow-auto rounded-xl border border-slate-200 bg-white p-1 shadow-lg"
      >
        {results.map((entry, i) => (
          <li
            key={entry.href}
            id={`${listId}-${i}`}
            data-index={i}
            role="option"
            aria-selected={i === active}
            // mousedown would blur the input (closing the list) before the click lands.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(entry)}
            onMouseMove={() => setActive(i)}
            className={`flex cursor-pointer items-center justify-between gap-3 rounded-lg px-3 py-2.5 text-base ${
              i === active ? "bg-brand-50 text-brand-900" : "text-slate-800"
            }`}
          >
            <span className="flex min-w-0 items-center gap-2">
              <span className="flag w-6 shrink-0 text-xl" aria-hidden="true">
                {entry.flag ?? "🌍"}
              </span>
              <span className="truncate font-medium">{entry.label}</span>
            </span>
            <span className="shrink-0 text-xs text-slate-600">{t("kind", { kind: entry.kind })}</span>
          </li>
        ))}
      </ul>
      <p aria-live="polite" className="sr-only">
        {status}
      </p>
    </>
  );
}
