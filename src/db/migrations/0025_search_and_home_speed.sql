-- A registry search by pinyin, sorted by name. Pinyin is lower-case ASCII letters, whose byte
-- order (collation "C") is the order every collation gives them; in that order the persons whose
-- pinyin starts with the letters searched for lie side by side, so one index gives both the range
-- and the order: a page is read where the letters start, not by walking the district from "a"
-- (person_name_order of 0017 was in the database's collation, which a prefix range cannot use).
-- The same index serves the prefix ranges that person_pinyin (text_pattern_ops) served.
DROP INDEX person_name_order;
DROP INDEX person_pinyin;
CREATE INDEX person_name_order ON person (district_code, (name_pinyin COLLATE "C"), id);

-- The home page's count of beneficiaries enrolled is kept by the server, per scope, until an
-- enrolment changes: every statement that changes one notifies channel benefit_enrolment (sent
-- when the transaction commits). One trigger function for any table and channel (the channel is
-- the trigger's argument).
CREATE FUNCTION xingfu_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(TG_ARGV[0], '');
  RETURN NULL;
END $$;
CREATE TRIGGER benefit_enrolment_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON benefit_enrolment
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_notify_change('benefit_enrolment');
