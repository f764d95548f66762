-- Issue 20, item 4: the schema changes Citus needs, made now where they are cheap (docs/scaling.md
-- §6.4). Citus wants the distribution column (the record id) in every primary key and unique
-- constraint of a table co-located with the record. The tables below already carry a NOT NULL
-- record_id with its foreign key to record; their primary key becomes (record_id, id).
--
-- The entities (EclipseLink) keep @Id id: a random uuid (or the notification's bigserial) stays
-- unique by construction, so JPA needs no composite key. A plain index on id alone keeps today's
-- lookups by id (revoking a grant, deciding a deletion, marking a notification delivered) on an
-- index; under Citus those lookups must also name the record, or they go to every shard. Citus
-- allows that index: it is not unique.
--
-- Locks: each ALTER TABLE takes an ACCESS EXCLUSIVE lock on its table while the new primary key's
-- index is built (reads and writes of that table wait; a few seconds per million rows here). On a
-- large populated database, build each index first with CREATE UNIQUE INDEX CONCURRENTLY outside
-- a transaction, then "add constraint ... primary key using index", which only holds the lock for
-- the swap. Flyway runs this file in one transaction, which CONCURRENTLY does not allow; at today's
-- sizes (notifications are the largest: one per push) the plain build is acceptable.

alter table notification drop constraint notification_pkey;
alter table notification add constraint notification_pkey primary key (record_id, id);
create index notification_by_id on notification (id);

alter table access_grant drop constraint access_grant_pkey;
alter table access_grant add constraint access_grant_pkey primary key (record_id, id);
create index access_grant_by_id on access_grant (id);

alter table caller_confirmation drop constraint caller_confirmation_pkey;
alter table caller_confirmation add constraint caller_confirmation_pkey primary key (record_id, id);
create index caller_confirmation_by_id on caller_confirmation (id);

-- deletion_request_by_record (record_id) is the new key's prefix: redundant, dropped.
alter table deletion_request drop constraint deletion_request_pkey;
alter table deletion_request add constraint deletion_request_pkey primary key (record_id, id);
create index deletion_request_by_id on deletion_request (id);
drop index deletion_request_by_record;

alter table profile_entry drop constraint profile_entry_pkey;
alter table profile_entry add constraint profile_entry_pkey primary key (record_id, id);
create index profile_entry_by_id on profile_entry (id);

-- The objects waiting for the sweep now name their record, so that under Citus the sweep can run
-- shard by shard and a push's claim goes to one shard. A row already pending has no parent to
-- take the record from (a crashed push's object, or a purged record's whose documents are gone):
-- the column is nullable for those, and a NOT VALID check makes it required for every new row
-- without reading the old ones. Once the pre-V32 rows are swept (minutes: the sweep's grace),
-- a later migration can validate the check and make (record_id, object_key) the primary key; it
-- stays object_key until then. Adding a nullable column without a default rewrites nothing.
alter table content_object_pending add column record_id uuid references record (id);
alter table content_object_pending add constraint content_object_pending_names_its_record
    check (record_id is not null) not valid;

-- V31's erasure, its pending objects named by their record.
create or replace function erase_record_content(p_record_id uuid) returns void
language plpgsql security definer set search_path from current as $$
begin
    insert into content_object_pending (object_key, record_id, created_at)
        select o.object_key, d.record_id, '-infinity' from document_object o
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
