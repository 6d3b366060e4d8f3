-- Separation of the three administrators' duties (三权分立, MLPS level 3). The system administrator
-- (user.manage) creates, disables and unlocks accounts and sets temporary passwords; the security
-- administrator (user.grant) grants, withdraws and confirms roles; the auditor reads. No one of them
-- reaches business data alone.
--
-- A grant is in effect only once confirmed (confirmed_at). A temporary password — one the account
-- must change at its next sign-in, which is what the system administrator sets on creation or
-- reset — suspends every grant of the account, and a grant cannot be confirmed while the temporary
-- password is still in place: the holder first replaces it with their own, then the security
-- administrator confirms. So whoever knows a temporary password never finds business authority
-- behind it without a second administrator acting after the holder has taken the account over.
ALTER TABLE user_grant ADD COLUMN confirmed_at timestamptz;
-- Grants given before this migration (by the command line, the demo seeding or an account manager)
-- stay in effect.
UPDATE user_grant SET confirmed_at = now();

-- Grants are given, withdrawn and confirmed by the security administrator alone.
DROP POLICY user_grant_write ON user_grant;
CREATE POLICY user_grant_write ON user_grant FOR ALL TO xingfu_app
  USING (district_code = xingfu_district() AND xingfu_reaches_all('user.grant'))
  WITH CHECK (district_code = xingfu_district() AND xingfu_reaches_all('user.grant'));

-- Setting a temporary password suspends the account's grants, whoever sets it.
CREATE FUNCTION xingfu_suspend_grants() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE user_grant SET confirmed_at = NULL
   WHERE district_code = NEW.district_code AND user_id = NEW.id AND confirmed_at IS NOT NULL;
  RETURN NEW;
END $$;
CREATE TRIGGER app_user_temporary_password AFTER UPDATE OF password_hash, must_change_password ON app_user
  FOR EACH ROW WHEN (NEW.must_change_password AND (NEW.password_hash IS DISTINCT FROM OLD.password_hash OR NOT OLD.must_change_password))
  EXECUTE FUNCTION xingfu_suspend_grants();

-- A grant of an account still on a temporary password cannot be in effect.
CREATE FUNCTION xingfu_grant_needs_own_password() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW.confirmed_at IS NOT NULL AND EXISTS (
    SELECT 1 FROM app_user WHERE district_code = NEW.district_code AND id = NEW.user_id AND must_change_password) THEN
    RAISE EXCEPTION 'a grant cannot be confirmed while the account has a temporary password'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER user_grant_confirmed BEFORE INSERT OR UPDATE OF confirmed_at ON user_grant
  FOR EACH ROW EXECUTE FUNCTION xingfu_grant_needs_own_password();

-- The security administrator's change of an account's grants ends its sessions too.
CREATE OR REPLACE FUNCTION xingfu_end_sessions(p_user uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT (xingfu_reaches_all('user.manage') OR xingfu_reaches_all('user.grant')) THEN
    RAISE EXCEPTION 'not allowed to end sessions' USING ERRCODE = 'insufficient_privilege';
  END IF;
  DELETE FROM session WHERE district_code = xingfu_district() AND user_id = p_user;
END $$;
