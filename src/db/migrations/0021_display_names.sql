-- People are shown by name: who generated a roll, decided an application, wrote an audit entry.
-- Callers who may not read the accounts table still learn the display names of their district's
-- accounts by username, and nothing else about them.
CREATE FUNCTION xingfu_display_names(p_usernames text[]) RETURNS TABLE (username text, display_name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.username, u.display_name FROM app_user u
   WHERE u.district_code = xingfu_district() AND u.username = ANY (p_usernames)
$$;
REVOKE ALL ON FUNCTION xingfu_display_names(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION xingfu_display_names(text[]) TO xingfu_app;
