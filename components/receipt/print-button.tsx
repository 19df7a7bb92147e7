"use client";

/** Opens the browser's print dialog (and "Save as PDF"). */
export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className="btn-primary print:hidden">
      Print or save as PDF
    </button>
  );
}
