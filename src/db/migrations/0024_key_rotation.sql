-- Key rotation (`xingfu keys rotate`) re-encrypts sealed columns in place: the ID and phone numbers
-- of persons, the bank accounts of applications and enrolments. Such an update is not a change to
-- the record, so it writes no history snapshot and does not bump the version (an officer's form
-- open on the person is not turned stale by it) — when the transaction says it re-encrypts
-- (xingfu.rekey = 'on') and nothing but those columns and the ID number's look-up hash differs.
-- Every other update goes on as before.
CREATE OR REPLACE FUNCTION xingfu_rekey_only(old_row jsonb, new_row jsonb) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('xingfu.rekey', true), '') = 'on'
     AND old_row - ARRAY['id_number_enc', 'id_number_hash', 'phone_enc', 'bank_account_enc']
       = new_row - ARRAY['id_number_enc', 'id_number_hash', 'phone_enc', 'bank_account_enc']
$$;

CREATE OR REPLACE FUNCTION xingfu_registry_history() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  IF xingfu_rekey_only(to_jsonb(OLD), to_jsonb(NEW)) THEN
    RETURN NEW;
  END IF;
  INSERT INTO registry_history (district_code, entity_type, entity_id, version, old_row, changed_by)
  VALUES (OLD.district_code, TG_ARGV[0], OLD.id, OLD.version, to_jsonb(OLD), NEW.updated_by);
  NEW.version := OLD.version + 1;
  NEW.updated_at := now();
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION xingfu_application_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF xingfu_rekey_only(to_jsonb(OLD), to_jsonb(NEW)) THEN
    RETURN NEW;
  END IF;
  NEW.version := OLD.version + 1;
  NEW.updated_at := now();
  RETURN NEW;
END $$;
