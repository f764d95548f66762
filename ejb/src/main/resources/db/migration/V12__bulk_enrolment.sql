-- Bulk enrolment: one row per imported file, its progress committed with each chunk (the next
-- line to read is the restart point: a chunk's records and its progress commit together, so a
-- restart after a crash neither skips nor repeats a line), and the rejected lines.
create table enrolment (
    id          uuid         primary key,
    file        varchar(1024) not null,
    total       bigint       not null,
    next_line   bigint       not null default 1,
    done        bigint       not null default 0,
    created     bigint       not null default 0,
    rejected    bigint       not null default 0,
    started_by  varchar(128) not null,
    started_at  timestamptz  not null,
    finished_at timestamptz,
    execution   bigint
);

create table enrolment_rejection (
    enrolment_id uuid         not null references enrolment (id),
    line         bigint       not null,
    code         varchar(64)  not null,
    reason       varchar(256) not null,
    primary key (enrolment_id, line)
);

grant select, insert, update on enrolment, enrolment_rejection to "${applicationUser}";
