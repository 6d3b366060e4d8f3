-- Registry: households, persons, relationships, disability assessments, life events, and the
-- history of every change. ID and phone numbers are stored encrypted (AES-256-GCM, by the
-- application) with a keyed hash for exact look-up and a masked form for display.

-- Whether a row in a township/village is within reach of a permission (row-level security).
-- Callers wrap list look-ups in scalar subqueries so they are evaluated once per statement.
CREATE FUNCTION xingfu_in_reach(permission text, p_township text, p_village text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT xingfu_reaches_all(permission)
      OR p_township = ANY (xingfu_reach_list(permission, 'townships'))
      OR (p_village IS NOT NULL AND p_village = ANY (xingfu_reach_list(permission, 'villages')))
$$;

CREATE TABLE household (
  district_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  township_code text NOT NULL,
  village_code text NOT NULL,
  household_number text,
  address text NOT NULL CHECK (length(address) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, township_code) REFERENCES township (district_code, code),
  FOREIGN KEY (district_code, village_code) REFERENCES village (district_code, code),
  CHECK (left(village_code, 9) = township_code)
);
CREATE INDEX household_village ON household (district_code, village_code);
CREATE UNIQUE INDEX household_number_unique ON household (district_code, household_number) WHERE household_number IS NOT NULL;

CREATE TABLE person (
  district_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  household_id uuid NOT NULL,
  township_code text NOT NULL,
  village_code text NOT NULL,
  relation_to_head text NOT NULL CHECK (relation_to_head IN ('head', 'spouse', 'child', 'parent', 'grandchild', 'other')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  name_pinyin text NOT NULL,
  name_initials text NOT NULL,
  name_tokens text[] NOT NULL,
  sex text NOT NULL CHECK (sex IN ('M', 'F')),
  birth_date date NOT NULL,
  id_number_enc text NOT NULL,
  id_number_hash text NOT NULL,
  id_number_masked text NOT NULL,
  phone_enc text,
  phone_masked text,
  hukou text NOT NULL CHECK (hukou IN ('rural', 'urban')),
  marital_status text NOT NULL DEFAULT 'unknown' CHECK (marital_status IN ('unmarried', 'married', 'divorced', 'widowed', 'unknown')),
  alive boolean NOT NULL DEFAULT true,
  death_date date,
  one_child_certificate_number text,
  one_child_certificate_date date,
  out_of_policy_birth boolean,
  out_of_policy_source text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (district_code, id),
  UNIQUE (district_code, id_number_hash),
  FOREIGN KEY (district_code, household_id) REFERENCES household (district_code, id),
  FOREIGN KEY (district_code, village_code) REFERENCES village (district_code, code),
  CHECK (alive OR death_date IS NOT NULL),
  CHECK (death_date IS NULL OR (NOT alive AND death_date >= birth_date)),
  CHECK (out_of_policy_birth IS NULL OR out_of_policy_source IS NOT NULL)
);
CREATE INDEX person_household ON person (district_code, household_id);
CREATE INDEX person_village ON person (district_code, village_code, name);
CREATE INDEX person_township_name ON person (district_code, township_code, name);
CREATE INDEX person_pinyin ON person (district_code, name_pinyin text_pattern_ops);
CREATE INDEX person_initials ON person (district_code, name_initials text_pattern_ops);
-- No pending list: the embedded engine has no autovacuum to flush one, and searches would slow down.
CREATE INDEX person_tokens ON person USING gin (name_tokens) WITH (fastupdate = off);

-- Row-level security keeps non-leakproof operators (such as @> on arrays) from using an index
-- ahead of the policy; this function finds name candidates by the token index, within the
-- caller's reach, and the caller's query then reads those rows under the policy as usual.
CREATE FUNCTION xingfu_name_candidates(p_tokens text[]) RETURNS SETOF uuid LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp ROWS 200 AS $$
  SELECT id FROM person
   WHERE district_code = xingfu_district() AND name_tokens @> p_tokens
     AND xingfu_in_reach('registry.read', township_code, village_code)
$$;

-- Relationships the family-planning rules need: spouse, and parent → child (born or adopted).
CREATE TABLE relationship (
  district_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL,
  related_person_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('spouse', 'child')),
  adopted boolean NOT NULL DEFAULT false,
  start_date date,
  end_date date,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, person_id) REFERENCES person (district_code, id),
  FOREIGN KEY (district_code, related_person_id) REFERENCES person (district_code, id),
  CHECK (person_id <> related_person_id),
  CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
  CHECK (kind = 'child' OR NOT adopted)
);
CREATE INDEX relationship_person ON relationship (district_code, person_id);
CREATE INDEX relationship_related ON relationship (district_code, related_person_id);

