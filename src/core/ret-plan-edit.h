/* ret-plan-edit.h — editing a plan by hand: what a move of persons would break
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A coordinator moves a person (and, with them, their family: families
 * travel whole) from one transfer to another.  Before the move is
 * stored, these functions say which hard rules it would break, by trying
 * it on the check data in memory and undoing it: the check is the same
 * one that blocks approval, so the preview never disagrees with it.
 * Nothing here touches the database.
 */

#pragma once

#include "ret-rules.h"

G_BEGIN_DECLS

/* The persons who move when @person_id is moved off the transfer
 * @code: the person and every member of their family on that transfer,
 * in manifest order (gint64 ids).  Empty when the person is not on it. */
GArray     *ret_plan_family_on_transfer  (RetCheckData   *data,
                                          const char     *code,
                                          gint64          person_id);

/* The same for several persons, without repeats. */
GArray     *ret_plan_expand_move         (RetCheckData   *data,
                                          const char     *from_code,
                                          const gint64   *person_ids,
                                          guint           n_persons);

/**
 * ret_plan_preview_move:
 * @result: the check of @data as it is now (ret_check_run())
 *
 * The unresolved hard violations (copies, in the result's order) that
 * moving @person_ids, and their families on @from_code, to @to_code
 * would bring about and that the plan does not have now.  Not new,
 * when unresolved now: a problem of the same rule about the same
 * persons (a child's missing screening travels with her), and a rule
 * the transfer already breaks (one more person on an overfull bus).
 * New: a rule broken where it was not, and what an override covered
 * that it no longer does (the violation grows, or its persons leave the
 * transfer it was given on).  @data and @result are left exactly as
 * they were.  %NULL when either transfer is
 * not in @data or they are the same.
 */
GPtrArray  *ret_plan_preview_move        (RetCheckData   *data,
                                          RetCheckResult *result,
                                          const char     *from_code,
                                          const char     *to_code,
                                          const gint64   *person_ids,
                                          guint           n_persons);  /* RetViolation */

/* "No new problem", or "Would break: R06 Minors travel apart from
 * adults" (every rule broken, once, in order); translated. */
char       *ret_plan_describe_preview    (GPtrArray      *problems);

/* Whether persons can be moved by hand on the transfer at @transfer:
 * still planned, in one of the @draft_plans. */
gboolean    ret_plan_transfer_is_editable (RetCheckData  *data,
                                          guint           transfer,
                                          const gint64   *draft_plans,
                                          guint           n_draft_plans);

/* Where persons of @from_code may be moved by hand: the other editable
 * transfers of the same facility whose handover falls on the same local
 * date (each at its point's clock), by handover then code.  Empty when
 * @from_code itself is not editable. */
GPtrArray  *ret_plan_list_move_targets   (RetCheckData   *data,
                                          const char     *from_code,
                                          const gint64   *draft_plans,
                                          guint           n_draft_plans);  /* utf8 */

/* The point @code among @data's points, or NULL when it is unknown. */
const RetPoint *ret_plan_find_point      (const RetCheckData *data,
                                          const char         *code);

/* A dragged person, as text: the transfer they are on and their id. */
char       *ret_plan_drag_format         (const char     *code,
                                          gint64          person_id);
gboolean    ret_plan_drag_parse          (const char     *text,
                                          char          **code,
                                          gint64         *person_id);

G_END_DECLS
