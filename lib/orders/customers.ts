// Guest orders get no customer row: signing in links them by this lower-cased email.

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
