-- A bulk enrolment's owner, kept in the database beside its restart point (issue 20): each Payara
-- domain has its own batch job repository, so an execution started on one instance is unknown to
-- the others. The instance that runs the job holds a lease, renewed by each chunk in the chunk's
-- own transaction; a restart asked of any instance takes the enrolment over once the lease has
-- lapsed (its owner is dead), or at once when it is the same instance started again (a new life).
-- Each chunk's write first checks, row-locked, that its instance and life still own the
-- enrolment at the restart point it read: an owner taken over, even one that wakes up later,
-- rolls its chunk back, so no line is written twice.
alter table enrolment
    add column owner_instance varchar(64),
    add column owner_life     uuid,
    add column lease_until    timestamptz;

comment on column enrolment.owner_instance is
    'carnet.instance.name of the instance whose batch repository holds the execution';
comment on column enrolment.owner_life is
    'the owner''s run (drawn at each deployment): an instance started again is a new life';
comment on column enrolment.lease_until is
    'until when the owner is presumed alive: renewed by each chunk, released when its job ends';

-- The enrolments of a former version have no owner: any instance may restart them.
-- enrolment is already granted select, insert, update to the application role (V12): columns
-- added to it are covered, and nothing here is ever deleted.
