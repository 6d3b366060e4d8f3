-- The office records when a member department joined or left the leading group: completeness and
-- timeliness count a department only in its active months.
ALTER TABLE department ADD CONSTRAINT department_active_span CHECK (active_to IS NULL OR active_to >= active_from);
GRANT UPDATE (active_from, active_to) ON department TO xingfu_app;
CREATE POLICY department_membership ON department FOR UPDATE TO xingfu_app
  USING (district_code = xingfu_district() AND xingfu_reaches_all('coord.manage'))
  WITH CHECK (district_code = xingfu_district() AND xingfu_reaches_all('coord.manage'));
