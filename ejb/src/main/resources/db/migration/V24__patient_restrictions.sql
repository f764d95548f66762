-- What the patient may widen or narrow (issue 18, items 3 and 5): a whole class of documents
-- masked, present and future; an organisation (FINESS) blocked as well as a person; and a standing
-- agreement the patient gives a named professional, for a duration they choose or until revoked.

-- A class the patient masked: every document of the class, whenever filed, behaves as masked
-- (hidden from professionals but its author and the designated GP). Who set it is kept, since an
-- agent may set one on the patient's request by phone.
create table class_mask (
    record_id  uuid         not null references record (id),
    class_code varchar(32)  not null references document_class (code),
    masked_at  timestamptz  not null,
    masked_by  varchar(128) not null,
    primary key (record_id, class_code)
);

-- An organisation the patient blocked: every professional acting for it (the token's FINESS) is
-- refused, break-glass included, as a blocked professional is. A FINESS has nine characters: two
-- for the département (2A and 2B for Corsica), seven digits.
create table organisation_block (
    record_id  uuid         not null references record (id),
    finess     varchar(9)   not null check (finess ~ '^([0-9]{2}|2A|2B)[0-9]{7}$'),
    blocked_at timestamptz  not null,
    blocked_by varchar(128) not null,
    primary key (record_id, finess)
);

-- A standing agreement is given by the patient side (given_by) to an RPPS, before any visit: no
-- profession is known then, and it may run until revoked (no expiry). A professional's own
-- declaration keeps its profession and its expiry.
alter table access_grant alter column profession drop not null;
alter table access_grant alter column expires_at drop not null;
alter table access_grant add column given_by varchar(128);
alter table access_grant add constraint access_grant_expiry_or_standing
    check (given_by is not null or (expires_at is not null and profession is not null));

grant select, insert, delete on class_mask to "${applicationUser}";
grant select, insert, delete on organisation_block to "${applicationUser}";

-- Hard deletion of a record's data (V11) takes the new controls with it.
create or replace function erase_record_content(p_record_id uuid) returns void
language plpgsql security definer set search_path from current as $$
begin
    delete from document_content where document_id in
        (select id from document where record_id = p_record_id);
    delete from document where record_id = p_record_id;
    delete from profile_entry where record_id = p_record_id;
    delete from access_grant where record_id = p_record_id;
    delete from professional_block where record_id = p_record_id;
    delete from class_mask where record_id = p_record_id;
    delete from organisation_block where record_id = p_record_id;
    delete from record_reader where record_id = p_record_id;
end
$$;
