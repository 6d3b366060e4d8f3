-- Foundation: organisation, accounts, sessions, security policy, audit log, background jobs.
--
-- Distribution rule: every table holding district data carries district_code, and every primary
-- key, unique constraint and foreign key among those tables includes it, so that a distributed
-- PostgreSQL (Citus) can shard and co-locate all of them by district without a schema change.
--
-- Row-level security: the application runs business queries as the role xingfu_app, with the
-- per-transaction settings xingfu.district, xingfu.user_id and xingfu.reach (JSON: for each
-- permission, whether it reaches the whole district or which townships/villages/departments).

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'xingfu_app') THEN
    CREATE ROLE xingfu_app NOLOGIN NOBYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- created concurrently by another database's migration
END $$;

DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT xingfu_app TO %I', current_user);
  END IF;
END $$;

CREATE FUNCTION xingfu_district() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('xingfu.district', true), '')
$$;

CREATE FUNCTION xingfu_user_id() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('xingfu.user_id', true), '')::uuid
$$;

-- How far one permission reaches, as set by the server for the current transaction.
CREATE FUNCTION xingfu_reach(permission text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('xingfu.reach', true), '')::jsonb -> permission, '{}'::jsonb)
$$;

CREATE FUNCTION xingfu_reaches_all(permission text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce((xingfu_reach(permission) ->> 'all')::boolean, false)
$$;

CREATE FUNCTION xingfu_reach_list(permission text, kind text) RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(v), '{}') FROM jsonb_array_elements_text(coalesce(xingfu_reach(permission) -> kind, '[]')) AS v
$$;

CREATE TABLE district (
  district_code text PRIMARY KEY CHECK (district_code ~ '^[0-9]{6}$'),
  name text NOT NULL,
  former_codes text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE township (
  district_code text NOT NULL REFERENCES district (district_code),
  code text NOT NULL CHECK (code ~ '^[0-9]{9}$'),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('subdistrict', 'town', 'township')),
  sort_order integer NOT NULL DEFAULT 0,
  PRIMARY KEY (district_code, code),
  CHECK (left(code, 6) = district_code)
);

CREATE TABLE village (
  district_code text NOT NULL,
  code text NOT NULL CHECK (code ~ '^[0-9]{12}$'),
  township_code text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('village', 'community')),
  PRIMARY KEY (district_code, code),
  FOREIGN KEY (district_code, township_code) REFERENCES township (district_code, code),
  CHECK (left(code, 9) = township_code)
);
CREATE INDEX village_township ON village (district_code, township_code);

CREATE TABLE department (
  district_code text NOT NULL REFERENCES district (district_code),
  code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9-]*$'),
  name text NOT NULL,
  short_name text NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  active_from date NOT NULL DEFAULT '2011-01-01',
  active_to date,
  PRIMARY KEY (district_code, code),
  UNIQUE (district_code, name)
);

CREATE TABLE security_policy (
  district_code text PRIMARY KEY REFERENCES district (district_code),
  min_password_length integer NOT NULL DEFAULT 10 CHECK (min_password_length BETWEEN 10 AND 64),
  password_expiry_days integer NOT NULL DEFAULT 90 CHECK (password_expiry_days BETWEEN 0 AND 3650),
  lockout_threshold integer NOT NULL DEFAULT 5 CHECK (lockout_threshold BETWEEN 3 AND 20),
  lockout_minutes integer NOT NULL DEFAULT 15 CHECK (lockout_minutes BETWEEN 1 AND 1440),
  idle_timeout_minutes integer NOT NULL DEFAULT 30 CHECK (idle_timeout_minutes BETWEEN 5 AND 480),
  require_totp_for_privileged boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
  district_code text NOT NULL REFERENCES district (district_code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  username text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 60),
  password_hash text NOT NULL,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  must_change_password boolean NOT NULL DEFAULT false,
  disabled boolean NOT NULL DEFAULT false,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  totp_secret text,
  totp_enabled boolean NOT NULL DEFAULT false,
  demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, id),
  UNIQUE (district_code, username)
);

