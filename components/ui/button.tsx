// Buttons and button-styled links. The look lives in globals.css (@layer components), so a `className`
// passed here (utilities) still overrides padding or size.
import { Link } from "@/lib/i18n/navigation";

export type ButtonVariant = "primary" | "secondary" | "plain";

const VARIANT: Record<ButtonVariant, string> = {
  primary: "btn-primary",
  secondary: "btn-secondary",
  plain: "btn-plain",
};

export function buttonClass(variant: ButtonVariant = "primary", className?: string): string {
  return className ? `${VARIANT[variant]} ${className}` : VARIANT[variant];
}

export function Button({
  variant = "primary",
  className,
  type = "button",
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type={type} className={buttonClass(variant, className)} {...props} />;
}

export function ButtonLink({
  variant = "primary",
  className,
  ...props
}: React.ComponentProps<typeof Link> & { variant?: ButtonVariant }) {
  return <Link className={buttonClass(variant, className)} {...props} />;
}
