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
#include "ret-rules.h"
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
 * @RET_STORE_ERROR_BLOCKED: a safety rule forbids it (e.g. approving a
 *   plan with an unresolved hard violation)
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
  RET_STORE_ERROR_BLOCKED,
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
RetStore    *ret_store_open_existing        (const char     *path,
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

/* -------------------------------------------------------------------- */
/* rules: what the check needs, and what it leads to                    */

typedef struct
{
  gint64  id;
  char   *from_date;     /* YYYY-MM-DD */
  int     days;
  char   *status;        /* "draft", "approved", "closed" */
  gint64  created_at;
  gint64  approved_at;   /* 0 if not approved */
  char   *approved_by;
  guint   n_transfers;
} RetPlanInfo;

void         ret_plan_info_free             (RetPlanInfo *info);

typedef struct
{
  gint64              id;
  gint64              person_id;
  RetBelongingKind    kind;
  char               *description;
  RetBelongingStatus  status;
} RetBelonging;

RetBelonging *ret_belonging_new             (void);
void         ret_belonging_free             (RetBelonging *belonging);

typedef struct
{
  gint64         id;
  char          *transfer_code;
  RetNoticeKind  kind;
  char          *recipient;
  gint64         sent_at;        /* UTC seconds */
  char          *sent_by;
} RetNotice;

void         ret_notice_free                (RetNotice *notice);

/* The transfers that are not cancelled and whose handover falls, in the
 * local time of their point, on a date in [@from, @from + @days), with
 * all the check needs; @from NULL: every transfer of every plan that is
 * not closed.  @plan_id > 0 keeps that plan's transfers only.  data->now
 * is set to the current time. */
RetCheckData *ret_store_load_check_data     (RetStore       *self,
                                             const GDate    *from,
                                             guint           days,
                                             gint64          plan_id,
                                             GError        **error);

GPtrArray   *ret_store_list_plans           (RetStore       *self,
                                             GError        **error);
/* Checks the plan first; RET_STORE_ERROR_BLOCKED with the number of
 * unresolved hard violations in the message when any remains. */
gboolean     ret_store_approve_plan         (RetStore       *self,
                                             gint64          plan_id,
                                             const char     *approver,
                                             GError        **error);

/* An override (of a hard violation) or an acknowledgement (of a
 * warning): reason and approver must not be blank.  Audited. */
gboolean     ret_store_add_resolution       (RetStore            *self,
                                             const RetResolution *resolution,
                                             const char          *actor,
                                             gint64              *id,
                                             GError             **error);

/* Rule parameters per arrangement; values outside the catalogue's
 * [min, max] are refused.  A value set here is no longer a sample. */
GPtrArray   *ret_store_list_arrangements    (RetStore       *self,
                                             GError        **error);  /* RetCheckArrangement */
gboolean     ret_store_set_rule_param       (RetStore       *self,
                                             const char     *arrangement,
                                             RetRuleId       rule,
                                             const char     *key,
                                             int             value,
                                             const char     *actor,
                                             GError        **error);

/* R05: the screening of an unaccompanied child; NULL without error when
 * none is recorded. */
RetScreening *ret_store_get_screening       (RetStore       *self,
                                             gint64          person_id,
                                             GError        **error);
gboolean     ret_store_set_screening        (RetStore           *self,
                                             gint64              person_id,
                                             const RetScreening *screening,
                                             const char         *actor,
                                             GError            **error);

/* R10: a person's belongings; saving replaces the whole inventory and
 * marks it taken (an empty list = nothing held). */
GPtrArray   *ret_store_list_belongings      (RetStore       *self,
                                             gint64          person_id,
                                             gboolean       *inventoried,
                                             GError        **error);
gboolean     ret_store_save_belongings      (RetStore       *self,
                                             gint64          person_id,
                                             GPtrArray      *belongings,
                                             const char     *actor,
                                             GError        **error);

/* R08: notices sent for a transfer */
GPtrArray   *ret_store_list_notices         (RetStore       *self,
                                             const char     *transfer_code,
                                             GError        **error);
gboolean     ret_store_record_notice        (RetStore       *self,
                                             const char     *transfer_code,
                                             RetNoticeKind   kind,
                                             const char     *recipient,
                                             gint64          sent_at,
                                             const char     *actor,
                                             GError        **error);

/* R15: lateral pairs */
GPtrArray   *ret_store_list_lateral_pairs   (RetStore       *self,
                                             GError        **error);
gboolean     ret_store_add_lateral_pair     (RetStore             *self,
                                             const RetLateralPair *pair,
                                             const char           *actor,
                                             GError              **error);
gboolean     ret_store_remove_lateral_pair  (RetStore       *self,
                                             const char     *sector,
                                             const char     *point,
                                             const char     *actor,
                                             GError        **error);

/* R02: closures and temporary extensions of a point */
GPtrArray   *ret_store_list_point_exceptions (RetStore      *self,
                                             const char     *point,
                                             GError        **error);
gboolean     ret_store_add_point_exception  (RetStore                *self,
                                             const RetPointException *exception,
                                             const char              *actor,
                                             GError                 **error);

/* R19 and the document chain */
RetTransfer *ret_store_get_transfer         (RetStore       *self,
                                             const char     *code,
                                             GError        **error);
GPtrArray   *ret_store_list_manifest        (RetStore       *self,
                                             const char     *transfer_code,
                                             GError        **error);  /* RetPerson */
gboolean     ret_store_set_transfer_status  (RetStore          *self,
                                             const char        *code,
                                             RetTransferStatus  status,
                                             const char        *actor,
                                             GError           **error);
/* @person_id 0: the transfer's own handover time and official */
gboolean     ret_store_record_handover      (RetStore       *self,
                                             const char     *transfer_code,
                                             gint64          person_id,
                                             gint64          handed_over_at,
                                             const char     *official,
                                             const char     *actor,
                                             GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetPlanInfo, ret_plan_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetBelonging, ret_belonging_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetNotice, ret_notice_free)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetPlanDraftTransfer, ret_plan_draft_transfer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetPlanDraft, ret_plan_draft_free)

G_END_DECLS
