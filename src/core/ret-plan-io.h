/* ret-plan-io.h — plans as JSON, in from other tools and by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ret-roster-import.h"
#include "ret-store.h"

G_BEGIN_DECLS

/* Far beyond a border-wide plan of many days */
#define RET_PLAN_MAX_BYTES (256 * 1024 * 1024)

#define RET_PLAN_MAX_SEATS 500

/**
 * RetPlanProblem:
 * @line: 1-based line, or 0 when the problem has no line (most: JSON
 *   parsers give lines for syntax errors only)
 * @column: 1-based column with @line
 * @path: where in the document, e.g. "transfers[3].point"; NULL for the
 *   whole file
 *
 * One problem of a plan file.
 */
typedef struct
{
  char  *file;
  guint  line;
  guint  column;
  char  *path;
  char  *message;
} RetPlanProblem;

void           ret_plan_problem_free   (RetPlanProblem       *problem);
char          *ret_plan_problem_format (const RetPlanProblem *problem);

RetPlanDraft  *ret_plan_parse          (RetStore    *store,
                                        const char  *display_name,
                                        const char  *data,
                                        gsize        length,
                                        GPtrArray  **problems,
                                        guint       *n_problems);

gboolean       ret_plan_import_file    (RetStore    *store,
                                        const char  *path,
                                        const char  *actor,
                                        gint64      *plan_id,
                                        guint       *n_transfers,
                                        guint       *n_persons,
                                        GPtrArray  **problems,
                                        GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetPlanProblem, ret_plan_problem_free)

G_END_DECLS
