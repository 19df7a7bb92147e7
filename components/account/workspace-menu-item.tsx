"use client";
// The phone menu's link to where an admin or partner user works (/admin, /partner); nothing for anyone else.
import { useHeaderSession } from "./use-session";

export function WorkspaceMenuItem({ className }: { className: string }) {
  const workspace = useHeaderSession()?.workspace;
  if (!workspace) return null;
  return (
    <li>
      <a href={workspace.href} className={className}>
        {workspace.label}
      </a>
    </li>
  );
}
