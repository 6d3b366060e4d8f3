-- Coordination (部门协调): the implementation plan and its responsibilities, the indicators the
-- member departments report (configuration, as DHIS2 data sets), the monthly reports with their
-- review (draft → submitted → returned → resubmitted → accepted; accepted is locked), bulletins
-- (通报; published ones are frozen and numbered once per year), meetings with action items, and
-- notices with read receipts.
--
-- Reach: coord.read (the office and the auditor: the district; a liaison: the own department),
-- coord.report (a liaison files the own department's reports), coord.manage (the office).

CREATE FUNCTION xingfu_coord_reads(department text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT xingfu_reaches_all('coord.read') OR department = ANY (xingfu_reach_list('coord.read', 'departments'))
$$;

CREATE FUNCTION xingfu_coord_member() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT xingfu_reaches_all('coord.read') OR cardinality(xingfu_reach_list('coord.read', 'departments')) > 0
$$;

CREATE FUNCTION xingfu_coord_files(department text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT department = ANY (xingfu_reach_list('coord.report', 'departments'))
$$;

CREATE FUNCTION xingfu_coord_manages() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT xingfu_reaches_all('coord.manage')
$$;

CREATE TABLE coord_setting (
  district_code text PRIMARY KEY REFERENCES district (district_code),
  due_day integer NOT NULL DEFAULT 5 CHECK (due_day BETWEEN 1 AND 28),
  reminder_days integer NOT NULL DEFAULT 3 CHECK (reminder_days BETWEEN 0 AND 15),
  document_prefix text NOT NULL CHECK (length(document_prefix) BETWEEN 1 AND 30),
  issuer text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 60),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE coord_plan (
  district_code text NOT NULL REFERENCES district (district_code),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  doc_number text NOT NULL,
  issued_on date NOT NULL,
  goals text NOT NULL,
  measures text NOT NULL,
  PRIMARY KEY (district_code, year)
);

CREATE TABLE coord_responsibility (
  district_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  year integer NOT NULL,
  area text NOT NULL CHECK (area IN ('civility', 'health', 'eugenics', 'prosperity', 'dedication')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text NOT NULL CHECK (length(description) <= 2000),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done')),
  sort_order integer NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, year) REFERENCES coord_plan (district_code, year)
);

CREATE TABLE coord_responsibility_department (
  district_code text NOT NULL,
  responsibility_id uuid NOT NULL,
  department_code text NOT NULL,
  lead boolean NOT NULL DEFAULT false,
  position integer NOT NULL DEFAULT 0,
  PRIMARY KEY (district_code, responsibility_id, department_code),
  FOREIGN KEY (district_code, responsibility_id) REFERENCES coord_responsibility (district_code, id) ON DELETE CASCADE,
  FOREIGN KEY (district_code, department_code) REFERENCES department (district_code, code)
);
CREATE UNIQUE INDEX coord_responsibility_one_lead ON coord_responsibility_department (district_code, responsibility_id) WHERE lead;

CREATE TABLE coord_indicator (
  district_code text NOT NULL REFERENCES district (district_code),
  code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 10),
  aggregation text NOT NULL CHECK (aggregation IN ('sum', 'last', 'max')),
  integer_only boolean NOT NULL DEFAULT true,
  min_value numeric NOT NULL DEFAULT 0 CHECK (min_value >= 0),
  max_value numeric CHECK (max_value IS NULL OR max_value >= min_value),
  active boolean NOT NULL DEFAULT true,
  sort_order integer NOT NULL DEFAULT 0,
  PRIMARY KEY (district_code, code),
  UNIQUE (district_code, name)
);

CREATE TABLE coord_indicator_department (
  district_code text NOT NULL,
  indicator_code text NOT NULL,
  department_code text NOT NULL,
  PRIMARY KEY (district_code, indicator_code, department_code),
  FOREIGN KEY (district_code, indicator_code) REFERENCES coord_indicator (district_code, code) ON DELETE CASCADE,
  FOREIGN KEY (district_code, department_code) REFERENCES department (district_code, code)
);

-- left <operator> right × factor, checked when a report is submitted.
CREATE TABLE coord_rule (
  district_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  left_code text NOT NULL,
  operator text NOT NULL CHECK (operator IN ('<=', '<', '>=', '>', '=')),
  right_code text NOT NULL,
  factor numeric NOT NULL DEFAULT 1 CHECK (factor > 0),
  message text NOT NULL CHECK (length(message) BETWEEN 1 AND 200),
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, left_code) REFERENCES coord_indicator (district_code, code) ON DELETE CASCADE,
  FOREIGN KEY (district_code, right_code) REFERENCES coord_indicator (district_code, code) ON DELETE CASCADE,
  CHECK (left_code <> right_code)
);

CREATE TABLE coord_report (
  district_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  department_code text NOT NULL,
  period date NOT NULL CHECK (extract(day FROM period) = 1),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
  progress text NOT NULL DEFAULT '' CHECK (length(progress) <= 5000),
  work text NOT NULL DEFAULT '' CHECK (length(work) <= 5000),
  effect text NOT NULL DEFAULT '' CHECK (length(effect) <= 5000),
  problems text NOT NULL DEFAULT '' CHECK (length(problems) <= 5000),
  -- Timeliness is decided by the first submission; a resubmission after a return does not reset it.
  first_submitted_at timestamptz,
  submitted_at timestamptz,
  accepted_at timestamptz,
  accepted_by text,
  return_comment text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (district_code, id),
  UNIQUE (district_code, department_code, period),
  FOREIGN KEY (district_code, department_code) REFERENCES department (district_code, code),
  CHECK (status = 'draft' OR first_submitted_at IS NOT NULL),
  CHECK (status <> 'accepted' OR accepted_at IS NOT NULL)
);
CREATE INDEX coord_report_period ON coord_report (district_code, period);

CREATE TABLE coord_report_value (
  district_code text NOT NULL,
  report_id uuid NOT NULL,
  department_code text NOT NULL,
  indicator_code text NOT NULL,
  value numeric NOT NULL CHECK (value >= 0),
  PRIMARY KEY (district_code, report_id, indicator_code),
  FOREIGN KEY (district_code, report_id) REFERENCES coord_report (district_code, id),
  FOREIGN KEY (district_code, indicator_code) REFERENCES coord_indicator (district_code, code)
);

CREATE TABLE coord_report_event (
  district_code text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  report_id uuid NOT NULL,
  department_code text NOT NULL,
  action text NOT NULL CHECK (action IN ('saved', 'submitted', 'returned', 'resubmitted', 'accepted')),
  comment text,
  actor_name text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, report_id) REFERENCES coord_report (district_code, id)
);
CREATE INDEX coord_report_event_report ON coord_report_event (district_code, report_id, id);

