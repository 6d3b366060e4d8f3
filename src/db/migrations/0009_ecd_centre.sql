-- The early childhood development centre's work beyond the growth archive: the centre's head (who
-- alone among staff still sees an archive whose consent was withdrawn), its teachers and rooms,
-- WHO motor milestones observed per child, the library of parent-child activity plans, classes
-- with their children, scheduled sessions and attendance.

ALTER TABLE user_grant DROP CONSTRAINT user_grant_role_check;
ALTER TABLE user_grant ADD CONSTRAINT user_grant_role_check CHECK (role IN ('office', 'liaison', 'township', 'village', 'teacher',
  'centre_head', 'parent', 'auditor', 'sysadmin', 'secadmin'));

-- Staff see a child while consent stands; the centre's head (ecd.head) also after it is withdrawn.
CREATE OR REPLACE FUNCTION xingfu_ecd_visible(p_district text, p_child uuid, p_withdrawn timestamptz) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
  SELECT p_district = xingfu_district() AND (
    (xingfu_reaches_all('ecd.read') AND (p_withdrawn IS NULL OR xingfu_reaches_all('ecd.head')))
    OR EXISTS (SELECT 1 FROM ecd_guardian g WHERE g.district_code = p_district AND g.child_id = p_child AND g.user_id = xingfu_user_id()))
$$;

CREATE TABLE ecd_teacher (
  district_code text NOT NULL REFERENCES district (district_code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  qualification text NOT NULL DEFAULT '' CHECK (length(qualification) <= 100),
  -- The teacher's account, when the teacher signs in.
  user_id uuid,
  -- Contact hours a week the teacher is planned for (teacher load is measured against it).
  weekly_hours integer NOT NULL DEFAULT 20 CHECK (weekly_hours BETWEEN 1 AND 60),
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, user_id) REFERENCES app_user (district_code, id)
);

CREATE TABLE ecd_room (
  district_code text NOT NULL REFERENCES district (district_code),
  code text NOT NULL CHECK (code ~ '^[a-z0-9-]{1,20}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  area_m2 numeric(6, 1) NOT NULL CHECK (area_m2 > 0),
  -- Children at once (with a guardian each), from the room's area.
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 100),
  PRIMARY KEY (district_code, code)
);

-- WHO Multicentre Growth Reference Study motor milestones, as observed by a teacher.
CREATE TABLE ecd_milestone (
  district_code text NOT NULL,
  child_id uuid NOT NULL,
  milestone text NOT NULL CHECK (milestone IN ('sitting', 'crawling', 'standing_assisted', 'walking_assisted', 'standing_alone', 'walking_alone')),
  achieved_on date NOT NULL,
  observed_by text NOT NULL,
  note text CHECK (length(note) <= 500),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, child_id, milestone),
  FOREIGN KEY (district_code, child_id) REFERENCES ecd_child (district_code, id)
);

CREATE TABLE ecd_activity_plan (
  district_code text NOT NULL REFERENCES district (district_code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
  age_from_months integer NOT NULL CHECK (age_from_months BETWEEN 0 AND 72),
  age_to_months integer NOT NULL CHECK (age_to_months BETWEEN 0 AND 72),
  domain text NOT NULL CHECK (domain IN ('gross_motor', 'fine_motor', 'language', 'cognition', 'social_emotional')),
  goal text NOT NULL CHECK (length(goal) <= 500),
  materials text[] NOT NULL DEFAULT '{}',
  steps text[] NOT NULL CHECK (cardinality(steps) BETWEEN 1 AND 20),
  parent_guidance text NOT NULL CHECK (length(parent_guidance) <= 2000),
  minutes integer NOT NULL DEFAULT 30 CHECK (minutes BETWEEN 5 AND 120),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (district_code, id),
  CHECK (age_to_months >= age_from_months)
);

CREATE TABLE ecd_class (
  district_code text NOT NULL REFERENCES district (district_code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  age_from_months integer NOT NULL CHECK (age_from_months BETWEEN 0 AND 72),
  age_to_months integer NOT NULL CHECK (age_to_months BETWEEN 0 AND 72),
  teacher_id uuid NOT NULL,
  room_code text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (district_code, id),
  UNIQUE (district_code, name),
  FOREIGN KEY (district_code, teacher_id) REFERENCES ecd_teacher (district_code, id),
  FOREIGN KEY (district_code, room_code) REFERENCES ecd_room (district_code, code),
  CHECK (age_to_months >= age_from_months)
);

CREATE TABLE ecd_class_member (
  district_code text NOT NULL,
  class_id uuid NOT NULL,
  child_id uuid NOT NULL,
  joined_on date NOT NULL,
  left_on date,
  PRIMARY KEY (district_code, class_id, child_id),
  FOREIGN KEY (district_code, class_id) REFERENCES ecd_class (district_code, id),
  FOREIGN KEY (district_code, child_id) REFERENCES ecd_child (district_code, id)
);

CREATE TABLE ecd_session (
  district_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  class_id uuid NOT NULL,
  starts_at timestamptz NOT NULL,
  minutes integer NOT NULL CHECK (minutes BETWEEN 10 AND 240),
  teacher_id uuid NOT NULL,
  room_code text NOT NULL,
  activity_plan_id uuid,
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'held', 'cancelled')),
  note text CHECK (length(note) <= 500),
  created_by text NOT NULL,
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, class_id) REFERENCES ecd_class (district_code, id),
  FOREIGN KEY (district_code, teacher_id) REFERENCES ecd_teacher (district_code, id),
  FOREIGN KEY (district_code, room_code) REFERENCES ecd_room (district_code, code),
  FOREIGN KEY (district_code, activity_plan_id) REFERENCES ecd_activity_plan (district_code, id)
);
CREATE INDEX ecd_session_time ON ecd_session (district_code, starts_at);