CREATE TABLE disability_assessment (
  district_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL,
  grade integer NOT NULL CHECK (grade BETWEEN 1 AND 4),
  assessed_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, person_id) REFERENCES person (district_code, id)
);
CREATE INDEX disability_person ON disability_assessment (district_code, person_id);

CREATE TABLE life_event (
  district_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  household_id uuid NOT NULL,
  person_id uuid,
  kind text NOT NULL CHECK (kind IN ('birth', 'death', 'adoption', 'marriage', 'divorce', 'move_in', 'move_out',
                                     'disability_assessed', 'hukou_change', 'registered', 'corrected')),
  effective_date date NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  entered_by text NOT NULL,
  entered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, household_id) REFERENCES household (district_code, id),
  FOREIGN KEY (district_code, person_id) REFERENCES person (district_code, id)
);
CREATE INDEX life_event_household ON life_event (district_code, household_id, effective_date);
CREATE INDEX life_event_person ON life_event (district_code, person_id);

-- History: every update keeps the row as it was.
CREATE TABLE registry_history (
  district_code text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  entity_type text NOT NULL CHECK (entity_type IN ('household', 'person')),
  entity_id uuid NOT NULL,
  version integer NOT NULL,
  old_row jsonb NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by text NOT NULL,
  PRIMARY KEY (district_code, id)
);
CREATE INDEX registry_history_entity ON registry_history (district_code, entity_id, version);

CREATE FUNCTION xingfu_registry_history() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO registry_history (district_code, entity_type, entity_id, version, old_row, changed_by)
  VALUES (OLD.district_code, TG_ARGV[0], OLD.id, OLD.version, to_jsonb(OLD), NEW.updated_by);
  NEW.version := OLD.version + 1;
  NEW.updated_at := now();
  RETURN NEW;
END $$;
CREATE TRIGGER household_history BEFORE UPDATE ON household FOR EACH ROW EXECUTE FUNCTION xingfu_registry_history('household');
CREATE TRIGGER person_history BEFORE UPDATE ON person FOR EACH ROW EXECUTE FUNCTION xingfu_registry_history('person');

CREATE FUNCTION xingfu_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are never deleted; record a life event instead', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER household_no_delete BEFORE DELETE ON household FOR EACH ROW EXECUTE FUNCTION xingfu_no_delete();
CREATE TRIGGER person_no_delete BEFORE DELETE ON person FOR EACH ROW EXECUTE FUNCTION xingfu_no_delete();
CREATE TRIGGER registry_history_no_update BEFORE UPDATE OR DELETE ON registry_history FOR EACH ROW EXECUTE FUNCTION xingfu_no_delete();

