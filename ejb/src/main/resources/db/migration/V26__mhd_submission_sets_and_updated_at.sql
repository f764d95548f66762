-- IHE MHD, whole (issue 18, item 6): the SubmissionSet of a Provide Document Bundle (ITI-65) kept as
-- a List that Find Document Lists (ITI-66) finds; documents' last update for _lastUpdated; an index
-- for "new for me" (a document without a read, content or filing trace by the caller).

-- One submission: who sent it (the source, a FINESS, as for documents), under which unique id
-- (List.identifier, usual: idempotent per source like a document's), for which record, with the
-- metadata the submitter gave (sourceId, designationType, title) and when Carnet took it.
create table submission_set (
    id                 uuid primary key,
    record_id          uuid         not null references record (id),
    source             varchar(64)  not null,
    unique_id          varchar(256) not null,
    source_id          varchar(256),
    designation_system varchar(128),
    designation_code   varchar(64),
    title              varchar(500),
    submitter_rpps     varchar(11),
    submitted_at       timestamptz  not null,
    updated_at         timestamptz  not null,
    unique (source, unique_id)
);

-- ITI-66's path: a record's submission sets, newest first, keyset-paged on (submitted_at, id).
create index submission_set_by_record on submission_set (record_id, submitted_at desc, id desc);

-- Its entries, in the submitter's order. Deleting a document (a record's erasure) takes its entries
-- with it, and the trigger below the sets left empty: nothing of an erased record stays here.
create table submission_set_entry (
    submission_set_id uuid    not null references submission_set (id),
    position          integer not null,
    document_id       uuid    not null references document (id) on delete cascade,
    primary key (submission_set_id, position)
);
create index submission_set_entry_by_document on submission_set_entry (document_id);

create function drop_emptied_submission_sets() returns trigger
language plpgsql security definer set search_path from current as $$
begin
    delete from submission_set s
        where s.id in (select distinct submission_set_id from gone)
          and not exists (select 1 from submission_set_entry e where e.submission_set_id = s.id);
    return null;
end
$$;
create trigger submission_set_entry_emptied after delete on submission_set_entry
    referencing old table as gone for each statement execute function drop_emptied_submission_sets();
revoke all on function drop_emptied_submission_sets() from public;

grant select, insert on submission_set, submission_set_entry to "${applicationUser}";

-- A document's last change (_lastUpdated). Added without a default first, so that no row is
-- rewritten: a document filed before keeps null and reads as its submission time; the default then
-- applies to documents filed from now on. The trigger moves it on every change of the row but a
-- patient's mask: a mask is a restriction, never visible to a professional, and an author who
-- still sees the document must not learn of it from its last update.
alter table document add column updated_at timestamptz;
alter table document alter column updated_at set default now();

create function document_touched() returns trigger language plpgsql as $$
begin
    if (to_jsonb(new) - 'masked_at' - 'updated_at') is distinct from
       (to_jsonb(old) - 'masked_at' - 'updated_at') then
        new.updated_at := now();
    else
        new.updated_at := old.updated_at;
    end if;
    return new;
end
$$;
create trigger document_touched before update on document
    for each row execute function document_touched();

-- "New for me": whether this professional left a permitting trace of reading, fetching or filing
-- this document, asked per document of one record's page.
create index trace_seen_by on trace (document_id, actor_rpps)
    where document_id is not null and outcome = 'PERMIT'
      and action in ('DOCUMENT_READ', 'CONTENT_READ', 'DOCUMENT_PUBLISH', 'DOCUMENT_VERSION');
