"use client";

// Copies one code to the clipboard and says so. Without JavaScript (or clipboard permission) the code beside
// it stays selectable text — a tap selects it whole — so nothing depends on this button working.
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";

export function CopyButton({ value, label }: { value: string; label: string }) {
  const t = useTranslations("account.install");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      // Insecure context or permission refused: the code is still there to select by hand.
      setState("failed");
    }
    timer.current = setTimeout(() => setState("idle"), 2500);
  }

  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" onClick={copy} className="btn-secondary px-3 py-1.5" aria-label={t("copyLabel", { label })}>
        {state === "copied" ? t("copied") : t("copy")}
      </button>
      {/* Announced without moving focus; empty most of the time. */}
      <span role="status" className="text-sm text-slate-700">
        {state === "copied" ? (
          <span className="sr-only">{t("copiedLabel", { label })}</span>
        ) : state === "failed" ? (
          t("copyFailed")
        ) : null}
      </span>
    </span>
  );
}
