-- Parmana audit database, version 1: the five audit tables of the documented schema, plus the
-- internal tables of the Postgres replay and pending-override stores.
-- Runs inside the migration transaction with search_path set to the target schema.

-- One row per decision, written once. `attestation` is the whole signed attestation (the
-- integrity anchor); the other columns are copies for indexing and are re-checked against it by
-- verifyAll. `signals` holds the decided signals when the caller gave them (their hash is
-- checked against signals_hash before the row is written).
CREATE TABLE audit_decisions (
  id                    bigserial PRIMARY KEY,
  execution_id          text        NOT NULL UNIQUE,
  execution_fingerprint text        NOT NULL,
  policy_id             text        NOT NULL,
  policy_version        text        NOT NULL,
  schema_version        text        NOT NULL,
  runtime_version       text        NOT NULL,
  runtime_hash          text        NOT NULL,
  decision              text        NOT NULL,
  requires_override     boolean     NOT NULL,
  execution_state       text        NOT NULL CHECK (execution_state IN ('completed', 'pending_override')),
  signals_hash          text        NOT NULL,
  bundle_hash           text        NOT NULL,
  signer_key_id         text        NOT NULL,
  signature             text        NOT NULL,
  attestation           jsonb       NOT NULL,
  attestation_hash      text        NOT NULL,
  signals               jsonb,
  executed_at           timestamptz NOT NULL,
  recorded_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_decisions_fingerprint_idx ON audit_decisions (execution_fingerprint);
CREATE INDEX audit_decisions_policy_idx ON audit_decisions (policy_id, policy_version, id);
CREATE INDEX audit_decisions_decision_idx ON audit_decisions (decision, id);
CREATE INDEX audit_decisions_state_idx ON audit_decisions (execution_state, id);
CREATE INDEX audit_decisions_executed_at_idx ON audit_decisions (executed_at, id);
-- Equality and membership conditions on signals (containment) use this index.
CREATE INDEX audit_decisions_signals_idx ON audit_decisions USING gin (signals jsonb_path_ops);

-- Overrides, append-only: a 'pending' row when a decision waits for a human (pending_context
-- holds what is needed to resume it), then one resolution row ('approved' or 'rejected') with
-- the signed override record. A resolution never updates the pending row.
CREATE TABLE audit_overrides (
  id                    bigserial PRIMARY KEY,
  execution_id          text        NOT NULL,
  execution_fingerprint text        NOT NULL,
  policy_id             text        NOT NULL,
  policy_version        text        NOT NULL,
  schema_version        text,
  decision              jsonb       NOT NULL,
  attestation_hash      text        NOT NULL,
  resolution_status     text        NOT NULL CHECK (resolution_status IN ('pending', 'approved', 'rejected')),
  approved_by           text,
  approver_role         text,
  reason                text,
  override_id           text,
  override_signature    text,
  signature_type        text,
  override_record       jsonb,
  pending_context       jsonb,
  created_at            timestamptz NOT NULL DEFAULT now(),
  resolved_at           timestamptz
);
-- A retry after a failed attempt may record another pending attestation; each is kept.
CREATE UNIQUE INDEX audit_overrides_pending_idx ON audit_overrides (execution_id, attestation_hash)
  WHERE resolution_status = 'pending';
-- An execution is resolved once.
CREATE UNIQUE INDEX audit_overrides_resolution_idx ON audit_overrides (execution_id)
  WHERE resolution_status <> 'pending';
CREATE INDEX audit_overrides_fingerprint_idx ON audit_overrides (execution_fingerprint);

-- The once-only claim of PostgresPendingOverrideStore.markResolved: the first insert wins.
CREATE TABLE audit_override_claims (
  execution_id text        PRIMARY KEY,
  claimed_at   timestamptz NOT NULL DEFAULT now()
);

-- One row per verification; a decision's current verification state is its latest row.
CREATE TABLE audit_verifications (
  id                    bigserial PRIMARY KEY,
  execution_id          text        NOT NULL,
  execution_fingerprint text,
  valid                 boolean     NOT NULL,
  signature_verified    text        NOT NULL CHECK (signature_verified IN ('verified', 'failed', 'unknown')),
  runtime_verified      text        NOT NULL CHECK (runtime_verified IN ('verified', 'failed', 'unknown')),
  schema_compatible     text        NOT NULL CHECK (schema_compatible IN ('verified', 'failed', 'unknown')),
  governed              text        NOT NULL CHECK (governed IN ('verified', 'failed', 'unknown')),
  errors                jsonb       NOT NULL DEFAULT '[]'::jsonb,
  verified_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_verifications_execution_idx ON audit_verifications (execution_id, verified_at DESC, id DESC);

CREATE TABLE audit_security_events (
  id           bigserial PRIMARY KEY,
  event_type   text        NOT NULL,
  severity     text        NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  ip_address   text,
  path         text,
  method       text,
  user_agent   text,
  execution_id text,
  details      jsonb,
  occurred_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_security_events_type_idx ON audit_security_events (event_type, severity);
CREATE INDEX audit_security_events_occurred_idx ON audit_security_events (occurred_at);

CREATE TABLE audit_api_access (
  id               bigserial PRIMARY KEY,
  method           text             NOT NULL,
  path             text             NOT NULL,
  status_code      integer          NOT NULL,
  response_time_ms double precision NOT NULL,
  ip_address       text,
  user_agent       text,
  execution_id     text,
  accessed_at      timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX audit_api_access_accessed_idx ON audit_api_access (accessed_at);

-- Replay state of PostgresReplayStore. Operational, not audit: reservations expire and are
-- released, so rows change (each change is a conditional write on the fencing token).
CREATE TABLE audit_replay_keys (
  key        text        PRIMARY KEY,
  state      text        NOT NULL CHECK (state IN ('reserved', 'confirmed', 'released')),
  token      text,
  expires_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
