-- The year summary of the programmes evaluates every family for twelve months: the server keeps
-- it in memory and drops it when the facts under it change. Every statement that changes the
-- kept families or the programmes' parameters notifies channel benefit_data; PostgreSQL delivers
-- the notification when the transaction commits (once per transaction, however many statements).
CREATE OR REPLACE FUNCTION xingfu_benefit_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('benefit_data', '');
  RETURN NULL;
END $$;

CREATE TRIGGER benefit_family_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON benefit_family
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_benefit_data_changed();
CREATE TRIGGER programme_parameter_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON programme_parameter
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_benefit_data_changed();
