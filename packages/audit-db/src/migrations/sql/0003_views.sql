-- The decision timeline: every decision with the columns of its latest verification (null
-- verification_valid and 'unknown' checks when it was never verified). Verification state is
-- derived here, never written back into audit_decisions.
CREATE VIEW audit_decision_timeline AS
SELECT
  d.id,
  d.execution_id,
  d.execution_fingerprint,
  d.policy_id,
  d.policy_version,
  d.schema_version,
  d.runtime_version,
  d.runtime_hash,
  d.decision,
  d.requires_override,
  d.execution_state,
  d.signals_hash,
  d.bundle_hash,
  d.signer_key_id,
  d.signature,
  d.attestation,
  d.signals,
  d.executed_at,
  d.recorded_at,
  v.valid                                   AS verification_valid,
  COALESCE(v.signature_verified, 'unknown') AS signature_verified,
  COALESCE(v.runtime_verified, 'unknown')   AS runtime_verified,
  COALESCE(v.schema_compatible, 'unknown')  AS schema_compatible,
  v.verified_at
FROM audit_decisions d
LEFT JOIN LATERAL (
  SELECT vv.valid, vv.signature_verified, vv.runtime_verified, vv.schema_compatible, vv.verified_at
  FROM audit_verifications vv
  WHERE vv.execution_id = d.execution_id
  ORDER BY vv.verified_at DESC, vv.id DESC
  LIMIT 1
) v ON true;

-- Security events grouped by type and severity.
CREATE VIEW audit_security_dashboard AS
SELECT
  event_type,
  severity,
  count(*)         AS event_count,
  min(occurred_at) AS first_occurred_at,
  max(occurred_at) AS last_occurred_at
FROM audit_security_events
GROUP BY event_type, severity;
