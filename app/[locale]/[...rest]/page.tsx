import { notFound } from "next/navigation";

// Unknown URLs under a locale: without this catch-all they would reach no page and Next would show its bare
// 404 instead of the shop's not-found page in the visitor's language.
export default function UnknownPage() {
  notFound();
}
