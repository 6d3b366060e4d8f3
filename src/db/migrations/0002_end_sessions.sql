-- Ending a user's sessions (on disable or password reset) from the application role, which
-- cannot read sessions itself: only an account manager of the same district may do it.
CREATE FUNCTION xingfu_end_sessions(p_user uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT xingfu_reaches_all('user.manage') THEN
    RAISE EXCEPTION 'not allowed to end sessions' USING ERRCODE = 'insufficient_privilege';
  END IF;
  DELETE FROM session WHERE district_code = xingfu_district() AND user_id = p_user;
END $$;
REVOKE ALL ON FUNCTION xingfu_end_sessions(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION xingfu_end_sessions(uuid) TO xingfu_app;
