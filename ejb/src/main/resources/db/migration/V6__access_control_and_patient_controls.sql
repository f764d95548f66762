-- Access control and the patient's controls: grants, masks, blocks, designated GP, settings,
-- representatives, research preferences, and the policy's version for cache coherence.

-- Bumped in the same transaction as any change to reference data or the matrix. Every access
-- reads it with its other facts, so that no node ever decides on a stale copy of the policy.
create table reference_version (
    id      integer primary key check (id = 1),
    version bigint  not null
);
insert into reference_version (id, version) values (1, 1);

-- Who changed the matrix, when, from what to what. Appended, never changed.
create table access_matrix_change (
    id          bigserial    primary key,
    at          timestamptz  not null,
    changed_by  varchar(128) not null,
    profession  varchar(8)   not null,
    specialty   varchar(64)  not null,
    class_code  varchar(32)  not null,
    old_rights  varchar(2),
    new_rights  varchar(2)   not null
);

-- A professional's access to a record: an attested agreement, break-glass or regulation.
create table access_grant (
    id          uuid primary key,
    record_id   uuid         not null references record (id),
    rpps        varchar(11)  not null,
    profession  varchar(8)   not null,
    specialty   varchar(64),
    finess      varchar(9),
    mode        varchar(16)  not null check (mode in ('NORMAL', 'BREAK_GLASS', 'REGULATION')),
    reason      varchar(500),
    granted_at  timestamptz  not null,
    expires_at  timestamptz  not null,
    revoked_at  timestamptz,
    revoked_by  varchar(128)
);
create index access_grant_by_professional on access_grant (record_id, rpps);

-- Masked by the patient: hidden from professionals but the author and the designated GP.
alter table document add column masked_at timestamptz;

-- A professional the patient blocked sees nothing of the record.
create table professional_block (
    record_id  uuid        not null references record (id),
    rpps       varchar(11) not null,
    blocked_at timestamptz not null,
    primary key (record_id, rpps)
);

-- One row per record once the patient changes anything; absent means the defaults.
create table record_settings (
    record_id          uuid primary key references record (id),
    emergency_access   boolean     not null default true,
    notify_by_email    boolean     not null default true,
    notify_by_sms      boolean     not null default false,
    designated_gp_rpps varchar(11),
    updated_at         timestamptz not null
);

-- Legal representatives. A representative is a person with their own record (everyone insured
-- has one), so that no INS is stored twice.
create table representative (
    id                       uuid primary key,
    record_id                uuid         not null references record (id),
    representative_record_id uuid         not null references record (id),
    kind                     varchar(16)  not null check (kind in ('MINOR', 'PROTECTED_ADULT')),
    relationship             varchar(16)  not null check (relationship in ('PARENT', 'GUARDIAN')),
    registered_at            timestamptz  not null,
    registered_by            varchar(128) not null,
    ended_at                 timestamptz,
    ended_by                 varchar(128),
    check (record_id <> representative_record_id)
);
create index representative_by_record on representative (record_id);
create index representative_by_representative on representative (representative_record_id);

-- Secondary use, kept apart from care: nothing in access control reads these.
create table research_preference (
    record_id         uuid primary key references record (id),
    global_opposition boolean     not null,
    updated_at        timestamptz not null
);
create table research_study_choice (
    record_id uuid         not null references research_preference (record_id),
    study     varchar(64)  not null,
    choice    varchar(8)   not null check (choice in ('ACCEPT', 'REFUSE')),
    primary key (record_id, study)
);

-- The mode of a professional's access, on every trace of it.
alter table trace add column access_mode varchar(16);

grant select, update on reference_version to "${applicationUser}";
grant select, insert, update on access_matrix to "${applicationUser}";
grant select on profession, document_class to "${applicationUser}";
grant select, insert on access_matrix_change to "${applicationUser}";
grant usage on sequence access_matrix_change_id_seq to "${applicationUser}";
grant select, insert, update on access_grant to "${applicationUser}";
grant select, insert, delete on professional_block to "${applicationUser}";
grant select, insert, update on record_settings to "${applicationUser}";
grant select, insert, update on representative to "${applicationUser}";
grant select, insert, update on research_preference to "${applicationUser}";
grant select, insert, update, delete on research_study_choice to "${applicationUser}";
