-- Faster roster imports.
--
-- The name-token index takes new entries into its pending list and merges them in bulk (an
-- import cleans the list when it ends; otherwise the inserting session merges it whenever it
-- passes gin_pending_list_limit), instead of one index descent per token and row.
ALTER INDEX person_tokens SET (fastupdate = on);

-- The write checks of life events and disability assessments evaluated the caller's reach once
-- per row; as initplans, like the person and household policies, they evaluate it once per statement.
DROP POLICY life_event_write ON life_event;
CREATE POLICY life_event_write ON life_event FOR INSERT TO xingfu_app
  WITH CHECK (district_code = (SELECT xingfu_district()) AND EXISTS (
    SELECT 1 FROM household h WHERE h.district_code = life_event.district_code AND h.id = life_event.household_id
      AND ((SELECT xingfu_reaches_all('registry.write'))
        OR h.township_code = ANY ((SELECT xingfu_reach_list('registry.write', 'townships'))::text[])
        OR h.village_code = ANY ((SELECT xingfu_reach_list('registry.write', 'villages'))::text[]))));

DROP POLICY disability_write ON disability_assessment;
CREATE POLICY disability_write ON disability_assessment FOR INSERT TO xingfu_app
  WITH CHECK (district_code = (SELECT xingfu_district()) AND EXISTS (
    SELECT 1 FROM person p WHERE p.district_code = disability_assessment.district_code AND p.id = disability_assessment.person_id
      AND ((SELECT xingfu_reaches_all('registry.write'))
        OR p.township_code = ANY ((SELECT xingfu_reach_list('registry.write', 'townships'))::text[])
        OR p.village_code = ANY ((SELECT xingfu_reach_list('registry.write', 'villages'))::text[]))));