CREATE TABLE user_grant (
  district_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('office', 'liaison', 'township', 'village', 'teacher', 'parent',
                                      'auditor', 'sysadmin', 'secadmin')),
  township_code text,
  village_code text,
  department_code text,
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, user_id) REFERENCES app_user (district_code, id) ON DELETE CASCADE,
  FOREIGN KEY (district_code, township_code) REFERENCES township (district_code, code),
  FOREIGN KEY (district_code, village_code) REFERENCES village (district_code, code),
  FOREIGN KEY (district_code, department_code) REFERENCES department (district_code, code)
);
CREATE UNIQUE INDEX user_grant_unique ON user_grant
  (district_code, user_id, role, coalesce(township_code, ''), coalesce(village_code, ''), coalesce(department_code, ''));

CREATE TABLE session (
  district_code text NOT NULL,
  token_hash text NOT NULL,
  user_id uuid NOT NULL,
  csrf_token text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending_totp', 'active')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  ip text,
  user_agent text,
  PRIMARY KEY (district_code, token_hash),
  FOREIGN KEY (district_code, user_id) REFERENCES app_user (district_code, id) ON DELETE CASCADE
);
CREATE INDEX session_by_user ON session (district_code, user_id);

CREATE TABLE audit_log (
  district_code text NOT NULL REFERENCES district (district_code),
  seq bigint NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id uuid,
  actor_username text,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  result text NOT NULL CHECK (result IN ('success', 'failure')),
  ip text,
  before jsonb,
  after jsonb,
  detail jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (district_code, seq)
);
CREATE INDEX audit_log_at ON audit_log (district_code, at);
CREATE INDEX audit_log_action ON audit_log (district_code, action);

-- The hash of one entry: over its content and the previous entry's hash, in a text form that does
-- not depend on session settings (time as epoch microseconds, JSON in jsonb's canonical form).
CREATE FUNCTION xingfu_audit_hash(e audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
    e.prev_hash, e.district_code, e.seq::text,
    ((extract(epoch FROM e.at) * 1000000)::bigint)::text,
    coalesce(e.actor_id::text, ''), coalesce(e.actor_username, ''), e.action, e.entity_type,
    coalesce(e.entity_id, ''), e.result, coalesce(e.ip, ''),
    coalesce(e.before::text, ''), coalesce(e.after::text, ''), coalesce(e.detail::text, '')), 'UTF8')), 'hex')
$$;

-- Appends an entry to the district's chain: serialised per district, hash computed here so that
-- no caller can write a wrong one. SECURITY DEFINER: callers may append, never read or rewrite.
CREATE FUNCTION xingfu_audit_append(
  p_district text, p_actor_id uuid, p_actor_username text, p_action text, p_entity_type text,
  p_entity_id text, p_result text, p_ip text, p_before jsonb, p_after jsonb, p_detail jsonb
) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  prev audit_log%ROWTYPE;
  entry audit_log%ROWTYPE;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('xingfu.audit.' || p_district, 0));
  SELECT * INTO prev FROM audit_log WHERE district_code = p_district ORDER BY seq DESC LIMIT 1;
  entry.district_code := p_district;
  entry.seq := coalesce(prev.seq, 0) + 1;
  entry.at := clock_timestamp();
  entry.actor_id := p_actor_id;
  entry.actor_username := p_actor_username;
  entry.action := p_action;
  entry.entity_type := p_entity_type;
  entry.entity_id := p_entity_id;
  entry.result := p_result;
  entry.ip := p_ip;
  entry.before := p_before;
  entry.after := p_after;
  entry.detail := p_detail;
  entry.prev_hash := coalesce(prev.hash, repeat('0', 64));
  entry.hash := xingfu_audit_hash(entry);
  INSERT INTO audit_log VALUES (entry.*);
  RETURN entry.seq;
END $$;

-- Append-only: no update or delete, whoever asks.
CREATE FUNCTION xingfu_audit_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION xingfu_audit_immutable();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_audit_immutable();

CREATE TABLE job (
  district_code text NOT NULL REFERENCES district (district_code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
  payload jsonb NOT NULL DEFAULT '{}',
  progress jsonb NOT NULL DEFAULT '{}',
  result jsonb,
  error text,
  attempts integer NOT NULL DEFAULT 0,
  run_after timestamptz NOT NULL DEFAULT now(),
  locked_by text,
  locked_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, id)
);
CREATE INDEX job_queue ON job (state, run_after) WHERE state IN ('queued', 'running');

