-- Four eyes in the schema too: an approval by the one who asked cannot be stored, whoever writes
-- the row (the application, or an operator with its credentials). Representations registered
-- before four eyes existed were kept as approved by their registrant (V14): they are marked so.
alter table representative add column registered_before_four_eyes boolean not null default false;
update representative set registered_before_four_eyes = true
    where status = 'APPROVED' and decided_by = registered_by;
alter table representative add constraint representative_second_staff_member
    check (status <> 'APPROVED' or registered_before_four_eyes
           or decided_by is distinct from registered_by);
alter table deletion_request add constraint deletion_request_second_staff_member
    check (status <> 'APPROVED' or decided_by is distinct from requested_by);

-- A NIR of Corsica (2A, 2B) is no more welcome in a rejected line's reason than another.
alter table enrolment_rejection drop constraint enrolment_rejection_no_nir;
update enrolment_rejection set reason = regexp_replace(reason, '[0-9AB]{13,}', '***', 'g')
    where reason ~ '[0-9AB]{13,}';
alter table enrolment_rejection add constraint enrolment_rejection_no_nir
    check (reason !~ '[0-9AB]{13,}');
