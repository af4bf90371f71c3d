/* ret-rules.h — the agreed safety rules, and the check of a plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The catalogue R01–R19 is one table in ret-rules.c.  A check runs over
 * a RetCheckData: a plain, in-memory picture of the transfers to check
 * and everything the rules look at (points, arrangements, the persons on
 * the manifests and their families, notices, overrides).  The store
 * builds one from the database (ret_store_load_check_data()); tests build
 * them by hand.  Nothing here touches the database, so a check is fast
 * and the same everywhere: CLI, GUI, scheduler, tests.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ret-person.h"
#include "ret-reference.h"
#include "ret-transfer.h"

G_BEGIN_DECLS

typedef enum
{
  RET_SEVERITY_WARNING,
  RET_SEVERITY_HARD,
} RetSeverity;

#define RET_N_SEVERITIES 2

/* The order is the catalogue's: RET_RULE_DESIGNATED_POINT is R01. */
typedef enum
{
  RET_RULE_DESIGNATED_POINT,     /* R01 */
  RET_RULE_POINT_HOURS,          /* R02 */
  RET_RULE_DAYLIGHT_VULNERABLE,  /* R03 */
  RET_RULE_MINORS_RECEPTION,     /* R04 */
  RET_RULE_MINORS_SCREENING,     /* R05 */
  RET_RULE_MINORS_SEPARATE,      /* R06 */
  RET_RULE_FAMILY_UNITY,         /* R07 */
  RET_RULE_ADVANCE_NOTICE,       /* R08 */
  RET_RULE_CRIMINAL_SEPARATE,    /* R09 */
  RET_RULE_BELONGINGS,           /* R10 */
  RET_RULE_MEDICAL,              /* R11 */
  RET_RULE_MEXICAN_ONLY,         /* R12 */
  RET_RULE_INTERIOR_CONSENT,     /* R13 */
  RET_RULE_ORIGIN_PROXIMITY,     /* R14 */
  RET_RULE_NO_LATERAL,           /* R15 */
  RET_RULE_CAPACITY,             /* R16 */
  RET_RULE_HEAT_SEASON,          /* R17 */
  RET_RULE_CUSTODY_TIME,         /* R18 */
  RET_RULE_RECORD_ACTUALS,       /* R19 */
  RET_N_RULES
} RetRuleId;

typedef enum
{
  RET_PARAM_MINUTE,     /* minutes after local midnight, shown HH:MM */
  RET_PARAM_HOURS,
  RET_PARAM_YEARS,
  RET_PARAM_KM,
  RET_PARAM_PERSONS,
  RET_PARAM_MINUTES,    /* a duration */
  RET_PARAM_BOOL,       /* 0 or 1 */
  RET_PARAM_MONTH_DAY,  /* month * 100 + day, e.g. 601 = 1 June */
} RetParamUnit;

/**
 * RetRuleParam:
 * @key: stable name, stored in the database ("lead_hours")
 * @label: what a coordinator reads; mark with N_(), show with _()
 * @default_value: used where an arrangement sets nothing
 * @sample: %TRUE when no public source gives the default
 */
typedef struct
{
  const char   *key;
  const char   *label;
  RetParamUnit  unit;
  int           default_value;
  int           min;
  int           max;
  gboolean      sample;
} RetRuleParam;

#define RET_RULE_MAX_PARAMS 4

/**
 * RetRule:
 * @code: "R07"
 * @slug: "family-unity"
 * @title: English; N_() — show with _()
 * @title_es: Spanish, for documents that carry both languages
 * @description: what the rule asks, N_()
 * @source: where it comes from, N_()
 * @severity: the strongest severity the rule gives
 * @severity_note: N_(), when the severity depends on the case
 *   ("hard if never sent, warning if late"); NULL otherwise
 */
typedef struct
{
  RetRuleId     id;
  const char   *code;
  const char   *slug;
  const char   *title;
  const char   *title_es;
  const char   *description;
  const char   *source;
  RetSeverity   severity;
  const char   *severity_note;
  guint         n_params;
  RetRuleParam  params[RET_RULE_MAX_PARAMS];
} RetRule;

const RetRule  *ret_rule_get               (RetRuleId    id);
const RetRule  *ret_rule_lookup            (const char  *code_or_slug);
int             ret_rule_param_index       (RetRuleId    id,
                                            const char  *key);
