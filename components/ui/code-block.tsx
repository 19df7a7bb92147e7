// Code as code: monospace, kept as written, scrolling inside its own box on a narrow screen.
export function CodeBlock({ children }: { children: string }) {
  return (
    // Focusable so a keyboard can scroll a long line into view.
    <pre
      tabIndex={0}
      className="mt-2 max-w-full overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs leading-relaxed text-slate-50 sm:text-sm"
    >
      <code className="font-mono">{children}</code>
    </pre>
  );
}
