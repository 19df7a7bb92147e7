import { createNavigation } from "next-intl/navigation";
import { routing } from "./routing";

/** Next's Link, redirect and usePathname that keep the page's locale in every internal URL. */
export const { Link, redirect, usePathname, useRouter, getPathname } = createNavigation(routing);
