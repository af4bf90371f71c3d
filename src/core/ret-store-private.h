/* ret-store-private.h — for the core's own modules and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "ret-store.h"

G_BEGIN_DECLS

RetStore  *_ret_store_open_at_version (const char  *path,
                                       int          target,
                                       GError     **error);
gboolean   _ret_store_migrate         (RetStore    *self,
                                       int          target,
                                       GError     **error);
gboolean   _ret_store_begin           (RetStore    *self,
                                       GError     **error);
gboolean   _ret_store_begin_read      (RetStore    *self,
                                       GError     **error);
void       _ret_store_end_read        (RetStore    *self);
gboolean   _ret_store_commit          (RetStore    *self,
                                       GError     **error);
void       _ret_store_rollback        (RetStore    *self);
gboolean   _ret_store_begin_batch     (RetStore    *self,
                                       GError     **error);
gboolean   _ret_store_end_batch       (RetStore    *self,
                                       gboolean     commit,
                                       GError     **error);
gboolean   _ret_store_audit           (RetStore    *self,
                                       const char  *actor,
                                       const char  *action,
                                       const char  *entity,
                                       const char  *entity_id,
                                       const char  *detail_json,
                                       GError     **error);

/* Shared by ret-store.c and ret-store-rules.c, which holds the store's
 * side of the safety rules. */
sqlite3       *_ret_store_get_db        (RetStore    *self);
sqlite3_stmt  *_ret_store_statement     (RetStore    *self,
                                         const char  *sql,
                                         GError     **error);
gboolean       _ret_store_set_db_error  (RetStore    *self,
                                         int          rc,
                                         GError     **error,
                                         const char  *what);
gboolean       _ret_store_step_done     (RetStore      *self,
                                         sqlite3_stmt  *stmt,
                                         GError       **error);
gboolean       _ret_store_step_exists   (sqlite3_stmt  *stmt);
gint64         _ret_store_step_int64    (sqlite3_stmt  *stmt,
                                         gint64         fallback);
gboolean       _ret_store_read_failed   (RetStore    *self,
                                         int          rc,
                                         GError     **error);
void           _ret_store_bind_text     (sqlite3_stmt *stmt,
                                         int           index,
                                         const char   *text);
char          *_ret_store_column_dup    (sqlite3_stmt *stmt,
                                         int           index);
gint64         _ret_store_now           (void);
/* Reads the current row of a statement into a new element. */
typedef gpointer (*RetStoreRowFunc) (sqlite3_stmt *stmt);

GPtrArray     *_ret_store_collect_rows  (RetStore         *self,
                                         sqlite3_stmt     *stmt,
                                         RetStoreRowFunc   from_row,
                                         GDestroyNotify    free_func,
                                         GError          **error);
void           _ret_store_emit          (RetStore    *self,
                                         const char  *entity);
gboolean       _ret_store_is_clean_text (const char  *text,
                                         gsize        max_bytes,
                                         const char  *allowed);
gboolean       _ret_store_is_blank      (const char  *text);

/* A woman travelling with an infant: an adult woman whose family group
 * has a child under RET_INFANT_AGE.  Dates in SQLite's local time, as
 * ret_date_today(). */
#define _RET_STORE_WITH_INFANT_SQL \
  "(p.sex = 'F' AND p.family_group_id IS NOT NULL " \
  " AND p.birth_date <= date('now', 'localtime', '-18 years') " \
  " AND EXISTS (SELECT 1 FROM persons c WHERE c.family_group_id = p.family_group_id " \
  "             AND c.id != p.id AND c.birth_date > date('now', 'localtime', '-2 years')))"

#define _RET_STORE_PERSON_COLUMNS \
  "p.id, p.a_number, p.family_name, p.given_names, p.sex, p.birth_date, p.nationality, " \
  "p.nationality_verified, p.facility, p.apprehended_at, p.origin_place, p.origin_locality, " \
  "g.label, p.flags, p.medical_fit, p.interior_consent, p.notes, p.status, " \
  "m.name, s.name, f.name, f.timezone, " _RET_STORE_WITH_INFANT_SQL ", p.revision, p.medical_notes"

