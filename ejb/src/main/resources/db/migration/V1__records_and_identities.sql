-- Records keyed on the INS. The NIR lives only in identity; everything else refers to the
-- record by its opaque id.

create table record (
    id            uuid primary key,
    state         varchar(16)  not null check (state in ('PENDING', 'OPEN')),
    contact_email varchar(254),
    contact_phone varchar(32),
    created_at    timestamptz  not null,
    opened_at     timestamptz,
    version       bigint       not null default 0
);

create table identity (
    record_id   uuid primary key references record (id),
    ins_number  varchar(15)  not null,
    ins_kind    varchar(3)   not null check (ins_kind in ('NIR', 'NIA')),
    birth_name  varchar(100) not null,
    first_names varchar(100) not null,
    birth_date  date         not null,
    sex         varchar(1)   not null check (sex in ('M', 'F')),
    birth_place varchar(5)   not null
);

-- One record per person: a second enrolment of the same INS fails here even under a race.
create unique index identity_ins_number on identity (ins_number);

-- Console staff (agents, auditors, administrators). Passwords are PBKDF2 hashes.
create table staff_account (
    id            uuid primary key,
    username      varchar(64)  not null unique,
    password_hash varchar(512) not null,
    enabled       boolean      not null default true,
    created_at    timestamptz  not null
);

create table staff_role (
    staff_id uuid        not null references staff_account (id),
    role     varchar(16) not null check (role in ('agent', 'auditor', 'admin')),
    primary key (staff_id, role)
);

-- Least privilege: the application's user reads and writes rows, and owns nothing. When the
-- migrations run as that same user, these grants are harmless no-ops.
grant usage on schema public to "${applicationUser}";
grant select, insert, update, delete on record, identity, staff_account, staff_role to "${applicationUser}";