const char     *ret_severity_to_string     (RetSeverity  severity);  /* "hard", "warning" */
const char     *ret_severity_label         (RetSeverity  severity);  /* translated */
char           *ret_rule_param_format      (const RetRuleParam *param,
                                            int          value);
gboolean        ret_rule_param_parse       (const RetRuleParam *param,
                                            const char  *text,
                                            int         *value,
                                            GError     **error);

/**
 * RetRuleParams:
 *
 * The parameter values of one arrangement, for every rule;
 * @value[rule][i] belongs to ret_rule_get (rule)->params[i].  @sample is
 * %TRUE while the value is a sample (the catalogue default, or a stored
 * value still marked sample).
 */
typedef struct
{
  int      value[RET_N_RULES][RET_RULE_MAX_PARAMS];
  gboolean sample[RET_N_RULES][RET_RULE_MAX_PARAMS];
} RetRuleParams;

void            ret_rule_params_init       (RetRuleParams *params);

/* -------------------------------------------------------------------- */
/* What a check looks at                                                 */

typedef enum
{
  RET_NOTICE_CONSULATE,
  RET_NOTICE_INM,
  RET_NOTICE_PROSECUTOR,   /* the prosecutor's attaché: criminal records */
  RET_N_NOTICE_KINDS
} RetNoticeKind;

const char     *ret_notice_kind_to_string  (RetNoticeKind kind); /* "consulate", "inm", "prosecutor-attache" */
gboolean        ret_notice_kind_from_string (const char   *text,
                                             RetNoticeKind *kind);
const char     *ret_notice_kind_label      (RetNoticeKind kind); /* translated */

/**
 * RetScreening:
 *
 * The documented screening of an unaccompanied child (R05, GAO-15-521):
 * risk of trafficking, fear of return, and whether the child can decide
 * on return.  Under 14 a child is presumed unable to decide.
 */
typedef struct
{
  gint64    screened_at;        /* UTC seconds */
  char     *screener;
  gboolean  trafficking_risk;
  gboolean  fear_of_return;
  gboolean  able_to_decide;
  char     *notes;
} RetScreening;

RetScreening   *ret_screening_copy         (const RetScreening *screening);
void            ret_screening_free         (RetScreening       *screening);

typedef enum
{
  RET_BELONGING_HELD,       /* in custody's hands */
  RET_BELONGING_ON_BOARD,   /* travels with the transfer */
  RET_BELONGING_RETURNED,   /* given back to the person */
  RET_BELONGING_MISSING,    /* cannot be found */
} RetBelongingStatus;

typedef enum
{
  RET_BELONGING_DOCUMENTS,
  RET_BELONGING_MONEY,
  RET_BELONGING_MEDICINES,
  RET_BELONGING_OTHER,
} RetBelongingKind;

const char     *ret_belonging_status_to_string   (RetBelongingStatus status);
gboolean        ret_belonging_status_from_string (const char *text, RetBelongingStatus *status);
const char     *ret_belonging_status_label       (RetBelongingStatus status);
const char     *ret_belonging_kind_to_string     (RetBelongingKind kind);
gboolean        ret_belonging_kind_from_string   (const char *text, RetBelongingKind *kind);
const char     *ret_belonging_kind_label         (RetBelongingKind kind);

/**
 * RetCheckPerson:
 * @person: the person (owned)
 * @screening: (nullable): R05
 * @belongings_inventoried: R10: the inventory was taken (possibly empty)
 * @belongings_outstanding: R10: items neither returned nor on board
 *   (held or missing)
 * @medical_notes: R11: conditions and medicines to notify; "" for none
 * @origin_known: the place of origin has coordinates (R14)
 * @elsewhere_transfer: (nullable): for a family member who is on none
 *   of the checked transfers: the code of the transfer that carries them
 *   (outside the check), or NULL when they are on none (awaiting)
 */
typedef struct
{
  RetPerson    *person;
  RetScreening *screening;
  gboolean      belongings_inventoried;
  guint         belongings_outstanding;
  char         *medical_notes;
  gboolean      origin_known;
  double        origin_latitude;
  double        origin_longitude;
  char         *origin_name;
  char         *elsewhere_transfer;
} RetCheckPerson;

/**
 * RetCheckEntry:
 * @person: index into RetCheckData.persons
 * @actual_handover_at: R19; 0 when not recorded
 * @receiving_official: R19; NULL when not recorded
 */
