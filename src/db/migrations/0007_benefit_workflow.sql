-- Benefits workflow: the yearly confirmation (申请 → 村审议并公示 → 乡镇审核并公示 → 区审批并公布)
-- with its objections, the enrolments approval creates, and the monthly payment rolls with their
-- lines. A person/programme/month is paid at most once (unique index); an approved roll is frozen
-- (trigger) and corrections go into a later roll as adjustments.

-- Facts two programmes need that the register did not hold: a child born in hospital (住院分娩
--补助) and the day a family gave up its second-child quota (计划生育养老保险).
ALTER TABLE person ADD COLUMN hospital_delivery boolean;
ALTER TABLE person ADD COLUMN second_child_quota_waived_on date;

CREATE TABLE benefit_application (
  district_code text NOT NULL REFERENCES district (district_code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  programme text NOT NULL CHECK (programme ~ '^[a-z][a-z0-9-]*$'),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  person_id uuid NOT NULL,
  household_id uuid NOT NULL,
  township_code text NOT NULL,
  village_code text NOT NULL,
  category text CHECK (category IN ('death', 'disability')),
  applied_on date NOT NULL,
  state text NOT NULL DEFAULT 'applied'
    CHECK (state IN ('applied', 'village_notice', 'township_notice', 'approved', 'rejected', 'withdrawn')),
  -- The engine's explained decision when the application was entered (conditions and facts).
  evaluation jsonb NOT NULL,
  monthly_amount numeric(10, 2) NOT NULL CHECK (monthly_amount >= 0),
  bank_account_enc text NOT NULL,
  bank_account_masked text NOT NULL,
  bank_name text NOT NULL CHECK (length(bank_name) BETWEEN 1 AND 60),
  note text CHECK (length(note) <= 500),
  village_notice_from date,
  village_notice_until date,
  township_notice_from date,
  township_notice_until date,
  decided_on date,
  start_month date CHECK (start_month IS NULL OR extract(day FROM start_month) = 1),
  closing_reason text CHECK (length(closing_reason) <= 500),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, person_id) REFERENCES person (district_code, id),
  CHECK (state NOT IN ('rejected', 'withdrawn') OR closing_reason IS NOT NULL),
  CHECK (state <> 'approved' OR start_month IS NOT NULL),
  CHECK (village_notice_until IS NULL OR village_notice_until >= village_notice_from),
  CHECK (township_notice_from IS NULL OR township_notice_from > village_notice_until)
);
-- One live application per person, programme and confirmation year.
CREATE UNIQUE INDEX benefit_application_once ON benefit_application (district_code, programme, person_id, year)
  WHERE state NOT IN ('rejected', 'withdrawn');
CREATE INDEX benefit_application_place ON benefit_application (district_code, year, township_code, village_code, state);

-- Every move of an application: who moved it, when, from which state to which, and why.
CREATE TABLE benefit_application_step (
  district_code text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  application_id uuid NOT NULL,
  from_state text,
  to_state text NOT NULL,
  acted_by text NOT NULL,
  acted_at timestamptz NOT NULL DEFAULT now(),
  note text,
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, application_id) REFERENCES benefit_application (district_code, id)
);
CREATE INDEX benefit_application_step_application ON benefit_application_step (district_code, application_id, id);

-- Objections received while a notice is posted; an upheld objection rejects the application,
-- and the next step waits until every objection is resolved.
CREATE TABLE benefit_objection (
  district_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  application_id uuid NOT NULL,
  stage text NOT NULL CHECK (stage IN ('village', 'township')),
  received_on date NOT NULL,
  objector text NOT NULL CHECK (length(objector) BETWEEN 1 AND 60),
  content text NOT NULL CHECK (length(content) BETWEEN 1 AND 1000),
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  upheld boolean,
  resolution text CHECK (length(resolution) <= 1000),
  resolved_by text,
  resolved_at timestamptz,
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, application_id) REFERENCES benefit_application (district_code, id),
  CHECK ((upheld IS NULL) = (resolved_at IS NULL) AND (upheld IS NULL OR resolution IS NOT NULL))
);
CREATE INDEX benefit_objection_application ON benefit_objection (district_code, application_id);

