-- Faster registry search by a partial name (one or two common characters, such as 王 or 伟).
--
-- Persons in name order, within a district: a search sorted by name for a character common in
-- given names reads the district in this order and keeps the persons whose name matches (a page
-- of 20 within a few hundred persons), instead of reading and sorting every match.
CREATE INDEX person_name_order ON person (district_code, name_pinyin, id);

-- The persons with all these name tokens, within the caller's reach and, if given, in this
-- township and village, at most p_limit of them (NULL: all): their row versions (ctid), which the
-- calling statement reads with `ctid = ANY (…)`, under the person policy as usual, in the same
-- statement (one snapshot, so the same row versions). Row-level security keeps @> (not
-- leakproof) from using the token index in the caller's own query.
--
-- Unlike xingfu_name_candidates (0003), the reach is evaluated once per call, not once per row,
-- and the query is planned with it and with the township or village searched for, so that the
-- token index is combined with the township and village indexes; the caller reads the rows in
-- the order they lie in the table instead of one index look-up per id; a count stops after as
-- many as it needs. xingfu_name_candidates stays for application processes of the previous
-- version during an upgrade.
CREATE FUNCTION xingfu_name_matches(p_tokens text[], p_limit integer, p_township text, p_village text) RETURNS tid[]
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tids tid[];
BEGIN
  EXECUTE 'SELECT ARRAY(SELECT ctid FROM person WHERE district_code = $1 AND name_tokens @> $2'
    || CASE WHEN p_township IS NULL THEN '' ELSE ' AND township_code = $3' END
    || CASE WHEN p_village IS NULL THEN '' ELSE ' AND village_code = $4' END
    || CASE WHEN xingfu_reaches_all('registry.read') THEN '' ELSE ' AND (township_code = ANY ($5) OR village_code = ANY ($6))' END
    || ' LIMIT $7)'
    INTO tids
    USING xingfu_district(), p_tokens, p_township, p_village, xingfu_reach_list('registry.read', 'townships'),
          xingfu_reach_list('registry.read', 'villages'), p_limit;
  RETURN tids;
END $$;
REVOKE ALL ON FUNCTION xingfu_name_matches(text[], integer, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION xingfu_name_matches(text[], integer, text, text) TO xingfu_app;
