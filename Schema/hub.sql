-- Migration 1: v1-objects-change-log-tokens
-- The hub's identity ('id': 32 hex digits, like a store's).
CREATE TABLE hub_info (
    name text PRIMARY KEY,
    value text NOT NULL
);
-- Every object once: article contents (kind 1) and version records
-- (kind 2), as received. l0..l3 are the ID's four 8-byte words,
-- big-endian, as signed integers: the primary key carries them, so
-- that reconciliation fingerprints are sums over an index-only scan.
CREATE TABLE hub_object (
    id bytea NOT NULL CHECK (length(id) = 32),
    kind smallint NOT NULL CHECK (kind IN (1, 2)),
    payload bytea NOT NULL,
    l0 bigint NOT NULL,
    l1 bigint NOT NULL,
    l2 bigint NOT NULL,
    l3 bigint NOT NULL,
    CONSTRAINT hub_object_pkey PRIMARY KEY (id) INCLUDE (l0, l1, l2, l3)
);
-- The change log: seq numbers are given in commit order (Schema/sync.md).
CREATE TABLE hub_change (
    seq bigint PRIMARY KEY,
    id bytea NOT NULL
);
-- The last seq given. Its row lock orders commits (Schema/sync.md).
CREATE TABLE hub_counter (
    name text PRIMARY KEY,
    value bigint NOT NULL
);
INSERT INTO hub_counter (name, value) VALUES ('seq', 0);
-- Access tokens, by SHA-256, as in a store.
CREATE TABLE hub_token (
    hash bytea PRIMARY KEY,
    scope text NOT NULL CHECK (scope IN ('read', 'write')),
    created bigint NOT NULL,
    label text
);
