-- Which of these ID-number hashes are registered anywhere in the caller's district. An import or a
-- registration must know that a number is taken even in a township the caller cannot see; this
-- tells only that, never where or by whom.
CREATE FUNCTION xingfu_taken_id_hashes(p_hashes text[]) RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
  SELECT id_number_hash FROM person WHERE district_code = xingfu_district() AND id_number_hash = ANY (p_hashes)
$$;
REVOKE ALL ON FUNCTION xingfu_taken_id_hashes(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION xingfu_taken_id_hashes(text[]) TO xingfu_app;

CREATE FUNCTION xingfu_taken_household_numbers(p_numbers text[]) RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
  SELECT household_number FROM household WHERE district_code = xingfu_district() AND household_number = ANY (p_numbers)
$$;
REVOKE ALL ON FUNCTION xingfu_taken_household_numbers(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION xingfu_taken_household_numbers(text[]) TO xingfu_app;

-- Files a job produces (an import's error workbook), kept in the database so that any app
-- process can serve them.
CREATE TABLE job_file (
  district_code text NOT NULL,
  job_id uuid NOT NULL,
  name text NOT NULL,
  content_type text NOT NULL,
  content bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, job_id, name),
  FOREIGN KEY (district_code, job_id) REFERENCES job (district_code, id)
);

-- A person who moved out of the district stays in the register, marked with the date.
ALTER TABLE person ADD COLUMN moved_out_on date;