-- A beneficiary of a programme from a start month; an exit closes it with its last paid month.
CREATE TABLE benefit_enrolment (
  district_code text NOT NULL REFERENCES district (district_code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  programme text NOT NULL,
  person_id uuid NOT NULL,
  household_id uuid NOT NULL,
  township_code text NOT NULL,
  village_code text NOT NULL,
  category text CHECK (category IN ('death', 'disability')),
  application_id uuid,
  start_month date NOT NULL CHECK (extract(day FROM start_month) = 1),
  approved_on date NOT NULL,
  approved_by text NOT NULL,
  bank_account_enc text NOT NULL,
  bank_account_masked text NOT NULL,
  bank_name text NOT NULL,
  last_month date CHECK (last_month IS NULL OR (extract(day FROM last_month) = 1 AND last_month >= start_month - interval '1 month')),
  exit_reason text CHECK (length(exit_reason) <= 500),
  exited_by text,
  exited_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, person_id) REFERENCES person (district_code, id),
  FOREIGN KEY (district_code, application_id) REFERENCES benefit_application (district_code, id),
  CHECK ((last_month IS NULL) = (exit_reason IS NULL))
);
-- One open enrolment per person and programme.
CREATE UNIQUE INDEX benefit_enrolment_open ON benefit_enrolment (district_code, programme, person_id) WHERE last_month IS NULL;
CREATE INDEX benefit_enrolment_programme ON benefit_enrolment (district_code, programme, township_code);

CREATE TABLE payment_roll (
  district_code text NOT NULL REFERENCES district (district_code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  programme text NOT NULL,
  period date NOT NULL CHECK (extract(day FROM period) = 1),
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'checked', 'approved', 'exported', 'paid')),
  line_count integer NOT NULL DEFAULT 0,
  total_amount numeric(14, 2) NOT NULL DEFAULT 0,
  -- Enrolments the roll pays nothing for this month, with the conditions they fail.
  stops jsonb NOT NULL DEFAULT '[]',
  generated_by text NOT NULL,
  generated_at timestamptz NOT NULL DEFAULT now(),
  checked_by text,
  checked_at timestamptz,
  approved_by text,
  approved_at timestamptz,
  exported_by text,
  exported_at timestamptz,
  paid_by text,
  paid_at timestamptz,
  PRIMARY KEY (district_code, id),
  UNIQUE (district_code, programme, period),
  -- Four eyes: whoever generated the roll cannot approve it.
  CHECK (approved_by IS NULL OR approved_by <> generated_by)
);

CREATE TABLE payment_line (
  district_code text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  roll_id uuid NOT NULL,
  programme text NOT NULL,
  enrolment_id uuid NOT NULL,
  person_id uuid NOT NULL,
  township_code text NOT NULL,
  village_code text NOT NULL,
  -- The month the money is for: the roll's period (regular), an earlier month approved late
  -- (arrears), or an earlier month already paid whose amount changed (adjustment, may be negative).
  paid_month date NOT NULL CHECK (extract(day FROM paid_month) = 1),
  kind text NOT NULL CHECK (kind IN ('regular', 'arrears', 'adjustment')),
  amount numeric(10, 2) NOT NULL,
  funded_by text NOT NULL CHECK (funded_by IN ('district', 'township', 'health-bureau')),
  category text,
  note text,
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, roll_id) REFERENCES payment_roll (district_code, id),
  FOREIGN KEY (district_code, enrolment_id) REFERENCES benefit_enrolment (district_code, id),
  CHECK (kind = 'adjustment' OR amount > 0)
);
-- Paid once: one regular or arrears payment per person, programme and month, across all rolls.
CREATE UNIQUE INDEX payment_line_once ON payment_line (district_code, programme, person_id, paid_month) WHERE kind <> 'adjustment';
CREATE UNIQUE INDEX payment_line_adjustment_once ON payment_line (district_code, roll_id, person_id, paid_month) WHERE kind = 'adjustment';
CREATE INDEX payment_line_roll ON payment_line (district_code, roll_id, township_code);
CREATE INDEX payment_line_enrolment ON payment_line (district_code, enrolment_id, paid_month);

-- A roll moves forward only; once approved its lines and amounts never change.
CREATE FUNCTION xingfu_payment_roll_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rank_old int := array_position(ARRAY['draft', 'checked', 'approved', 'exported', 'paid'], OLD.state);
  rank_new int := array_position(ARRAY['draft', 'checked', 'approved', 'exported', 'paid'], NEW.state);
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'payment rolls are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.programme <> OLD.programme OR NEW.period <> OLD.period THEN
    RAISE EXCEPTION 'a roll keeps its programme and period' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF rank_old >= 3 AND (NEW.total_amount <> OLD.total_amount OR NEW.line_count <> OLD.line_count OR NEW.stops <> OLD.stops
                        OR NEW.generated_by <> OLD.generated_by OR NEW.approved_by IS DISTINCT FROM OLD.approved_by) THEN
    RAISE EXCEPTION 'payment roll % is approved and cannot change; put corrections in a later roll', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF rank_new < rank_old AND NOT (OLD.state = 'checked' AND NEW.state = 'draft') THEN
    RAISE EXCEPTION 'payment roll % cannot go back from % to %', OLD.id, OLD.state, NEW.state USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF rank_old >= 3 AND NEW.generated_at <> OLD.generated_at THEN
    RAISE EXCEPTION 'payment roll % is approved and cannot be generated again', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER payment_roll_guard BEFORE UPDATE OR DELETE ON payment_roll FOR EACH ROW EXECUTE FUNCTION xingfu_payment_roll_guard();