CREATE TABLE coord_attachment (
  district_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  report_id uuid NOT NULL,
  department_code text NOT NULL,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  content_type text NOT NULL,
  size integer NOT NULL CHECK (size BETWEEN 1 AND 10485760),
  content bytea NOT NULL,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, report_id) REFERENCES coord_report (district_code, id)
);
CREATE INDEX coord_attachment_report ON coord_attachment (district_code, report_id);

-- An accepted report is locked: neither it, its values nor its attachments change any more.
CREATE FUNCTION xingfu_coord_report_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'coord_report' THEN
    IF OLD.status = 'accepted' THEN
      RAISE EXCEPTION 'accepted report % is locked', OLD.id USING ERRCODE = 'check_violation';
    END IF;
  ELSIF EXISTS (SELECT 1 FROM coord_report r WHERE r.district_code = OLD.district_code AND r.id = OLD.report_id AND r.status = 'accepted') THEN
    RAISE EXCEPTION 'accepted report % is locked', OLD.report_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER coord_report_locked BEFORE UPDATE OR DELETE ON coord_report
  FOR EACH ROW EXECUTE FUNCTION xingfu_coord_report_locked();
CREATE TRIGGER coord_report_value_locked BEFORE UPDATE OR DELETE ON coord_report_value
  FOR EACH ROW EXECUTE FUNCTION xingfu_coord_report_locked();
CREATE TRIGGER coord_attachment_locked BEFORE UPDATE OR DELETE ON coord_attachment
  FOR EACH ROW EXECUTE FUNCTION xingfu_coord_report_locked();

CREATE FUNCTION xingfu_coord_value_insert_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM coord_report r WHERE r.district_code = NEW.district_code AND r.id = NEW.report_id AND r.status = 'accepted') THEN
    RAISE EXCEPTION 'accepted report % is locked', NEW.report_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER coord_report_value_insert_locked BEFORE INSERT ON coord_report_value
  FOR EACH ROW EXECUTE FUNCTION xingfu_coord_value_insert_locked();
CREATE TRIGGER coord_attachment_insert_locked BEFORE INSERT ON coord_attachment
  FOR EACH ROW EXECUTE FUNCTION xingfu_coord_value_insert_locked();

