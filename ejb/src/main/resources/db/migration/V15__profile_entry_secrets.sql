-- A minor may keep a profile entry secret from their legal representatives, as a document
-- (contraception, a treatment): never listed to a representative, nor any trace of it in the
-- history they read. The traces of an entry name it in trace.document_id (one subject per trace:
-- a document, or for the profile's actions an entry; the column has no foreign key), so the
-- trace's row type and its hash (V8, V10) stay as they are.
--
-- The application's user keeps its table-wide rights on profile_entry (select, insert: V5),
-- which cover the new column; entries are never updated, the flag included.
alter table profile_entry
    add column hidden_from_representatives boolean not null default false;
