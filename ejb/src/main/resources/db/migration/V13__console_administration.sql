-- What the console's administrators keep besides the matrix, and what the agents' search needs.

-- Agents find a person by birth date and name: the date narrows to a few thousand persons
-- nationally, the name is then compared folded (see SearchableNames).
create index identity_birth_date on identity (birth_date);

-- Console accounts: when enabling, roles or password last changed. A session opened before is
-- ended at its next request, so a disabled agent is out at once, not when the session times out.
alter table staff_account add column changed_at timestamptz;
update staff_account set changed_at = created_at;
alter table staff_account alter column changed_at set not null;

create table staff_account_change (
    id         bigserial    primary key,
    at         timestamptz  not null,
    changed_by varchar(128) not null,
    username   varchar(64)  not null,
    change     varchar(200) not null
);

-- The mapping of document types to classes, changed by administrators: its history.
create table document_type_change (
    id         bigserial    primary key,
    at         timestamptz  not null,
    changed_by varchar(128) not null,
    system     varchar(128) not null,
    code       varchar(64)  not null,
    old_class  varchar(32),
    new_class  varchar(32)  not null
);

-- Policy durations set by administrators; a name absent here takes its configured default.
create table policy_duration (
    name       varchar(64)  primary key,
    value      varchar(32)  not null,
    changed_by varchar(128) not null,
    changed_at timestamptz  not null
);

create table policy_duration_change (
    id         bigserial    primary key,
    at         timestamptz  not null,
    changed_by varchar(128) not null,
    name       varchar(64)  not null,
    old_value  varchar(32),
    new_value  varchar(32)  not null
);

grant select, insert, update on document_type to "${applicationUser}";
grant select, insert on staff_account_change, document_type_change, policy_duration_change
    to "${applicationUser}";
grant usage on sequence staff_account_change_id_seq, document_type_change_id_seq,
    policy_duration_change_id_seq to "${applicationUser}";
grant select, insert, update on policy_duration to "${applicationUser}";

-- A code issued for the information message, rather than given by an agent: a retry of the
-- message after a failed send replaces it (the person may never have received it).
alter table provisional_code add column for_message boolean not null default false;
