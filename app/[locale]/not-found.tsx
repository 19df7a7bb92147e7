import type { Metadata } from "next";
import { NotFoundContent } from "@/components/site/not-found-content";

// "404" reads the same in every language, and needs no locale from the request (see NotFoundContent).
export const metadata: Metadata = {
  title: "404",
  robots: { index: false },
};

export default function NotFound() {
  return <NotFoundContent />;
}
