-- Transparency log over the decisions (RFC 9162 Merkle tree, C2SP checkpoints). Every decision
-- becomes leaf N in recording order. The one row of audit_log_state is the counter: a writer locks
-- it (SELECT ... FOR UPDATE) in the same transaction as its decision insert, so leaf indexes are
-- gapless and unique under concurrency (a rolled-back transaction gives its indexes back, unlike
-- a sequence). Runs inside the migration transaction with search_path set to the target schema.

CREATE TABLE audit_log_state (
  id               boolean PRIMARY KEY DEFAULT true CHECK (id),
  tree_size        bigint  NOT NULL CHECK (tree_size >= 0),
  -- Decisions recorded before this migration are appended (in id order) by the first write.
  pending_backfill boolean NOT NULL
);
INSERT INTO audit_log_state (id, tree_size, pending_backfill)
  VALUES (true, 0, EXISTS (SELECT 1 FROM audit_decisions));

-- Leaf N of the log is the decision decision_id; its leaf hash is SHA-256(0x00 || the
-- attestation's RFC 8785 canonical bytes), kept at level 0 of audit_log_nodes.
CREATE TABLE audit_log_leaves (
  leaf_index   bigint PRIMARY KEY CHECK (leaf_index >= 0),
  decision_id  bigint NOT NULL UNIQUE, -- audit_decisions.id (no foreign key: it would change how
                                       -- TRUNCATE of audit_decisions is refused)
  execution_id text   NOT NULL UNIQUE
);

-- Hash of every complete subtree: (level, node_index) covers leaves
-- [node_index * 2^level, (node_index + 1) * 2^level). Proofs and roots for any past tree size
-- are read from O(log n) of these rows.
CREATE TABLE audit_log_nodes (
  level      smallint NOT NULL CHECK (level >= 0 AND level < 64),
  node_index bigint   NOT NULL CHECK (node_index >= 0),
  hash       bytea    NOT NULL CHECK (octet_length(hash) = 32),
  PRIMARY KEY (level, node_index)
);

-- Every checkpoint the log signed, as published (C2SP signed note text).
CREATE TABLE audit_log_checkpoints (
  origin       text        NOT NULL,
  tree_size    bigint      NOT NULL CHECK (tree_size >= 0),
  root_hash    bytea       NOT NULL CHECK (octet_length(root_hash) = 32),
  note         text        NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (origin, tree_size)
);

-- Leaves, nodes and checkpoints are append-only, like the decisions.
CREATE TRIGGER audit_log_leaves_append_only BEFORE UPDATE OR DELETE ON audit_log_leaves
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_log_leaves_no_truncate BEFORE TRUNCATE ON audit_log_leaves
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_log_nodes_append_only BEFORE UPDATE OR DELETE ON audit_log_nodes
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_log_nodes_no_truncate BEFORE TRUNCATE ON audit_log_nodes
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_log_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_log_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_log_checkpoints_no_truncate BEFORE TRUNCATE ON audit_log_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- The counter only grows, and the state row is never deleted.
CREATE FUNCTION audit_log_state_only_grows() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
BEGIN
  IF TG_OP <> 'UPDATE' OR NEW.tree_size < OLD.tree_size OR NEW.id IS DISTINCT FROM OLD.id
     OR (NEW.pending_backfill AND NOT OLD.pending_backfill) THEN
    RAISE EXCEPTION USING
      ERRCODE = 'PM051',
      MESSAGE = format('%s on %s is refused: the log only grows', TG_OP, TG_TABLE_NAME);
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_state_only_grows BEFORE UPDATE OR DELETE ON audit_log_state
  FOR EACH ROW EXECUTE FUNCTION audit_log_state_only_grows();
CREATE TRIGGER audit_log_state_no_truncate BEFORE TRUNCATE ON audit_log_state
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
