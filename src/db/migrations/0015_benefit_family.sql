-- Families as the benefit programmes see them, one row per family, kept up to date by the
-- register's own writes. Evaluating a whole district (a roll, the yearly summary, a what-if)
-- used to join a million persons with their parent–child links and disability assessments on
-- every read: 7 s at a million persons, where reading these rows takes 0.4 s. The work now falls
-- on the statements that change the register, a few milliseconds for one family.
--
-- A family: a household's head and spouse as its parents (further heads or spouses, a register
-- error, make families of their own, two at a time), and every child linked to either parent,
-- born or adopted, wherever the child lives. A child linked to both parents is one child, with
-- the link of the first parent (whether adopted is a fact of the link).
--
-- facts, comma-terminated fields (read by registerFamilies): the number of parents, the number
-- of children, then per parent (the spouse first) id, sex, birth date, hukou, death date,
-- move-out date, whether a one-child certificate is held (t/f), whether a birth was out of
-- policy (t/f), the day the second-child quota was waived; then per child (by birth date) sex,
-- birth date, adopted (t/f), death date, hospital delivery (t/f), and disability assessments as
-- "grade day" pairs separated by spaces, oldest first. An empty field is a null.
CREATE TABLE benefit_family (
  district_code text NOT NULL,
  household_id uuid NOT NULL,
  part integer NOT NULL CHECK (part >= 0),
  township_code text NOT NULL,
  village_code text NOT NULL,
  facts text NOT NULL,
  PRIMARY KEY (district_code, household_id, part)
);