-- Lines change only while their roll is a draft. Checked once per statement over the rows it
-- touched (transition tables), not once per row: a roll of a whole district is one statement.
CREATE FUNCTION xingfu_payment_line_guard() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
DECLARE
  locked text;
BEGIN
  SELECT r.state INTO locked FROM payment_roll r
   WHERE r.state <> 'draft' AND (r.district_code, r.id) IN (SELECT district_code, roll_id FROM touched_lines)
   LIMIT 1;
  IF locked IS NOT NULL THEN
    RAISE EXCEPTION 'payment roll is % and its lines cannot change; put corrections in a later roll', locked
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER payment_line_guard_insert AFTER INSERT ON payment_line REFERENCING NEW TABLE AS touched_lines
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_payment_line_guard();
CREATE TRIGGER payment_line_guard_update AFTER UPDATE ON payment_line REFERENCING OLD TABLE AS touched_lines
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_payment_line_guard();
CREATE TRIGGER payment_line_guard_delete AFTER DELETE ON payment_line REFERENCING OLD TABLE AS touched_lines
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_payment_line_guard();

CREATE FUNCTION xingfu_application_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  NEW.updated_at := now();
  RETURN NEW;
END $$;
CREATE TRIGGER benefit_application_version BEFORE UPDATE ON benefit_application FOR EACH ROW EXECUTE FUNCTION xingfu_application_version();
CREATE TRIGGER benefit_application_no_delete BEFORE DELETE ON benefit_application FOR EACH ROW EXECUTE FUNCTION xingfu_no_delete();
CREATE TRIGGER benefit_application_step_no_change BEFORE UPDATE OR DELETE ON benefit_application_step FOR EACH ROW EXECUTE FUNCTION xingfu_no_delete();
CREATE TRIGGER benefit_enrolment_no_delete BEFORE DELETE ON benefit_enrolment FOR EACH ROW EXECUTE FUNCTION xingfu_no_delete();

GRANT SELECT, INSERT, UPDATE ON benefit_application, benefit_objection, benefit_enrolment, payment_roll TO xingfu_app;
GRANT SELECT, INSERT ON benefit_application_step TO xingfu_app;
GRANT SELECT, INSERT, DELETE ON payment_line TO xingfu_app;

-- Row-level security. Reading follows benefits.read; the village and township steps need
-- benefits.confirm within their own scope; approval, enrolments and rolls need benefits.manage.
ALTER TABLE benefit_application ENABLE ROW LEVEL SECURITY;
CREATE POLICY benefit_application_read ON benefit_application FOR SELECT TO xingfu_app
  USING (district_code = (SELECT xingfu_district()) AND (
    (SELECT xingfu_reaches_all('benefits.read'))
    OR township_code = ANY ((SELECT xingfu_reach_list('benefits.read', 'townships'))::text[])
    OR village_code = ANY ((SELECT xingfu_reach_list('benefits.read', 'villages'))::text[])));
CREATE POLICY benefit_application_insert ON benefit_application FOR INSERT TO xingfu_app
  WITH CHECK (district_code = xingfu_district() AND (xingfu_reaches_all('benefits.manage') OR xingfu_in_reach('benefits.confirm', township_code, village_code)));
CREATE POLICY benefit_application_update ON benefit_application FOR UPDATE TO xingfu_app
  USING (district_code = xingfu_district() AND (xingfu_reaches_all('benefits.manage') OR xingfu_in_reach('benefits.confirm', township_code, village_code)))
  WITH CHECK (district_code = xingfu_district() AND (xingfu_reaches_all('benefits.manage') OR xingfu_in_reach('benefits.confirm', township_code, village_code)));

ALTER TABLE benefit_application_step ENABLE ROW LEVEL SECURITY;
CREATE POLICY benefit_application_step_read ON benefit_application_step FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND EXISTS (SELECT 1 FROM benefit_application a WHERE a.district_code = benefit_application_step.district_code AND a.id = application_id));
CREATE POLICY benefit_application_step_insert ON benefit_application_step FOR INSERT TO xingfu_app
  WITH CHECK (district_code = xingfu_district() AND EXISTS (SELECT 1 FROM benefit_application a WHERE a.district_code = benefit_application_step.district_code AND a.id = application_id));

