-- Proxies chosen by the patient (issue 18): an adult with a record of their own, designated by the
-- person alone for a scope until an end date (the last day of civil time they may act on). The
-- proxy acts with their own patient token: the access facts read the designation with the record's
-- standing (SqlRecordStandings), current first, else the latest, so that the policy can tell an
-- ended or revoked proxy from a stranger. Nothing is ever deleted but by the record's purge: the
-- patient's list keeps what was, and the trail what was done.
create table record_proxy (
    id              uuid         primary key,
    record_id       uuid         not null references record (id),
    proxy_record_id uuid         not null references record (id),
    scope           varchar(16)  not null check (scope in ('READ', 'READ_AND_MANAGE')),
    ends_on         date         not null,
    created_at      timestamptz  not null,
    created_by      varchar(128) not null,
    -- Revoked by the patient, or given up by the proxy.
    revoked_at      timestamptz,
    revoked_by      varchar(128),
    revoked_as      varchar(8)   check (revoked_as in ('PATIENT', 'PROXY')),
    -- The proxy's first act on the record, told to the patient once.
    first_acted_at  timestamptz,
    check (record_id <> proxy_record_id),
    check ((revoked_at is null) = (revoked_by is null)
           and (revoked_at is null) = (revoked_as is null))
);
-- The patient's list and the bound on current proxies; the proxy's standing on one record, and
-- the records a person may act on.
create index record_proxy_by_record on record_proxy (record_id, created_at);
create index record_proxy_by_proxy on record_proxy (proxy_record_id, record_id);
-- The application changes a designation in two ways only: its end (revoked by the patient, given
-- up by the proxy) and its first act. Its scope, end date and parties are fixed once written, and
-- a revocation is never undone: an application role (or anyone with its password) cannot widen a
-- proxy's rights (the column grants) or bring a revoked one back (the trigger, for every role).
grant select, insert on record_proxy to "${applicationUser}";
grant update (revoked_at, revoked_by, revoked_as, first_acted_at) on record_proxy
    to "${applicationUser}";

create function record_proxy_fixed() returns trigger
language plpgsql set search_path from current as $$
begin
    if old.revoked_at is not null and (new.revoked_at is distinct from old.revoked_at
       or new.revoked_by is distinct from old.revoked_by
       or new.revoked_as is distinct from old.revoked_as) then
        raise exception 'A revoked designation stays revoked'
            using errcode = 'check_violation', constraint = 'record_proxy_fixed';
    end if;
    if old.first_acted_at is not null and new.first_acted_at is distinct from old.first_acted_at then
        raise exception 'A proxy''s first act is written once'
            using errcode = 'check_violation', constraint = 'record_proxy_fixed';
    end if;
    return new;
end
$$;

create trigger record_proxy_fixed before update on record_proxy
    for each row execute function record_proxy_fixed();

-- Every kind so far, EXPORT_OFFERED (V25) included.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
    check (kind in ('FIRST_ACCESS', 'BREAK_GLASS', 'DOCUMENT_ARRIVED', 'ACCOUNT_STATE', 'ENROLMENT',
                    'REPRESENTATION', 'DELETION', 'EXPORT_OFFERED', 'PROXY'));

-- The purge (V11) also deletes the designations the person made, and those naming them as proxy.
create or replace function purge_record(p_record_id uuid, p_at timestamptz) returns void
language plpgsql security definer set search_path from current as $$
begin
    perform erase_record_content(p_record_id);
    delete from record_settings where record_id = p_record_id;
    delete from representative
        where record_id = p_record_id or representative_record_id = p_record_id;
    delete from record_proxy where record_id = p_record_id or proxy_record_id = p_record_id;
    delete from research_study_choice where record_id = p_record_id;
    delete from research_preference where record_id = p_record_id;
    delete from notification where record_id = p_record_id;
    delete from notification_mailbox where record_id = p_record_id;
    delete from provisional_code where record_id = p_record_id;
    delete from identity where record_id = p_record_id;
    update record set state = 'PURGED', purged_at = p_at, contact_email = null,
        contact_phone = null, version = version + 1
        where id = p_record_id;
end
$$;
revoke all on function purge_record(uuid, timestamptz) from public;
grant execute on function purge_record(uuid, timestamptz) to "${applicationUser}";
