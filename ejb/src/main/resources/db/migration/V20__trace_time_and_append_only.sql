-- Hardening of the trail (issue 16): the application's role can no longer write a trace that says
-- it happened at another time than now, nor write a trace except through append_trace.
--
-- Before: append_trace took whatever time it was given, and the application's user could also
-- insert into trace directly; a compromised application (or anyone with its password) could write
-- a trace dated last month, with valid chain links, and the Merkle tree would append it as if new.
-- The tree's check names such a trace (BACKDATED: appended after a witnessed head, yet older than
-- it), but refusing it where it is written is better.
--
-- Now append_trace refuses a time more than 5 minutes from the database's clock (clock_timestamp,
-- not now(): the statement's time, not the transaction's start). 5 minutes is far more than the
-- clocks of the application's servers and the database's drift apart (NTP), and less than the
-- check's carnet.audit.tree.backdating-tolerance (PT10M), so that no trace it accepts is ever
-- named BACKDATED. It is fixed here, in the schema owner's hands, not in a setting the
-- application's user could change. The function runs as its owner (security definer), and the
-- application's user loses its own insert on trace: append_trace is its only way to write one.
-- The schema owner and the superuser still insert what they like (a migration, the bench's load
-- of old traces, a test playing an operator): that is what the tree and its witness are for.

create or replace function append_trace(
    p_at timestamptz, p_actor_role varchar, p_actor_id varchar, p_actor_rpps varchar,
    p_actor_profession varchar, p_actor_finess varchar, p_record_id uuid, p_document_id uuid,
    p_action varchar, p_outcome varchar, p_reason varchar, p_detail text, p_access_mode varchar,
    p_request_id varchar) returns void
language plpgsql security definer set search_path from current as $$
declare
    preferred integer := pg_backend_pid() % 64;
    head trace_chain%rowtype;
    t trace%rowtype;
begin
    if p_at is null
       or p_at < clock_timestamp() - interval '5 minutes'
       or p_at > clock_timestamp() + interval '5 minutes' then
        raise exception 'A trace is written at the time it happens: % is more than 5 minutes from %',
            p_at, clock_timestamp()
            using errcode = 'check_violation', constraint = 'trace_at_now';
    end if;
    -- Usually the connection's own chain is free: one index lookup, no sort.
    select * into head from trace_chain where chain = preferred for update skip locked;
    if not found then
        select * into head from trace_chain
            order by (chain - preferred + 64) % 64
            for update skip locked limit 1;
    end if;
    if not found then
        -- 64 transactions are writing traces at once: wait for the preferred chain.
        select * into head from trace_chain where chain = preferred for update;
    end if;
    t.at := p_at; t.actor_role := p_actor_role; t.actor_id := p_actor_id;
    t.actor_rpps := p_actor_rpps; t.actor_profession := p_actor_profession;
    t.actor_finess := p_actor_finess; t.record_id := p_record_id; t.document_id := p_document_id;
    t.action := p_action; t.outcome := p_outcome; t.reason := p_reason; t.detail := p_detail;
    t.access_mode := p_access_mode; t.request_id := p_request_id;
    t.chain := head.chain; t.seq := head.length; t.prev_hash := head.last_hash;
    t.hash := trace_hash(t);
    insert into trace (at, actor_role, actor_id, actor_rpps, actor_profession, actor_finess,
                       record_id, document_id, action, outcome, reason, detail, access_mode,
                       request_id, chain, seq, prev_hash, hash)
    values (t.at, t.actor_role, t.actor_id, t.actor_rpps, t.actor_profession, t.actor_finess,
            t.record_id, t.document_id, t.action, t.outcome, t.reason, t.detail, t.access_mode,
            t.request_id, t.chain, t.seq, t.prev_hash, t.hash);
    update trace_chain set length = head.length + 1, last_hash = t.hash where chain = head.chain;
end
$$;

-- A function is executable by every role unless told otherwise; this one writes as its owner.
revoke all on function append_trace(timestamptz, varchar, varchar, varchar, varchar, varchar,
    uuid, uuid, varchar, varchar, varchar, text, varchar, varchar) from public;
grant execute on function append_trace(timestamptz, varchar, varchar, varchar, varchar, varchar,
    uuid, uuid, varchar, varchar, varchar, text, varchar, varchar) to "${applicationUser}";

-- Unless the application's user owns the trail (one database user for everything, which the
-- start-up check warns of): it would then revoke its own right to append, through the function too.
do $$
begin
    if not pg_has_role('${applicationUser}',
                       (select relowner from pg_class where oid = 'trace'::regclass), 'MEMBER') then
        revoke insert on trace from "${applicationUser}";
    end if;
end
$$;
