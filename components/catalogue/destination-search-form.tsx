"use client";

// The destination search: a plain GET form to /search that works without JavaScript, enhanced with a
// type-ahead following the ARIA 1.2 combobox pattern (list autocomplete, aria-activedescendant). The
// suggestion index is fetched once, on first focus, so pages that show this form carry no catalogue data.
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { matchEntries, prepareEntries, type SearchEntry } from "./search-match";

export const SEARCH_INDEX_URL = "/search/suggestions.json";

// Shared by every search box on the page, and across client navigations.
let indexPromise: Promise<SearchEntry[]> | undefined;
function loadIndex(): Promise<SearchEntry[]> {
  indexPromise ??= fetch(SEARCH_INDEX_URL)
    .then((res) => (res.ok ? (res.json() as Promise<SearchEntry[]>) : Promise.reject(new Error(String(res.status)))))
    .catch((err: unknown) => {
      // Let a later focus try again; the plain form keeps working meanwhile.
      indexPromise = undefined;
      throw err;
    });
  return indexPromise;
}

const KIND_LABEL: Record<string, string> = { country: "Country", region: "Region", global: "Worldwide" };

export function DestinationSearchForm({
  inputId,
  size = "md",
  label = "Where are you going?",
  defaultValue = "",
}: {
  inputId: string;
  size?: "md" | "lg";
  label?: string;
  defaultValue?: string;
}) {
  const router = useRouter();
  const listId = useId();
  const hintId = useId();
  const [query, setQuery] = useState(defaultValue);
  const [entries, setEntries] = useState<SearchEntry[] | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLUListElement>(null);

  const prepared = useMemo(() => (entries ? prepareEntries(entries) : []), [entries]);
  const results = useMemo(() => matchEntries(prepared, query), [prepared, query]);
  const expanded = open && results.length > 0;

  const ensureIndex = useCallback(() => {
    if (entries) return;
    loadIndex().then(setEntries, () => {});
  }, [entries]);

  useEffect(() => {
    if (active < 0) return;
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  function choose(entry: SearchEntry) {
    setQuery(entry.label);
    setOpen(false);
    setActive(-1);
    router.push(entry.href);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!expanded) {
          setOpen(true);
          setActive(results.length > 0 ? 0 : -1);
        } else {
          setActive((i) => (i + 1) % results.length);
        }
        break;
      case "ArrowUp":
        event.preventDefault();
        if (expanded) setActive((i) => (i <= 0 ? results.length - 1 : i - 1));
        break;
      case "Enter": {
        const entry = expanded && active >= 0 ? results[active] : undefined;
        // No highlighted suggestion: let the form submit to /search as it would without JavaScript.
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
        } else if (query) {
          event.preventDefault();
          setQuery("");
        }
        break;
      case "Tab":
        setOpen(false);
        break;
    }
  }

  const large = size === "lg";
  const status =
    !open || !entries || !query.trim()
      ? ""
      : results.length === 0
        ? "No suggestions"
        : `${results.length} suggestion${results.length === 1 ? "" : "s"}, use up and down arrows to choose`;

  return (
    <form action="/search" method="get" role="search" aria-label="Destinations" className="w-full">
      <label htmlFor={inputId} className={large ? "mb-2 block text-base font-semibold text-slate-900" : "field-label"}>
        {label}
      </label>
      <div className="flex gap-2">
        <div className="relative min-w-0 flex-1">
          <input
            id={inputId}
            name="q"
            type="text"
            inputMode="search"
            enterKeyHint="search"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            required
            placeholder="e.g. Japan or Europe"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
            aria-describedby={hintId}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setOpen(true);
              setActive(-1);
              ensureIndex();
            }}
            onFocus={ensureIndex}
            onBlur={() => setOpen(false)}
            onKeyDown={onKeyDown}
            className={`field ${large ? "py-3.5 text-lg" : ""}`}
          />
          <ul
            ref={listRef}
            id={listId}
            role="listbox"
            aria-label="Suggested destinations"
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
                <span className="shrink-0 text-xs text-slate-600">{KIND_LABEL[entry.kind] ?? entry.kind}</span>
              </li>
            ))}
          </ul>
        </div>
        <button type="submit" className={`btn-primary shrink-0 ${large ? "px-6 text-lg" : ""}`}>
          Search
        </button>
      </div>
      <p id={hintId} className="sr-only">
        Suggestions appear as you type.
      </p>
      <p aria-live="polite" className="sr-only">
        {status}
      </p>
    </form>
  );
}
