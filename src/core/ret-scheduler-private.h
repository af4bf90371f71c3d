/* ret-scheduler-private.h — between the scheduler's values and its planning
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ret-scheduler.h"

G_BEGIN_DECLS

RetScheduleResult *_ret_schedule_result_new (void);

/* ret_schedule_run() once the options are known to make sense. */
RetScheduleResult *_ret_schedule_solve      (RetScheduleInput         *input,
                                             const RetScheduleOptions *options,
                                             RetScheduleProgress       progress,
                                             gpointer                  user_data,
                                             GCancellable             *cancellable,
                                             GError                  **error);

G_END_DECLS
