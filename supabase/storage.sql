-- The private bucket Tern stores eSIM QR codes in. Tern also creates it on first use (lib/delivery/storage.ts,
-- with the service-role key); run this instead if you manage your Supabase project with the CLI or the SQL
-- editor. QR codes are bearer credentials for an eSIM: the bucket is private, no policy grants anon or
-- authenticated users access, and the app serves each QR only after its own access check.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('esim-qr', 'esim-qr', false, 1048576, array['image/png'])
on conflict (id) do update set public = false;
