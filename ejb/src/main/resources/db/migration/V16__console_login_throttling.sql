-- Console logins: throttled per account name and per client address, on every node alike.

-- An account whose password was set by someone else (the first start, an administrator's reset)
-- must choose its own before any desk works.
alter table staff_account add column must_change_password boolean not null default false;

-- Failed logins, one row per throttled key: a SHA-256 of the typed account name or of the client
-- address, never the typed text itself (a password typed in the name field must not be kept).
-- A row exists for unknown names too, so that locking out tells nothing of which names exist.
create table console_login_throttle (
    key_hash       char(64)     primary key,
    kind           varchar(8)   not null check (kind in ('ACCOUNT', 'ADDRESS')),
    failures       integer      not null,
    window_start   timestamptz  not null,
    next_allowed   timestamptz  not null,
    locked_until   timestamptz,
    last_failure   timestamptz  not null
);

-- Rows no longer holding anything back are deleted by age.
create index console_login_throttle_last_failure on console_login_throttle (last_failure);

grant select, insert, update, delete on console_login_throttle to "${applicationUser}";
