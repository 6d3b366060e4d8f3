-- The application's business date (src/core/clock.ts) decides the dates business rules read. A
-- child whose guardian withdraws consent leaves its classes on the day of the withdrawal as the
-- application dates it (a demo district lives in its own year), not on the database's clock.
CREATE OR REPLACE FUNCTION xingfu_ecd_consent_withdrawn() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE ecd_class_member SET left_on = (NEW.consent_withdrawn_at AT TIME ZONE 'Asia/Shanghai')::date
   WHERE district_code = NEW.district_code AND child_id = NEW.id AND left_on IS NULL;
  RETURN NEW;
END $$;
