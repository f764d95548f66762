-- Tamper evidence: traces form 64 hash chains. Each trace carries its chain, its position in it,
-- the hash of the trace before it in that chain, and its own hash over its content and that link.
-- Any change, insertion or deletion by anyone, a database superuser included, breaks a chain there.
--
-- Why 64 chains and not one: a chain's head is locked by the transaction that appends to it until
-- that transaction ends. With one chain, every request would queue behind every other. A writer
-- takes the first head no other transaction holds, starting from one its connection prefers, so
-- writers never wait on each other while fewer than 64 transactions write traces at once (the
-- connection pool is far smaller).

create table trace_chain (
    chain     smallint    primary key,
    length    bigint      not null,
    last_hash varchar(64) not null
) with (fillfactor = 10); -- room on each page for the updates of its heads to stay HOT
insert into trace_chain (chain, length, last_hash)
select g, 0, repeat('0', 64) from generate_series(0, 63) as g;

-- How far each chain was last verified, so that a check only hashes what came since.
create table trace_chain_checkpoint (
    chain       smallint    primary key references trace_chain (chain),
    seq         bigint      not null,
    hash        varchar(64) not null,
    verified_at timestamptz not null
);

alter table trace
    add column chain     smallint,
    add column seq       bigint,
    add column prev_hash varchar(64),
    add column hash      varchar(64);

-- The one definition of what a trace's hash covers: every field but the surrogate id, and the link
-- to the trace before. A JSON array, so that no two different traces read the same.
create function trace_canonical(t trace) returns text
language sql stable as $$
    select json_build_array(
        t.prev_hash, t.chain, t.seq,
        to_char(t.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
        t.actor_role, t.actor_id, t.actor_rpps, t.actor_profession, t.actor_finess,
        t.record_id, t.document_id, t.action, t.outcome, t.reason, t.detail, t.access_mode,
        t.request_id)::text
$$;

create function trace_hash(t trace) returns varchar
language sql stable as $$
    select encode(sha256(convert_to(trace_canonical(t), 'UTF8')), 'hex')
$$;

-- Appends one trace to a free chain, in one round trip, in the caller's transaction.
create function append_trace(
    p_at timestamptz, p_actor_role varchar, p_actor_id varchar, p_actor_rpps varchar,
    p_actor_profession varchar, p_actor_finess varchar, p_record_id uuid, p_document_id uuid,
    p_action varchar, p_outcome varchar, p_reason varchar, p_detail text, p_access_mode varchar,
    p_request_id varchar) returns void
language plpgsql as $$
declare
    preferred integer := pg_backend_pid() % 64;
    head trace_chain%rowtype;
    t trace%rowtype;
begin
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

-- Traces written before the chains join chain 0, in the order they were written.
do $$
declare
    t trace%rowtype;
    head trace_chain%rowtype;
begin
    for t in select * from trace where chain is null order by id loop
        select * into head from trace_chain where chain = 0;
        t.chain := 0; t.seq := head.length; t.prev_hash := head.last_hash;
        t.hash := trace_hash(t);
        update trace set chain = t.chain, seq = t.seq, prev_hash = t.prev_hash, hash = t.hash
            where id = t.id;
        update trace_chain set length = head.length + 1, last_hash = t.hash where chain = 0;
    end loop;
end
$$;

alter table trace
    alter column chain set not null,
    alter column seq set not null,
    alter column prev_hash set not null,
    alter column hash set not null;
create unique index trace_chain_position on trace (chain, seq);

grant select, update on trace_chain to "${applicationUser}";
grant select, insert, update on trace_chain_checkpoint to "${applicationUser}";
grant execute on function append_trace(timestamptz, varchar, varchar, varchar, varchar, varchar,
    uuid, uuid, varchar, varchar, varchar, text, varchar, varchar) to "${applicationUser}";
grant execute on function trace_canonical(trace), trace_hash(trace) to "${applicationUser}";
