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
}

export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  empty = "Nothing yet.",
  rowTestId,
  card = true,
  className,
}: {
  /** Read by screen readers; say what the rows are. */
  caption: string;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  empty?: React.ReactNode;
  rowTestId?: string;
  /** In a bordered card (default), or bare inside one that already is. */
  card?: boolean;
  className?: string;
}) {
  // `relative`: a screen-reader-only header (position: absolute) is placed against the scroll box, not an ancestor
  // outside it, where it would widen the page by the table's width on a phone.
  const box = card ? "card relative mt-3 overflow-x-auto" : "relative mt-3 overflow-x-auto";
  const pad = card ? "px-4" : "pr-4";
  return (
    // A named, focusable region: a keyboard can scroll a table wider than the screen.
    <div className={className ? `${box} ${className}` : box} role="region" aria-label={caption} tabIndex={0}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
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
            <tr key={rowKey(row)} className="border-t border-slate-200" data-testid={rowTestId}>
              {columns.map((c) => (
                <td
                  key={c.key}
                  className={[pad, "py-2", c.align === "right" ? "text-right tabular-nums" : "", c.className ?? ""]
                    .filter(Boolean)
                    .join(" ")}
                >
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
