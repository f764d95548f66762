-- Four eyes for staff: what one agent or administrator asks (a legal representative, the
-- deletion of a record at once) waits for a second staff member's approval, and gives nothing
-- meanwhile.

-- A representation registered by staff is PENDING until another staff member approves it
-- (APPROVED) or rejects it (REJECTED); a pending one past expires_at is expired (computed, not
-- stored: no job needs to run for it to stop being approvable). Those registered before four eyes
-- existed were live at once: they are kept as approved, by their registrant.
alter table representative
    add column status               varchar(16),
    add column expires_at           timestamptz,
    add column decided_at           timestamptz,
    add column decided_by           varchar(128),
    add column court                varchar(200),
    add column court_decision_date  date,
    add column court_decision_number varchar(64);
update representative set status = 'APPROVED', decided_at = registered_at,
    decided_by = registered_by;
alter table representative alter column status set not null;
alter table representative add constraint representative_status_check
    check (status in ('PENDING', 'APPROVED', 'REJECTED'));
alter table representative add constraint representative_pending_expires
    check (status <> 'PENDING' or expires_at is not null);
-- The guardian of an adult is named by a court: its decision is kept with every new one.
alter table representative add constraint representative_court_decision
    check (kind <> 'PROTECTED_ADULT' or status = 'APPROVED' and decided_by = registered_by
           or (court is not null and court_decision_date is not null
               and court_decision_number is not null));
-- The staff's queue: what waits for a second pair of eyes, oldest first.
create index representative_pending on representative (registered_at) where status = 'PENDING';

-- The deletion at once of a record, asked by an agent: the record is closed and archived at once
-- (as for a normal closure), and purged when another staff member approves.
create table deletion_request (
    id           uuid         primary key,
    record_id    uuid         not null references record (id),
    requested_at timestamptz  not null,
    requested_by varchar(128) not null,
    expires_at   timestamptz  not null,
    status       varchar(16)  not null check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    decided_at   timestamptz,
    decided_by   varchar(128)
);
create index deletion_request_by_record on deletion_request (record_id);
create index deletion_request_pending on deletion_request (requested_at) where status = 'PENDING';

grant select, insert, update on deletion_request to "${applicationUser}";

-- The person (and their representatives) are told of a representation asked for and approved,
-- and of a deletion asked for.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
    check (kind in ('FIRST_ACCESS', 'BREAK_GLASS', 'DOCUMENT_ARRIVED', 'ACCOUNT_STATE', 'ENROLMENT',
                    'REPRESENTATION', 'DELETION'));

-- Rejected enrolment lines keep a line number, a code and a reason: never a NIR. Reasons written
-- before this check are cleaned of anything that looks like one.
update enrolment_rejection set reason = regexp_replace(reason, '[0-9AB]{13,}', '***', 'g')
    where reason ~ '[0-9AB]{13,}';
alter table enrolment_rejection add constraint enrolment_rejection_no_nir
    check (reason !~ '[0-9]{13,}');
