/* ret-checks-panel.h — the rule check of the day shown on the Plan page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ret-rules.h"
#include "ret-store.h"

G_BEGIN_DECLS

#define RET_TYPE_CHECKS_PANEL (ret_checks_panel_get_type ())
G_DECLARE_FINAL_TYPE (RetChecksPanel, ret_checks_panel, RET, CHECKS_PANEL, AdwBin)

GtkWidget      *ret_checks_panel_new            (void);
void            ret_checks_panel_set_store      (RetChecksPanel *self,
                                                 RetStore       *store);
RetStore       *ret_checks_panel_get_store      (RetChecksPanel *self);
void            ret_checks_panel_set_date       (RetChecksPanel *self,
                                                 const GDate    *date);
void            ret_checks_panel_refresh        (RetChecksPanel *self);
gboolean        ret_checks_panel_is_refresh_pending (RetChecksPanel *self);
RetCheckResult *ret_checks_panel_get_result     (RetChecksPanel *self);
const char     *ret_checks_panel_get_count_text (RetChecksPanel *self);
gint64          ret_checks_panel_get_plan_id    (RetChecksPanel *self);
guint           ret_checks_panel_get_unresolved_hard (RetChecksPanel *self);
GtkListBox     *ret_checks_panel_get_list       (RetChecksPanel *self);
gboolean        ret_checks_panel_approve        (RetChecksPanel *self,
                                                 const char     *approver);

/* What the panel shows, decided apart from the widgets so that the
 * tests check it without a display. */

typedef enum
{
  RET_CHECK_ROW_ACTION_NONE,
  RET_CHECK_ROW_ACTION_OVERRIDE,     /* an unresolved hard violation */
  RET_CHECK_ROW_ACTION_ACKNOWLEDGE,  /* an unresolved warning */
} RetCheckRowAction;

char             *ret_checks_format_counts      (guint               unresolved_hard,
                                                 guint               unresolved_warnings);
char             *ret_checks_format_resolved    (guint               overridden,
                                                 guint               acknowledged);
char             *ret_checks_format_rule_header (RetRuleId           rule);
char             *ret_checks_format_persons     (const RetViolation *violation);
char             *ret_checks_format_resolution  (const RetViolation *violation);
RetCheckRowAction ret_checks_row_action         (const RetViolation *violation);
gboolean          ret_checks_row_dimmed         (const RetViolation *violation);
gboolean          ret_checks_approve_sensitive  (guint               unresolved_hard,
                                                 char              **tooltip);
gint64            ret_checks_pick_draft_plan    (const RetCheckData *data,
                                                 GPtrArray          *plans);
char             *ret_checks_format_toggle_label (guint              unresolved_hard);

G_END_DECLS