CREATE TABLE coord_bulletin (
  district_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}(-[0-9]{2}|-Q[1-4])?$'),
  kind text NOT NULL CHECK (kind IN ('month', 'quarter', 'year')),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  intro text NOT NULL CHECK (length(intro) <= 2000),
  closing text NOT NULL CHECK (length(closing) <= 2000),
  -- The figures, as computed from accepted reports when the draft was made or last refreshed.
  content jsonb NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  serial integer CHECK (serial > 0),
  number text,
  issued_on date,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_by text,
  published_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (district_code, id),
  UNIQUE (district_code, year, serial),
  CHECK (status = 'draft' OR (serial IS NOT NULL AND number IS NOT NULL AND issued_on IS NOT NULL))
);

CREATE FUNCTION xingfu_coord_bulletin_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'published bulletin % is read-only', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER coord_bulletin_frozen BEFORE UPDATE OR DELETE ON coord_bulletin
  FOR EACH ROW EXECUTE FUNCTION xingfu_coord_bulletin_frozen();

CREATE TABLE coord_meeting (
  district_code text NOT NULL REFERENCES district (district_code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('work', 'coordination')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  starts_at timestamptz NOT NULL,
  place text NOT NULL CHECK (length(place) BETWEEN 1 AND 100),
  chair text NOT NULL CHECK (length(chair) BETWEEN 1 AND 60),
  -- [{title, actionItemId, carried}]: the items set when scheduled, then the action items still
  -- open, carried over automatically (kept as they stood when the minutes were recorded).
  agenda jsonb NOT NULL DEFAULT '[]',
  minutes text CHECK (length(minutes) <= 20000),
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'held')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (district_code, id),
  CHECK (status = 'scheduled' OR minutes IS NOT NULL)
);

CREATE TABLE coord_meeting_attendee (
  district_code text NOT NULL,
  meeting_id uuid NOT NULL,
  department_code text NOT NULL,
  present boolean,
  PRIMARY KEY (district_code, meeting_id, department_code),
  FOREIGN KEY (district_code, meeting_id) REFERENCES coord_meeting (district_code, id) ON DELETE CASCADE,
  FOREIGN KEY (district_code, department_code) REFERENCES department (district_code, code)
);

CREATE TABLE coord_action_item (
  district_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  meeting_id uuid,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  owner_department text NOT NULL,
  due_on date NOT NULL,
  done_at timestamptz,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, meeting_id) REFERENCES coord_meeting (district_code, id),
  FOREIGN KEY (district_code, owner_department) REFERENCES department (district_code, code)
);
CREATE INDEX coord_action_item_open ON coord_action_item (district_code, due_on) WHERE done_at IS NULL;

CREATE TABLE coord_action_note (
  district_code text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  action_item_id uuid NOT NULL,
  owner_department text NOT NULL,
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
  actor_name text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, action_item_id) REFERENCES coord_action_item (district_code, id)
);

CREATE TABLE coord_notice (
  district_code text NOT NULL REFERENCES district (district_code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  sent_by text NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, id)
);

CREATE TABLE coord_notice_recipient (
  district_code text NOT NULL,
  notice_id uuid NOT NULL,
  department_code text NOT NULL,
  read_at timestamptz,
  read_by text,
  PRIMARY KEY (district_code, notice_id, department_code),
  FOREIGN KEY (district_code, notice_id) REFERENCES coord_notice (district_code, id),
  FOREIGN KEY (district_code, department_code) REFERENCES department (district_code, code),
  CHECK ((read_at IS NULL) = (read_by IS NULL))
);
CREATE INDEX coord_notice_recipient_department ON coord_notice_recipient (district_code, department_code, notice_id);

GRANT SELECT ON coord_setting, coord_plan, coord_responsibility, coord_responsibility_department, coord_indicator,
  coord_indicator_department, coord_rule, coord_report, coord_report_value, coord_report_event, coord_attachment,
  coord_bulletin, coord_meeting, coord_meeting_attendee, coord_action_item, coord_action_note, coord_notice,
  coord_notice_recipient TO xingfu_app;
GRANT INSERT, UPDATE ON coord_setting, coord_plan, coord_responsibility, coord_indicator, coord_report, coord_report_value,
  coord_bulletin, coord_meeting, coord_meeting_attendee, coord_action_item, coord_notice_recipient TO xingfu_app;
GRANT INSERT ON coord_report_event, coord_action_note, coord_notice TO xingfu_app;
GRANT INSERT, DELETE ON coord_responsibility_department, coord_indicator_department, coord_rule, coord_attachment TO xingfu_app;
GRANT DELETE ON coord_report_value, coord_bulletin TO xingfu_app;

