-- The patient's notifications: a transactional outbox. The access, push or state change that
-- causes a notification writes it in its own transaction, so a notification exists exactly when
-- its cause committed; a scheduled job delivers it later, whatever the mail server's health.
--
-- One row per notification and channel (the channels the patient chose when it happened).
create table notification (
    id               bigserial   primary key,
    record_id        uuid        not null references record (id),
    channel          varchar(8)  not null check (channel in ('EMAIL', 'SMS')),
    kind             varchar(24) not null
        check (kind in ('FIRST_ACCESS', 'BREAK_GLASS', 'DOCUMENT_ARRIVED', 'ACCOUNT_STATE')),
    occurred_at      timestamptz not null,
    actor_rpps       varchar(11),
    actor_profession varchar(8),
    detail           varchar(64),
    -- Null while pending; then when the message that carried it went out (or was given up for
    -- want of an address, see delivery).
    delivered_at     timestamptz,
    delivery         varchar(16) check (delivery in ('SENT', 'NO_ADDRESS'))
);
create index notification_pending on notification (record_id, channel, id)
    where delivered_at is null;

-- One mailbox per record and channel: when its pending notifications may go out (at most one
-- message per window), who is sending them now (a lease, so that several server instances
-- share the work and a crashed one's claim expires), and how delivery has been failing.
create table notification_mailbox (
    record_id     uuid        not null references record (id),
    channel       varchar(8)  not null check (channel in ('EMAIL', 'SMS')),
    due_at        timestamptz,
    last_sent_at  timestamptz,
    claimed_until timestamptz,
    attempts      integer     not null default 0,
    last_error    varchar(256),
    primary key (record_id, channel)
);
create index notification_mailbox_due on notification_mailbox (due_at) where due_at is not null;

-- The professionals who have accessed each record, so that the first access is told apart.
create table record_reader (
    record_id uuid        not null references record (id),
    rpps      varchar(11) not null,
    first_at  timestamptz not null,
    primary key (record_id, rpps)
);

-- Queues one notification on each channel the patient chose and can be reached on, in the
-- caller's transaction and one round trip. A mailbox with nothing pending becomes due now, or at
-- the end of the window of its last message; one already due keeps its time, so that whatever
-- arrives meanwhile goes out in the same message.
create function enqueue_notification(
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
        cross join (values ('EMAIL'), ('SMS')) as c (channel)
        where r.id = p_record_id
          and ((c.channel = 'EMAIL' and r.contact_email is not null
                and coalesce(s.notify_by_email, true))
            or (c.channel = 'SMS' and r.contact_phone is not null
                and coalesce(s.notify_by_sms, false)))
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
    end loop;
    return queued;
end
$$;

-- Notes a professional's access; the first one of each professional to a record is notified.
-- Returns whether it was the first.
create function note_reader(
    p_record_id uuid, p_rpps varchar, p_profession varchar, p_at timestamptz,
    p_window interval) returns boolean
language plpgsql as $$
begin
    insert into record_reader (record_id, rpps, first_at) values (p_record_id, p_rpps, p_at)
        on conflict do nothing;
    if not found then
        return false;
    end if;
    perform enqueue_notification(p_record_id, 'FIRST_ACCESS', p_at, p_rpps, p_profession, null,
                                 p_window);
    return true;
end
$$;

grant select, insert, update on notification, notification_mailbox to "${applicationUser}";
grant select, insert on record_reader to "${applicationUser}";
grant usage on sequence notification_id_seq to "${applicationUser}";
grant execute on function enqueue_notification(uuid, varchar, timestamptz, varchar, varchar,
    varchar, interval) to "${applicationUser}";
grant execute on function note_reader(uuid, varchar, varchar, timestamptz, interval)
    to "${applicationUser}";
