// A white, bordered, lightly shadowed surface. `link` makes the whole card the hit area of the element
// inside it marked with the `card-link-target` class (one tab stop, one big touch target).
type CardProps<T extends React.ElementType> = {
  as?: T;
  link?: boolean;
  className?: string;
} & Omit<React.ComponentPropsWithoutRef<T>, "as" | "className">;

export function Card<T extends React.ElementType = "div">({ as, link, className, ...props }: CardProps<T>) {
  const Tag = (as ?? "div") as React.ElementType;
  return <Tag className={["card", link && "card-link", className].filter(Boolean).join(" ")} {...props} />;
}
