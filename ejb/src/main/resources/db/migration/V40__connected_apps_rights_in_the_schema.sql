-- What a patient's grant to an app and the catalogue's four eyes say can no longer be rewritten by
-- the application's role (review of issue 21's connected apps). V35 granted that role column
-- updates that undid them behind Carnet's back:
--   app_connection (revoked_at, …)         set back to null, a revoked app read again;
--   catalogue_app (status, …)              set to REFERENCED, an app referenced, or reinstated,
--                                          without a second administrator;
--   catalogue_request (status, decided_*)  a decided request decided again, its approver rewritten.
-- The scopes and expiry of a grant, and the scopes of an app, were never updatable; the inserts
-- could still make an app REFERENCED, a request APPROVED, or a grant wider than the app's scopes.
--
-- Now those changes go through functions that only do what the services do, the role updates none
-- of these tables itself, and triggers (which bind the functions and the schema's owner too) keep
-- a revocation and a decision final. What stays in the role's power is what Carnet itself does
-- (connecting an app for a patient, deciding a pending request with a name it is given): the
-- database cannot tell an administrator from the application that speaks for them; the traces
-- (append-only, V20) and these rules keep what was decided from being undone or rewritten.

revoke update (revoked_at, revoked_by, revoked_by_role) on app_connection from "${applicationUser}";
revoke update (status, changed_at, suspension_reason) on catalogue_app from "${applicationUser}";
revoke update (status, decided_at, decided_by) on catalogue_request from "${applicationUser}";

-- ---- A revocation is final ------------------------------------------------------------------

-- The one change of a connection: its revocation, once, saying when, by whom and in which role.
-- Everything else of a grant (its record, app, scopes, start and expiry) is never rewritten: the
-- patient connects the app again for another grant.
create function app_connection_changes_only_by_revocation() returns trigger
language plpgsql as $$
begin
    if old.revoked_at is not null then
        raise exception 'Connection % was revoked at %: a revocation is final', old.id, old.revoked_at
            using errcode = 'check_violation', constraint = 'app_connection_revocation_final';
    end if;
    if (new.id, new.record_id, new.app_id, new.scopes, new.granted_at, new.expires_at)
        is distinct from
       (old.id, old.record_id, old.app_id, old.scopes, old.granted_at, old.expires_at) then
        raise exception 'The grant of connection % is never rewritten: connect the app again', old.id
            using errcode = 'check_violation', constraint = 'app_connection_grant_fixed';
    end if;
    if new.revoked_at is null or new.revoked_by is null or new.revoked_by_role is null then
        raise exception 'A live connection changes only by its revocation (when, by whom, as what)'
            using errcode = 'check_violation', constraint = 'app_connection_revocation_whole';
    end if;
    return new;
end
$$;
create trigger app_connection_changes_only_by_revocation before update on app_connection
    for each row execute function app_connection_changes_only_by_revocation();

-- A new connection is live, of a referenced app, within the scopes the app was referenced for
-- (ConnectionService checks as much first: this is for whoever writes without it).
create function app_connection_within_the_catalogue() returns trigger
language plpgsql as $$
declare
    app_status varchar(16);
    app_scopes varchar(2000);
begin
    select status, scopes into app_status, app_scopes from catalogue_app where id = new.app_id;
    if app_status is distinct from 'REFERENCED' then
        raise exception 'Only a referenced app is connected'
            using errcode = 'check_violation', constraint = 'app_connection_referenced_app';
    end if;
    if new.revoked_at is not null or new.revoked_by is not null or new.revoked_by_role is not null then
        raise exception 'A connection starts live: it is revoked afterwards'
            using errcode = 'check_violation', constraint = 'app_connection_starts_live';
    end if;
    if not (string_to_array(new.scopes, ' ') <@ string_to_array(app_scopes, ' ')) then
        raise exception 'A grant is within the scopes the app was referenced for'
            using errcode = 'check_violation', constraint = 'app_connection_scopes_within_app';
    end if;
    return new;
end
$$;
create trigger app_connection_within_the_catalogue before insert on app_connection
    for each row execute function app_connection_within_the_catalogue();

-- The patient's (or an agent's) revocation, and the replacement of a live grant by a new one.
-- False when the connection was not live: nothing changed.
create function revoke_app_connection(p_id uuid, p_at timestamptz, p_by varchar, p_by_role varchar)
returns boolean
language plpgsql security definer set search_path from current as $$
begin
    update app_connection set revoked_at = p_at, revoked_by = p_by, revoked_by_role = p_by_role
        where id = p_id and revoked_at is null;
    return found;
