-- The prevention calendar keeps its history (issue 21, review of the agenda): each change an
-- administrator makes to a rule (added, changed, retired, restored) is one row, with the rule as it
-- stood before and after, who and when, written in the transaction of the change itself. The
-- application only appends and reads: no update, no delete, so that an administrator (or a flaw of
-- the application) cannot rewrite what the calendar said when a reminder was sent.
create table prevention_rule_change (
    id          uuid          primary key,
    rule_code   varchar(32)   not null references prevention_rule (code),
    kind        varchar(8)    not null check (kind in ('ADDED', 'CHANGED', 'RETIRED', 'RESTORED')),
    -- The rule's label, sex, ages, interval and retirement, as JSON: none before it was added.
    before      jsonb,
    after       jsonb         not null,
    changed_by  varchar(128)  not null,
    changed_at  timestamptz   not null,
    check ((kind = 'ADDED') = (before is null))
);
create index prevention_rule_change_of_rule on prevention_rule_change (rule_code, changed_at desc);

grant select, insert on prevention_rule_change to "${applicationUser}";
