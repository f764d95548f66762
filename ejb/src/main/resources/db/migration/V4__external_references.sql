-- External references: entries that point to data held elsewhere (an imaging study in a
-- hospital archive). Searched and decided like documents; no content is stored for them.

alter table document
    add column reference_url       varchar(2000),
    add column reference_study_uid varchar(128),
    alter column content_type drop not null,
    alter column size_bytes drop not null,
    alter column hash drop not null,
    add constraint document_content_or_reference check (
        (reference_url is null and content_type is not null and size_bytes is not null and hash is not null)
        or (reference_url is not null and content_type is null and size_bytes is null and hash is null));
