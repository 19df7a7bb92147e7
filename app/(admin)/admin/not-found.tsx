// Anyone who is not an admin lands here: the same plain 404 as any unknown address.
import Link from "next/link";

export default function AdminNotFound() {
  return (
    <div className="container-page py-16">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Page not found</h1>
      <p className="mt-2 text-slate-700">We could not find that page.</p>
      <Link href="/" className="btn-primary mt-6">
        Go to the shop
      </Link>
    </div>
  );
}
