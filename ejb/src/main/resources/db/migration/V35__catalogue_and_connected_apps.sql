-- The catalogue of referenced apps and the apps a patient connects to their space (issue 21,
-- items 3 and 4). An app is referenced after review by two administrators (four eyes: referencing
-- gives an app the power to ask patients for rights), suspended at once by one (it only takes
-- rights away), reinstated by two again. fr.carnet.access.AccessPolicy decides every app access on
-- the facts read from here (fr.carnet.catalogue.infrastructure.JdbcAppStandings).

-- The review's checklist, as data (seed 000 l.677-681 and 1637-1645: ethics, security and
-- interoperability; reinforced interoperability and security criteria for the apps that exchange
-- data, a simplified list for the others; "si toutes les cases sont cochées, l'application est
-- référencée").
create table catalogue_criterion (
    code        varchar(32)  primary key,
    -- ALL: every app; DATA: the apps that exchange data with the record.
    applies_to  varchar(8)   not null check (applies_to in ('ALL', 'DATA')),
    label_fr    varchar(200) not null,
    position    integer      not null
);
insert into catalogue_criterion (code, applies_to, label_fr, position) values
    ('ETHICS', 'ALL', 'Éthique : finalité loyale, pas de revente ni de publicité ciblée sur les données de santé', 1),
    ('SECURITY', 'ALL', 'Sécurité : authentification par le fournisseur d''identité national, hébergement conforme', 2),
    ('TRANSPARENCY', 'ALL', 'Transparence : éditeur identifié, conditions d''utilisation et contact publiés', 3),
    ('INTEROPERABILITY', 'DATA', 'Interopérabilité renforcée : formats et profils du cadre d''interopérabilité (CI-SIS)', 4),
    ('SECURITY_REINFORCED', 'DATA', 'Sécurité renforcée : certification HDS de l''hébergeur, chiffrement, traçabilité des accès', 5),
    ('REVERSIBILITY', 'DATA', 'Réversibilité : la personne récupère et fait effacer ses données', 6);

-- The kinds of scope an app may be referenced for and a patient may grant, as data. A scope is the
-- kind's code, followed by a document class for those that take one (documents:read:LAB).
create table catalogue_scope_kind (
    code        varchar(32)  primary key,
    takes_class boolean      not null,
    label_fr    varchar(200) not null
);
insert into catalogue_scope_kind (code, takes_class, label_fr) values
    ('documents:read', true, 'Lire les documents d''une classe'),
    ('documents:write', false, 'Ajouter des documents personnels (classe PATIENT)'),
    ('profile:read', false, 'Lire le profil médical'),
    -- Defined here for the agenda (issue 21, item 2), which enforces it.
    ('appointments:write', false, 'Ajouter des rendez-vous à l''agenda');

create table catalogue_app (
    id                uuid          primary key,
    -- The app's client id at the identity provider: the azp of the tokens it calls with.
    client_id         varchar(128)  not null unique,
    name              varchar(120)  not null,
    publisher         varchar(120)  not null,
    exchanges_data    boolean       not null,
    -- The scopes it was referenced for, space-separated: a patient grants a subset of them.
    scopes            varchar(2000) not null,
    status            varchar(16)   not null
        check (status in ('PENDING', 'REFERENCED', 'REJECTED', 'SUSPENDED')),
    created_at        timestamptz   not null,
    changed_at        timestamptz   not null,
    suspension_reason varchar(500)
);
create index catalogue_app_referenced on catalogue_app (name) where status = 'REFERENCED';

-- The criteria the reviewing administrator found met, with the app.
create table catalogue_app_criterion (
    app_id  uuid        not null references catalogue_app (id),
    code    varchar(32) not null references catalogue_criterion (code),
    primary key (app_id, code)
);

-- What one administrator asked (to reference the app, to reinstate it) and a second decides; a
-- pending request past expires_at is expired (computed: nothing needs to run for it to die).
create table catalogue_request (
    id            uuid          primary key,
    app_id        uuid          not null references catalogue_app (id),
    kind          varchar(16)   not null check (kind in ('REFERENCE', 'REINSTATE')),
    requested_at  timestamptz   not null,
    requested_by  varchar(128)  not null,
    expires_at    timestamptz   not null,
    status        varchar(16)   not null check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    decided_at    timestamptz,
    decided_by    varchar(128),
    check (status = 'PENDING' or (decided_at is not null and decided_by is not null)),
    check (decided_by is null or decided_by <> requested_by)
);
create index catalogue_request_pending on catalogue_request (requested_at) where status = 'PENDING';
-- One pending request per app at a time.
create unique index catalogue_request_one_pending on catalogue_request (app_id)
    where status = 'PENDING';

-- A patient's connection of a referenced app to their record: the scopes granted (a subset of the
-- app's), until expires_at, or until revoked (by the patient, or an agent at their request).
create table app_connection (
    id              uuid          primary key,
    record_id       uuid          not null references record (id),
    app_id          uuid          not null references catalogue_app (id),
    scopes          varchar(2000) not null,
    granted_at      timestamptz   not null,
    expires_at      timestamptz   not null check (expires_at > granted_at),
    revoked_at      timestamptz,
    revoked_by      varchar(128),
    revoked_by_role varchar(16)
);
-- One live connection per record and app; the latest first for the access's facts.
create unique index app_connection_live on app_connection (record_id, app_id)
    where revoked_at is null;
create index app_connection_latest on app_connection (record_id, app_id, granted_at desc);

-- No delete for the application's role: a connection is revoked, never erased, so that the
-- history keeps what the app could do; a purged record forgets them (below).
grant select on catalogue_criterion, catalogue_scope_kind to "${applicationUser}";
grant select, insert on catalogue_app, catalogue_app_criterion, catalogue_request, app_connection
    to "${applicationUser}";
grant update (status, changed_at, suspension_reason) on catalogue_app to "${applicationUser}";
grant update (status, decided_at, decided_by) on catalogue_request to "${applicationUser}";
grant update (revoked_at, revoked_by, revoked_by_role) on app_connection to "${applicationUser}";

-- Purged with the record: a purge leaves no trace of which apps the person used.
create function forget_purged_app_connections() returns trigger
language plpgsql security definer set search_path from current as $$
begin
    delete from app_connection where record_id = new.id;
    return new;
end
$$;
create trigger record_purged_forgets_app_connections after update on record
    for each row when (new.state = 'PURGED' and old.state <> 'PURGED')
    execute function forget_purged_app_connections();
