-- Roster imports that bring a register up to date: a change recorded from a confirmed import
-- (a new phone number, a one-child certificate, a marital status other than marriage or divorce)
-- is a life event of its own kind, and each township's choices of which of its spreadsheet
-- columns holds which field are remembered for its next file.

ALTER TABLE life_event DROP CONSTRAINT life_event_kind_check;
ALTER TABLE life_event ADD CONSTRAINT life_event_kind_check CHECK (kind IN ('birth', 'death', 'adoption', 'marriage', 'divorce',
  'move_in', 'move_out', 'disability_assessed', 'hukou_change', 'registered', 'corrected', 'changed'));

CREATE TABLE import_column_mapping (
  district_code text NOT NULL,
  township_code text NOT NULL,
  -- The header as written in the township's files, normalised (no spaces, brackets or punctuation).
  header text NOT NULL CHECK (length(header) BETWEEN 1 AND 100),
  -- The roster field the column holds; NULL: the township ignores this column.
  field text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  PRIMARY KEY (district_code, township_code, header),
  FOREIGN KEY (district_code, township_code) REFERENCES township (district_code, code)
);
