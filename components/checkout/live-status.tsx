"use client";

// Keeps an order page live while the eSIM is being bought. It polls the status API and, when the progress
// moves, asks the server to re-render the page (router.refresh): the server component stays the one place
// that renders an order, and the QR arrives exactly as it would on a fresh load. It also shows the "taking
// longer than usual" note as soon as the API reports the order is slow.
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
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

    const schedule = () => {
      if (!stopped) timer = setTimeout(tick, pollDelayMs(Date.now() - startedAt.current!));
    };
    async function tick() {
      // A hidden tab waits; it catches up as soon as it is visible again.
      if (document.visibilityState === "hidden") return schedule();
      try {
        const res = await fetch(statusUrl, { cache: "no-store", headers: { accept: "application/json" } });
        // The order is gone or the link no longer grants access: nothing more to learn.
        if (res.status === 404) return;
        if (res.ok) {
          const status = (await res.json()) as StatusResponse;
          if (stopped) return;
          if (typeof status.slow === "boolean") setSlow(status.slow);
          // The page re-renders with the new progress, which restarts this effect; keep polling meanwhile
          // in case the refresh is lost (navigation, network).
          if (status.progress && status.progress !== progress) router.refresh();
        }
      } catch {
        // Offline for a moment: try again on the next tick.
      }
      schedule();
    }

    schedule();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [statusUrl, progress, router]);

  if (FINAL_PROGRESS.has(progress)) return null;
  return (
    <p className="text-sm text-slate-700" data-testid="live-status">
      {slow ? (
        <>
          <strong className="font-semibold text-slate-900">This is taking longer than usual.</strong> You can close this
          page: we&apos;ll email your eSIM{" "}
          {email ? (
            <>
              to <span className="font-medium">{email}</span>{" "}
            </>
          ) : null}
          as soon as it&apos;s ready.
        </>
      ) : (
        "This page updates by itself — it usually takes a few seconds."
      )}
    </p>
  );
}
