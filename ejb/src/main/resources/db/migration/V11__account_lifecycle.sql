-- The account's life: the opposition window, opposition, closure (archived, then purged), death,
-- and the provisional codes that activate an account or let its owner oppose.
alter table record drop constraint record_state_check;
alter table record add constraint record_state_check
    check (state in ('PENDING', 'OPEN', 'OPPOSED', 'CLOSED', 'PURGED'));

alter table record
    add column opposition_deadline timestamptz,
    add column opposed_at          timestamptz,
    add column closed_at           timestamptz,
    add column closure_reason      varchar(16) check (closure_reason in ('REQUEST', 'DEATH')),
    add column purge_after         timestamptz,
    add column purged_at           timestamptz;

-- Records enrolled before the window existed get the default window from their creation.
update record set opposition_deadline = created_at + interval '42 days' where state = 'PENDING';

-- The jobs find their work by these: windows that end, archives whose retention ends.
create index record_window_end on record (opposition_deadline) where state = 'PENDING';
create index record_retention_end on record (purge_after) where state = 'CLOSED';

-- One provisional code per record at a time, stored only as a keyed hash (HMAC-SHA256 with a
-- secret of the configuration): a stolen table does not give codes. Issuing a new one replaces
-- the row, so the old code stops working.
create table provisional_code (
    record_id       uuid        primary key references record (id),
    code_hash       varchar(64) not null,
    issued_at       timestamptz not null,
    expires_at      timestamptz not null,
    used_at         timestamptz,
    failed_attempts integer     not null default 0,
    locked_at       timestamptz
);
grant select, insert, update, delete on provisional_code to "${applicationUser}";

-- Hard deletion of a record's data, contents included, for the purge, a closure with deletion at
-- once, and an opposition when the configuration says its data goes. Security definer: the
-- application's user may not delete these rows itself, only through these two functions.
create function erase_record_content(p_record_id uuid) returns void
language plpgsql security definer set search_path from current as $$
begin
    delete from document_content where document_id in
        (select id from document where record_id = p_record_id);
    delete from document where record_id = p_record_id;
    delete from profile_entry where record_id = p_record_id;
    delete from access_grant where record_id = p_record_id;
    delete from professional_block where record_id = p_record_id;
    delete from record_reader where record_id = p_record_id;
end
$$;

-- What stays after a purge: the record's row as a tombstone (state PURGED, no contact, no
-- identity: the INS is free for a new enrolment) and the audit trail, which holds no clinical
-- content and keeps its own retention.
create function purge_record(p_record_id uuid, p_at timestamptz) returns void
language plpgsql security definer set search_path from current as $$
begin
    perform erase_record_content(p_record_id);
    delete from record_settings where record_id = p_record_id;
    delete from representative
        where record_id = p_record_id or representative_record_id = p_record_id;
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
revoke all on function erase_record_content(uuid) from public;
grant execute on function erase_record_content(uuid) to "${applicationUser}";
revoke all on function purge_record(uuid, timestamptz) from public;
grant execute on function purge_record(uuid, timestamptz) to "${applicationUser}";

-- Functions are executable by everyone unless revoked: the partitions' creator (V10) too.
revoke all on function create_trace_partitions(timestamptz, integer) from public;
grant execute on function create_trace_partitions(timestamptz, integer) to "${applicationUser}";

-- The information message of an enrolment carries the provisional code, issued as it is sent: it
-- goes on one channel only (email, else SMS), or a second channel's code would kill the first's.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
    check (kind in ('FIRST_ACCESS', 'BREAK_GLASS', 'DOCUMENT_ARRIVED', 'ACCOUNT_STATE', 'ENROLMENT'));

create or replace function enqueue_notification(
    p_record_id uuid, p_kind varchar, p_at timestamptz, p_actor_rpps varchar,
    p_actor_profession varchar, p_detail varchar, p_window interval) returns integer
language plpgsql as $$
declare
    target varchar;
    queued integer := 0;
begin
    for target in
        select c.channel
        from record r
        left join record_settings s on s.record_id = r.id
        cross join (values ('EMAIL', 1), ('SMS', 2)) as c (channel, preference)
        where r.id = p_record_id
          and ((c.channel = 'EMAIL' and r.contact_email is not null
                and coalesce(s.notify_by_email, true))
            or (c.channel = 'SMS' and r.contact_phone is not null
                and (coalesce(s.notify_by_sms, false)
                     or (p_kind = 'ENROLMENT' and r.contact_email is null))))
        order by c.preference
    loop
        insert into notification (record_id, channel, kind, occurred_at, actor_rpps,
                                  actor_profession, detail)
        values (p_record_id, target, p_kind, p_at, p_actor_rpps, p_actor_profession, p_detail);
        insert into notification_mailbox as m (record_id, channel, due_at)
        values (p_record_id, target, p_at)
        on conflict (record_id, channel) do update
            set due_at = greatest(p_at, m.last_sent_at + p_window)
            where m.due_at is null;
        queued := queued + 1;
        exit when p_kind = 'ENROLMENT';
    end loop;
    return queued;
end
$$;
