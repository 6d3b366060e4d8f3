-- A parent reads the classes and sessions of their own children's classes only, in the database
-- and not just in the service (teachers, rooms and the activity plans stay readable: they are the
-- centre's public face and the plans carry the guidance for parents).
CREATE FUNCTION xingfu_ecd_parent_class(p_district text, p_class uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM ecd_class_member m JOIN ecd_guardian g ON g.district_code = m.district_code AND g.child_id = m.child_id
     WHERE m.district_code = p_district AND m.class_id = p_class AND g.user_id = xingfu_user_id())
$$;
REVOKE ALL ON FUNCTION xingfu_ecd_parent_class(text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION xingfu_ecd_parent_class(text, uuid) TO xingfu_app;

DROP POLICY ecd_class_read ON ecd_class;
CREATE POLICY ecd_class_read ON ecd_class FOR SELECT TO xingfu_app USING (
  district_code = xingfu_district() AND (xingfu_reaches_all('ecd.read')
    OR (xingfu_reaches_all('ecd.own') AND xingfu_ecd_parent_class(district_code, id))));
DROP POLICY ecd_session_read ON ecd_session;
CREATE POLICY ecd_session_read ON ecd_session FOR SELECT TO xingfu_app USING (
  district_code = xingfu_district() AND (xingfu_reaches_all('ecd.read')
    OR (xingfu_reaches_all('ecd.own') AND xingfu_ecd_parent_class(district_code, class_id))));
