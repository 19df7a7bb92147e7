// Email-link sign-in as a person does it: ask for a link, open the newest one in the sandbox inbox, confirm.
// Only a link sent after asking counts: specs share one inbox, and an earlier spec's link is already spent.
import { expect, type Page } from "@playwright/test";

interface InboxEmail {
  id: string;
  subject: string;
  text: string | null;
}

async function emailsTo(sandboxUrl: string, to: string): Promise<InboxEmail[]> {
  const res = await fetch(`${sandboxUrl}/_sandbox/emails?to=${encodeURIComponent(to)}`);
  return (await res.json()) as InboxEmail[];
}

/** Signs `page` in as `email` and lands on `next` (a path). */
export async function signInByEmail(page: Page, sandboxUrl: string, email: string, next: string): Promise<void> {
  const isLink = (m: InboxEmail) => /sign-in link/.test(m.subject);
  const earlier = new Set((await emailsTo(sandboxUrl, email)).filter(isLink).map((m) => m.id));
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  const fresh = async () => (await emailsTo(sandboxUrl, email)).filter((m) => isLink(m) && !earlier.has(m.id));
  await expect.poll(async () => (await fresh()).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  const res = await fetch(`${sandboxUrl}/_sandbox/emails/${(await fresh())[0]!.id}`);
  const mail = (await res.json()) as InboxEmail;
  const link = /https?:\/\/\S+\/(?:api\/auth\/callback|sign-in\/confirm)\?token=[A-Za-z0-9_%-]+/.exec(
    mail.text ?? "",
  )![0];
  await page.goto(link);
  // The link opens a confirmation page; pressing its button spends the link.
  const confirm = page.getByRole("button", { name: /sign in|continue/i });
  if (!page.url().endsWith(next) && (await confirm.count()) > 0) await confirm.first().click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/.?]/g, "\\$&")}$`));
}
