-- Bulk enrolment at the country's rate (issue 17): a chunk of records traced in one call, and their
-- information messages queued in one statement, instead of one function call per record.
--
-- append_traces writes one trace per record of p_record_ids, alike but for the record, exactly as
-- that many calls of append_trace would (V20): the same refusal of a time other than now, one free
-- chain head taken (and held until the transaction ends, as append_trace holds it), each trace's
-- hash by trace_hash over its row, linked to the one before in that chain, and the head moved once.
-- The chain check (trace_hash over the stored row) and the Merkle tree's leaves (canonical form v2,
-- from the stored columns and the salt, which the column's default draws per row as before) cannot
-- tell these traces from ones appended one by one. Security definer like append_trace: the
-- application's user still cannot insert into trace itself.
create function append_traces(
    p_at timestamptz, p_actor_role varchar, p_actor_id varchar, p_actor_rpps varchar,
    p_actor_profession varchar, p_actor_finess varchar, p_record_ids uuid[], p_document_id uuid,
    p_action varchar, p_outcome varchar, p_reason varchar, p_detail text, p_access_mode varchar,
    p_request_id varchar) returns integer
language plpgsql security definer set search_path from current as $$
declare
    preferred integer := pg_backend_pid() % 64;
    head trace_chain%rowtype;
    t trace%rowtype;
    hashes varchar[];
    n integer := coalesce(cardinality(p_record_ids), 0);
begin
    if n = 0 then
        return 0;
    end if;
    if p_at is null
       or p_at < clock_timestamp() - interval '5 minutes'
       or p_at > clock_timestamp() + interval '5 minutes' then
        raise exception 'A trace is written at the time it happens: % is more than 5 minutes from %',
            p_at, clock_timestamp()
            using errcode = 'check_violation', constraint = 'trace_at_now';
    end if;
    select * into head from trace_chain where chain = preferred for update skip locked;
    if not found then
        select * into head from trace_chain
            order by (chain - preferred + 64) % 64
            for update skip locked limit 1;
    end if;
    if not found then
        select * into head from trace_chain where chain = preferred for update;
    end if;
    t.at := p_at; t.actor_role := p_actor_role; t.actor_id := p_actor_id;
    t.actor_rpps := p_actor_rpps; t.actor_profession := p_actor_profession;
    t.actor_finess := p_actor_finess; t.document_id := p_document_id;
    t.action := p_action; t.outcome := p_outcome; t.reason := p_reason; t.detail := p_detail;
    t.access_mode := p_access_mode; t.request_id := p_request_id;
    t.chain := head.chain; t.prev_hash := head.last_hash;
    -- The chain is a sequence: each hash covers the one before, so they are computed in order.
    for i in 1 .. n loop
        t.record_id := p_record_ids[i];
        t.seq := head.length + i - 1;
        t.hash := trace_hash(t);
        hashes[i] := t.hash;
        t.prev_hash := t.hash;
    end loop;
    -- Then one insert for them all, in chain order (their ids follow it).
    insert into trace (at, actor_role, actor_id, actor_rpps, actor_profession, actor_finess,
                       record_id, document_id, action, outcome, reason, detail, access_mode,
                       request_id, chain, seq, prev_hash, hash)
    select p_at, p_actor_role, p_actor_id, p_actor_rpps, p_actor_profession, p_actor_finess,
           r.id, p_document_id, p_action, p_outcome, p_reason, p_detail, p_access_mode,
           p_request_id, head.chain, head.length + r.n - 1,
           case when r.n = 1 then head.last_hash else hashes[r.n - 1] end, hashes[r.n]
    from unnest(p_record_ids) with ordinality as r (id, n)
    order by r.n;
    update trace_chain set length = head.length + n, last_hash = hashes[n] where chain = head.chain;
    return n;
end
$$;

revoke all on function append_traces(timestamptz, varchar, varchar, varchar, varchar, varchar,
    uuid[], uuid, varchar, varchar, varchar, text, varchar, varchar) from public;
grant execute on function append_traces(timestamptz, varchar, varchar, varchar, varchar, varchar,
    uuid[], uuid, varchar, varchar, varchar, text, varchar, varchar) to "${applicationUser}";

-- enqueue_notification (V11) for a set of records in one statement, by the same rules: each
-- channel the patient chose and can be reached on, and for an enrolment's information message one
-- channel only (email, else SMS). Not a security definer, as enqueue_notification is not: it
-- writes what the application's user may write.
create function enqueue_notifications(
    p_record_ids uuid[], p_kind varchar, p_at timestamptz, p_actor_rpps varchar,
    p_actor_profession varchar, p_detail varchar, p_window interval) returns integer
language sql as $$
    with targets as (
        select record_id, channel from (
            select r.id as record_id, c.channel,
                   row_number() over (partition by r.id order by c.preference) as rank
            from record r
            left join record_settings s on s.record_id = r.id
            cross join (values ('EMAIL', 1), ('SMS', 2)) as c (channel, preference)
            where r.id = any (p_record_ids)
              and ((c.channel = 'EMAIL' and r.contact_email is not null
                    and coalesce(s.notify_by_email, true))
                or (c.channel = 'SMS' and r.contact_phone is not null
                    and (coalesce(s.notify_by_sms, false)
                         or (p_kind = 'ENROLMENT' and r.contact_email is null))))) as eligible
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
