/* ret-schema.h — the SQLite schema, one migration per version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Migrations are append-only: never edit one that has shipped; add the
 * next.  Version N is reached by running migrations[0..N-1] in order,
 * each in its own transaction.
 */

#pragma once

/* "RTRN", so that `file` and we ourselves can tell our databases apart */
#define RET_SCHEMA_APPLICATION_ID 0x5254524e

static const char * const ret_schema_migrations[] = {
  /* 1: everything the first release needs */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE sectors ("
  "  code TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE facilities ("
  "  code TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  sector TEXT NOT NULL REFERENCES sectors(code),"
  "  kind TEXT NOT NULL DEFAULT 'station',"
  "  latitude REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),"
  "  longitude REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180),"
  "  coordinates_approximate INTEGER NOT NULL DEFAULT 0,"
  "  timezone TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE points ("
  "  code TEXT PRIMARY KEY,"
  "  us_port TEXT,"
  "  city TEXT NOT NULL,"
  "  latitude REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),"
  "  longitude REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180),"
  "  timezone TEXT NOT NULL,"
  "  minors_reception INTEGER NOT NULL DEFAULT 0,"
  "  airport INTEGER NOT NULL DEFAULT 0,"
  "  daily_capacity INTEGER NOT NULL CHECK (daily_capacity >= 0),"
  "  capacity_sample INTEGER NOT NULL DEFAULT 1"
  ") WITHOUT ROWID;"

  "CREATE TABLE arrangements ("
  "  code TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  effective_from TEXT NOT NULL,"
  "  effective_to TEXT,"
  "  sample INTEGER NOT NULL DEFAULT 1"
  ") WITHOUT ROWID;"

  "CREATE TABLE arrangement_sectors ("
  "  arrangement TEXT NOT NULL REFERENCES arrangements(code),"
  "  sector TEXT NOT NULL REFERENCES sectors(code),"
  "  PRIMARY KEY (arrangement, sector)"
  ") WITHOUT ROWID;"

  "CREATE TABLE arrangement_points ("
  "  arrangement TEXT NOT NULL REFERENCES arrangements(code),"
  "  point TEXT NOT NULL REFERENCES points(code),"
  "  PRIMARY KEY (arrangement, point)"
  ") WITHOUT ROWID;"

  /* Minutes after local midnight at the point; NULL = closed that day. */
  "CREATE TABLE point_windows ("
  "  arrangement TEXT NOT NULL,"
  "  point TEXT NOT NULL,"
  "  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),"
  "  open_minute INTEGER,"
  "  close_minute INTEGER,"
  "  vulnerable_open_minute INTEGER,"
  "  vulnerable_close_minute INTEGER,"
  "  minors_cutoff_minute INTEGER,"
  "  sample INTEGER NOT NULL DEFAULT 1,"
  "  PRIMARY KEY (arrangement, point, weekday),"
  "  FOREIGN KEY (arrangement, point) REFERENCES arrangement_points(arrangement, point)"
  ") WITHOUT ROWID;"

  "CREATE TABLE point_closures ("
  "  id INTEGER PRIMARY KEY,"
  "  point TEXT NOT NULL REFERENCES points(code),"
  "  starts_at INTEGER NOT NULL,"
  "  ends_at INTEGER,"
  "  reason TEXT NOT NULL"
  ");"

  /* States ('S', 2-digit INEGI code) and municipalities ('M', 5 digits) */
  "CREATE TABLE places ("
  "  code TEXT PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('S', 'M')),"
  "  name TEXT NOT NULL,"
  "  state_code TEXT NOT NULL,"
  "  latitude REAL NOT NULL,"
  "  longitude REAL NOT NULL,"
  "  approximate INTEGER NOT NULL DEFAULT 0"
  ") WITHOUT ROWID;"

  "CREATE TABLE family_groups ("
  "  id INTEGER PRIMARY KEY,"
  "  label TEXT NOT NULL UNIQUE"
  ");"

  "CREATE TABLE persons ("
  "  id INTEGER PRIMARY KEY,"
  "  a_number TEXT NOT NULL UNIQUE,"
  "  family_name TEXT NOT NULL,"
  "  given_names TEXT NOT NULL,"
  /* = … OR rather than IN (…): SQLite builds a temporary table for an IN
   * list on every insert, a tenth of the time of a large import. */
  "  sex TEXT NOT NULL CHECK (sex = 'F' OR sex = 'M' OR sex = 'X'),"
  "  birth_date TEXT NOT NULL,"
  "  nationality TEXT NOT NULL,"
  "  nationality_verified INTEGER NOT NULL DEFAULT 0,"
  "  facility TEXT NOT NULL REFERENCES facilities(code),"
  "  apprehended_at INTEGER NOT NULL,"
  "  origin_place TEXT REFERENCES places(code),"
  "  origin_locality TEXT,"
  "  family_group_id INTEGER REFERENCES family_groups(id),"
  "  flags INTEGER NOT NULL DEFAULT 0,"
  "  medical_fit INTEGER NOT NULL DEFAULT 1,"
  "  interior_consent INTEGER NOT NULL DEFAULT 0,"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'awaiting'"
  "    CHECK (status = 'awaiting' OR status = 'planned' OR status = 'departed'"
  "           OR status = 'repatriated' OR status = 'withdrawn'),"
  "  sort_key TEXT NOT NULL,"
  "  search_key TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  /* Bumped by every edit: a form saved over a newer edit is refused. */
  "  revision INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX persons_sort ON persons (sort_key, id);"
  "CREATE INDEX persons_family ON persons (family_group_id);"
  "CREATE INDEX persons_facility ON persons (facility, status);"

  "CREATE TABLE vehicles ("
  "  id INTEGER PRIMARY KEY,"
  "  facility TEXT NOT NULL REFERENCES facilities(code),"
  "  kind TEXT NOT NULL CHECK (kind IN ('bus', 'van', 'flight')),"
  "  label TEXT NOT NULL,"
  "  seats INTEGER NOT NULL CHECK (seats > 0),"
  "  minors_only INTEGER NOT NULL DEFAULT 0,"
  "  sample INTEGER NOT NULL DEFAULT 1"
  ");"

  "CREATE TABLE plans ("
  "  id INTEGER PRIMARY KEY,"
  "  from_date TEXT NOT NULL,"
  "  days INTEGER NOT NULL CHECK (days > 0),"
  "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'closed')),"
  "  created_at INTEGER NOT NULL,"
  "  approved_at INTEGER,"
  "  approved_by TEXT"
  ");"

  "CREATE TABLE transfers ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,"
  "  code TEXT NOT NULL UNIQUE,"
  "  mode TEXT NOT NULL CHECK (mode IN ('bus', 'van', 'flight')),"
  "  facility TEXT NOT NULL REFERENCES facilities(code),"
  "  point TEXT NOT NULL REFERENCES points(code),"
  "  vehicle_id INTEGER REFERENCES vehicles(id),"
  "  depart_at INTEGER NOT NULL,"
  "  handover_at INTEGER NOT NULL CHECK (handover_at >= depart_at),"
  "  seats INTEGER NOT NULL CHECK (seats > 0),"
  "  escort TEXT,"
  "  status TEXT NOT NULL DEFAULT 'planned'"
  "    CHECK (status IN ('planned', 'notified', 'reviewed', 'departed', 'handed-over', 'cancelled')),"
  "  pinned INTEGER NOT NULL DEFAULT 0,"
  "  actual_handover_at INTEGER,"
  "  receiving_official TEXT"
  ");"
  "CREATE INDEX transfers_plan ON transfers (plan_id, handover_at);"

  "CREATE TABLE manifest_entries ("
  "  transfer_id INTEGER NOT NULL REFERENCES transfers(id) ON DELETE CASCADE,"
  "  person_id INTEGER NOT NULL REFERENCES persons(id),"
  "  pinned INTEGER NOT NULL DEFAULT 0,"
  "  belongings_checked INTEGER NOT NULL DEFAULT 0,"
  "  handed_over INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (transfer_id, person_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX manifest_person ON manifest_entries (person_id);"

  "CREATE TABLE consular_reviews ("
  "  id INTEGER PRIMARY KEY,"
  "  transfer_id INTEGER NOT NULL REFERENCES transfers(id) ON DELETE CASCADE,"
  "  reviewer TEXT NOT NULL,"
  "  consulate TEXT NOT NULL,"
  "  decision TEXT NOT NULL CHECK (decision IN ('approved', 'approved-with-remarks', 'rejected')),"
  "  remarks TEXT NOT NULL DEFAULT '',"
  "  reviewed_at INTEGER NOT NULL"
  ");"

  "CREATE TABLE person_reviews ("
  "  review_id INTEGER NOT NULL REFERENCES consular_reviews(id) ON DELETE CASCADE,"
  "  person_id INTEGER NOT NULL REFERENCES persons(id),"
  "  nationality_verified INTEGER NOT NULL,"
  "  remarks TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (review_id, person_id)"
  ") WITHOUT ROWID;"

  "CREATE TABLE notices ("
  "  id INTEGER PRIMARY KEY,"
  "  transfer_id INTEGER NOT NULL REFERENCES transfers(id) ON DELETE CASCADE,"
  "  recipient_kind TEXT NOT NULL CHECK (recipient_kind IN ('consulate', 'inm', 'prosecutor-attache')),"
  "  recipient TEXT NOT NULL,"
  "  sent_at INTEGER"
  ");"

  "CREATE TABLE overrides ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,"
  "  transfer_id INTEGER REFERENCES transfers(id) ON DELETE CASCADE,"
  "  rule TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('override', 'acknowledgement')),"
  "  reason TEXT NOT NULL CHECK (length(reason) > 0),"
  "  approver TEXT NOT NULL CHECK (length(approver) > 0),"
  "  created_at INTEGER NOT NULL"
  ");"

  /* Append-only: the triggers refuse any change to a written entry. */
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  entity TEXT NOT NULL,"
  "  entity_id TEXT,"
  "  detail TEXT NOT NULL DEFAULT '{}'"
  ");"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
  "  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
  "  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",

  /* 2: the data the safety rules look at (R02, R05, R08, R10, R11, R15,
   * R17, R19) and what their overrides resolve */
  "ALTER TABLE persons ADD COLUMN medical_notes TEXT NOT NULL DEFAULT '';"
  /* R10: 1 once the inventory was taken, even when it found nothing */
  "ALTER TABLE persons ADD COLUMN belongings_inventoried INTEGER NOT NULL DEFAULT 0;"

  /* R05: one screening per unaccompanied child; a new one replaces it */
  "CREATE TABLE screenings ("
  "  person_id INTEGER PRIMARY KEY REFERENCES persons(id) ON DELETE CASCADE,"
  "  screened_at INTEGER NOT NULL,"
  "  screener TEXT NOT NULL CHECK (length(screener) > 0),"
  "  trafficking_risk INTEGER NOT NULL,"
  "  fear_of_return INTEGER NOT NULL,"
  "  able_to_decide INTEGER NOT NULL,"
  "  notes TEXT NOT NULL DEFAULT ''"
  ");"

  "CREATE TABLE belongings ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL"
  "    CHECK (kind = 'documents' OR kind = 'money' OR kind = 'medicines' OR kind = 'other'),"
  "  description TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL"
  "    CHECK (status = 'held' OR status = 'on-board' OR status = 'returned' OR status = 'missing')"
  ");"
  "CREATE INDEX belongings_person ON belongings (person_id);"

  /* R17: remote desert crossings */
  "ALTER TABLE points ADD COLUMN remote_desert INTEGER NOT NULL DEFAULT 0;"

  /* Rule parameters set per arrangement; a rule's catalogue default
   * applies where no row is stored. */
  "CREATE TABLE rule_params ("
  "  arrangement TEXT NOT NULL REFERENCES arrangements(code),"
  "  rule TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  value INTEGER NOT NULL,"
  "  sample INTEGER NOT NULL DEFAULT 1,"
  "  PRIMARY KEY (arrangement, rule, key)"
  ") WITHOUT ROWID;"

  /* R15: a point outside a sector's own arrangement, allowed all the same */
  "CREATE TABLE lateral_pairs ("
  "  sector TEXT NOT NULL REFERENCES sectors(code),"
  "  point TEXT NOT NULL REFERENCES points(code),"
  "  approved_by TEXT NOT NULL CHECK (length(approved_by) > 0),"
  "  reason TEXT NOT NULL CHECK (length(reason) > 0),"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (sector, point)"
  ") WITHOUT ROWID;"

  /* R02: 0 = a temporary extension of the point's window */
  "ALTER TABLE point_closures ADD COLUMN closed INTEGER NOT NULL DEFAULT 1;"
  "CREATE INDEX point_closures_point ON point_closures (point, starts_at);"

  /* What an override resolves within its rule and transfer */
  "ALTER TABLE overrides ADD COLUMN subject TEXT NOT NULL DEFAULT '';"
  "CREATE INDEX overrides_plan ON overrides (plan_id);"

  /* R19 */
  "ALTER TABLE manifest_entries ADD COLUMN actual_handover_at INTEGER;"
  "ALTER TABLE manifest_entries ADD COLUMN receiving_official TEXT;"

  "ALTER TABLE notices ADD COLUMN sent_by TEXT;"
  "CREATE INDEX notices_transfer ON notices (transfer_id, recipient_kind);"

  /* Checks load the transfers of a span of days across plans. */
  "CREATE INDEX transfers_handover ON transfers (handover_at);"

  /* Databases that loaded the reference data at version 1 never load it
   * again: give them what data/reference adds for version 2 (San Luis Río
   * Colorado is a remote desert crossing; the heat season applies to the
   * Arizona–Sonora arrangements).  Sample values, as in the files. */
  "UPDATE points SET remote_desert = 1 WHERE code = 'SLR';"
  "INSERT INTO rule_params (arrangement, rule, key, value, sample)"
  "  SELECT code, 'R17', 'applies', 1, 1 FROM arrangements"
  "  WHERE code = 'YUMA' OR code = 'NOGALES';",

  /* 3: the scheduler: the fleet, travel times, and plans that replace
   * others (undo).  The reference fleet is loaded from
   * data/reference/fleet.json right after this step, in its
   * transaction, into databases that hold reference data. */
  /* Bit (weekday - 1), Monday = 1 */
  "ALTER TABLE vehicles ADD COLUMN weekdays INTEGER NOT NULL DEFAULT 127"
  "  CHECK (weekdays BETWEEN 1 AND 127);"
  /* Flights only: the airport they fly to, and their scheduled
   * departure in minutes after midnight at the facility */
  "ALTER TABLE vehicles ADD COLUMN point TEXT REFERENCES points(code);"
  "ALTER TABLE vehicles ADD COLUMN depart_minute INTEGER"
  "  CHECK (depart_minute IS NULL OR depart_minute BETWEEN 0 AND 1439);"
  "CREATE INDEX vehicles_facility ON vehicles (facility, label);"

  /* Minutes door to door set by the office; other pairs are estimated */
  "CREATE TABLE travel_times ("
  "  facility TEXT NOT NULL REFERENCES facilities(code),"
  "  point TEXT NOT NULL REFERENCES points(code),"
  "  minutes INTEGER NOT NULL CHECK (minutes > 0),"
  "  sample INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (facility, point)"
  ") WITHOUT ROWID;"

  /* The plan that cancelled this transfer when it replaced it, and the
   * status it had then: undoing that plan restores both. */
  "ALTER TABLE transfers ADD COLUMN replaced_by INTEGER;"
  "ALTER TABLE transfers ADD COLUMN replaced_status TEXT;"
  "CREATE INDEX transfers_replaced_by ON transfers (replaced_by);"
  "CREATE INDEX transfers_vehicle ON transfers (vehicle_id);",
};
