-- Contents in an S3-compatible object store (issue 20), when carnet.content.store=s3; the
-- database store (document_content) stays the default, and its contents stay readable.
--
-- Each record's data key (AES-256), only ever stored wrapped by the master key, which lives in the
-- configuration and never in the database: the bucket alone, or the database alone, reads nothing.
-- The purge destroys it (erase_record_content below), which makes every copy of the record's
-- objects unreadable, the bucket's backups included. The application inserts it and reads it; it
-- deletes it only through the purge.
create table record_content_key (
    record_id   uuid        primary key references record (id),
    wrapped_key bytea       not null,
    created_at  timestamptz not null
);
grant select, insert on record_content_key to "${applicationUser}";

-- The object of a document, under a random key that says nothing of the patient, the record or
-- the document. Written in the push's statement, after the object was put.
create table document_object (
    document_id uuid primary key references document (id),
    object_key  uuid not null unique
);
grant select, insert on document_object to "${applicationUser}";

-- Objects put, or about to be, that no committed document carries yet: registered in a
-- transaction of their own before the put, taken off by the push's statement. What remains after
-- a crash, a rollback or a replay is removed from the bucket by the sweep (rows claimed with SKIP
-- LOCKED, so never one a running push holds), as are a purged record's objects.
create table content_object_pending (
    object_key uuid        primary key,
    created_at timestamptz not null
);
create index content_object_pending_by_age on content_object_pending (created_at);
grant select, insert, delete on content_object_pending to "${applicationUser}";
-- The sweep claims rows with FOR UPDATE SKIP LOCKED, which needs an UPDATE privilege: on the one
-- column, which nothing updates.
grant update (created_at) on content_object_pending to "${applicationUser}";

-- V24's erasure, with the objects: their keys go to the sweep at once ('-infinity' is older than
-- any grace), their rows and the record's data key are deleted in the purge's transaction.
create or replace function erase_record_content(p_record_id uuid) returns void
language plpgsql security definer set search_path from current as $$
begin
    insert into content_object_pending (object_key, created_at)
        select o.object_key, '-infinity' from document_object o
            join document d on d.id = o.document_id
            where d.record_id = p_record_id
        on conflict (object_key) do nothing;
    delete from document_object where document_id in
        (select id from document where record_id = p_record_id);
    delete from record_content_key where record_id = p_record_id;
    delete from document_content where document_id in
        (select id from document where record_id = p_record_id);
    delete from document where record_id = p_record_id;
    delete from profile_entry where record_id = p_record_id;
    delete from access_grant where record_id = p_record_id;
    delete from professional_block where record_id = p_record_id;
    delete from class_mask where record_id = p_record_id;
    delete from organisation_block where record_id = p_record_id;
    delete from record_reader where record_id = p_record_id;
end
$$;
