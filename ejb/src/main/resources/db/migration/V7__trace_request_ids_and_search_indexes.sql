-- Traces name the request they come from (X-Request-Id), so that an integrator's log line, the
-- server's log and the audit trail can be matched. Indexes for the patient's history (by record)
-- and the auditors' searches (by professional or staff member), newest first.
alter table trace add column request_id varchar(64);

create index trace_by_record_newest on trace (record_id, id desc);
create index trace_by_rpps on trace (actor_rpps, id desc) where actor_rpps is not null;
create index trace_by_actor_id on trace (actor_id, id desc);
