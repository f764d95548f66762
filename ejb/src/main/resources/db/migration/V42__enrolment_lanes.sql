-- A bulk enrolment written in lanes (issue 17): the file's lines cut, once and for all when it is
-- registered, into consecutive ranges, each written by its own partition of the job on its own
-- connection, so that two chunks are written at once on two backends (one backend writing chunk
-- after chunk was busy the whole run). Each lane has its own restart point and counters,
-- committed with each of its chunks, and its own lease, renewed by them: the enrolment's row is
-- only share-locked by a chunk (to check that its writer still owns the enrolment), so that two
-- lanes' chunks never wait for each other, while a takeover's update of the owner still waits for
-- every chunk under way, or makes them roll back. The ranges never change: a restart, with any
-- configuration, resumes each lane from its own point, no line skipped or written twice.
-- A chunk of a former version committing during the copy below would lose its progress: held
-- until the migration commits (an instance of a former version still running fails its next
-- chunk, whose columns are gone, and its enrolment is restarted from the copied points).
lock table enrolment in exclusive mode;

create table enrolment_lane (
    enrolment_id uuid        not null references enrolment (id),
    lane         integer     not null check (lane >= 0),
    first_line   bigint      not null check (first_line >= 1),
    last_line    bigint      not null,
    next_line    bigint      not null,
    done         bigint      not null default 0,
    created      bigint      not null default 0,
    rejected     bigint      not null default 0,
    lease_until  timestamptz,
    primary key (enrolment_id, lane),
    check (next_line between first_line and last_line + 1)
);

comment on table enrolment_lane is
    'a range of an enrolment file''s lines, written by one partition of the job, with its restart point';
comment on column enrolment_lane.lease_until is
    'until when the owner is presumed alive in this lane: renewed by each of its chunks';

-- The enrolments of a former version are one lane each, from where they were.
insert into enrolment_lane (enrolment_id, lane, first_line, last_line, next_line, done, created,
                            rejected, lease_until)
select id, 0, 1, greatest(total, next_line - 1), next_line, done, created, rejected, lease_until
from enrolment;

alter table enrolment
    drop column next_line,
    drop column done,
    drop column created,
    drop column rejected,
    drop column lease_until;

-- Each launch of the job (a registration, a restart, a takeover) draws its own run: a chunk is
-- written only by the enrolment's current run, so that a second execution started on the same
-- instance (a restart while the first had not yet recorded its execution) stops the first at its
-- next chunk instead of writing the same lines beside it.
alter table enrolment add column owner_run uuid;
comment on column enrolment.owner_run is
    'the current launch of the job: only its chunks are written, only it gives the lease back';

-- The ranges are fixed once registered: only the restart point, the counts and the lease move.
grant select, insert on enrolment_lane to "${applicationUser}";
grant update (next_line, done, created, rejected, lease_until) on enrolment_lane
    to "${applicationUser}";
