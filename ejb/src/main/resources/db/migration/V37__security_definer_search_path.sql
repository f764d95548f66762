-- Functions that run as their owner must not find the caller's objects first (an attacker review of
-- stop 30). Every `security definer` function so far was created with `set search_path from
-- current`, which left pg_temp implicitly *first* for tables: a session of the application's role
-- could create a temporary table named like one the function writes (app_connection, trace, …),
-- with a trigger of its own, and have that trigger run as the owner; reproduced on PostgreSQL 15,
-- it deleted traces, which the application's role itself may not. Now each of them searches the
-- schema, then pg_temp last (pg_catalog stays implicitly first); and the application's role may
-- not create temporary tables at all (the privilege is PUBLIC's by default: revoked from PUBLIC,
-- which needs the database's owner, as the README's production set-up makes the migration user;
-- elsewhere PostgreSQL only warns and the first measure still holds). TamperingE2EIT checks both,
-- for every security definer function, so that a later migration that forgets fails a test.
do $$
declare
    definer regprocedure;
begin
    for definer in
        select p.oid::regprocedure from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where p.prosecdef and n.nspname = current_schema()
    loop
        execute format('alter function %s set search_path = %I, pg_temp', definer,
                       current_schema());
    end loop;
    execute format('revoke temporary on database %I from public', current_database());
end
$$;