GRANT SELECT, INSERT, UPDATE ON household, person TO xingfu_app;
GRANT SELECT, INSERT, UPDATE ON relationship TO xingfu_app;
GRANT SELECT, INSERT ON disability_assessment, life_event TO xingfu_app;
GRANT SELECT ON registry_history TO xingfu_app;
REVOKE ALL ON FUNCTION xingfu_name_candidates(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION xingfu_name_candidates(text[]) TO xingfu_app;

ALTER TABLE household ENABLE ROW LEVEL SECURITY;
-- The hot paths spell the reach out with scalar subqueries: evaluated once per statement, not
-- once per row.
CREATE POLICY household_read ON household FOR SELECT TO xingfu_app
  USING (district_code = (SELECT xingfu_district()) AND (
    (SELECT xingfu_reaches_all('registry.read'))
    OR township_code = ANY ((SELECT xingfu_reach_list('registry.read', 'townships'))::text[])
    OR village_code = ANY ((SELECT xingfu_reach_list('registry.read', 'villages'))::text[])));
CREATE POLICY household_insert ON household FOR INSERT TO xingfu_app
  WITH CHECK (district_code = (SELECT xingfu_district()) AND (
    (SELECT xingfu_reaches_all('registry.write'))
    OR township_code = ANY ((SELECT xingfu_reach_list('registry.write', 'townships'))::text[])
    OR village_code = ANY ((SELECT xingfu_reach_list('registry.write', 'villages'))::text[])));
CREATE POLICY household_update ON household FOR UPDATE TO xingfu_app
  USING (district_code = (SELECT xingfu_district()) AND (
    (SELECT xingfu_reaches_all('registry.write'))
    OR township_code = ANY ((SELECT xingfu_reach_list('registry.write', 'townships'))::text[])
    OR village_code = ANY ((SELECT xingfu_reach_list('registry.write', 'villages'))::text[])))
  WITH CHECK (district_code = (SELECT xingfu_district()) AND (
    (SELECT xingfu_reaches_all('registry.write'))
    OR township_code = ANY ((SELECT xingfu_reach_list('registry.write', 'townships'))::text[])
    OR village_code = ANY ((SELECT xingfu_reach_list('registry.write', 'villages'))::text[])));

ALTER TABLE person ENABLE ROW LEVEL SECURITY;
CREATE POLICY person_read ON person FOR SELECT TO xingfu_app
  USING (district_code = (SELECT xingfu_district()) AND (
    (SELECT xingfu_reaches_all('registry.read'))
    OR township_code = ANY ((SELECT xingfu_reach_list('registry.read', 'townships'))::text[])
    OR village_code = ANY ((SELECT xingfu_reach_list('registry.read', 'villages'))::text[])));
CREATE POLICY person_insert ON person FOR INSERT TO xingfu_app
  WITH CHECK (district_code = (SELECT xingfu_district()) AND (
    (SELECT xingfu_reaches_all('registry.write'))
    OR township_code = ANY ((SELECT xingfu_reach_list('registry.write', 'townships'))::text[])
    OR village_code = ANY ((SELECT xingfu_reach_list('registry.write', 'villages'))::text[])));
CREATE POLICY person_update ON person FOR UPDATE TO xingfu_app
  USING (district_code = (SELECT xingfu_district()) AND (
    (SELECT xingfu_reaches_all('registry.write'))
    OR township_code = ANY ((SELECT xingfu_reach_list('registry.write', 'townships'))::text[])
    OR village_code = ANY ((SELECT xingfu_reach_list('registry.write', 'villages'))::text[])))
  WITH CHECK (district_code = (SELECT xingfu_district()) AND (
    (SELECT xingfu_reaches_all('registry.write'))
    OR township_code = ANY ((SELECT xingfu_reach_list('registry.write', 'townships'))::text[])
    OR village_code = ANY ((SELECT xingfu_reach_list('registry.write', 'villages'))::text[])));

-- Tables hanging off a person follow the person's visibility.
ALTER TABLE relationship ENABLE ROW LEVEL SECURITY;
CREATE POLICY relationship_read ON relationship FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND EXISTS (SELECT 1 FROM person p WHERE p.district_code = relationship.district_code AND p.id = relationship.person_id));
CREATE POLICY relationship_write ON relationship FOR INSERT TO xingfu_app
  WITH CHECK (district_code = xingfu_district() AND EXISTS (
    SELECT 1 FROM person p WHERE p.district_code = relationship.district_code AND p.id = relationship.person_id
      AND xingfu_in_reach('registry.write', p.township_code, p.village_code)));
CREATE POLICY relationship_update ON relationship FOR UPDATE TO xingfu_app
  USING (district_code = xingfu_district() AND EXISTS (
    SELECT 1 FROM person p WHERE p.district_code = relationship.district_code AND p.id = relationship.person_id
      AND xingfu_in_reach('registry.write', p.township_code, p.village_code)));

ALTER TABLE disability_assessment ENABLE ROW LEVEL SECURITY;
CREATE POLICY disability_read ON disability_assessment FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND EXISTS (SELECT 1 FROM person p WHERE p.district_code = disability_assessment.district_code AND p.id = disability_assessment.person_id));
CREATE POLICY disability_write ON disability_assessment FOR INSERT TO xingfu_app
  WITH CHECK (district_code = xingfu_district() AND EXISTS (
    SELECT 1 FROM person p WHERE p.district_code = disability_assessment.district_code AND p.id = disability_assessment.person_id
      AND xingfu_in_reach('registry.write', p.township_code, p.village_code)));

ALTER TABLE life_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY life_event_read ON life_event FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND EXISTS (SELECT 1 FROM household h WHERE h.district_code = life_event.district_code AND h.id = life_event.household_id));
CREATE POLICY life_event_write ON life_event FOR INSERT TO xingfu_app
  WITH CHECK (district_code = xingfu_district() AND EXISTS (
    SELECT 1 FROM household h WHERE h.district_code = life_event.district_code AND h.id = life_event.household_id
      AND xingfu_in_reach('registry.write', h.township_code, h.village_code)));

ALTER TABLE registry_history ENABLE ROW LEVEL SECURITY;
CREATE POLICY registry_history_read ON registry_history FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND (
    EXISTS (SELECT 1 FROM person p WHERE p.district_code = registry_history.district_code AND p.id = registry_history.entity_id)
    OR EXISTS (SELECT 1 FROM household h WHERE h.district_code = registry_history.district_code AND h.id = registry_history.entity_id)));
