export default function AdminLoading() {
  return (
    <div className="container-page py-16" role="status">
      <p className="text-slate-700">Loading…</p>
    </div>
  );
}
