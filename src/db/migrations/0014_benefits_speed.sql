-- Payment lines are written a whole roll at a time: 180,000 lines for a district of a million
-- persons. Their two foreign keys (to the roll and to the enrolment) were checked once per
-- inserted row, each check a query of its own with a row lock: 1.9 s of the 4.7 s it took to
-- insert those lines. The references are now checked once per statement, over the rows it
-- wrote (transition tables, as xingfu_payment_line_guard already does for the roll's state).
--
-- What a foreign key also guards on the referenced side is kept by triggers: a roll or an
-- enrolment is never deleted (payment_roll_guard, benefit_enrolment_no_delete), and from now on
-- neither changes its key.
ALTER TABLE payment_line DROP CONSTRAINT payment_line_district_code_roll_id_fkey;
ALTER TABLE payment_line DROP CONSTRAINT payment_line_district_code_enrolment_id_fkey;

-- Every line written by the statement refers to an existing roll and enrolment of its district.
-- Security definer: the check sees every roll and enrolment, as a foreign key would, whatever
-- the writer's row-level security hides.
CREATE FUNCTION xingfu_payment_line_references() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
DECLARE
  missing text;
BEGIN
  -- min() rather than LIMIT 1: the planner then joins the lines in one pass (a hash anti-join),
  -- instead of probing the enrolment index once per line.
  SELECT min('roll ' || t.roll_id) INTO missing
    FROM (SELECT DISTINCT district_code, roll_id FROM touched_lines) t
   WHERE NOT EXISTS (SELECT 1 FROM payment_roll r WHERE r.district_code = t.district_code AND r.id = t.roll_id);
  IF missing IS NULL THEN
    SELECT min('enrolment ' || t.enrolment_id) INTO missing
      FROM touched_lines t
     WHERE NOT EXISTS (SELECT 1 FROM benefit_enrolment e WHERE e.district_code = t.district_code AND e.id = t.enrolment_id);
  END IF;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'a payment line refers to % that does not exist', missing USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER payment_line_references_insert AFTER INSERT ON payment_line REFERENCING NEW TABLE AS touched_lines
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_payment_line_references();
CREATE TRIGGER payment_line_references_update AFTER UPDATE ON payment_line REFERENCING NEW TABLE AS touched_lines
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_payment_line_references();

CREATE FUNCTION xingfu_key_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.district_code <> OLD.district_code OR NEW.id <> OLD.id THEN
    RAISE EXCEPTION '% rows keep their key', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER payment_roll_key BEFORE UPDATE OF district_code, id ON payment_roll FOR EACH ROW EXECUTE FUNCTION xingfu_key_immutable();
CREATE TRIGGER benefit_enrolment_key BEFORE UPDATE OF district_code, id ON benefit_enrolment FOR EACH ROW EXECUTE FUNCTION xingfu_key_immutable();

-- Lines by enrolment: no statement reads them that way (rolls, pages, workbooks and bank files
-- all go by roll), and the foreign key the index backed is gone. Keeping it up cost a sixth of
-- the time of writing a roll.
DROP INDEX payment_line_enrolment;

-- The helpers of row-level security only read the transaction's settings, which the server
-- hands to its parallel workers: marked parallel safe, a statement that reads the whole
-- register under row-level security can be shared among the server's cores (reading the
-- district's household heads and spouses in half the time).
ALTER FUNCTION xingfu_district() PARALLEL SAFE;
ALTER FUNCTION xingfu_user_id() PARALLEL SAFE;
ALTER FUNCTION xingfu_reach(text) PARALLEL SAFE;
ALTER FUNCTION xingfu_reaches_all(text) PARALLEL SAFE;
ALTER FUNCTION xingfu_reach_list(text, text) PARALLEL SAFE;
ALTER FUNCTION xingfu_in_reach(text, text, text) PARALLEL SAFE;
