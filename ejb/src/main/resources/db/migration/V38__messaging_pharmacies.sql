-- Secure messaging, the pharmacy case (issue 21, item 1): "send a prescription to a pharmacy
-- (FINESS) they have already been to". A conversation's counterpart is now either one professional
-- (RPPS, as V33) or one organisation (FINESS, no RPPS): exactly one, checked here. Who may write to
-- a pharmacy and who reads its conversations stays fr.carnet.access.AccessPolicy's
-- (mayWriteToPharmacy, mayReadMessages): this schema only keeps the facts it decides on.
alter table conversation alter column professional_rpps drop not null;
alter table conversation add column organisation_finess varchar(9);
alter table conversation add constraint conversation_one_counterpart
    check ((professional_rpps is null) <> (organisation_finess is null));
-- A pharmacy's inbox: its conversations, newest first.
create index conversation_of_organisation on conversation (organisation_finess, last_message_at desc)
    where organisation_finess is not null;

-- Who wrote a professional's message: "a pharmacist acting for that FINESS already wrote to the
-- record" is read from here (a pharmacy's conversation is answered by any of its pharmacists).
-- The patient side's messages keep none of them: their sender is the token's subject (V33).
alter table conversation_message add column sender_rpps varchar(11);
alter table conversation_message add column sender_profession varchar(8);
alter table conversation_message add column sender_finess varchar(9);
alter table conversation_message add constraint conversation_message_sender_professional
    check (sender_side = 'PROFESSIONAL' or
           (sender_rpps is null and sender_profession is null and sender_finess is null));
-- The messages V33 kept: their professional and FINESS were the conversation's (a profession was
-- not kept: such a message shows no visit to a pharmacy, as the policy wants of an unknown author).
update conversation_message m set sender_rpps = c.professional_rpps,
                                  sender_finess = c.professional_finess
    from conversation c
    where c.id = m.conversation_id and m.sender_side = 'PROFESSIONAL';

-- No new grant: V33's select and insert on these tables cover the new columns, and the updates it
-- grants (last_message_at, read_at, the filing) are the same; still no direct delete.
