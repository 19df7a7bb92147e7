// Email addresses as orders store them. Guest orders are not given a customer row: the accounts side links
// them to a customer by this (lower-cased) email when that person signs in.

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
