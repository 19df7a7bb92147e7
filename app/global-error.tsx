"use client";

// Last-resort screen when the root layout itself fails. It replaces the whole document, so it carries its
// own minimal inline styles instead of relying on globals.css.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest =
    error instanceof Error && "digest" in error ? String((error as Error & { digest?: string }).digest ?? "") : "";
  return (
    <html lang="en">
      <body
        style={{ margin: 0, fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", color: "#0f172a" }}
      >
        <title>Something went wrong · Tern</title>
        <main style={{ maxWidth: 560, margin: "0 auto", padding: "96px 24px", textAlign: "center" }}>
          <p style={{ fontWeight: 700, fontSize: 22, margin: 0 }}>Tern</p>
          <h1 style={{ fontSize: 30, margin: "24px 0 12px" }}>Something went wrong</h1>
          <p style={{ color: "#475569", lineHeight: 1.6 }}>
            The shop hit an unexpected error. Nothing was charged. Please try again in a moment.
          </p>
          <div style={{ display: "flex", gap: 12, justifyContent: "center", marginTop: 32, flexWrap: "wrap" }}>
            <button
              type="button"
              onClick={() => retry()}
              style={{
                background: "#0d5a5e",
                color: "#fff",
                border: 0,
                borderRadius: 8,
                padding: "12px 20px",
                fontSize: 16,
                fontWeight: 600,
                cursor: "pointer",
              }}
            >
              Try again
            </button>
            {/* A full page load, not a client navigation: the app shell itself is what failed. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/" style={{ color: "#0d5a5e", padding: "12px 20px", fontSize: 16, fontWeight: 600 }}>
              Home page
            </a>
          </div>
          {digest && <p style={{ marginTop: 24, fontSize: 12, color: "#475569" }}>Reference: {digest}</p>}
        </main>
      </body>
    </html>
  );
}