typedef struct
{
  guint   person;
  gint64  actual_handover_at;
  char   *receiving_official;
} RetCheckEntry;

/**
 * RetCheckTransfer:
 * @notice_sent_at: per RetNoticeKind: UTC seconds the notice was sent, 0
 *   when none was sent
 * @entries: (element-type RetCheckEntry): the manifest
 */
typedef struct
{
  gint64             id;
  gint64             plan_id;
  char              *code;
  char              *mode;
  char              *facility;
  char              *point;
  gint64             depart_at;
  gint64             handover_at;
  int                seats;
  RetTransferStatus  status;
  gint64             actual_handover_at;
  char              *receiving_official;
  gint64             notice_sent_at[RET_N_NOTICE_KINDS];
  GArray            *entries;
} RetCheckTransfer;

/**
 * RetCheckArrangement:
 * @effective_to: invalid (g_date_valid() is %FALSE) when open-ended
 * @sectors: the US sectors it covers
 * @points: its designated points
 */
typedef struct
{
  char          *code;
  char          *name;
  GDate          effective_from;
  GDate          effective_to;
  GStrv          sectors;
  GStrv          points;
  RetRuleParams  params;
} RetCheckArrangement;

/* R15: a point outside a sector's own arrangement that the sector may
 * use all the same, approved by someone. */
typedef struct
{
  char   *sector;
  char   *point;
  char   *approved_by;
  char   *reason;
} RetLateralPair;

/* R02: a point closed, or open beyond its window (never 22:00–05:00),
 * from @starts_at to @ends_at (0 = until further notice). */
typedef struct
{
  char     *point;
  gint64    starts_at;
  gint64    ends_at;
  gboolean  closed;      /* FALSE: a temporary extension */
  char     *reason;
} RetPointException;

typedef enum
{
  RET_RESOLUTION_NONE,
  RET_RESOLUTION_OVERRIDE,         /* a hard violation accepted */
  RET_RESOLUTION_ACKNOWLEDGEMENT,  /* a warning acknowledged */
} RetResolutionKind;

/**
 * RetResolution:
 *
 * An override or an acknowledgement, as stored.  It resolves the
 * violation of @rule on @transfer_code with the same @subject (see
 * RetViolation): a violation that grows (a third person) is a new one.
 */
typedef struct
{
  gint64             id;
  gint64             plan_id;
  char              *transfer_code;
  RetRuleId          rule;
  char              *subject;
  RetResolutionKind  kind;
  char              *reason;
  char              *approver;
  gint64             created_at;
} RetResolution;

RetResolution  *ret_resolution_copy        (const RetResolution *resolution);
void            ret_resolution_free        (RetResolution       *resolution);
const char     *ret_resolution_kind_to_string (RetResolutionKind kind); /* "override", "acknowledgement" */

/**
 * RetCheckData:
 * @now: UTC seconds; rules about deadlines (R08) compare with it
 * @transfers: (element-type RetCheckTransfer): the transfers to check
 * @persons: (element-type RetCheckPerson): everyone on them, and every
 *   member of their families even when on no checked transfer
 *
 * Build with ret_check_data_new() and the add functions, which take
 * ownership of what they are given; then run checks.  After changing a
 * transfer's manifest or times, call ret_check_result_update().
 */
typedef struct _RetCheckCache RetCheckCache;

typedef struct
{
  gint64     now;
  GPtrArray *points;         /* RetPoint */
  GPtrArray *facilities;     /* RetFacility */
  GPtrArray *arrangements;   /* RetCheckArrangement */
  GPtrArray *lateral_pairs;  /* RetLateralPair */
  GPtrArray *exceptions;     /* RetPointException */
  GPtrArray *persons;        /* RetCheckPerson */
  GPtrArray *transfers;      /* RetCheckTransfer */
  GPtrArray *resolutions;    /* RetResolution */

  /*< private >*/
  RetCheckCache *cache;
} RetCheckData;

RetCheckData     *ret_check_data_new            (void);
void              ret_check_data_free           (RetCheckData *data);
RetCheckPerson   *ret_check_person_new          (RetPerson    *person);  /* takes @person */
void              ret_check_person_free         (RetCheckPerson *person);
RetCheckTransfer *ret_check_transfer_new        (void);
void              ret_check_transfer_free       (RetCheckTransfer *transfer);
RetCheckArrangement *ret_check_arrangement_new  (void);   /* params at defaults */
void              ret_check_arrangement_free    (RetCheckArrangement *arrangement);
void              ret_lateral_pair_free         (RetLateralPair *pair);
void              ret_point_exception_free      (RetPointException *exception);

