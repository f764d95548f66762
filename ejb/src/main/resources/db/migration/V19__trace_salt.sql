-- The canonical form v2 (issue 16): each new trace gets a random salt, so that its Merkle leaf can
-- cover the fields a patient's history hides (actor id, internal reason, detail, request id) as one
-- salted digest. A patient is then given the shown fields and that digest, and verifies the entry
-- against a signed tree head without learning what is hidden, nor guessing it: 122 random bits.
--
-- Added without a default first, so that the existing rows keep null (their v1 leaves stay valid)
-- and no partition is rewritten; the default then applies to the rows inserted from now on,
-- append_trace's included (it names its columns, salt not among them, so the default fills it).
alter table trace add column salt uuid;
alter table trace alter column salt set default gen_random_uuid();