end
$$;
revoke all on function revoke_app_connection(uuid, timestamptz, varchar, varchar) from public;
grant execute on function revoke_app_connection(uuid, timestamptz, varchar, varchar)
    to "${applicationUser}";

-- ---- The catalogue's four eyes ---------------------------------------------------------------

-- An app enters the catalogue pending, and a request pending: only a decision moves them on.
create function catalogue_app_starts_pending() returns trigger
language plpgsql as $$
begin
    if new.status <> 'PENDING' then
        raise exception 'A new app is PENDING, not %', new.status
            using errcode = 'check_violation', constraint = 'catalogue_app_starts_pending';
    end if;
    return new;
end
$$;
create trigger catalogue_app_starts_pending before insert on catalogue_app
    for each row execute function catalogue_app_starts_pending();

create function catalogue_request_starts_pending() returns trigger
language plpgsql as $$
begin
    if new.status <> 'PENDING' or new.decided_at is not null or new.decided_by is not null then
        raise exception 'A new request is PENDING and not decided yet, not %', new.status
            using errcode = 'check_violation', constraint = 'catalogue_request_starts_pending';
    end if;
    return new;
end
$$;
create trigger catalogue_request_starts_pending before insert on catalogue_request
    for each row execute function catalogue_request_starts_pending();

-- A request is decided once: its outcome, time and second administrator are never rewritten, nor
-- what it asked.
create function catalogue_request_decided_once() returns trigger
language plpgsql as $$
begin
    if old.status <> 'PENDING' then
        raise exception 'Request % was % by %: a decision is final', old.id, old.status, old.decided_by
            using errcode = 'check_violation', constraint = 'catalogue_request_decided_once';
    end if;
    if (new.id, new.app_id, new.kind, new.requested_at, new.requested_by, new.expires_at)
        is distinct from
       (old.id, old.app_id, old.kind, old.requested_at, old.requested_by, old.expires_at) then
        raise exception 'What request % asked is never rewritten', old.id
            using errcode = 'check_violation', constraint = 'catalogue_request_fixed';
    end if;
    return new;
end
$$;
create trigger catalogue_request_decided_once before update on catalogue_request
    for each row execute function catalogue_request_decided_once();

