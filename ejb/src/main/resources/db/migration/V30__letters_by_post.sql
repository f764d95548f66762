-- Letters by post (issue 19): a person with neither email nor phone is written to at the postal
-- address of their record's contact. The letters are PDFs in a print-shop folder (see
-- fr.carnet.notification.infrastructure.PrintShopFolder); the outbox only gains a channel.

-- The postal address, as printed on the envelope: up to five lines, the last "postal code city".
alter table record add column contact_address varchar(400);

-- Whether the person wants the access notifications by post (they have no other channel): the
-- information message, a history or an export sent by post go whatever this says.
alter table record_settings add column notify_by_post boolean not null default true;

alter table notification drop constraint notification_channel_check;
alter table notification add constraint notification_channel_check
    check (channel in ('EMAIL', 'SMS', 'POST'));
alter table notification_mailbox drop constraint notification_mailbox_channel_check;
alter table notification_mailbox add constraint notification_mailbox_channel_check
    check (channel in ('EMAIL', 'SMS', 'POST'));

-- HISTORY_BY_POST, EXPORT_BY_POST: asked for a person (by an agent, on the desk) and sent only by
-- post, whatever other channel the record has.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
    check (kind in ('FIRST_ACCESS', 'BREAK_GLASS', 'DOCUMENT_ARRIVED', 'ACCOUNT_STATE', 'ENROLMENT',
                    'REPRESENTATION', 'DELETION', 'EXPORT_OFFERED', 'PROXY', 'HISTORY_OFFERED',
                    'HISTORY_BY_POST', 'EXPORT_BY_POST', 'AGENT_CHANGE'));

-- The letters that could not be produced (no address) are listed to agents from here.
create index notification_letter_impossible on notification (occurred_at desc)
    where channel = 'POST' and delivery = 'NO_ADDRESS';

-- The channels of one notification, in one place for both enqueue functions: email and SMS as
-- before (V11); POST when the record has neither email nor phone, for every kind but a document's
-- arrival (a letter per document is noise; the person learns of them in the access letters and
-- their history) and for the access notifications only if the person did not refuse them. A record
-- with no address at all is still given its POST notification: the delivery finds no address and
-- says so to agents ("courriers impossibles") instead of nothing happening. The two kinds asked
-- for by post go only by post. What the person asked for (a history or an export offered) and
-- what an agent changed for them go to their email, else their phone, whatever their settings:
-- they did not choose to be left unaware of those.
create function notification_channels(p_record_id uuid, p_kind varchar)
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
            and p_kind <> 'DOCUMENT_ARRIVED'
            and (p_kind in ('ENROLMENT', 'ACCOUNT_STATE', 'REPRESENTATION', 'DELETION',
                            'AGENT_CHANGE')
                 or coalesce(s.notify_by_post, true))
      end)
$$;

create or replace function enqueue_notification(
    p_record_id uuid, p_kind varchar, p_at timestamptz, p_actor_rpps varchar,
    p_actor_profession varchar, p_detail varchar, p_window interval) returns integer
language plpgsql as $$
declare
    target varchar;
    queued integer := 0;
begin
    for target in
        select c.channel from notification_channels(p_record_id, p_kind) c order by c.preference
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
        -- The information message carries the code: one channel only (V11).
        exit when p_kind = 'ENROLMENT';
    end loop;
    return queued;
end
$$;

create or replace function enqueue_notifications(
    p_record_ids uuid[], p_kind varchar, p_at timestamptz, p_actor_rpps varchar,
    p_actor_profession varchar, p_detail varchar, p_window interval) returns integer
language sql as $$
    with targets as (
        select record_id, channel from (
            select r.id as record_id, c.channel,
                   row_number() over (partition by r.id order by c.preference) as rank
            from unnest(p_record_ids) as r (id)
            cross join lateral notification_channels(r.id, p_kind) c) as eligible
        where p_kind <> 'ENROLMENT' or rank = 1),
    notified as (
        insert into notification (record_id, channel, kind, occurred_at, actor_rpps,
                                  actor_profession, detail)
        select record_id, channel, p_kind, p_at, p_actor_rpps, p_actor_profession, p_detail
        from targets
        returning 1),
    mailboxes as (
        insert into notification_mailbox as m (record_id, channel, due_at)
        select record_id, channel, p_at from targets
        on conflict (record_id, channel) do update
            set due_at = greatest(p_at, m.last_sent_at + p_window)
            where m.due_at is null
        returning 1)
    select count(*)::integer from notified
$$;

grant execute on function notification_channels(uuid, varchar) to "${applicationUser}";

-- A purged record keeps no address, as it keeps no email nor phone (V11, V27's purge_record).
create function forget_purged_address() returns trigger
language plpgsql as $$
begin
    new.contact_address := null;
    return new;
end
$$;
create trigger record_purged_forgets_address before update on record
    for each row when (new.state = 'PURGED' and new.contact_address is not null)
    execute function forget_purged_address();
