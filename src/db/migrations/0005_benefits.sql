-- Benefit programme parameters: effective-dated values with their unit and legal reference,
-- edited by the office (audited), read by the eligibility engine. The defaults are loaded with a
-- district's organisation.
CREATE TABLE programme_parameter (
  district_code text NOT NULL REFERENCES district (district_code),
  programme text NOT NULL CHECK (programme ~ '^[a-z][a-z0-9-]*$'),
  name text NOT NULL CHECK (name ~ '^[a-zA-Z][a-zA-Z0-9]*$'),
  effective_from date NOT NULL,
  value jsonb NOT NULL,
  unit text NOT NULL,
  reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 1000),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  PRIMARY KEY (district_code, programme, name, effective_from)
);

GRANT SELECT ON programme_parameter TO xingfu_app;
GRANT INSERT, UPDATE ON programme_parameter TO xingfu_app;
ALTER TABLE programme_parameter ENABLE ROW LEVEL SECURITY;
CREATE POLICY programme_parameter_read ON programme_parameter FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND (xingfu_reaches_all('benefits.read') OR xingfu_reaches_all('benefits.manage')
    OR cardinality(xingfu_reach_list('benefits.read', 'townships')) > 0 OR cardinality(xingfu_reach_list('benefits.read', 'villages')) > 0));
CREATE POLICY programme_parameter_write ON programme_parameter FOR INSERT TO xingfu_app
  WITH CHECK (district_code = xingfu_district() AND xingfu_reaches_all('benefits.manage'));
CREATE POLICY programme_parameter_update ON programme_parameter FOR UPDATE TO xingfu_app
  USING (district_code = xingfu_district() AND xingfu_reaches_all('benefits.manage'))
  WITH CHECK (district_code = xingfu_district() AND xingfu_reaches_all('benefits.manage'));
