-- Documents: metadata apart from contents, so that searches never touch the bytes.

create table document (
    id                          uuid primary key,
    record_id                   uuid         not null references record (id),
    -- Idempotency: a source (FINESS, or the patient's record for uploads) never reuses an id.
    source                      varchar(64)  not null,
    unique_id                   varchar(256) not null,
    fingerprint                 varchar(64)  not null,
    type_system                 varchar(128) not null,
    type_code                   varchar(64)  not null,
    class_code                  varchar(32)  not null references document_class (code),
    title                       varchar(500) not null,
    authored_at                 timestamptz  not null,
    submitted_at                timestamptz  not null,
    author_role                 varchar(16)  not null check (author_role in ('PROFESSIONAL', 'PATIENT')),
    author_rpps                 varchar(11),
    author_profession           varchar(8),
    author_specialty            varchar(64),
    author_finess               varchar(9),
    content_type                varchar(64)  not null,
    size_bytes                  bigint       not null,
    hash                        varchar(71)  not null,
    status                      varchar(16)  not null check (status in ('CURRENT', 'SUPERSEDED', 'WITHDRAWN')),
    version                     integer      not null default 1,
    replaces_id                 uuid references document (id),
    withheld_from_patient       boolean      not null default false,
    hidden_from_representatives boolean      not null default false,
    unique (source, unique_id)
);

-- The search path: a record's documents, newest first, keyset-paged on (authored_at, id).
create index document_by_record on document (record_id, authored_at desc, id desc);

-- Contents in chunks, so that reads stream without holding a whole document in memory.
create table document_content (
    document_id uuid    not null references document (id),
    seq         integer not null,
    bytes       bytea   not null,
    primary key (document_id, seq)
);

-- Every access to a record, written in the same transaction as the access itself.
create table trace (
    id           bigserial primary key,
    at           timestamptz not null,
    actor_role   varchar(16) not null,
    actor_id     varchar(128) not null,
    actor_rpps   varchar(11),
    actor_profession varchar(8),
    actor_finess varchar(9),
    record_id    uuid,
    document_id  uuid,
    action       varchar(32) not null,
    outcome      varchar(8)  not null check (outcome in ('PERMIT', 'DENY')),
    reason       varchar(64) not null,
    detail       text
);

create index trace_by_record on trace (record_id, at desc);

grant select, insert, update on document to "${applicationUser}";
grant select, insert on document_content to "${applicationUser}";
-- Traces are appended, never changed.
grant select, insert on trace to "${applicationUser}";
grant usage on sequence trace_id_seq to "${applicationUser}";
