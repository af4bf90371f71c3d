/* ret-schedule-task.h — planning off the main thread, for the windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ret-store-schedule.h"

G_BEGIN_DECLS

/* Called on the main thread with the share done (0 to 1); several
 * reports of the planning thread between two frames arrive as one. */
typedef void (*RetScheduleTaskProgress) (GObject *target,
                                         double   fraction);

/*
 * ret_schedule_task_run_async:
 * @store: the window's store; planning reads and writes through a
 *   connection of its own to the same file, and @store then tells its
 *   users that plans, transfers and persons changed
 * @replace: (nullable): as ret_store_schedule()
 * @progress_target: (nullable): held weakly; @progress is not called
 *   once it is gone
 *
 * Loads, plans and saves the span of @options in a thread, as
 * ret_store_schedule() does.  Cancelling @cancellable stops the planning
 * unless the plan is already being saved; then it completes.
 */
void     ret_schedule_task_run_async  (RetStore                 *store,
                                       const RetScheduleOptions *options,
                                       const char * const       *replace,
                                       const char               *actor,
                                       RetScheduleTaskProgress   progress,
                                       GObject                  *progress_target,
                                       GCancellable             *cancellable,
                                       GAsyncReadyCallback       callback,
                                       gpointer                  user_data);

/* @result, @input and @plan_id (each nullable) are set on success;
 * G_IO_ERROR_CANCELLED when it was cancelled before anything was
 * saved. */
gboolean ret_schedule_task_run_finish (GAsyncResult        *result,
                                       RetScheduleResult  **schedule_result,
                                       RetScheduleInput   **input,
                                       gint64              *plan_id,
                                       GError             **error);

G_END_DECLS
