// The signed-in user as the rest of the shop sees it, whichever sign-in (email link or Clerk) resolved it.
export interface AuthUser {
  /** `customers.id`. */
  id: string;
  email: string;
  isAdmin: boolean;
}
