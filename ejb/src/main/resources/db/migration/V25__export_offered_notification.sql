-- The portability export (issue 18): a person can be told, at their registered contact, that their
-- record's export waits for them in their space (an agent asked it for them). The message never
-- carries the export.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
    check (kind in ('FIRST_ACCESS', 'BREAK_GLASS', 'DOCUMENT_ARRIVED', 'ACCOUNT_STATE', 'ENROLMENT',
                    'REPRESENTATION', 'DELETION', 'EXPORT_OFFERED'));