/* What the columns above join "persons p" with */
#define _RET_STORE_PERSON_JOINS \
  " LEFT JOIN family_groups g ON g.id = p.family_group_id" \
  " LEFT JOIN places m ON m.code = p.origin_place" \
  " LEFT JOIN places s ON s.code = m.state_code" \
  " LEFT JOIN facilities f ON f.code = p.facility"

#define _RET_STORE_PERSON_FROM " FROM persons p" _RET_STORE_PERSON_JOINS

/* The columns above, read into a new person; more columns may follow
 * from _RET_STORE_N_PERSON_COLUMNS on. */
#define _RET_STORE_N_PERSON_COLUMNS 25
RetPerson     *_ret_store_person_from_row (sqlite3_stmt *stmt);

/* A transfer, with the number of persons on its manifest; the table is
 * "transfers t". */
#define _RET_STORE_TRANSFER_COLUMNS \
  "t.id, t.code, t.mode, t.facility, t.point, t.depart_at, t.handover_at, t.seats, t.status, " \
  "(SELECT count(*) FROM manifest_entries m WHERE m.transfer_id = t.id)"

RetTransfer   *_ret_store_transfer_from_row (sqlite3_stmt *stmt);

/* Shared by ret-store-rules.c and ret-store-schedule.c, which read and
 * write what the rules and the scheduler look at. */

/* A transfer's state, looked up by its code */
typedef struct
{
  gint64             id;
  gint64             plan_id;
  RetTransferStatus  status;
  char              *plan_status;
  gboolean           pinned;
} RetStoreTransferState;

void           _ret_store_transfer_state_clear (RetStoreTransferState *state);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RetStoreTransferState, _ret_store_transfer_state_clear)

gboolean       _ret_store_find_transfer (RetStore               *self,
                                         const char             *code,
                                         RetStoreTransferState  *state,
                                         GError                **error);
gboolean       _ret_store_code_exists   (RetStore    *self,
                                         const char  *sql,
                                         const char  *code);
gboolean       _ret_store_check_point   (RetStore    *self,
                                         const char  *point,
                                         GError     **error);
gboolean       _ret_store_audit_and_commit (RetStore    *self,
                                            const char  *actor,
                                            const char  *action,
                                            const char  *entity,
                                            const char  *entity_id,
                                            const char  *detail,
                                            const char  *changed,
                                            GError     **error);
char          *_ret_store_int_text      (gint64       value);
char          *_ret_store_ids_json      (GArray      *ids);
gboolean       _ret_store_take_all      (GPtrArray   *to,
                                         GPtrArray   *from);

/* What a rule check reads about a person, after the person's own
 * columns: belongings inventoried and outstanding, and where they come
 * from. */
#define _RET_STORE_CHECK_PERSON_COLUMNS \
  _RET_STORE_PERSON_COLUMNS ", p.belongings_inventoried," \
  " (SELECT count(*) FROM belongings b WHERE b.person_id = p.id" \
  "  AND (b.status = 'held' OR b.status = 'missing'))," \
  " m.latitude, m.longitude"
#define _RET_STORE_N_CHECK_PERSON_COLUMNS (_RET_STORE_N_PERSON_COLUMNS + 4)

/* The code of the latest transfer, not cancelled, that carries "p" */
#define _RET_STORE_LATEST_TRANSFER_SQL \
  "(SELECT t.code FROM manifest_entries e JOIN transfers t ON t.id = e.transfer_id" \
  "  WHERE e.person_id = p.id AND t.status != 'cancelled'" \
  "  ORDER BY t.handover_at DESC, t.id DESC LIMIT 1)"

RetCheckPerson *_ret_store_check_person_from_row (sqlite3_stmt *stmt);

gint64     _ret_store_add_transfer    (RetStore           *self,
                                       const RetTransfer  *transfer,
                                       GError            **error);

G_END_DECLS
