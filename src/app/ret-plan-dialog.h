/* ret-plan-dialog.h — "Plan…": choose the days, plan, see what came of it, undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ret-store-schedule.h"

G_BEGIN_DECLS

/* How long the scheduler improves a plan once it has one. */
typedef enum
{
  RET_PLAN_IMPROVEMENT_QUICK,
  RET_PLAN_IMPROVEMENT_NORMAL,
  RET_PLAN_IMPROVEMENT_THOROUGH,
} RetPlanImprovement;

guint        ret_plan_improvement_iterations (RetPlanImprovement improvement);

/**
 * RetUnplannedGroup:
 * @reason: what the persons of the group have in common
 * @eligible: %TRUE when vehicles, seats or capacity were missing
 * @persons: (element-type guint): indexes into the input's persons, as
 *   the RetUnplanned entries gave them
 *
 * The persons left unplanned for one reason.
 */
typedef struct
{
  char     *reason;
  gboolean  eligible;
  GArray   *persons;
} RetUnplannedGroup;

void         ret_unplanned_group_free        (RetUnplannedGroup *group);

/* The unplanned of @result by reason: those who could travel with more
 * vehicles or capacity first, then the larger groups first, then by
 * reason; the persons of a group in the result's order. */
GPtrArray   *ret_plan_group_unplanned        (const RetScheduleResult *result);  /* RetUnplannedGroup */

/* "Planned 12 persons in 2 transfers", as the main window says it. */
char        *ret_plan_format_planned         (guint n_persons,
                                              guint n_transfers);

#define RET_TYPE_PLAN_DIALOG (ret_plan_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RetPlanDialog, ret_plan_dialog, RET, PLAN_DIALOG, AdwWindow)

/* The options first; @from the first day offered. */
RetPlanDialog *ret_plan_dialog_new           (GtkWindow          *parent,
                                              RetStore           *store,
                                              const GDate        *from);
/* Re-plans exactly the transfers @replace of [@from, @from + @days) at
 * once, with no options to choose; @intro says why (a point closed). */
RetPlanDialog *ret_plan_dialog_new_replan    (GtkWindow          *parent,
                                              RetStore           *store,
                                              const GDate        *from,
                                              guint               days,
                                              const char * const *replace,
                                              const char         *intro);

void         ret_plan_dialog_set_from        (RetPlanDialog      *self,
                                              const GDate        *from);
void         ret_plan_dialog_get_from        (RetPlanDialog      *self,
                                              GDate              *from);
void         ret_plan_dialog_set_days        (RetPlanDialog      *self,
                                              guint               days);
guint        ret_plan_dialog_get_days        (RetPlanDialog      *self);
void         ret_plan_dialog_set_flights     (RetPlanDialog      *self,
                                              gboolean            flights);
void         ret_plan_dialog_set_improvement (RetPlanDialog      *self,
                                              RetPlanImprovement  improvement);

/* What the buttons do. */
gboolean     ret_plan_dialog_plan            (RetPlanDialog      *self);
void         ret_plan_dialog_cancel_planning (RetPlanDialog      *self);
gboolean     ret_plan_dialog_undo            (RetPlanDialog      *self);
void         ret_plan_dialog_show_plan       (RetPlanDialog      *self);

/* "options", "progress" or "summary" */
const char  *ret_plan_dialog_get_page        (RetPlanDialog      *self);
gboolean     ret_plan_dialog_is_running      (RetPlanDialog      *self);
/* The last failure shown, or %NULL. */
const char  *ret_plan_dialog_get_error       (RetPlanDialog      *self);
/* The stored plan; 0 before one is stored and after it is undone. */
gint64       ret_plan_dialog_get_plan_id     (RetPlanDialog      *self);
const RetScheduleResult *ret_plan_dialog_get_result (RetPlanDialog *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetUnplannedGroup, ret_unplanned_group_free)

G_END_DECLS
