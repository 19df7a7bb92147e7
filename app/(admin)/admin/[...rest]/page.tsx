import { notFound } from "next/navigation";

// An unknown URL in this English-only area: without this catch-all it would fall to app/[locale] (as if its
// first segment were a language) and get Next's bare 404 instead of the shop's not-found page.
export default async function UnknownPage() {
  notFound();
}
