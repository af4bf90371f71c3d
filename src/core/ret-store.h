/* ret-store.h — the database of one office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No type of the storage engine appears here: the embedded SQLite file is
 * one backend, and a shared server backend can sit behind the same calls.
 */

#pragma once

#include <gio/gio.h>

#include "ret-person.h"
#include "ret-reference.h"
#include "ret-transfer.h"

G_BEGIN_DECLS

#define RET_STORE_ERROR (ret_store_error_quark ())

/**
 * RetStoreError:
 * @RET_STORE_ERROR_OPEN: the file cannot be opened or created
 * @RET_STORE_ERROR_NOT_RETORNO: the file is not a Retorno database
 * @RET_STORE_ERROR_TOO_NEW: the database was written by a newer Retorno
 * @RET_STORE_ERROR_MIGRATION: upgrading the schema failed (nothing changed)
 * @RET_STORE_ERROR_INVALID: a value to write breaks a rule of the data
 * @RET_STORE_ERROR_NOT_FOUND: no such record
 * @RET_STORE_ERROR_CONFLICT: a unique value (e.g. an A-number) is taken
 * @RET_STORE_ERROR_BUSY: another program holds the database too long
 * @RET_STORE_ERROR_FAILED: any other storage failure
 */
typedef enum
{
  RET_STORE_ERROR_OPEN,
  RET_STORE_ERROR_NOT_RETORNO,
  RET_STORE_ERROR_TOO_NEW,
  RET_STORE_ERROR_MIGRATION,
  RET_STORE_ERROR_INVALID,
  RET_STORE_ERROR_NOT_FOUND,
  RET_STORE_ERROR_CONFLICT,
  RET_STORE_ERROR_BUSY,
  RET_STORE_ERROR_FAILED,
} RetStoreError;

/**
 * RetPersonFilter:
 *
 * Filters of the people list; several combine with AND.
 */
typedef enum
{
  RET_PERSON_FILTER_NONE          = 0,
  RET_PERSON_FILTER_MINORS        = 1 << 0,
  RET_PERSON_FILTER_UNACCOMPANIED = 1 << 1,
  RET_PERSON_FILTER_VULNERABLE    = 1 << 2,
  RET_PERSON_FILTER_CRIMINAL      = 1 << 3,
  RET_PERSON_FILTER_UNPLANNED     = 1 << 4,
} RetPersonFilter;

typedef struct
{
  const char      *search;   /* name, A-number or origin; NULL for all */
  RetPersonFilter  filter;
} RetPersonQuery;

#define RET_TYPE_STORE (ret_store_get_type ())
G_DECLARE_FINAL_TYPE (RetStore, ret_store, RET, STORE, GObject)

GQuark       ret_store_error_quark          (void);

char        *ret_store_dup_default_path     (void);
RetStore    *ret_store_open                 (const char     *path,
                                             GError        **error);
const char  *ret_store_get_path             (RetStore       *self);
int          ret_store_get_schema_version   (RetStore       *self);
int          ret_store_get_latest_schema_version (void);

void         ret_store_emit_changed         (RetStore       *self,
                                             const char     *entity);

/* metadata */
char        *ret_store_dup_meta             (RetStore       *self,
                                             const char     *key);
gboolean     ret_store_set_meta             (RetStore       *self,
                                             const char     *key,
                                             const char     *value,
                                             GError        **error);
gboolean     ret_store_is_demo              (RetStore       *self);

/* reference data */
gboolean     ret_store_has_reference_data   (RetStore       *self);
gboolean     ret_store_load_reference_data  (RetStore       *self,
                                             GError        **error);
GPtrArray   *ret_store_list_points          (RetStore       *self,
                                             GError        **error);
RetPoint    *ret_store_get_point            (RetStore       *self,
                                             const char     *code,
                                             GError        **error);
gboolean     ret_store_update_point         (RetStore       *self,
                                             const RetPoint *point,
                                             const char     *actor,
                                             GError        **error);
GPtrArray   *ret_store_list_facilities      (RetStore       *self,
                                             GError        **error);
gboolean     ret_store_has_facility         (RetStore       *self,
                                             const char     *code);

/* persons */
gboolean     ret_store_insert_persons       (RetStore       *self,
                                             GPtrArray      *persons,
                                             const char     *actor,
                                             const char     *source,
                                             GError        **error);
gboolean     ret_store_has_a_number         (RetStore       *self,
                                             const char     *a_number);
gint64       ret_store_count_persons        (RetStore       *self,
                                             const RetPersonQuery *query,
                                             GError        **error);
GArray      *ret_store_query_person_ids     (RetStore       *self,
                                             const RetPersonQuery *query,
                                             GError        **error);
GPtrArray   *ret_store_get_persons          (RetStore       *self,
                                             const gint64   *ids,
                                             guint           n_ids,
                                             GError        **error);
RetPerson   *ret_store_get_person           (RetStore       *self,
                                             gint64          id,
                                             GError        **error);
gboolean     ret_store_has_family_group     (RetStore       *self,
                                             const char     *label);
GPtrArray   *ret_store_list_family          (RetStore       *self,
                                             const char     *family_group,
                                             GError        **error);
gboolean     ret_store_update_person         (RetStore       *self,
                                             const RetPerson *person,
                                             const char     *actor,
                                             GError        **error);
gboolean     ret_store_validate_person      (RetStore       *self,
                                             const RetPerson *person,
                                             GError        **error);

/* transfers */
GPtrArray   *ret_store_list_transfers       (RetStore       *self,
                                             gint64          from_utc,
                                             gint64          to_utc,
                                             GError        **error);

/* audit */
gint64       ret_store_count_audit          (RetStore       *self,
                                             const char     *action);

/* plans */

/**
 * RetPlanDraftTransfer:
 * @code: the transfer's code, unique in the database
 * @mode: "bus", "van" or "flight"
 * @a_numbers: (element-type utf8): the manifest, by A-number
 *
 * One transfer of a plan that is about to be stored.
 */
typedef struct
{
  char      *code;
  char      *mode;
  char      *facility;
  char      *point;
  gint64     depart_at;    /* UTC seconds */
  gint64     handover_at;  /* UTC seconds */
  int        seats;
  GPtrArray *a_numbers;
} RetPlanDraftTransfer;

/**
 * RetPlanDraft:
 * @transfers: (element-type RetPlanDraftTransfer): at least one
 *
 * A plan made elsewhere (or edited by hand), checked and ready to be
 * stored as a draft.
 */
typedef struct
{
  GPtrArray *transfers;
} RetPlanDraft;

RetPlanDraftTransfer *ret_plan_draft_transfer_new  (void);
void                  ret_plan_draft_transfer_free (RetPlanDraftTransfer *transfer);
RetPlanDraft         *ret_plan_draft_new           (void);
void                  ret_plan_draft_free          (RetPlanDraft         *plan);
guint                 ret_plan_draft_count_persons (const RetPlanDraft   *plan);

gboolean     ret_store_has_transfer_code    (RetStore       *self,
                                             const char     *code);
gboolean     ret_store_lookup_a_number      (RetStore         *self,
                                             const char       *a_number,
                                             RetPersonStatus  *status,
                                             char            **transfer_code);
gboolean     ret_store_insert_plan          (RetStore           *self,
                                             const RetPlanDraft *plan,
                                             const char         *actor,
                                             const char         *source,
                                             gint64             *plan_id,
                                             GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetPlanDraftTransfer, ret_plan_draft_transfer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetPlanDraft, ret_plan_draft_free)

G_END_DECLS
