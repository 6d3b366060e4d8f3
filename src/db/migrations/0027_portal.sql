-- The public portal (门户网站): the campaign's news articles, every revision kept, approved by a
-- second person and signed; the office's list of approved outside link domains; the integrity
-- findings of the server's own checks; content-addressed images.
--
-- Readers of the public portal are served by the server as the internal actor with the
-- permission portal.public (granted to no role): it sees approved revisions of published
-- articles and the images they use, adds views and records findings — nothing else.

CREATE TABLE portal_article (
  district_code text NOT NULL REFERENCES district (district_code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- What the public sees: nothing yet (draft), the published revision, or nothing any more (withdrawn).
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'withdrawn')),
  -- The approved revision the public is served (with those before it as the fallback), from publish_at on.
  published_revision integer,
  publish_at timestamptz,
  withdrawn_reason text CHECK (length(withdrawn_reason) <= 500),
  view_count bigint NOT NULL DEFAULT 0 CHECK (view_count >= 0),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, id),
  CHECK (state <> 'published' OR (published_revision IS NOT NULL AND publish_at IS NOT NULL))
);

CREATE TABLE portal_revision (
  district_code text NOT NULL,
  article_id uuid NOT NULL,
  number integer NOT NULL CHECK (number >= 1),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body_html text NOT NULL CHECK (length(body_html) <= 400000),
  -- The script the article was written in: hans (简体) or hant (繁體); readers may switch.
  script text NOT NULL CHECK (script IN ('hans', 'hant')),
  -- The publication date shown to readers.
  published_on date NOT NULL,
  note text CHECK (length(note) <= 500),
  author text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  submitted_by text,
  submitted_at timestamptz,
  returned_reason text CHECK (length(returned_reason) <= 500),
  -- Approval (审核): by someone other than the author, with the hash of the canonical article
  -- and its signature under a key the database never sees.
  approved_by text,
  approved_at timestamptz,
  content_hash text CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  signature text,
  key_id text,
  PRIMARY KEY (district_code, article_id, number),
  FOREIGN KEY (district_code, article_id) REFERENCES portal_article (district_code, id),
  CHECK (approved_by IS NULL OR approved_by <> author),
  CHECK ((approved_by IS NULL) = (approved_at IS NULL) AND (approved_by IS NULL) = (signature IS NULL) AND (approved_by IS NULL) = (content_hash IS NULL))
);

CREATE TABLE portal_media (
  district_code text NOT NULL REFERENCES district (district_code),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  mime text NOT NULL CHECK (mime IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
  bytes bytea NOT NULL CHECK (octet_length(bytes) <= 5242880),
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, sha256)
);

CREATE TABLE portal_link_domain (
  district_code text NOT NULL REFERENCES district (district_code),
  domain text NOT NULL CHECK (domain ~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$'),
  note text NOT NULL CHECK (length(note) BETWEEN 1 AND 200),
  added_by text NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, domain)
);

-- What the checks found: the read path refusing a revision whose signature does not match
-- (source 'serve'), the server's scheduled check and `xingfu portal check` (source 'check').
CREATE TABLE portal_check_run (
  district_code text NOT NULL REFERENCES district (district_code),
  id bigint GENERATED ALWAYS AS IDENTITY,
  source text NOT NULL CHECK (source IN ('schedule', 'cli')),
  public_url text NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  checked integer NOT NULL CHECK (checked >= 0),
  findings integer NOT NULL CHECK (findings >= 0),
  PRIMARY KEY (district_code, id)
);

CREATE TABLE portal_finding (
  district_code text NOT NULL REFERENCES district (district_code),
  id bigint GENERATED ALWAYS AS IDENTITY,
  source text NOT NULL CHECK (source IN ('serve', 'check')),
  check_run bigint,
  url text NOT NULL CHECK (length(url) <= 2000),
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z-]*$'),
  detail text NOT NULL CHECK (length(detail) <= 2000),
  user_agent text CHECK (length(user_agent) <= 300),
  found_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, id)
);
CREATE INDEX portal_finding_recent ON portal_finding (district_code, found_at DESC);

GRANT SELECT, INSERT, UPDATE ON portal_article, portal_revision TO xingfu_app;
GRANT SELECT, INSERT ON portal_media, portal_check_run, portal_finding TO xingfu_app;
GRANT SELECT, INSERT, DELETE ON portal_link_domain TO xingfu_app;

ALTER TABLE portal_article ENABLE ROW LEVEL SECURITY;
ALTER TABLE portal_revision ENABLE ROW LEVEL SECURITY;
ALTER TABLE portal_media ENABLE ROW LEVEL SECURITY;
ALTER TABLE portal_link_domain ENABLE ROW LEVEL SECURITY;
ALTER TABLE portal_check_run ENABLE ROW LEVEL SECURITY;
ALTER TABLE portal_finding ENABLE ROW LEVEL SECURITY;

CREATE FUNCTION xingfu_portal_staff() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT xingfu_reaches_all('portal.edit') OR xingfu_reaches_all('portal.approve')
$$;

CREATE POLICY portal_article_read ON portal_article FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND (xingfu_portal_staff() OR (xingfu_reaches_all('portal.public') AND state = 'published')));
CREATE POLICY portal_article_insert ON portal_article FOR INSERT TO xingfu_app
  WITH CHECK (district_code = xingfu_district() AND xingfu_reaches_all('portal.edit'));
