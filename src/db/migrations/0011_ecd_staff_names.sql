-- The names of the centre's teachers by their account, for the notes of a printed archive: a
-- parent may not read the accounts table, but may know which teacher wrote a note.
CREATE FUNCTION xingfu_ecd_staff_names() RETURNS TABLE (username text, name text) LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
  SELECT u.username, t.name FROM ecd_teacher t JOIN app_user u ON u.district_code = t.district_code AND u.id = t.user_id
   WHERE t.district_code = xingfu_district() AND (xingfu_reaches_all('ecd.read') OR xingfu_reaches_all('ecd.own'))
$$;
REVOKE ALL ON FUNCTION xingfu_ecd_staff_names() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION xingfu_ecd_staff_names() TO xingfu_app;

-- An account belongs to at most one teacher of the centre.
CREATE UNIQUE INDEX ecd_teacher_user ON ecd_teacher (district_code, user_id) WHERE user_id IS NOT NULL;
