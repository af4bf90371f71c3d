/* ret-check-builder.h — small plans for the rule tests, built by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ret-rules.h"

G_BEGIN_DECLS

RetCheckData *ret_builder_new      (void);
guint         ret_builder_person   (RetCheckData   *data,
                                    const char     *a_number,
                                    const char     *birth_date,
                                    RetPersonFlags  flags,
                                    const char     *family,
                                    const char     *facility);
guint         ret_builder_transfer (RetCheckData   *data,
                                    const char     *code,
                                    const char     *mode,
                                    const char     *facility,
                                    const char     *point,
                                    const char     *handover_local,
                                    int             seats);
void          ret_builder_board    (RetCheckData   *data,
                                    guint           transfer,
                                    guint           person);
RetCheckPerson   *ret_builder_get_person   (RetCheckData *data,
                                            guint         person);
RetCheckTransfer *ret_builder_get_transfer (RetCheckData *data,
                                            guint         transfer);
gint64        ret_builder_local_time (RetCheckData *data,
                                      const char   *point,
                                      const char   *local);
/* The violations of @rule in @result, and whether one names @a_number */
guint         ret_builder_count    (RetCheckResult *result,
                                    RetRuleId       rule);
gboolean      ret_builder_names    (RetCheckResult *result,
                                    RetRuleId       rule,
                                    const char     *a_number);

/* The violations of @rule with @severity */
guint         ret_builder_count_severity (RetCheckResult *result,
                                          RetRuleId       rule,
                                          RetSeverity     severity);
/* The first violation of @rule (in the result's order), or NULL */
const RetViolation *ret_builder_first (RetCheckResult *result,
                                       RetRuleId       rule);
/* The same, about @subject only */
const RetViolation *ret_builder_find  (RetCheckResult *result,
                                       RetRuleId       rule,
                                       const char     *subject);
/* The manifest entry of @person on @transfer (R19's actuals), or NULL */
RetCheckEntry *ret_builder_get_entry (RetCheckData *data,
                                      guint         transfer,
                                      guint         person);
/* Sets one parameter of one rule in the arrangement @code */
void          ret_builder_set_param (RetCheckData *data,
                                     const char   *arrangement,
                                     RetRuleId     rule,
                                     const char   *key,
                                     int           value);

G_END_DECLS
