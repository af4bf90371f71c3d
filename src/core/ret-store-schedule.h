/* ret-store-schedule.h — the fleet, travel times, and stored plans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the scheduler reads from the database and how its plans are
 * stored, pinned, edited by hand, undone, and re-made when a point
 * closes.  Every write is one transaction and audited (without names).
 *
 * Which stored transfers a new plan of [from, from + days) replaces:
 *   - a transfer of a draft plan, still "planned", not pinned, with no
 *     pinned person: replaced; its persons are candidates again;
 *   - the same with pinned persons: kept with its pinned persons only (a
 *     pinned person's family members on it count as pinned); the others
 *     are candidates.  Stored, it is re-made in the new plan under a new
 *     code and the old one is cancelled, so that undo can restore it;
 *   - anything else (pinned, approved plan, notified or later): kept as
 *     it is.
 * Everyone awaiting is a candidate.  Undo restores exactly what the plan
 * replaced.
 */

#pragma once

#include "ret-scheduler.h"
#include "ret-store.h"

G_BEGIN_DECLS

/* The fleet; @facility NULL: every facility's, by facility then label. */
GPtrArray   *ret_store_list_vehicles        (RetStore          *self,
                                             const char        *facility,
                                             GError           **error);  /* RetVehicle */
/* Adds @vehicle when its id is 0 (and sets the id), else updates it;
 * refuses seats < 1, unknown facility or point, a flight without an
 * airport and a departure, a road vehicle with one.  No longer sample. */
gboolean     ret_store_save_vehicle         (RetStore          *self,
                                             RetVehicle        *vehicle,
                                             const char        *actor,
                                             GError           **error);
/* Refused (RET_STORE_ERROR_CONFLICT) while a transfer that has not left
 * uses it. */
gboolean     ret_store_delete_vehicle       (RetStore          *self,
                                             gint64             id,
                                             const char        *actor,
                                             GError           **error);

GPtrArray   *ret_store_list_travel_times    (RetStore          *self,
                                             GError           **error);  /* RetTravelTime */
/* @minutes <= 0 removes the pair's time: back to the estimate. */
gboolean     ret_store_set_travel_time      (RetStore          *self,
                                             const char        *facility,
                                             const char        *point,
                                             int                minutes,
                                             const char        *actor,
                                             GError           **error);
int          ret_store_get_road_speed       (RetStore          *self);   /* km/h */
gboolean     ret_store_set_road_speed       (RetStore          *self,
                                             int                kmh,     /* 10–130 */
                                             const char        *actor,
                                             GError           **error);

/**
 * ret_store_load_schedule_input:
 * @from: the first day
 * @days: 1 or more
 * @replace: (nullable): the codes of the transfers to re-plan, whatever
 *   their plan, status (before departure) or pins: only their persons are
 *   candidates and everything else in the span is kept (a point closed in
 *   an emergency); NULL: the rules at the top of this file
 *
 * What the scheduler needs to plan [@from, @from + @days).
 */
RetScheduleInput *ret_store_load_schedule_input (RetStore           *self,
                                             const GDate        *from,
                                             guint               days,
                                             const char * const *replace,
                                             GError            **error);

/* Stores @result as a new draft plan of @options' span and cancels what
 * it replaces, in one transaction; the transfer codes of @result are
 * kept, or given the next free number where the database has them, and
 * once stored @result (its transfers and violations) carries the stored
 * codes.  Refused (RET_STORE_ERROR_CONFLICT) when a transfer it replaces
 * moved on, or someone it places was planned elsewhere, since @input
 * was loaded: plan again. */
gboolean     ret_store_save_schedule        (RetStore                 *self,
                                             const RetScheduleInput   *input,
                                             RetScheduleResult        *result,
                                             const RetScheduleOptions *options,
                                             const char               *actor,
                                             gint64                   *plan_id,
                                             GError                  **error);

/* Load, plan and save, as `retorno-cli plan` and the Plan dialog do; runs
 * in the caller's thread (give it a store of its own off the main
 * thread).  @result and @plan_id are set on success. */
gboolean     ret_store_schedule             (RetStore                 *self,
                                             const RetScheduleOptions *options,
                                             const char * const       *replace,
                                             RetScheduleProgress       progress,
                                             gpointer                  user_data,
                                             GCancellable             *cancellable,
                                             const char               *actor,
                                             RetScheduleResult       **result,
                                             RetScheduleInput        **input,
                                             gint64                   *plan_id,
                                             GError                  **error);

/* Deletes the plan and restores what it replaced.  Refused when the plan
 * is not a draft, when one of its transfers has moved past "planned", or
 * (RET_STORE_ERROR_CONFLICT) when a later plan replaced some of its
 * transfers, when what it would restore belongs to a plan no longer a
 * draft, when persons were moved by hand into or out of its transfers,
 * or when someone it would restore is on another live transfer now. */
gboolean     ret_store_undo_schedule        (RetStore          *self,
                                             gint64             plan_id,
                                             const char        *actor,
                                             GError           **error);

/* Pins: kept as they are when re-planning. */
gboolean     ret_store_set_transfer_pinned  (RetStore          *self,
                                             const char        *code,
                                             gboolean           pinned,
                                             const char        *actor,
                                             GError           **error);
gboolean     ret_store_get_transfer_pinned  (RetStore          *self,
                                             const char        *code,
                                             gboolean          *pinned,
                                             GError           **error);
/* Pins a person where they travel; a family on that transfer with them. */
gboolean     ret_store_set_person_pinned    (RetStore          *self,
                                             const char        *code,
                                             gint64             person_id,
                                             gboolean           pinned,
                                             const char        *actor,
                                             GError           **error);
/* The ids of the pinned persons of a transfer. */
GArray      *ret_store_list_pinned_persons  (RetStore          *self,
                                             const char        *code,
                                             GError           **error);

/* Moves persons from one transfer to another by hand, in one
 * transaction.  Both transfers must be "planned" and of draft plans;
 * the rules are not enforced here: the check shows what the move breaks. */
gboolean     ret_store_move_persons         (RetStore          *self,
                                             const char        *from_code,
                                             const char        *to_code,
                                             const gint64      *person_ids,
                                             guint              n_persons,
                                             const char        *actor,
                                             GError           **error);

/* An emergency: closes @point from @from_utc until @until_utc (0: until
 * further notice) and gives the codes of the transfers not yet departed
 * whose handover there falls in the closure, by handover; re-plan them
 * with ret_store_schedule() and @replace = @affected.  @departed: those
 * already on their way there, which cannot be re-planned: call them. */
gboolean     ret_store_close_point          (RetStore          *self,
                                             const char        *point,
                                             gint64             from_utc,
                                             gint64             until_utc,
                                             const char        *reason,
                                             const char        *actor,
                                             GStrv             *affected,
                                             GStrv             *departed,
                                             GError           **error);

G_END_DECLS