-- The second administrator's decision and what it does to the app, together: an approved
-- REFERENCE references a pending app (a rejected one rejects it), an approved REINSTATE reinstates
-- a suspended app (a rejected one leaves it suspended). The request must be pending and not
-- expired; its approver is never its requester (V35's check). Returns the app's status after.
create function decide_catalogue_request(
    p_request uuid, p_approve boolean, p_at timestamptz, p_by varchar) returns varchar
language plpgsql security definer set search_path from current as $$
declare
    r catalogue_request%rowtype;
    app_status varchar(16);
    app_reason varchar(500);
    next_status varchar(16);
begin
    select * into r from catalogue_request where id = p_request for update;
    if not found or r.status <> 'PENDING' then
        raise exception 'Request % is not pending', p_request
            using errcode = 'check_violation', constraint = 'catalogue_request_decided_once';
    end if;
    -- The decision's time is the caller's clock, but never far from the database's: an old one
    -- would pass a request past its expiry and backdate the decision.
    if abs(extract(epoch from (p_at - now()))) > 300 then
        raise exception 'Decision time % is not now', p_at
            using errcode = 'check_violation', constraint = 'catalogue_request_decided_now';
    end if;
    if p_at >= r.expires_at then
        raise exception 'Request % expired at %', p_request, r.expires_at
            using errcode = 'check_violation', constraint = 'catalogue_request_not_expired';
    end if;
    select status, suspension_reason into app_status, app_reason
        from catalogue_app where id = r.app_id for update;
    next_status := case
        when r.kind = 'REFERENCE' and app_status = 'PENDING' then
            case when p_approve then 'REFERENCED' else 'REJECTED' end
        when r.kind = 'REINSTATE' and app_status = 'SUSPENDED' then
            case when p_approve then 'REFERENCED' else 'SUSPENDED' end
    end;
    if next_status is null then
        raise exception 'A % request does not apply to a % app', r.kind, app_status
            using errcode = 'check_violation', constraint = 'catalogue_request_applies';
    end if;
    update catalogue_request
        set status = case when p_approve then 'APPROVED' else 'REJECTED' end,
            decided_at = p_at, decided_by = p_by
        where id = p_request;
    update catalogue_app
        set status = next_status, changed_at = p_at,
            suspension_reason = case when next_status = 'REFERENCED' then null else app_reason end
        where id = r.app_id;
    return next_status;
end
$$;
revoke all on function decide_catalogue_request(uuid, boolean, timestamptz, varchar) from public;
grant execute on function decide_catalogue_request(uuid, boolean, timestamptz, varchar)
    to "${applicationUser}";

-- One administrator suspends a referenced app (it only takes rights away). False when the app was
-- not referenced: nothing changed.
create function suspend_catalogue_app(p_app uuid, p_at timestamptz, p_reason varchar)
returns boolean
language plpgsql security definer set search_path from current as $$
begin
    update catalogue_app set status = 'SUSPENDED', changed_at = p_at, suspension_reason = p_reason
        where id = p_app and status = 'REFERENCED';
    return found;
end
$$;
revoke all on function suspend_catalogue_app(uuid, timestamptz, varchar) from public;
grant execute on function suspend_catalogue_app(uuid, timestamptz, varchar)
    to "${applicationUser}";

-- ---- Row locks ------------------------------------------------------------------------------

-- A SELECT … FOR UPDATE needs the UPDATE privilege the role no longer has: the services' locks (two
-- administrators deciding about one app, a connection replaced or revoked twice at once) are taken
-- through these, as the owner, and held until the caller's transaction ends. Each returns whether
-- it found a row to lock; the caller then reads the row as it stands.
create function lock_catalogue_app(p_id uuid) returns boolean
language plpgsql security definer set search_path from current as $$
begin
    perform 1 from catalogue_app where id = p_id for update;
    return found;
end
$$;
create function lock_catalogue_request(p_id uuid) returns boolean
language plpgsql security definer set search_path from current as $$
begin
    perform 1 from catalogue_request where id = p_id for update;
    return found;
end
$$;
-- The record's live connection of the app (p_app), or the record's connection p_id.
create function lock_app_connection(p_record uuid, p_app uuid, p_id uuid) returns boolean
language plpgsql security definer set search_path from current as $$
begin
    if p_id is null then
        perform 1 from app_connection
            where record_id = p_record and app_id = p_app and revoked_at is null for update;
    else
        perform 1 from app_connection where record_id = p_record and id = p_id for update;
    end if;
    return found;
end
$$;
revoke all on function lock_catalogue_app(uuid), lock_catalogue_request(uuid),
    lock_app_connection(uuid, uuid, uuid) from public;
grant execute on function lock_catalogue_app(uuid), lock_catalogue_request(uuid),
    lock_app_connection(uuid, uuid, uuid) to "${applicationUser}";

-- As V37 for every function that runs as its owner: the schema first, pg_temp last.
do $$
declare
    definer regprocedure;
begin
    for definer in
        select p.oid::regprocedure from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where p.prosecdef and n.nspname = current_schema()
            and p.proname in ('revoke_app_connection', 'decide_catalogue_request',
                              'suspend_catalogue_app', 'lock_catalogue_app',
                              'lock_catalogue_request', 'lock_app_connection')
    loop
        execute format('alter function %s set search_path = %I, pg_temp', definer,
                       current_schema());
    end loop;
    -- The triggers run as whoever writes: the application's role, whose temporary tables would
    -- otherwise come first (a temporary catalogue_app saying REFERENCED with every scope), where
    -- V37's revocation of TEMPORARY could not be made (a migration user that owns no database).
    for definer in
        select p.oid::regprocedure from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = current_schema()
            and p.proname in ('app_connection_changes_only_by_revocation',
                              'app_connection_within_the_catalogue',
                              'catalogue_app_starts_pending', 'catalogue_request_starts_pending',
                              'catalogue_request_decided_once')
    loop
        execute format('alter function %s set search_path = %I, pg_temp', definer,
                       current_schema());
    end loop;
end
$$;