guint             ret_check_data_add_person     (RetCheckData     *data,
                                                 RetCheckPerson   *person);
guint             ret_check_data_add_transfer   (RetCheckData     *data,
                                                 RetCheckTransfer *transfer);
void              ret_check_transfer_add_person (RetCheckTransfer *transfer,
                                                 guint             person);
int               ret_check_data_find_person    (RetCheckData     *data,
                                                 gint64            person_id);  /* -1 if absent */
int               ret_check_data_find_transfer  (RetCheckData     *data,
                                                 const char       *code);       /* -1 if absent */
/* Drops what was cached from the data (indexes, zones, daylight); call
 * after adding or removing persons, points, arrangements, etc.  Changes
 * to transfers go through ret_check_result_update() instead. */
void              ret_check_data_invalidate     (RetCheckData     *data);

/* -------------------------------------------------------------------- */
/* What a check finds                                                    */

/**
 * RetViolation:
 * @transfer: index into RetCheckData.transfers
 * @transfer_code: the transfer's code
 * @persons: (element-type utf8): A-numbers of the persons concerned
 * @person_ids: (element-type gint64): the same persons' ids
 * @subject: what the violation is about within its rule and transfer,
 *   stable from one check to the next: the kind of problem and the
 *   sorted A-numbers ("after-cutoff@18:30:A1,A2"), a family's split, a
 *   point and date ("NOG 2026-12-03").  Resolutions match on it.
 * @message: a sentence a coordinator understands, in the user's language
 * @group: the part of the plan it was found in ("transfer:CODE",
 *   "family:LABEL", "point-day:NOG:2026-12-03"); incremental checks
 *   redo whole groups
 * @resolution: (nullable): the override or acknowledgement that
 *   resolves it, a copy
 */
typedef struct
{
  RetRuleId      rule;
  RetSeverity    severity;
  gint64         plan_id;
  guint          transfer;
  char          *transfer_code;
  GPtrArray     *persons;
  GArray        *person_ids;
  char          *subject;
  char          *message;
  char          *group;
  RetResolution *resolution;
} RetViolation;

RetViolation   *ret_violation_copy         (const RetViolation *violation);
void            ret_violation_free         (RetViolation       *violation);
gboolean        ret_violation_is_resolved  (const RetViolation *violation);

typedef struct _RetCheckResult RetCheckResult;

/* The whole plan: every transfer of @data. */
RetCheckResult *ret_check_run              (RetCheckData   *data);
/* After the given transfers changed (manifest, times, point, status):
 * redo exactly the groups they are in, before and after the change. */
void            ret_check_result_update    (RetCheckResult *result,
                                            RetCheckData   *data,
                                            const guint    *transfers,
                                            guint           n_transfers);
/* Re-match overrides and acknowledgements after data->resolutions changed. */
void            ret_check_result_resolve   (RetCheckResult *result,
                                            RetCheckData   *data);
void            ret_check_result_free      (RetCheckResult *result);

/* Sorted: hard before warning, then rule, transfer code, subject. */
GPtrArray      *ret_check_result_get_violations (RetCheckResult *result);  /* (transfer none) */
guint           ret_check_result_count     (RetCheckResult *result,
                                            RetSeverity     severity,
                                            gboolean        unresolved_only);
gboolean        ret_check_result_blocks_approval (RetCheckResult *result,
                                            gint64          plan_id);
/* The violations that concern one transfer, for its details and sheet. */
GPtrArray      *ret_check_result_for_transfer (RetCheckResult *result,
                                            const char     *transfer_code);  /* (transfer container) */

/* {"rule", "severity", "transfer", "persons", "message", "title",
 *  "subject", "resolution": null | {"kind", "reason", "approver", "at"}} */
JsonNode       *ret_violation_to_json      (const RetViolation *violation);
JsonNode       *ret_check_result_to_json   (RetCheckResult *result);  /* an array */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetScreening, ret_screening_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetResolution, ret_resolution_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetCheckData, ret_check_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetCheckPerson, ret_check_person_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetCheckTransfer, ret_check_transfer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetCheckArrangement, ret_check_arrangement_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetViolation, ret_violation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetCheckResult, ret_check_result_free)

G_END_DECLS
