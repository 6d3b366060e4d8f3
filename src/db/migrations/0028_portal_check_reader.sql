-- The integrity check records its runs as the portal's reader (the internal actor the public side
-- runs as): inserting a run returns its id, and PostgreSQL applies the SELECT policies to a row an
-- INSERT returns, so the reader must be able to read the district's check runs. They hold only the
-- public address checked, the times and the counts; the findings stay readable by the office alone.
CREATE POLICY portal_check_run_reader_read ON portal_check_run FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND xingfu_reaches_all('portal.public'));
