-- Traces will number billions: one partition per month. A month's searches (auditors, anomaly
-- reports) touch one or two partitions, each partition's indexes stay a size that fits in memory,
-- and old months can later be moved to cheaper storage or detached after their retention without
-- a billion-row DELETE.
--
-- PostgreSQL requires the partition key in every unique index: the primary key becomes (id, at),
-- and (chain, seq) is indexed without being declared unique. The hash chains still prove it: a
-- second trace at a position breaks its chain (RELINKED), which the integrity check names.

-- The functions over the trace row type go with the old table; they are the same afterwards.
drop function append_trace(timestamptz, varchar, varchar, varchar, varchar, varchar, uuid, uuid,
    varchar, varchar, varchar, text, varchar, varchar);
drop function trace_hash(trace);
drop function trace_canonical(trace);

alter table trace rename to trace_before_partitions;
alter sequence trace_id_seq owned by none;

create table trace (
    id               bigint       not null default nextval('trace_id_seq'),
    at               timestamptz  not null,
    actor_role       varchar(16)  not null,
    actor_id         varchar(128) not null,
    actor_rpps       varchar(11),
    actor_profession varchar(8),
    actor_finess     varchar(9),
    record_id        uuid,
    document_id      uuid,
    action           varchar(32)  not null,
    outcome          varchar(8)   not null check (outcome in ('PERMIT', 'DENY')),
    reason           varchar(64)  not null,
    detail           text,
    access_mode      varchar(16),
    request_id       varchar(64),
    chain            smallint     not null,
    seq              bigint       not null,
    prev_hash        varchar(64)  not null,
    hash             varchar(64)  not null,
    primary key (id, at)
) partition by range (at);
alter sequence trace_id_seq owned by trace.id;

-- Whatever falls outside the monthly partitions (a clock far off, months ahead not yet created)
-- still lands somewhere: a trace is never refused for want of a partition.
create table trace_default partition of trace default;

-- Creates the monthly partitions from the month of {@code p_from} to {@code p_months_ahead}
-- months after now, those missing. Security definer: the application's user calls it from its
-- daily job, and creates nothing else. A month whose rows already went to the default partition
-- is left there (creating it would fail); the rows stay found, only less quickly.
create function create_trace_partitions(p_from timestamptz, p_months_ahead integer)
returns integer
language plpgsql security definer set search_path from current as $$
declare
    month date := date_trunc('month', p_from at time zone 'UTC')::date;
    last  date := (date_trunc('month', now() at time zone 'UTC')
                   + make_interval(months => p_months_ahead))::date;
    name  text;
    made  integer := 0;
begin
    while month <= last loop
        name := 'trace_' || to_char(month, 'YYYY_MM');
        if to_regclass(name) is null then
            begin
                execute format(
                    'create table %I partition of trace for values from (%L) to (%L)',
                    name, (month::timestamp at time zone 'UTC'),
                    ((month + interval '1 month')::timestamp at time zone 'UTC'));
                made := made + 1;
            exception when others then
                raise warning 'Trace partition % not created: %', name, sqlerrm;
            end;
        end if;
        month := (month + interval '1 month')::date;
    end loop;
    return made;
end
$$;

select create_trace_partitions(
    coalesce((select min(at) from trace_before_partitions), now()), 3);

insert into trace select id, at, actor_role, actor_id, actor_rpps, actor_profession, actor_finess,
    record_id, document_id, action, outcome, reason, detail, access_mode, request_id, chain, seq,
    prev_hash, hash
from trace_before_partitions;
drop table trace_before_partitions;

-- The patient's history (by record, newest first) and the auditors' searches (by professional or
-- staff member, newest first, within a period), and the integrity check (by chain position).
create index trace_by_record_newest on trace (record_id, id desc);
create index trace_by_rpps on trace (actor_rpps, id desc) where actor_rpps is not null;
create index trace_by_actor_id on trace (actor_id, id desc);
create index trace_chain_position on trace (chain, seq);

-- As in V8, over the new row type.
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

-- Traces are appended, never changed: the application's user selects and inserts, no more.
grant select, insert on trace to "${applicationUser}";
grant execute on function append_trace(timestamptz, varchar, varchar, varchar, varchar, varchar,
    uuid, uuid, varchar, varchar, varchar, text, varchar, varchar) to "${applicationUser}";
grant execute on function trace_canonical(trace), trace_hash(trace) to "${applicationUser}";
grant execute on function create_trace_partitions(timestamptz, integer) to "${applicationUser}";
