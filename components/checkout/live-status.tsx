"use client";

// Keeps an order page live while the eSIM is being bought. It asks the status API to answer when the progress
// moves (`wait=`, held by the server) and then asks the server to re-render the page (router.refresh): the
// server component stays the one place that renders an order, and the QR arrives exactly as it would on a
// fresh load. It also shows the "taking longer than usual" note as soon as the API reports the order is slow.
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { OrderProgress } from "@/components/esim/progress-steps";
import { FINAL_PROGRESS, pollDelayMs } from "./poll";

interface StatusResponse {
  progress?: OrderProgress;
  slow?: boolean;
}

export function LiveStatus({
  statusUrl,
  progress,
  slow: initialSlow,
  email,
}: {
  statusUrl: string;
  progress: OrderProgress;
  slow: boolean;
  email: string | null;
}) {
  const router = useRouter();
  const [slow, setSlow] = useState(initialSlow);
  const startedAt = useRef<number | null>(null);

  useEffect(() => {
    if (FINAL_PROGRESS.has(progress)) return;
    startedAt.current ??= Date.now();
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const controller = new AbortController();
    const waitUrl = `${statusUrl}${statusUrl.includes("?") ? "&" : "?"}wait=${encodeURIComponent(progress)}`;
    const schedule = (delayMs: number) => {
      if (!stopped) timer = setTimeout(tick, delayMs);
    };
    async function tick() {
      const elapsed = Date.now() - startedAt.current!;
      // A hidden tab waits; it catches up as soon as it is visible again.
      if (document.visibilityState === "hidden") return schedule(pollDelayMs(elapsed));
      // The held request answers the moment the progress moves, so the first minute asks again at once;
      // a tab left open on a stuck order afterwards spaces its questions out.
      let next = elapsed < 60_000 ? 0 : pollDelayMs(elapsed);
      try {
        const res = await fetch(waitUrl, {
          cache: "no-store",
          headers: { accept: "application/json" },
          signal: controller.signal,
        });
        // The order is gone or the link no longer grants access: nothing more to learn.
        if (res.status === 404) return;
        if (res.ok) {
          const status = (await res.json()) as StatusResponse;
          if (stopped) return;
          if (typeof status.slow === "boolean") setSlow(status.slow);
          // The page re-renders with the new progress, which restarts this effect; keep asking meanwhile
          // in case the refresh is lost (navigation, network).
          if (status.progress && status.progress !== progress) {
            router.refresh();
            next = pollDelayMs(elapsed);
          }
        } else {
          next = pollDelayMs(elapsed);
        }
      } catch {
        // Offline for a moment (or unmounted): try again later.
        next = pollDelayMs(elapsed);
      }
      schedule(next);
    }

    schedule(0);
    return () => {
      stopped = true;
      controller.abort();
      clearTimeout(timer);
    };
  }, [statusUrl, progress, router]);

  const t = useTranslations("checkout.live");
  if (FINAL_PROGRESS.has(progress)) return null;
  return (
    <p className="text-sm text-slate-700" data-testid="live-status">
      {slow
        ? t.rich("slow", {
            hasEmail: email ? "yes" : "no",
            strong: (chunks) => <strong className="font-semibold text-slate-900">{chunks}</strong>,
            email: () => <span className="font-medium">{email}</span>,
          })
        : t("updating")}
    </p>
  );
}
