-- Secure messaging between a patient and their professionals (issue 21, item 1). A conversation
-- belongs to one record and one professional (RPPS, acting for a FINESS); only a professional
-- starts the first one with a record, the patient side replies or writes again to a professional
-- who already wrote (fr.carnet.access.AccessPolicy#mayWriteMessage decides). Never patient to
-- patient: the counterpart of a record is always a professional, by this schema.
create table conversation (
    id                          uuid         primary key,
    record_id                   uuid         not null references record (id),
    professional_rpps           varchar(11)  not null,
    professional_finess         varchar(9),
    subject                     varchar(200) not null,
    -- A minor's secret stays whole: the professional may keep the conversation from the
    -- representatives (a representative then finds no such conversation).
    hidden_from_representatives boolean      not null default false,
    started_by                  varchar(16)  not null check (started_by in ('PROFESSIONAL', 'PATIENT')),
    started_at                  timestamptz  not null,
    last_message_at             timestamptz  not null
);
create index conversation_of_record on conversation (record_id, last_message_at desc);
-- "Has this professional already written to this record?" (a patient may then write first).
create index conversation_of_professional on conversation (record_id, professional_rpps);

create table conversation_message (
    id              uuid          primary key,
    conversation_id uuid          not null references conversation (id) on delete cascade,
    sent_at         timestamptz   not null,
    sender_side     varchar(16)   not null check (sender_side in ('PROFESSIONAL', 'PATIENT')),
    -- The token's subject of who wrote (a representative is not the patient); never an INS.
    sender_subject  varchar(128)  not null,
    body            text          not null check (length(body) <= 20000),
    -- The read receipt the professional sees: when the patient side first read the message.
    read_at         timestamptz
);
create index conversation_message_in_order on conversation_message (conversation_id, sent_at);

-- An attachment: the same formats and limits as documents (carnet.documents.max-bytes), kept
-- with its message; filed into the record on the patient's request as a PATIENT document whose
-- provenance (message, professional) is kept here.
create table message_attachment (
    id                uuid          primary key,
    message_id        uuid          not null references conversation_message (id) on delete cascade,
    file_name         varchar(200)  not null,
    content_type      varchar(64)   not null,
    size_bytes        bigint        not null,
    hash              varchar(80)   not null,
    content           bytea         not null,
    filed_document_id uuid,
    filed_at          timestamptz
);
create index message_attachment_of_message on message_attachment (message_id);

-- No direct delete: messages go only with their record (erase_record_content, the purge) or past
-- their retention (purge_expired_conversations), as documents do.
grant select, insert on conversation, conversation_message, message_attachment
    to "${applicationUser}";
grant update (last_message_at) on conversation to "${applicationUser}";
grant update (read_at) on conversation_message to "${applicationUser}";
grant update (filed_document_id, filed_at) on message_attachment to "${applicationUser}";

-- As V32, and the record's conversations with their messages and attachments: an opposition that
-- deletes the data (LifecycleService) deletes the messages too, so none survives a withdrawal.
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
end
$$;

-- Retention: a bounded batch of the oldest conversations past the limit, claimed with SKIP LOCKED so
-- that instances running it together share the work instead of waiting for each other.
create function purge_expired_conversations(p_before timestamptz, p_limit integer) returns integer
language plpgsql security definer set search_path from current as $$
declare
    purged integer;
begin
    delete from conversation where id in
        (select id from conversation where last_message_at < p_before
            order by last_message_at limit p_limit for update skip locked);
    get diagnostics purged = row_count;
    return purged;
end
$$;
revoke all on function purge_expired_conversations(timestamptz, integer) from public;
grant execute on function purge_expired_conversations(timestamptz, integer) to "${applicationUser}";

-- Purged with the record: a purge (V11, V27's purge_record) leaves no message behind.
create function forget_purged_conversations() returns trigger
language plpgsql security definer set search_path from current as $$
begin
    delete from conversation where record_id = new.id;
    return new;
end
$$;
create trigger record_purged_forgets_conversations after update on record
    for each row when (new.state = 'PURGED' and old.state <> 'PURGED')
    execute function forget_purged_conversations();

-- MESSAGE_ARRIVED: counted with the record's other notifications of the window, no content.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
    check (kind in ('FIRST_ACCESS', 'BREAK_GLASS', 'DOCUMENT_ARRIVED', 'ACCOUNT_STATE', 'ENROLMENT',
                    'REPRESENTATION', 'DELETION', 'EXPORT_OFFERED', 'PROXY', 'HISTORY_OFFERED',
                    'HISTORY_BY_POST', 'EXPORT_BY_POST', 'AGENT_CHANGE', 'MESSAGE_ARRIVED'));

-- As V30, but a message's arrival, like a document's, is never a letter: the person reads their
-- messages in their space.
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
            and p_kind not in ('DOCUMENT_ARRIVED', 'MESSAGE_ARRIVED')
            and (p_kind in ('ENROLMENT', 'ACCOUNT_STATE', 'REPRESENTATION', 'DELETION',
                            'AGENT_CHANGE')
                 or coalesce(s.notify_by_post, true))
      end)
$$;
