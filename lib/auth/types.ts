export interface AuthUser {
  id: string;
  email: string;
  isAdmin: boolean;
}