-- Configuration: every member reads it, the office changes it.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['coord_setting', 'coord_plan', 'coord_responsibility', 'coord_responsibility_department',
                           'coord_indicator', 'coord_indicator_department', 'coord_rule', 'coord_meeting',
                           'coord_meeting_attendee', 'coord_action_item', 'coord_action_note'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO xingfu_app USING (district_code = xingfu_district() AND xingfu_coord_member())', t || '_read', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR ALL TO xingfu_app USING (district_code = xingfu_district() AND xingfu_coord_manages()) WITH CHECK (district_code = xingfu_district() AND xingfu_coord_manages())', t || '_manage', t);
  END LOOP;
END $$;

-- A liaison moves the status of a responsibility assigned to the own department.
CREATE POLICY coord_responsibility_liaison ON coord_responsibility FOR UPDATE TO xingfu_app
  USING (district_code = xingfu_district() AND EXISTS (
    SELECT 1 FROM coord_responsibility_department d
     WHERE d.district_code = coord_responsibility.district_code AND d.responsibility_id = coord_responsibility.id
       AND xingfu_coord_files(d.department_code)))
  WITH CHECK (district_code = xingfu_district());

-- The owner department's liaison records progress on its action items and closes them.
CREATE POLICY coord_action_item_owner ON coord_action_item FOR UPDATE TO xingfu_app
  USING (district_code = xingfu_district() AND xingfu_coord_files(owner_department))
  WITH CHECK (district_code = xingfu_district() AND xingfu_coord_files(owner_department));
CREATE POLICY coord_action_note_owner ON coord_action_note FOR INSERT TO xingfu_app
  WITH CHECK (district_code = xingfu_district() AND xingfu_coord_files(owner_department));

-- Reports with their values, history and attachments: the own department's for a liaison, all
-- for the office (which reviews them).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['coord_report', 'coord_report_value', 'coord_report_event', 'coord_attachment'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO xingfu_app USING (district_code = xingfu_district() AND xingfu_coord_reads(department_code))', t || '_read', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR ALL TO xingfu_app USING (district_code = xingfu_district() AND (xingfu_coord_files(department_code) OR xingfu_coord_manages())) WITH CHECK (district_code = xingfu_district() AND (xingfu_coord_files(department_code) OR xingfu_coord_manages()))', t || '_write', t);
  END LOOP;
END $$;

-- Bulletins: drafts are the office's; published ones are read by every member.
ALTER TABLE coord_bulletin ENABLE ROW LEVEL SECURITY;
CREATE POLICY coord_bulletin_read ON coord_bulletin FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND (xingfu_coord_manages() OR (status = 'published' AND xingfu_coord_member())));
CREATE POLICY coord_bulletin_manage ON coord_bulletin FOR ALL TO xingfu_app
  USING (district_code = xingfu_district() AND xingfu_coord_manages())
  WITH CHECK (district_code = xingfu_district() AND xingfu_coord_manages());

-- Notices: the office sends and sees receipts; a department sees the notices sent to it.
ALTER TABLE coord_notice ENABLE ROW LEVEL SECURITY;
CREATE POLICY coord_notice_read ON coord_notice FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND (xingfu_coord_manages() OR xingfu_reaches_all('coord.read') OR EXISTS (
    SELECT 1 FROM coord_notice_recipient r
     WHERE r.district_code = coord_notice.district_code AND r.notice_id = coord_notice.id AND xingfu_coord_reads(r.department_code))));
CREATE POLICY coord_notice_manage ON coord_notice FOR INSERT TO xingfu_app
  WITH CHECK (district_code = xingfu_district() AND xingfu_coord_manages());
ALTER TABLE coord_notice_recipient ENABLE ROW LEVEL SECURITY;
CREATE POLICY coord_notice_recipient_read ON coord_notice_recipient FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND xingfu_coord_reads(department_code));
CREATE POLICY coord_notice_recipient_manage ON coord_notice_recipient FOR INSERT TO xingfu_app
  WITH CHECK (district_code = xingfu_district() AND xingfu_coord_manages());
CREATE POLICY coord_notice_recipient_receipt ON coord_notice_recipient FOR UPDATE TO xingfu_app
  USING (district_code = xingfu_district() AND xingfu_coord_files(department_code))
  WITH CHECK (district_code = xingfu_district() AND xingfu_coord_files(department_code));
