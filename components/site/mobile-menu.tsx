"use client";

// The small-screen menu: a <details> element, so it opens and closes without JavaScript. With JavaScript it
// also closes after a client-side navigation (the header persists across pages, so it would stay open)
// and on Escape.
import { useEffect, useRef } from "react";
import { usePathname } from "next/navigation";

export function MobileMenu({ className, children }: { className?: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();

  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);

  return (
    <details
      ref={ref}
      className={className}
      onKeyDown={(e) => {
        if (e.key !== "Escape" || !ref.current?.open) return;
        ref.current.open = false;
        ref.current.querySelector("summary")?.focus();
      }}
    >
      {children}
    </details>
  );
}