ALTER TABLE benefit_objection ENABLE ROW LEVEL SECURITY;
CREATE POLICY benefit_objection_read ON benefit_objection FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND EXISTS (SELECT 1 FROM benefit_application a WHERE a.district_code = benefit_objection.district_code AND a.id = application_id));
CREATE POLICY benefit_objection_write ON benefit_objection FOR INSERT TO xingfu_app
  WITH CHECK (district_code = xingfu_district() AND EXISTS (SELECT 1 FROM benefit_application a WHERE a.district_code = benefit_objection.district_code AND a.id = application_id
    AND (xingfu_reaches_all('benefits.manage') OR xingfu_in_reach('benefits.confirm', a.township_code, a.village_code))));
CREATE POLICY benefit_objection_update ON benefit_objection FOR UPDATE TO xingfu_app
  USING (district_code = xingfu_district() AND EXISTS (SELECT 1 FROM benefit_application a WHERE a.district_code = benefit_objection.district_code AND a.id = application_id
    AND (xingfu_reaches_all('benefits.manage') OR xingfu_in_reach('benefits.confirm', a.township_code, a.village_code))));

ALTER TABLE benefit_enrolment ENABLE ROW LEVEL SECURITY;
CREATE POLICY benefit_enrolment_read ON benefit_enrolment FOR SELECT TO xingfu_app
  USING (district_code = (SELECT xingfu_district()) AND (
    (SELECT xingfu_reaches_all('benefits.read'))
    OR township_code = ANY ((SELECT xingfu_reach_list('benefits.read', 'townships'))::text[])
    OR village_code = ANY ((SELECT xingfu_reach_list('benefits.read', 'villages'))::text[])));
CREATE POLICY benefit_enrolment_write ON benefit_enrolment FOR INSERT TO xingfu_app
  WITH CHECK (district_code = xingfu_district() AND xingfu_reaches_all('benefits.manage'));
CREATE POLICY benefit_enrolment_update ON benefit_enrolment FOR UPDATE TO xingfu_app
  USING (district_code = xingfu_district() AND xingfu_reaches_all('benefits.manage'))
  WITH CHECK (district_code = xingfu_district() AND xingfu_reaches_all('benefits.manage'));

ALTER TABLE payment_roll ENABLE ROW LEVEL SECURITY;
CREATE POLICY payment_roll_read ON payment_roll FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND xingfu_reach('benefits.read') <> '{}'::jsonb);
CREATE POLICY payment_roll_insert ON payment_roll FOR INSERT TO xingfu_app
  WITH CHECK (district_code = xingfu_district() AND xingfu_reaches_all('benefits.manage'));
CREATE POLICY payment_roll_update ON payment_roll FOR UPDATE TO xingfu_app
  USING (district_code = xingfu_district() AND xingfu_reaches_all('benefits.manage'))
  WITH CHECK (district_code = xingfu_district() AND xingfu_reaches_all('benefits.manage'));

ALTER TABLE payment_line ENABLE ROW LEVEL SECURITY;
CREATE POLICY payment_line_read ON payment_line FOR SELECT TO xingfu_app
  USING (district_code = (SELECT xingfu_district()) AND (
    (SELECT xingfu_reaches_all('benefits.read'))
    OR township_code = ANY ((SELECT xingfu_reach_list('benefits.read', 'townships'))::text[])
    OR village_code = ANY ((SELECT xingfu_reach_list('benefits.read', 'villages'))::text[])));
CREATE POLICY payment_line_insert ON payment_line FOR INSERT TO xingfu_app
  WITH CHECK (district_code = (SELECT xingfu_district()) AND (SELECT xingfu_reaches_all('benefits.manage')));
CREATE POLICY payment_line_delete ON payment_line FOR DELETE TO xingfu_app
  USING (district_code = (SELECT xingfu_district()) AND (SELECT xingfu_reaches_all('benefits.manage')));

-- Reading relationships and disability assessments: a reader who reaches the whole district
-- skips the per-row look-up of the person (the benefits read the whole register's families).
DROP POLICY relationship_read ON relationship;
CREATE POLICY relationship_read ON relationship FOR SELECT TO xingfu_app
  USING (district_code = (SELECT xingfu_district()) AND ((SELECT xingfu_reaches_all('registry.read'))
    OR EXISTS (SELECT 1 FROM person p WHERE p.district_code = relationship.district_code AND p.id = relationship.person_id)));
DROP POLICY disability_read ON disability_assessment;
CREATE POLICY disability_read ON disability_assessment FOR SELECT TO xingfu_app
  USING (district_code = (SELECT xingfu_district()) AND ((SELECT xingfu_reaches_all('registry.read'))
    OR EXISTS (SELECT 1 FROM person p WHERE p.district_code = disability_assessment.district_code AND p.id = disability_assessment.person_id)));
