"use client";

/** Opens the browser's print dialog (and "Save as PDF"); the page passes the label in its language. */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" onClick={() => window.print()} className="btn-primary print:hidden">
      {label}
    </button>
  );
}
