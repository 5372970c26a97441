-- Append-only for real: decision, override, override-claim, verification and security-event rows
-- can be inserted and read, never updated, deleted or truncated. API-access rows are never
-- updated; the table owner may delete old ones for retention (the application role gets no
-- DELETE grant). A table owner or superuser can still disable a trigger: that is why the
-- application runs as a role that owns nothing, and why verifyAll re-checks every row.
CREATE FUNCTION audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
BEGIN
  RAISE EXCEPTION USING
    ERRCODE = 'PM051',
    MESSAGE = format('%s on %s is refused: audit rows are append-only', TG_OP, TG_TABLE_NAME);
END
$$;

CREATE TRIGGER audit_decisions_append_only BEFORE UPDATE OR DELETE ON audit_decisions
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_decisions_no_truncate BEFORE TRUNCATE ON audit_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER audit_overrides_append_only BEFORE UPDATE OR DELETE ON audit_overrides
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_overrides_no_truncate BEFORE TRUNCATE ON audit_overrides
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER audit_override_claims_append_only BEFORE UPDATE OR DELETE ON audit_override_claims
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_override_claims_no_truncate BEFORE TRUNCATE ON audit_override_claims
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER audit_verifications_append_only BEFORE UPDATE OR DELETE ON audit_verifications
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_verifications_no_truncate BEFORE TRUNCATE ON audit_verifications
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER audit_security_events_append_only BEFORE UPDATE OR DELETE ON audit_security_events
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_security_events_no_truncate BEFORE TRUNCATE ON audit_security_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER audit_api_access_no_update BEFORE UPDATE ON audit_api_access
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_api_access_no_truncate BEFORE TRUNCATE ON audit_api_access
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
