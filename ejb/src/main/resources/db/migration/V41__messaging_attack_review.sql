-- The attacker review of the secure messaging (r21), in the database.

-- 1. The retention is the database's, not the caller's: the application's user could delete any
-- conversation by calling purge_expired_conversations with a cutoff of its choosing, or by ageing a
-- conversation through its grant on last_message_at. The retention now lives in a table that user
-- cannot write (an operator changes it by migration or as owner), with a floor the function
-- enforces whatever the table says, as V21 does for the traces.
create table messaging_retention (
    only_row  boolean  primary key default true check (only_row),
    retention interval not null
);
insert into messaging_retention (retention) values (interval '3650 days');
grant select on messaging_retention to "${applicationUser}";

-- last_message_at is kept by the database from the insert-only messages, never by the caller.
revoke update (last_message_at) on conversation from "${applicationUser}";

create function conversation_message_moves_conversation() returns trigger
language plpgsql security definer set search_path from current as $$
begin
    update conversation set last_message_at = greatest(last_message_at, new.sent_at)
        where id = new.conversation_id;
    return new;
end
$$;
create trigger conversation_message_moves_conversation after insert on conversation_message
    for each row execute function conversation_message_moves_conversation();

drop function purge_expired_conversations(timestamptz, integer);

-- A bounded batch of the conversations whose every message is older than the retention (at least
-- one year, whatever the table says), by the database's clock; claimed with SKIP LOCKED so that
-- instances share the work. The age is checked on the messages too: a conversation with a message
-- within the retention is never deleted, whatever its last_message_at says.
create function purge_expired_conversations(p_limit integer) returns integer
language plpgsql security definer set search_path from current as $$
declare
    cutoff timestamptz;
    purged integer;
begin
    select now() - greatest(retention, interval '365 days') into cutoff from messaging_retention;
    if cutoff is null then
        return 0;
    end if;
    delete from conversation where id in
        (select c.id from conversation c
            where c.last_message_at < cutoff
              and not exists (select 1 from conversation_message m
                                where m.conversation_id = c.id and m.sent_at >= cutoff)
            order by c.last_message_at limit least(greatest(p_limit, 0), 10000)
            for update skip locked);
    get diagnostics purged = row_count;
    return purged;
end
$$;
revoke all on function purge_expired_conversations(integer) from public;
grant execute on function purge_expired_conversations(integer) to "${applicationUser}";

-- 3. Who of the patient side wrote: the person (OWNER) or a representative (REPRESENTATIVE); null
-- for a professional's message. The professional tells a parent's words from the minor's.
alter table conversation_message add column sender_relationship varchar(16)
    check (sender_relationship in ('OWNER', 'REPRESENTATIVE'));

-- 5. The page of a conversation's messages, newest first, and the per-sender daily cap.
create index conversation_message_by_sender
    on conversation_message (conversation_id, sender_subject, sent_at);

-- As V37 for every function that runs as its owner: the schema first, pg_temp last (a temporary
-- table of the application's role named like one these functions write is never found first).
do $$
declare
    definer regprocedure;
begin
    for definer in
        select p.oid::regprocedure from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where p.prosecdef and n.nspname = current_schema()
            and p.proname in ('conversation_message_moves_conversation',
                              'purge_expired_conversations')
    loop
        execute format('alter function %s set search_path = %I, pg_temp', definer,
                       current_schema());
    end loop;
end
$$;
