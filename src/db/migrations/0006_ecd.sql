-- Early childhood development centre: enrolled children with their guardians' consent (PIPL
-- Art. 31: a child under 14 needs a guardian's consent), parent accounts linked to their
-- children, and growth measurements with the WHO z-scores computed when they are recorded.
CREATE TABLE ecd_child (
  district_code text NOT NULL REFERENCES district (district_code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  sex text NOT NULL CHECK (sex IN ('M', 'F')),
  birth_date date NOT NULL,
  person_id uuid,
  enrolled_on date NOT NULL,
  consent_by text NOT NULL,
  consent_relation text NOT NULL,
  consent_at timestamptz NOT NULL,
  consent_purpose text NOT NULL,
  consent_withdrawn_at timestamptz,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, person_id) REFERENCES person (district_code, id)
);

CREATE TABLE ecd_guardian (
  district_code text NOT NULL,
  child_id uuid NOT NULL,
  user_id uuid NOT NULL,
  relation text NOT NULL,
  PRIMARY KEY (district_code, child_id, user_id),
  FOREIGN KEY (district_code, child_id) REFERENCES ecd_child (district_code, id),
  FOREIGN KEY (district_code, user_id) REFERENCES app_user (district_code, id)
);
CREATE INDEX ecd_guardian_user ON ecd_guardian (district_code, user_id);

CREATE TABLE ecd_measurement (
  district_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL,
  measured_on date NOT NULL,
  weight_kg numeric(5, 2),
  length_height_cm numeric(5, 1),
  position text CHECK (position IN ('lying', 'standing')),
  head_cm numeric(4, 1),
  arm_cm numeric(4, 1),
  triceps_mm numeric(4, 1),
  subscapular_mm numeric(4, 1),
  oedema boolean NOT NULL DEFAULT false,
  zscores jsonb NOT NULL,
  statuses jsonb NOT NULL,
  note text,
  entered_by text NOT NULL,
  entered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, child_id) REFERENCES ecd_child (district_code, id)
);
CREATE INDEX ecd_measurement_child ON ecd_measurement (district_code, child_id, measured_on);

-- Who may see a child: centre staff (ecd.read) while consent stands; a parent, their own child.
CREATE FUNCTION xingfu_ecd_visible(p_district text, p_child uuid, p_withdrawn timestamptz) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
  SELECT p_district = xingfu_district() AND (
    (xingfu_reaches_all('ecd.read') AND p_withdrawn IS NULL)
    OR EXISTS (SELECT 1 FROM ecd_guardian g WHERE g.district_code = p_district AND g.child_id = p_child AND g.user_id = xingfu_user_id()))
$$;

GRANT SELECT, INSERT, UPDATE ON ecd_child TO xingfu_app;
GRANT SELECT, INSERT ON ecd_guardian, ecd_measurement TO xingfu_app;
ALTER TABLE ecd_child ENABLE ROW LEVEL SECURITY;
CREATE POLICY ecd_child_read ON ecd_child FOR SELECT TO xingfu_app USING (xingfu_ecd_visible(district_code, id, consent_withdrawn_at));
CREATE POLICY ecd_child_write ON ecd_child FOR INSERT TO xingfu_app WITH CHECK (district_code = xingfu_district() AND xingfu_reaches_all('ecd.write'));
CREATE POLICY ecd_child_update ON ecd_child FOR UPDATE TO xingfu_app
  USING (district_code = xingfu_district() AND (xingfu_reaches_all('ecd.write') OR xingfu_ecd_visible(district_code, id, NULL)))
  WITH CHECK (district_code = xingfu_district());
ALTER TABLE ecd_guardian ENABLE ROW LEVEL SECURITY;
CREATE POLICY ecd_guardian_read ON ecd_guardian FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND (xingfu_reaches_all('ecd.read') OR user_id = xingfu_user_id()));
CREATE POLICY ecd_guardian_write ON ecd_guardian FOR INSERT TO xingfu_app WITH CHECK (district_code = xingfu_district() AND xingfu_reaches_all('ecd.write'));
ALTER TABLE ecd_measurement ENABLE ROW LEVEL SECURITY;
CREATE POLICY ecd_measurement_read ON ecd_measurement FOR SELECT TO xingfu_app
  USING (EXISTS (SELECT 1 FROM ecd_child c WHERE c.district_code = ecd_measurement.district_code AND c.id = ecd_measurement.child_id));
CREATE POLICY ecd_measurement_write ON ecd_measurement FOR INSERT TO xingfu_app
  WITH CHECK (district_code = xingfu_district() AND xingfu_reaches_all('ecd.write') AND EXISTS (
    SELECT 1 FROM ecd_child c WHERE c.district_code = ecd_measurement.district_code AND c.id = ecd_measurement.child_id AND c.consent_withdrawn_at IS NULL));

-- The id of a parent account of the caller's district by username, for centre staff linking a
-- child to its guardian (they cannot read the accounts table).
CREATE FUNCTION xingfu_parent_account(p_username text) RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
  SELECT u.id FROM app_user u JOIN user_grant g ON g.district_code = u.district_code AND g.user_id = u.id AND g.role = 'parent'
   WHERE u.district_code = xingfu_district() AND u.username = p_username AND xingfu_reaches_all('ecd.write')
$$;
REVOKE ALL ON FUNCTION xingfu_parent_account(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION xingfu_parent_account(text) TO xingfu_app;
