-- A Merkle tree over the traces (RFC 9162's hashing), beside the 64 hash chains of V8, which stay.
-- Writers go on inserting traces as before and never touch these tables: a background sequencer,
-- one instance at a time (an advisory lock), appends the traces not yet in the tree, their leaves
-- computed in Java from the trace's columns, and the hashes of the complete subtrees they finish,
-- so that a tree head or a proof needs O(log² n) rows and never a pass over every leaf.
--
-- What the database holds here is a convenience: the proof is the signed tree heads kept outside
-- the database (the witness file), against which the check recomputes every leaf in Java.

-- Leaf number `position` of the tree: the trace it covers and SHA-256(0x00 || canonical form).
create table trace_leaf (
    position  bigint primary key check (position >= 0),
    trace_id  bigint not null unique,
    leaf_hash bytea  not null check (length(leaf_hash) = 32)
);

-- The hash of the complete subtree of 2^level leaves starting at leaf index * 2^level (level 0 is
-- trace_leaf itself), written once, when its last leaf is appended.
create table trace_tree_node (
    level smallint not null check (level between 1 and 62),
    index bigint   not null check (index >= 0),
    hash  bytea    not null check (length(hash) = 32),
    primary key (level, index)
);

-- A copy of each signed tree head that was published to the witness.
create table tree_head (
    size      bigint      primary key check (size > 0),
    root_hash bytea       not null check (length(root_hash) = 32),
    signed_at timestamptz not null,
    signature bytea       not null,
    key_id    varchar(64) not null
);

-- Appended, never changed: insert and select only.
grant select, insert on trace_leaf, trace_tree_node, tree_head to "${applicationUser}";
