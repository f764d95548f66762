-- The health agenda (issue 21, item 2): appointments pushed by booking platforms and care software,
-- or added by the patient, and prevention reminders computed from a national calendar kept here as
-- reference data. Who may push, read or change is fr.carnet.access.AccessPolicy's; this schema keeps
-- the one appointment per platform id and the one reminder per period.
create table appointment (
    id                uuid          primary key,
    record_id         uuid          not null references record (id),
    -- The platform's source and its id for the appointment: a push of the same pair by the same
    -- owner updates the one appointment (moved, cancelled), never a second one. Each owner has its
    -- own namespace: another organisation's push of the same pair is another appointment, never a
    -- squat of the first.
    source            varchar(64)   not null,
    external_id       varchar(128)  not null,
    -- Who may change it: the pushing organisation (FINESS), or the professional (RPPS) when the
    -- token names no organisation, or the patient side for their own ("patient:<record>").
    owner             varchar(64)   not null,
    patient_own       boolean       not null,
    professional_rpps varchar(11),
    professional_name varchar(200),
    -- The patient's own: who, in their words (never checked, never shown to anybody else).
    who_text          varchar(200),
    finess            varchar(9),
    location_label    varchar(200),
    starts_at         timestamptz   not null,
    ends_at           timestamptz   not null,
    status            varchar(16)   not null check (status in ('BOOKED', 'MOVED', 'CANCELLED')),
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null,
    check (ends_at > starts_at),
    unique (owner, source, external_id)
);
create index appointment_of_record on appointment (record_id, starts_at desc);

-- The patient deletes their own appointments, and only those: through the function, not a grant.
grant select, insert on appointment to "${applicationUser}";
grant update (professional_rpps, professional_name, who_text, finess, location_label, starts_at,
              ends_at, status, updated_at) on appointment to "${applicationUser}";

create function delete_own_appointment(p_record_id uuid, p_id uuid) returns integer
language plpgsql security definer set search_path from current as $$
declare
    deleted integer;
begin
    delete from appointment where id = p_id and record_id = p_record_id and patient_own;
    get diagnostics deleted = row_count;
    return deleted;
end
$$;
revoke all on function delete_own_appointment(uuid, uuid) from public;
grant execute on function delete_own_appointment(uuid, uuid) to "${applicationUser}";

-- The national prevention calendar (reference data, administrators change it): who (sex, ages
-- in whole years, both included) and how often (an ISO-8601 period, counted from the birthday of
-- the minimum age). A retired rule sends nothing and stays, for the reminders it sent.
create table prevention_rule (
    code         varchar(32)  primary key check (code ~ '^[A-Z0-9_]{2,32}$'),
    label        varchar(200) not null,
    sex          varchar(3)   not null check (sex in ('F', 'M', 'ANY')),
    min_age      integer      not null check (min_age between 0 and 120),
    max_age      integer      not null check (max_age between 0 and 120),
    every        varchar(16)  not null,
    retired_at   timestamptz,
    changed_by   varchar(128) not null,
    changed_at   timestamptz  not null,
    check (min_age <= max_age)
);
grant select, insert on prevention_rule to "${applicationUser}";
grant update (label, sex, min_age, max_age, every, retired_at, changed_by, changed_at)
    on prevention_rule to "${applicationUser}";

-- Santé publique France / HAS, calendrier des vaccinations et dépistages organisés (2025).
insert into prevention_rule (code, label, sex, min_age, max_age, every, changed_by, changed_at) values
    ('BREAST_SCREENING', 'Dépistage organisé du cancer du sein (mammographie)', 'F', 50, 74, 'P2Y',
        'system:V34', now()),
    ('COLORECTAL_SCREENING', 'Dépistage organisé du cancer colorectal (test immunologique)', 'ANY',
        50, 74, 'P2Y', 'system:V34', now()),
    ('CERVICAL_SCREENING', 'Dépistage du cancer du col de l''utérus', 'F', 25, 65, 'P3Y',
        'system:V34', now()),
    ('DTP_25', 'Rappel diphtérie, tétanos, poliomyélite (et coqueluche) à 25 ans', 'ANY', 25, 25,
        'P1Y', 'system:V34', now()),
    ('DTP_45', 'Rappel diphtérie, tétanos, poliomyélite à 45 ans', 'ANY', 45, 45, 'P1Y',
        'system:V34', now()),
    ('DTP_65', 'Rappel diphtérie, tétanos, poliomyélite à 65 ans puis tous les 10 ans', 'ANY', 65,
        120, 'P10Y', 'system:V34', now()),
    ('FLU_65', 'Vaccination contre la grippe saisonnière, chaque année dès 65 ans', 'ANY', 65, 120,
        'P1Y', 'system:V34', now());

