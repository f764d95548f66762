-- The agent desk's confirmation of a caller's identity (issue 19): before an agent changes a
-- person's controls or has their history or export sent, they check the INS and the traits and,
-- when the record has a registered contact, a one-time code sent there. The challenge keeps the
-- code hashed only, for minutes, with its attempts counted; the confirmation says who confirmed
-- whom, when, how, and until when it counts. Neither holds personal data beyond the record's id.
create table caller_challenge (
    record_id  uuid         not null references record (id),
    agent_id   varchar(128) not null,
    code_hash  varchar(64)  not null,
    channel    varchar(8)   not null check (channel in ('EMAIL', 'SMS')),
    created_at timestamptz  not null,
    expires_at timestamptz  not null,
    attempts   int          not null default 0,
    primary key (record_id, agent_id)
);

create table caller_confirmation (
    id           uuid         primary key,
    record_id    uuid         not null references record (id),
    agent_id     varchar(128) not null,
    method       varchar(16)  not null check (method in ('TRAITS', 'TRAITS_AND_CODE')),
    confirmed_at timestamptz  not null,
    expires_at   timestamptz  not null,
    -- The call ended (the agent said so, or opened another person): it counts no longer.
    ended_at     timestamptz
);
-- The access facts ask, per request, whether this agent has a current confirmation for the record.
create index caller_confirmation_current on caller_confirmation (record_id, agent_id, expires_at);

grant select, insert, update, delete on caller_challenge to "${applicationUser}";
grant select, insert on caller_confirmation to "${applicationUser}";
grant update (ended_at) on caller_confirmation to "${applicationUser}";

-- Every code sent, whoever the agent: codes are bounded per record and per hour and day, so that
-- no one tries codes by the hundred or floods the person's phone with them.
create table caller_code_sent (
    record_id uuid        not null references record (id),
    sent_at   timestamptz not null
);
create index caller_code_sent_by_record on caller_code_sent (record_id, sent_at);
grant select, insert on caller_code_sent to "${applicationUser}";

-- The access history can be sent to the person at their registered contact (an agent asks it for
-- them): the message says where to read it and never carries it. Every kind so far, V27's included.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
    check (kind in ('FIRST_ACCESS', 'BREAK_GLASS', 'DOCUMENT_ARRIVED', 'ACCOUNT_STATE', 'ENROLMENT',
                    'REPRESENTATION', 'DELETION', 'EXPORT_OFFERED', 'PROXY', 'HISTORY_OFFERED'));