CREATE POLICY portal_article_update ON portal_article FOR UPDATE TO xingfu_app
  USING (district_code = xingfu_district() AND (xingfu_portal_staff() OR xingfu_reaches_all('portal.public')))
  WITH CHECK (district_code = xingfu_district() AND (xingfu_portal_staff() OR (xingfu_reaches_all('portal.public') AND state = 'published')));

CREATE POLICY portal_revision_read ON portal_revision FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND (xingfu_portal_staff() OR (xingfu_reaches_all('portal.public') AND approved_at IS NOT NULL
    AND EXISTS (SELECT 1 FROM portal_article a WHERE a.district_code = portal_revision.district_code AND a.id = portal_revision.article_id AND a.state = 'published'))));
CREATE POLICY portal_revision_insert ON portal_revision FOR INSERT TO xingfu_app
  WITH CHECK (district_code = xingfu_district() AND xingfu_reaches_all('portal.edit'));
CREATE POLICY portal_revision_update ON portal_revision FOR UPDATE TO xingfu_app
  USING (district_code = xingfu_district() AND xingfu_portal_staff()) WITH CHECK (district_code = xingfu_district() AND xingfu_portal_staff());

CREATE POLICY portal_media_read ON portal_media FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND (xingfu_portal_staff() OR xingfu_reaches_all('portal.public')));
CREATE POLICY portal_media_insert ON portal_media FOR INSERT TO xingfu_app
  WITH CHECK (district_code = xingfu_district() AND xingfu_reaches_all('portal.edit'));

CREATE POLICY portal_link_domain_read ON portal_link_domain FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND (xingfu_portal_staff() OR xingfu_reaches_all('portal.public')));
CREATE POLICY portal_link_domain_write ON portal_link_domain FOR ALL TO xingfu_app
  USING (district_code = xingfu_district() AND xingfu_reaches_all('portal.approve'))
  WITH CHECK (district_code = xingfu_district() AND xingfu_reaches_all('portal.approve'));

CREATE POLICY portal_check_run_read ON portal_check_run FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND xingfu_portal_staff());
CREATE POLICY portal_check_run_insert ON portal_check_run FOR INSERT TO xingfu_app
  WITH CHECK (district_code = xingfu_district() AND (xingfu_portal_staff() OR xingfu_reaches_all('portal.public')));
CREATE POLICY portal_finding_read ON portal_finding FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND xingfu_portal_staff());
CREATE POLICY portal_finding_insert ON portal_finding FOR INSERT TO xingfu_app
  WITH CHECK (district_code = xingfu_district() AND (xingfu_portal_staff() OR xingfu_reaches_all('portal.public')));

-- The policy pages quote the programmes' parameters to the public.
CREATE POLICY programme_parameter_public_read ON programme_parameter FOR SELECT TO xingfu_app
  USING (district_code = xingfu_district() AND xingfu_reaches_all('portal.public'));

-- The beneficiaries' public notices (公示) while they run, masked: the surname and the last
-- character of the name, the village, the programme. Nothing else of the register is readable
-- by the public actor.
CREATE FUNCTION xingfu_portal_notices(on_date date)
  RETURNS TABLE (stage text, township text, village text, masked_name text, programme text, notice_from date, notice_until date)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT CASE a.state WHEN 'village_notice' THEN 'village' ELSE 'township' END,
         t.name, v.name,
         CASE WHEN char_length(p.name) <= 1 THEN p.name
              WHEN char_length(p.name) = 2 THEN left(p.name, 1) || '*'
              ELSE left(p.name, 1) || repeat('*', char_length(p.name) - 2) || right(p.name, 1) END,
         a.programme,
         CASE a.state WHEN 'village_notice' THEN a.village_notice_from ELSE a.township_notice_from END,
         CASE a.state WHEN 'village_notice' THEN a.village_notice_until ELSE a.township_notice_until END
    FROM benefit_application a
    JOIN person p ON p.district_code = a.district_code AND p.id = a.person_id
    JOIN township t ON t.district_code = a.district_code AND t.code = a.township_code
    JOIN village v ON v.district_code = a.district_code AND v.code = a.village_code
   WHERE xingfu_reaches_all('portal.public') AND a.district_code = xingfu_district()
     AND ((a.state = 'village_notice' AND on_date BETWEEN a.village_notice_from AND a.village_notice_until)
       OR (a.state = 'township_notice' AND on_date BETWEEN a.township_notice_from AND a.township_notice_until))
   ORDER BY t.sort_order, t.code, v.code, a.programme, p.name_pinyin
$$;
REVOKE ALL ON FUNCTION xingfu_portal_notices(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION xingfu_portal_notices(date) TO xingfu_app;

-- The server keeps approved pages in memory: a change to the articles, their revisions, the
-- images or the link list (by the app or straight in the database) drops them, and the next
-- read verifies the signatures again.
CREATE FUNCTION xingfu_portal_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('portal_content', '');
  RETURN NULL;
END $$;
CREATE TRIGGER portal_revision_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON portal_revision
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_portal_changed();
CREATE TRIGGER portal_media_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON portal_media
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_portal_changed();
CREATE TRIGGER portal_link_domain_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON portal_link_domain
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_portal_changed();
-- The view counts change the article row all day long: only a change of what is served notifies.
CREATE TRIGGER portal_article_changed AFTER UPDATE OF state, published_revision, publish_at ON portal_article
  FOR EACH ROW EXECUTE FUNCTION xingfu_portal_changed();
CREATE TRIGGER portal_article_removed AFTER DELETE OR TRUNCATE ON portal_article
  FOR EACH STATEMENT EXECUTE FUNCTION xingfu_portal_changed();
