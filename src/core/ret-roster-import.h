/* ret-roster-import.h — custody rosters (CSV) into the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ret-store.h"

G_BEGIN_DECLS

#define RET_IMPORT_ERROR (ret_import_error_quark ())

/* About 7 million roster rows: far beyond a day's custody roster */
#define RET_ROSTER_MAX_BYTES (1024 * 1024 * 1024)

/**
 * RetImportError:
 * @RET_IMPORT_ERROR_READ: the file cannot be read
 * @RET_IMPORT_ERROR_INVALID: the file has problems; nothing was imported
 *   and the problems are listed
 * @RET_IMPORT_ERROR_CANCELLED: cancelled; nothing was imported
 */
typedef enum
{
  RET_IMPORT_ERROR_READ,
  RET_IMPORT_ERROR_INVALID,
  RET_IMPORT_ERROR_CANCELLED,
} RetImportError;

/**
 * RetImportProblem:
 * @line: 1-based physical line where the record starts (0: the file)
 * @field: the column name, or NULL when the problem is the whole row
 */
typedef struct
{
  char  *file;
  guint  line;
  char  *field;
  char  *message;
} RetImportProblem;

/* Called from the importing thread; bytes read so far of the total. */
typedef void (*RetImportProgressFunc) (guint64  done,
                                       guint64  total,
                                       gpointer user_data);

GQuark       ret_import_error_quark        (void);

void         ret_import_problem_free       (RetImportProblem *problem);
char        *ret_import_problem_format     (const RetImportProblem *problem);

GPtrArray   *ret_roster_parse              (RetStore              *store,
                                            const char            *display_name,
                                            const char            *data,
                                            gsize                  length,
                                            GPtrArray            **problems);

gboolean     ret_roster_import_file        (RetStore              *store,
                                            const char            *path,
                                            const char            *actor,
                                            guint                 *n_imported,
                                            GPtrArray            **problems,
                                            GCancellable          *cancellable,
                                            RetImportProgressFunc  progress,
                                            gpointer               progress_data,
                                            GError               **error);

void         ret_roster_import_file_async  (RetStore              *store,
                                            const char            *path,
                                            const char            *actor,
                                            GCancellable          *cancellable,
                                            RetImportProgressFunc  progress,
                                            gpointer               progress_data,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data);
gboolean     ret_roster_import_file_finish (RetStore              *store,
                                            GAsyncResult          *result,
                                            guint                 *n_imported,
                                            GPtrArray            **problems,
                                            GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetImportProblem, ret_import_problem_free)

G_END_DECLS