CREATE TABLE ecd_attendance (
  district_code text NOT NULL,
  session_id uuid NOT NULL,
  child_id uuid NOT NULL,
  present boolean NOT NULL,
  note text CHECK (length(note) <= 200),
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, session_id, child_id),
  FOREIGN KEY (district_code, session_id) REFERENCES ecd_session (district_code, id),
  FOREIGN KEY (district_code, child_id) REFERENCES ecd_child (district_code, id)
);
CREATE INDEX ecd_attendance_child ON ecd_attendance (district_code, child_id);

GRANT SELECT ON ecd_teacher, ecd_room, ecd_milestone, ecd_activity_plan, ecd_class, ecd_class_member, ecd_session, ecd_attendance TO xingfu_app;
GRANT INSERT, UPDATE ON ecd_teacher, ecd_room, ecd_milestone, ecd_activity_plan, ecd_class, ecd_class_member, ecd_session, ecd_attendance TO xingfu_app;
GRANT DELETE ON ecd_milestone, ecd_class_member TO xingfu_app;

-- The centre's own organisation and library: staff read and write; a parent reads the plans (for
-- the guidance) and the sessions of their child's classes through the child-bound tables below.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ecd_teacher', 'ecd_room', 'ecd_activity_plan', 'ecd_class', 'ecd_session'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO xingfu_app USING (district_code = xingfu_district() AND (xingfu_reaches_all(''ecd.read'') OR xingfu_reaches_all(''ecd.own'')))', t || '_read', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR ALL TO xingfu_app USING (district_code = xingfu_district() AND xingfu_reaches_all(''ecd.write'')) WITH CHECK (district_code = xingfu_district() AND xingfu_reaches_all(''ecd.write''))', t || '_write', t);
  END LOOP;
END $$;

-- Child-bound records follow the child's visibility (staff while consent stands, the head always,
-- the child's parents); only staff write them, and not once consent is withdrawn.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ecd_milestone', 'ecd_class_member', 'ecd_attendance'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO xingfu_app USING (EXISTS (SELECT 1 FROM ecd_child c WHERE c.district_code = %I.district_code AND c.id = %I.child_id))', t || '_read', t, t, t);
    EXECUTE format('CREATE POLICY %I ON %I FOR ALL TO xingfu_app USING (district_code = xingfu_district() AND xingfu_reaches_all(''ecd.write'') AND EXISTS (SELECT 1 FROM ecd_child c WHERE c.district_code = %I.district_code AND c.id = %I.child_id AND c.consent_withdrawn_at IS NULL)) WITH CHECK (district_code = xingfu_district() AND xingfu_reaches_all(''ecd.write'') AND EXISTS (SELECT 1 FROM ecd_child c WHERE c.district_code = %I.district_code AND c.id = %I.child_id AND c.consent_withdrawn_at IS NULL))', t || '_write', t, t, t, t, t);
  END LOOP;
END $$;

-- When a guardian withdraws consent the child leaves its classes that day (the guardian cannot
-- write class records, and staff may no longer touch the child's rows, so the database does it).
CREATE FUNCTION xingfu_ecd_consent_withdrawn() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE ecd_class_member SET left_on = (now() AT TIME ZONE 'Asia/Shanghai')::date
   WHERE district_code = NEW.district_code AND child_id = NEW.id AND left_on IS NULL;
  RETURN NEW;
END $$;
CREATE TRIGGER ecd_child_consent_withdrawn AFTER UPDATE OF consent_withdrawn_at ON ecd_child
  FOR EACH ROW WHEN (OLD.consent_withdrawn_at IS NULL AND NEW.consent_withdrawn_at IS NOT NULL)
  EXECUTE FUNCTION xingfu_ecd_consent_withdrawn();