-- Rebuilds the families of some households from the register. Under each household's row lock,
-- so that two transactions changing one household rebuild its families one after the other, each
-- from the other's committed result. Every step goes from the households listed to their rows by
-- index (lateral joins), so the cost follows the number of households whatever the planner
-- believes about the tables' sizes: during an import, the person table grows faster than its
-- statistics, and a join planned on them compared every household with every parent of the
-- district (1.2 s per chunk of an import instead of a few milliseconds).
CREATE FUNCTION xingfu_benefit_family_refresh(p_district text, p_households uuid[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM 1 FROM household h WHERE h.district_code = p_district AND h.id = ANY (p_households) ORDER BY h.id FOR NO KEY UPDATE;
  DELETE FROM benefit_family f WHERE f.district_code = p_district AND f.household_id = ANY (p_households);
  INSERT INTO benefit_family (district_code, household_id, part, township_code, village_code, facts)
  SELECT p_district, f.household_id, f.part, f.township_code, f.village_code,
         concat(cardinality(f.parent_ids), ',', k.n, ',', f.facts, k.facts)
    FROM (
      -- Heads and spouses, the spouse first, two to a family.
      SELECT h.id AS household_id, a.n / 2 AS part, (array_agg(a.township_code ORDER BY a.n))[1] AS township_code,
             (array_agg(a.village_code ORDER BY a.n))[1] AS village_code, array_agg(a.id ORDER BY a.n) AS parent_ids,
             string_agg(a.facts, '' ORDER BY a.n) AS facts
        FROM (SELECT DISTINCT unnest(p_households) AS id) h
        CROSS JOIN LATERAL (
          SELECT p.id, p.township_code, p.village_code, row_number() OVER (ORDER BY p.relation_to_head DESC, p.id) - 1 AS n,
                 concat(p.id, ',', p.sex, ',', p.birth_date, ',', p.hukou, ',', p.death_date, ',', p.moved_out_on, ',',
                        p.one_child_certificate_number IS NOT NULL, ',', p.out_of_policy_birth IS TRUE, ',', p.second_child_quota_waived_on, ',') AS facts
            FROM person p
           WHERE p.district_code = p_district AND p.household_id = h.id AND p.relation_to_head IN ('head', 'spouse')) a
       GROUP BY h.id, a.n / 2
    ) f
    CROSS JOIN LATERAL (
      -- The children of either parent, each once, with the link of the first parent that has one.
      SELECT count(*) AS n, coalesce(string_agg(c.facts, '' ORDER BY c.birth_date, c.id), '') AS facts
        FROM (SELECT DISTINCT ON (c.id) c.id, c.birth_date,
                     concat(c.sex, ',', c.birth_date, ',', r.adopted, ',', c.death_date, ',', c.hospital_delivery IS TRUE, ',',
                            (SELECT string_agg(concat(d.grade, ' ', d.assessed_on), ' ' ORDER BY d.assessed_on, d.id) FROM disability_assessment d
                              WHERE d.district_code = c.district_code AND d.person_id = c.id), ',') AS facts
                FROM unnest(f.parent_ids) WITH ORDINALITY AS pp(id, via)
                JOIN relationship r ON r.district_code = p_district AND r.person_id = pp.id AND r.kind = 'child'
                JOIN person c ON c.district_code = r.district_code AND c.id = r.related_person_id
               ORDER BY c.id, pp.via) c
    ) k;
END $$;

-- The households whose families a statement changed (district and household side by side),
-- rebuilt once per statement, over the rows it wrote: an import of thousands of persons rebuilds
-- their families in one pass.
CREATE FUNCTION xingfu_benefit_family_rebuild(p_districts text[], p_households uuid[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
DECLARE
  district text;
  households uuid[];
BEGIN
  FOR district, households IN
    SELECT d, array_agg(DISTINCT h) FROM unnest(p_districts, p_households) AS t(d, h) WHERE h IS NOT NULL GROUP BY d
  LOOP
    PERFORM xingfu_benefit_family_refresh(district, households);
  END LOOP;
END $$;

-- A person's own household (as it was and as it is), and the households of the person's parents
-- (the person is a child there), when a fact a family is made of changed.
CREATE FUNCTION xingfu_benefit_family_person() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
DECLARE
  districts text[];
  households uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- A new person has no links yet: only a new head or spouse makes or changes a family.
    SELECT array_agg(district_code), array_agg(household_id) INTO districts, households
      FROM (SELECT DISTINCT district_code, household_id FROM new_rows WHERE relation_to_head IN ('head', 'spouse')) h;
  ELSE
    WITH changed AS (
      SELECT o.district_code, o.id, o.household_id AS was, n.household_id AS now
        FROM old_rows o JOIN new_rows n ON n.district_code = o.district_code AND n.id = o.id
       WHERE (o.household_id, o.relation_to_head, o.township_code, o.village_code, o.sex, o.birth_date, o.hukou, o.death_date, o.moved_out_on,
              o.one_child_certificate_number IS NULL, o.out_of_policy_birth, o.second_child_quota_waived_on, o.hospital_delivery)
             IS DISTINCT FROM
             (n.household_id, n.relation_to_head, n.township_code, n.village_code, n.sex, n.birth_date, n.hukou, n.death_date, n.moved_out_on,
              n.one_child_certificate_number IS NULL, n.out_of_policy_birth, n.second_child_quota_waived_on, n.hospital_delivery)
    ), touched AS (
      SELECT district_code, was AS household_id FROM changed
      UNION SELECT district_code, now FROM changed
      UNION SELECT p.district_code, p.household_id FROM changed c
              JOIN relationship r ON r.district_code = c.district_code AND r.related_person_id = c.id AND r.kind = 'child'
              JOIN person p ON p.district_code = r.district_code AND p.id = r.person_id
    )
    SELECT array_agg(district_code), array_agg(household_id) INTO districts, households FROM touched;
  END IF;
  IF households IS NOT NULL THEN PERFORM xingfu_benefit_family_rebuild(districts, households); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER person_benefit_family_insert AFTER INSERT ON person REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_benefit_family_person();
CREATE TRIGGER person_benefit_family_update AFTER UPDATE ON person REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_benefit_family_person();

-- A parent–child link written, changed or removed: the parent's household. A disability
-- assessment: the households of the assessed person's parents.
CREATE FUNCTION xingfu_benefit_family_touched() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
DECLARE
  districts text[];
  households uuid[];
  -- The statement's rows as the trigger sees them: new ones, old ones, or both.
  written text := CASE TG_OP WHEN 'INSERT' THEN 'SELECT * FROM new_rows' WHEN 'DELETE' THEN 'SELECT * FROM old_rows'
                             ELSE 'SELECT * FROM new_rows UNION ALL SELECT * FROM old_rows' END;
  touched text := CASE TG_TABLE_NAME
    WHEN 'relationship' THEN
      'SELECT p.district_code, p.household_id FROM (%s) l
         JOIN person p ON p.district_code = l.district_code AND p.id = l.person_id WHERE l.kind = ''child'''
    WHEN 'disability_assessment' THEN
      'SELECT p.district_code, p.household_id FROM (%s) a
         JOIN relationship r ON r.district_code = a.district_code AND r.related_person_id = a.person_id AND r.kind = ''child''
         JOIN person p ON p.district_code = r.district_code AND p.id = r.person_id' END;
BEGIN
  EXECUTE format('SELECT array_agg(district_code), array_agg(household_id) FROM (SELECT DISTINCT * FROM (' || touched || ') t) h', written)
    INTO districts, households;
  IF households IS NOT NULL THEN PERFORM xingfu_benefit_family_rebuild(districts, households); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER relationship_benefit_family_insert AFTER INSERT ON relationship REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_benefit_family_touched();
CREATE TRIGGER relationship_benefit_family_update AFTER UPDATE ON relationship REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_benefit_family_touched();
CREATE TRIGGER relationship_benefit_family_delete AFTER DELETE ON relationship REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_benefit_family_touched();

CREATE TRIGGER disability_benefit_family_insert AFTER INSERT ON disability_assessment REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_benefit_family_touched();
CREATE TRIGGER disability_benefit_family_update AFTER UPDATE ON disability_assessment REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_benefit_family_touched();
CREATE TRIGGER disability_benefit_family_delete AFTER DELETE ON disability_assessment REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_benefit_family_touched();

-- The families of the register as it stands.
SELECT xingfu_benefit_family_rebuild(array_agg(district_code), array_agg(id)) FROM household;
ANALYZE benefit_family;

-- Read under the same reach as the register (the families' parents' township and village).
GRANT SELECT ON benefit_family TO xingfu_app;
ALTER TABLE benefit_family ENABLE ROW LEVEL SECURITY;
CREATE POLICY benefit_family_read ON benefit_family FOR SELECT TO xingfu_app
  USING (district_code = (SELECT xingfu_district()) AND (
    (SELECT xingfu_reaches_all('registry.read'))
    OR township_code = ANY ((SELECT xingfu_reach_list('registry.read', 'townships'))::text[])
    OR village_code = ANY ((SELECT xingfu_reach_list('registry.read', 'villages'))::text[])));
REVOKE ALL ON FUNCTION xingfu_benefit_family_refresh(text, uuid[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION xingfu_benefit_family_rebuild(text[], uuid[]) FROM PUBLIC;