-- Row-level security: what the application role may see and change.
GRANT USAGE ON SCHEMA public TO xingfu_app;
GRANT SELECT ON district, township, village, department, security_policy TO xingfu_app;
GRANT SELECT, INSERT, UPDATE ON app_user, user_grant TO xingfu_app;
GRANT DELETE ON user_grant TO xingfu_app;
GRANT UPDATE ON security_policy TO xingfu_app;
GRANT SELECT ON audit_log TO xingfu_app;
GRANT EXECUTE ON FUNCTION xingfu_audit_append(text, uuid, text, text, text, text, text, text, jsonb, jsonb, jsonb) TO xingfu_app;

ALTER TABLE district ENABLE ROW LEVEL SECURITY;
CREATE POLICY district_own ON district FOR SELECT TO xingfu_app USING (district_code = xingfu_district());

ALTER TABLE township ENABLE ROW LEVEL SECURITY;
CREATE POLICY township_read ON township FOR SELECT TO xingfu_app USING (
  district_code = xingfu_district() AND (
    xingfu_reaches_all('org.read')
    OR code = ANY (xingfu_reach_list('org.read', 'townships'))
    OR code = ANY (SELECT left(v, 9) FROM unnest(xingfu_reach_list('org.read', 'villages')) AS v)));

ALTER TABLE village ENABLE ROW LEVEL SECURITY;
CREATE POLICY village_read ON village FOR SELECT TO xingfu_app USING (
  district_code = xingfu_district() AND (
    xingfu_reaches_all('org.read')
    OR township_code = ANY (xingfu_reach_list('org.read', 'townships'))
    OR code = ANY (xingfu_reach_list('org.read', 'villages'))));

ALTER TABLE department ENABLE ROW LEVEL SECURITY;
CREATE POLICY department_read ON department FOR SELECT TO xingfu_app USING (
  district_code = xingfu_district() AND (
    xingfu_reaches_all('org.read') OR code = ANY (xingfu_reach_list('org.read', 'departments'))));

ALTER TABLE security_policy ENABLE ROW LEVEL SECURITY;
CREATE POLICY security_policy_read ON security_policy FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district());
CREATE POLICY security_policy_write ON security_policy FOR UPDATE TO xingfu_app
  USING (district_code = xingfu_district() AND xingfu_reaches_all('security.manage'))
  WITH CHECK (district_code = xingfu_district() AND xingfu_reaches_all('security.manage'));

ALTER TABLE app_user ENABLE ROW LEVEL SECURITY;
CREATE POLICY app_user_read ON app_user FOR SELECT TO xingfu_app USING (
  district_code = xingfu_district() AND (xingfu_reaches_all('user.read') OR id = xingfu_user_id()));
CREATE POLICY app_user_insert ON app_user FOR INSERT TO xingfu_app
  WITH CHECK (district_code = xingfu_district() AND xingfu_reaches_all('user.manage'));
CREATE POLICY app_user_update ON app_user FOR UPDATE TO xingfu_app
  USING (district_code = xingfu_district() AND (xingfu_reaches_all('user.manage') OR id = xingfu_user_id()))
  WITH CHECK (district_code = xingfu_district() AND (xingfu_reaches_all('user.manage') OR id = xingfu_user_id()));

ALTER TABLE user_grant ENABLE ROW LEVEL SECURITY;
CREATE POLICY user_grant_read ON user_grant FOR SELECT TO xingfu_app USING (
  district_code = xingfu_district() AND (xingfu_reaches_all('user.read') OR user_id = xingfu_user_id()));
CREATE POLICY user_grant_write ON user_grant FOR ALL TO xingfu_app
  USING (district_code = xingfu_district() AND xingfu_reaches_all('user.manage'))
  WITH CHECK (district_code = xingfu_district() AND xingfu_reaches_all('user.manage'));

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_log_read ON audit_log FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND xingfu_reaches_all('audit.read'));
