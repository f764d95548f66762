-- Retention (issue 16, item 6): the monthly trace partitions wholly older than the retention
-- (at least three years: EHDS Art. 9) are dropped, and the trail stays verifiable. What stays of a
-- dropped trace: its leaf in the Merkle tree (trace_leaf keeps its hash; the nodes stay), and the
-- hashes that bridge its hash chain across the gap. Each purge is recorded for auditors.

-- One purge: which partition, which month, how many traces, and when.
create table trace_purge (
    id             bigint      generated always as identity primary key,
    partition_name text        not null,
    month          date        not null,
    traces         bigint      not null check (traces >= 0),
    first_position bigint,
    last_position  bigint,
    retention      interval    not null,
    purged_at      timestamptz not null default now()
);

-- The tree positions whose traces a purge dropped, as runs of consecutive positions: the check
-- takes a leaf without its trace there as valid by its stored hash, and nowhere else.
create table trace_purge_range (
    purge_id       bigint not null references trace_purge (id),
    first_position bigint not null check (first_position >= 0),
    last_position  bigint not null,
    primary key (purge_id, first_position),
    check (last_position >= first_position)
);
create index trace_purge_range_by_position on trace_purge_range (first_position);

-- The runs of consecutive chain positions a purge dropped, with what links them to what stays:
-- the hash the first one linked to (prev_hash) and the hash of the last. The chain check crosses a
-- run by these two hashes. Usually one run per chain (its oldest links, a new origin); more when a
-- chain's order and the months disagree at a month's edge (several instances, clocks apart).
create table trace_chain_purged (
    chain     smallint    not null references trace_chain (chain),
    first_seq bigint      not null check (first_seq >= 0),
    last_seq  bigint      not null,
    prev_hash varchar(64) not null,
    last_hash varchar(64) not null,
    purge_id  bigint      not null references trace_purge (id),
    primary key (chain, first_seq),
    check (last_seq >= first_seq)
);

-- Drops one monthly partition of trace, recording what it held. Security definer: the application's
-- user calls it from its nightly job and may drop nothing else, nor this partition before it is
-- time. Refused (an exception, nothing done): the default partition, a table that is not a monthly
-- partition of trace, a month that does not end at least three years (whatever p_retention says)
-- and p_retention before now, a partition with a trace not yet in the tree, or whose last leaf is
-- not under a head kept since at least p_retention. (The application's user could insert such a
-- head copy; the witness file outside the database could not be so rewritten, and the integrity
-- check names any purged position no witnessed head covered that long ago: PURGE_TOO_RECENT.)
create function purge_trace_partition(p_partition text, p_retention interval)
returns bigint
language plpgsql security definer set search_path from current as $$
declare
    part      regclass;
    bound     text[];
    lower_at  timestamptz;
    upper_at  timestamptz;
    total     bigint;
    missing   bigint;
    first_pos bigint;
    last_pos  bigint;
    purge     bigint;
begin
    -- One purge at a time, whichever instance calls.
    perform pg_advisory_xact_lock(hashtext('carnet.trace_retention'));
    -- The drop locks the whole trace table: never queue every writer behind a long reader.
    set local lock_timeout = '5s';
    part := to_regclass(p_partition);
    if part is null then
        raise exception 'No partition %', p_partition using errcode = 'P0002';
    end if;
    select regexp_match(pg_get_expr(c.relpartbound, c.oid),
                        '^FOR VALUES FROM \(''([^'']+)''\) TO \(''([^'']+)''\)$')
        into bound
        from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'trace'::regclass and i.inhrelid = part;
    if bound is null then
        raise exception '% is not a monthly partition of trace (the default one is never purged)',
            p_partition using errcode = '42501';
    end if;
    lower_at := bound[1]::timestamptz;
    upper_at := bound[2]::timestamptz;
    if p_retention < interval '3 years' or upper_at > now() - interval '3 years'
            or upper_at > now() - p_retention then
        raise exception 'Partition % (up to %) is within the retention (%, three years at least)',
            p_partition, upper_at, p_retention using errcode = '42501';
    end if;
    execute format('lock table %s in access exclusive mode', part);
    execute format('select count(*), count(*) filter (where l.position is null),'
                   || ' min(l.position), max(l.position)'
                   || ' from %s t left join trace_leaf l on l.trace_id = t.id', part)
        into total, missing, first_pos, last_pos;
    if missing > 0 then
        raise exception 'Partition %: % trace(s) not yet in the tree', p_partition, missing
            using errcode = '55000';
    end if;
    if total > 0 and not exists (select 1 from tree_head
                                 where size > last_pos and signed_at <= now() - p_retention) then
        raise exception 'Partition %: its last leaf (%) is under no head kept since %',
            p_partition, last_pos, p_retention using errcode = '55000';
    end if;

    insert into trace_purge (partition_name, month, traces, first_position, last_position,
                             retention)
    values (p_partition, (lower_at at time zone 'UTC')::date, total, first_pos, last_pos,
            p_retention)
    returning id into purge;

    -- Runs of consecutive positions, and of consecutive chain positions (gaps and islands).
    execute format('insert into trace_purge_range (purge_id, first_position, last_position)'
                   || ' select $1, min(position), max(position) from'
                   || ' (select l.position, l.position - row_number() over (order by l.position)'
                   || '  as run from %s t join trace_leaf l on l.trace_id = t.id) s'
                   || ' group by run', part)
        using purge;
    execute format('insert into trace_chain_purged'
                   || ' (chain, first_seq, last_seq, prev_hash, last_hash, purge_id)'
                   || ' select chain, min(seq), max(seq), (array_agg(prev_hash order by seq))[1],'
                   || ' (array_agg(hash order by seq desc))[1], $1 from'
                   || ' (select chain, seq, prev_hash, hash,'
                   || '  seq - row_number() over (partition by chain order by seq) as run'
                   || '  from %s) s group by chain, run', part)
        using purge;

    execute format('drop table %s', part);
    return purge;
end
$$;

revoke all on function purge_trace_partition(text, interval) from public;
grant execute on function purge_trace_partition(text, interval) to "${applicationUser}";
grant select on trace_purge, trace_purge_range, trace_chain_purged to "${applicationUser}";
