/**
 * The destination search without the type-ahead: a server-rendered GET form to /search, for pages that
 * should not load the search script (the 404 page is part of every route's tree).
 */
export function PlainSearchForm({ inputId, label = "Where are you going?" }: { inputId: string; label?: string }) {
  return (
    <form action="/search" method="get" role="search" aria-label="Destinations" className="w-full">
      <label htmlFor={inputId} className="field-label">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={inputId}
          name="q"
          type="search"
          required
          autoComplete="off"
          enterKeyHint="search"
          placeholder="e.g. Japan or Europe"
          className="field min-w-0 flex-1"
        />
        <button type="submit" className="btn-primary shrink-0">
          Search
        </button>
      </div>
    </form>
  );
}
