-- The audit chain anchored outside the database. Each entry's hash (SHA-256 over its content and
-- the previous hash, computed here) is sealed by the application with an HMAC-SHA-256 under a key
-- derived from its secret key, which the database never sees: someone who can write the tables
-- can still recompute the hashes, but not the seals. Checkpoints of each chain (entry count, head
-- hash, signed) are kept in a file outside the database (src/modules/audit/checkpoints.ts).
--
-- Entries appended before this migration have no seal; a chain's seals begin with its first sealed
-- entry, and every entry after it must have one (src/modules/audit/service.ts).

-- No foreign key to audit_log: it would answer a TRUNCATE of the log before its append-only trigger.
CREATE TABLE audit_seal (
  district_code text NOT NULL REFERENCES district (district_code),
  seq bigint NOT NULL,
  mac text NOT NULL,
  PRIMARY KEY (district_code, seq)
);

-- Seals are append-only like the entries they seal.
CREATE TRIGGER audit_seal_no_update BEFORE UPDATE OR DELETE ON audit_seal
  FOR EACH ROW EXECUTE FUNCTION xingfu_audit_immutable();
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_audit_immutable();

-- Appends an entry (xingfu_audit_append computes its hash) and returns its number and its hash,
-- which the application seals.
CREATE FUNCTION xingfu_audit_append_entry(
  p_district text, p_actor_id uuid, p_actor_username text, p_action text, p_entity_type text,
  p_entity_id text, p_result text, p_ip text, p_before jsonb, p_after jsonb, p_detail jsonb
) RETURNS TABLE (seq bigint, hash text) LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  appended bigint;
BEGIN
  appended := xingfu_audit_append(p_district, p_actor_id, p_actor_username, p_action, p_entity_type,
    p_entity_id, p_result, p_ip, p_before, p_after, p_detail);
  RETURN QUERY SELECT a.seq, a.hash FROM audit_log a WHERE a.district_code = p_district AND a.seq = appended;
END $$;

-- Stores the seal of an entry, once.
CREATE FUNCTION xingfu_audit_seal(p_district text, p_seq bigint, p_mac text) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO audit_seal (district_code, seq, mac) VALUES (p_district, p_seq, p_mac)
$$;

GRANT SELECT ON audit_seal TO xingfu_app;
GRANT EXECUTE ON FUNCTION xingfu_audit_append_entry(text, uuid, text, text, text, text, text, text, jsonb, jsonb, jsonb) TO xingfu_app;
GRANT EXECUTE ON FUNCTION xingfu_audit_seal(text, bigint, text) TO xingfu_app;

ALTER TABLE audit_seal ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_seal_read ON audit_seal FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND xingfu_reaches_all('audit.read'));