-- The patient switched a rule off for their record (on again: the row goes).
create table prevention_opt_out (
    record_id      uuid         not null references record (id),
    rule_code      varchar(32)  not null references prevention_rule (code),
    switched_at    timestamptz  not null,
    primary key (record_id, rule_code)
);
grant select, insert, delete on prevention_opt_out to "${applicationUser}";

-- Each reminder sent, once: the key (record, rule, due date of the period) is what makes a second
-- run of the job, on this instance or another, send nothing more.
create table prevention_reminder (
    record_id  uuid        not null references record (id),
    rule_code  varchar(32) not null references prevention_rule (code),
    due_on     date        not null,
    sent_at    timestamptz not null,
    primary key (record_id, rule_code, due_on)
);
grant select, insert on prevention_reminder to "${applicationUser}";

-- When the reminder job last looked at a record: instances skip what another looked at lately.
create table prevention_check (
    record_id  uuid        primary key references record (id),
    checked_at timestamptz not null
);
grant select, insert, update (checked_at) on prevention_check to "${applicationUser}";

-- Purged with the record, erased with its content: no appointment survives. The patient's
-- choices of reminders (switched off) and the reminders sent stay through an opposition (the
-- person lifting it finds their choices again; none is sent meanwhile) and go with the purge
-- (forget_purged_agenda below).
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
    delete from conversation where record_id = p_record_id;
    delete from appointment where record_id = p_record_id;
    delete from prevention_check where record_id = p_record_id;
end
$$;

create function forget_purged_agenda() returns trigger
language plpgsql security definer set search_path from current as $$
begin
    delete from appointment where record_id = new.id;
    delete from prevention_opt_out where record_id = new.id;
    delete from prevention_reminder where record_id = new.id;
    delete from prevention_check where record_id = new.id;
    return new;
end
$$;
create trigger record_purged_forgets_agenda after update on record
    for each row when (new.state = 'PURGED' and old.state <> 'PURGED')
    execute function forget_purged_agenda();

-- APPOINTMENT_ARRIVED and PREVENTION_REMINDER: counted with the record's other notifications.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
    check (kind in ('FIRST_ACCESS', 'BREAK_GLASS', 'DOCUMENT_ARRIVED', 'ACCOUNT_STATE', 'ENROLMENT',
                    'REPRESENTATION', 'DELETION', 'EXPORT_OFFERED', 'PROXY', 'HISTORY_OFFERED',
                    'HISTORY_BY_POST', 'EXPORT_BY_POST', 'AGENT_CHANGE', 'MESSAGE_ARRIVED',
                    'APPOINTMENT_ARRIVED', 'PREVENTION_REMINDER'));

-- As V33, and an appointment's arrival is never a letter (the person reads their agenda in their
-- space); a prevention reminder goes by post to whom has no email nor phone and did not refuse post.
create or replace function notification_channels(p_record_id uuid, p_kind varchar)
    returns table (channel varchar, preference integer)
language sql stable as $$
    select c.channel, c.preference
    from record r
    left join record_settings s on s.record_id = r.id
    cross join (values ('EMAIL'::varchar, 1), ('SMS'::varchar, 2), ('POST'::varchar, 3))
        as c (channel, preference)
    where r.id = p_record_id
      and (case
        when p_kind in ('HISTORY_BY_POST', 'EXPORT_BY_POST') then c.channel = 'POST'
        when c.channel = 'EMAIL' then r.contact_email is not null
            and (coalesce(s.notify_by_email, true)
                 or p_kind in ('HISTORY_OFFERED', 'EXPORT_OFFERED', 'AGENT_CHANGE'))
        when c.channel = 'SMS' then r.contact_phone is not null
            and (coalesce(s.notify_by_sms, false)
                 or (p_kind in ('ENROLMENT', 'HISTORY_OFFERED', 'EXPORT_OFFERED', 'AGENT_CHANGE')
                     and r.contact_email is null))
        else r.contact_email is null and r.contact_phone is null
            and p_kind not in ('DOCUMENT_ARRIVED', 'MESSAGE_ARRIVED', 'APPOINTMENT_ARRIVED')
            and (p_kind in ('ENROLMENT', 'ACCOUNT_STATE', 'REPRESENTATION', 'DELETION',
                            'AGENT_CHANGE')
                 or coalesce(s.notify_by_post, true))
      end)
$$;
