// The admin and portal tables: a caption for screen readers, header cells with scope, an empty state, and a
// horizontal scroll inside the table's own box — never the page's — when the columns are wider than a phone.
import type React from "react";

export interface Column<T> {
  /** Unique among the columns. */
  key: string;
  header: React.ReactNode;
  cell: (row: T) => React.ReactNode;
  align?: "left" | "right";
  /** Extra classes on this column's cells (e.g. `font-mono text-xs`). */
  className?: string;
  /** The header is read by screen readers only (a column of buttons). */
  hiddenHeader?: boolean;
  /** This column's cells name their row (`<th scope="row">`). */
  rowHeader?: boolean;
  /** `data-testid` on each of this column's cells. */
  testId?: string;
}

/** Attributes for a row's `<tr>`: test ids and `data-*` values a test or script selects on. */
export type RowAttributes = { [K in `data-${string}`]?: string };

export function DataTable<T>({
  caption,
  captionClassName,
  columns,
  rows,
  rowKey,
  empty = "Nothing yet.",
  rowTestId,
  rowProps,
  rowClassName,
  card = true,
  className,
  tableClassName,
  testId,
}: {
  /** Read by screen readers; say what the rows are. */
  caption: string;
  /** Shows the caption, styled so; without it the caption is for screen readers only. */
  captionClassName?: string;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  empty?: React.ReactNode;
  rowTestId?: string;
  rowProps?: (row: T) => RowAttributes;
  /** Extra classes on every body row (e.g. `align-top` when cells run to several lines). */
  rowClassName?: string;
  /** In a bordered card (default), or bare inside one that already is. */
  card?: boolean;
  /** Spacing and extra classes on the scroll box; replaces its default top margin (`mt-3`). */
  className?: string;
  /** Extra classes on the `<table>` (e.g. a `min-w-*` so a phone scrolls rather than squeezes the columns). */
  tableClassName?: string;
  /** `data-testid` on the `<table>`. */
  testId?: string;
}) {
  // `relative`: a screen-reader-only header (position: absolute) is placed against the scroll box, not an ancestor
  // outside it, where it would widen the page by the table's width on a phone.
  const box = `${card ? "card " : ""}relative overflow-x-auto ${className ?? "mt-3"}`;
  const pad = card ? "px-4" : "pr-4";
  const rowClass = rowClassName ? `border-t border-slate-200 ${rowClassName}` : "border-t border-slate-200";
  return (
    // A named, focusable region: a keyboard can scroll a table wider than the screen.
    <div className={box} role="region" aria-label={caption} tabIndex={0}>
      <table
        className={tableClassName ? `w-full text-left text-sm ${tableClassName}` : "w-full text-left text-sm"}
        data-testid={testId}
      >
        <caption className={captionClassName ?? "sr-only"}>{caption}</caption>
        <thead className={card ? "bg-slate-50 text-slate-700" : "border-b border-slate-300 text-slate-700"}>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={`${pad} py-2 whitespace-nowrap ${c.align === "right" ? "text-right" : ""}`}
              >
                {c.hiddenHeader ? <span className="sr-only">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className={`${pad} py-6 text-slate-600`}>
                {empty}
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClass} data-testid={rowTestId} {...rowProps?.(row)}>
              {columns.map((c) => {
                const Cell = c.rowHeader ? "th" : "td";
                return (
                  <Cell
                    key={c.key}
                    scope={c.rowHeader ? "row" : undefined}
                    data-testid={c.testId}
                    className={[
                      pad,
                      "py-2",
                      c.rowHeader ? "font-medium" : "",
                      c.align === "right" ? "text-right tabular-nums" : "",
                      c.className ?? "",
                    ]
                      .filter(Boolean)
                      .join(" ")}
                  >
                    {c.cell(row)}
                  </Cell>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
