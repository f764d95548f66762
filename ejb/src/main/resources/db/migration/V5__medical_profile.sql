-- The medical profile: allergies, history, treatments, advance directives, blood group,
-- vaccinations, weight and height. Each entry keeps where it came from.

-- Which matrix class governs each kind of entry (data: administrators may change it).
create table profile_category (
    code       varchar(32) primary key,
    class_code varchar(32) not null references document_class (code)
);

insert into profile_category (code, class_code) values
    ('ALLERGY', 'SYNTHESIS'),
    ('HISTORY', 'SYNTHESIS'),
    ('TREATMENT', 'PRESCRIPTION'),
    ('ADVANCE_DIRECTIVE', 'SYNTHESIS'),
    ('BLOOD_GROUP', 'LAB'),
    ('VACCINATION', 'VACCINATION'),
    ('WEIGHT', 'SYNTHESIS'),
    ('HEIGHT', 'SYNTHESIS');

create table profile_entry (
    id                uuid primary key,
    record_id         uuid         not null references record (id),
    category          varchar(32)  not null references profile_category (code),
    label             varchar(500) not null,
    value             varchar(500),
    recorded_at       timestamptz  not null,
    -- PATIENT: self-declared; PROFESSIONAL: by an identified professional; CERTIFIED: a feed
    -- whose organisation is certified for it (the blood service for blood groups).
    source            varchar(16)  not null check (source in ('PATIENT', 'PROFESSIONAL', 'CERTIFIED')),
    author_rpps       varchar(11),
    author_profession varchar(8),
    author_finess     varchar(9)
);

create index profile_by_record on profile_entry (record_id, recorded_at desc);

grant select on profile_category to "${applicationUser}";
grant select, insert on profile_entry to "${applicationUser}";
