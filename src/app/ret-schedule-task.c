/* ret-schedule-task.c — planning off the main thread, for the windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Planning a few days takes longer than a frame, so it runs in a thread.
 * The window's store belongs to the main thread: the thread opens the
 * same file again (as the checks panel does for its checks), plans and
 * saves there, and the window's store is then told what changed, since
 * a store signals only the writes made through itself.
 *
 * The scheduler reports progress as often as it likes; the main thread
 * hears of it at most once per PROGRESS_INTERVAL, so that the progress
 * bar never costs the planning time.
 */

#define G_LOG_DOMAIN "ret-schedule-task"

#include "config.h"

#include "ret-schedule-task.h"

#define PROGRESS_INTERVAL (40 * G_TIME_SPAN_MILLISECOND)

/* What the planning thread shares with the main thread about progress.
 * Reference-counted: an idle queued by the thread may run after the
 * task is gone. */
typedef struct
{
  gint                     ref_count;
  GMutex                   lock;
  double                   fraction;        /* under lock */
  gboolean                 queued;          /* under lock: an idle is on its way */
  gint64                   last_queued;     /* under lock */
  GMainContext            *context;
  /* main thread only */
  RetScheduleTaskProgress  progress;
  GWeakRef                 target;
} ProgressChannel;

static ProgressChannel *
progress_channel_ref (ProgressChannel *channel)
{
  g_atomic_int_inc (&channel->ref_count);
  return channel;
}

static void
progress_channel_unref (gpointer data)
{
  ProgressChannel *channel = data;

  if (!g_atomic_int_dec_and_test (&channel->ref_count))
    return;

  g_mutex_clear (&channel->lock);
  g_main_context_unref (channel->context);
  g_weak_ref_clear (&channel->target);
  g_free (channel);
}

static gboolean
deliver_progress_cb (gpointer data)
{
  ProgressChannel *channel = data;
  g_autoptr(GObject) target = NULL;
  double fraction;

  g_mutex_lock (&channel->lock);
  fraction = channel->fraction;
  channel->queued = FALSE;
  g_mutex_unlock (&channel->lock);

  if (channel->progress == NULL)
    return G_SOURCE_REMOVE;

  target = g_weak_ref_get (&channel->target);
  if (target != NULL)
    channel->progress (target, fraction);

  return G_SOURCE_REMOVE;
}

/* In the planning thread. */
static void
thread_progress (double   fraction,
                 gpointer user_data)
{
  ProgressChannel *channel = user_data;
  gint64 now = g_get_monotonic_time ();
  gboolean queue = FALSE;

  g_mutex_lock (&channel->lock);
  channel->fraction = CLAMP (fraction, 0.0, 1.0);
  if (!channel->queued && (now - channel->last_queued >= PROGRESS_INTERVAL || fraction >= 1.0))
    {
      channel->queued = TRUE;
      channel->last_queued = now;
      queue = TRUE;
    }
  g_mutex_unlock (&channel->lock);

  if (queue)
    g_main_context_invoke_full (channel->context, G_PRIORITY_DEFAULT,
                                deliver_progress_cb, progress_channel_ref (channel),
                                progress_channel_unref);
}

/* What the thread is given and what it gives back; the thread has it
 * alone until it is done. */
typedef struct
{
  char               *db_path;
  RetScheduleOptions  options;
  GStrv               replace;
  char               *actor;
  ProgressChannel    *channel;

  RetScheduleResult  *result;
  RetScheduleInput   *input;
  gint64              plan_id;
} ScheduleJob;

static void
schedule_job_free (gpointer data)
{
  ScheduleJob *job = data;

  g_free (job->db_path);
  g_strfreev (job->replace);
  g_free (job->actor);
  g_clear_pointer (&job->channel, progress_channel_unref);
  g_clear_pointer (&job->result, ret_schedule_result_free);
  g_clear_pointer (&job->input, ret_schedule_input_free);
  g_free (job);
}

static void
schedule_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ScheduleJob *job = task_data;
  g_autoptr(RetStore) store = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  store = ret_store_open_existing (job->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!ret_store_schedule (store, &job->options, (const char * const *) job->replace,
                           thread_progress, job->channel, cancellable, job->actor,
                           &job->result, &job->input, &job->plan_id, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* Back on the main thread: the window's store hears of the new plan
 * before anyone is told it is there. */
static void
schedule_thread_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  ScheduleJob *job = g_task_get_task_data (outer);
  RetStore *store = g_task_get_source_object (outer);
  GError *error = NULL;

  job->channel->progress = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Planning ended without a plan: %s %d", g_quark_to_string (error->domain), error->code);
      g_task_return_error (outer, error);
      return;
    }

  g_debug ("Plan %" G_GINT64_FORMAT " saved", job->plan_id);
  ret_store_emit_changed (store, "plans");
  ret_store_emit_changed (store, "transfers");
  ret_store_emit_changed (store, "persons");

  g_task_return_boolean (outer, TRUE);
}

void
ret_schedule_task_run_async (RetStore                 *store,
                             const RetScheduleOptions *options,
                             const char * const       *replace,
                             const char               *actor,
                             RetScheduleTaskProgress   progress,
                             GObject                  *progress_target,
                             GCancellable             *cancellable,
                             GAsyncReadyCallback       callback,
                             gpointer                  user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  ScheduleJob *job;
  ProgressChannel *channel;

  g_return_if_fail (RET_IS_STORE (store));
  g_return_if_fail (options != NULL);
  g_return_if_fail (actor != NULL);
  g_return_if_fail (progress_target == NULL || G_IS_OBJECT (progress_target));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  outer = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (outer, ret_schedule_task_run_async);
  g_task_set_name (outer, "[retorno] plan");
  /* a plan saved just as Cancel was pressed is saved: say so, not
   * "cancelled" */
  g_task_set_check_cancellable (outer, FALSE);

  channel = g_new0 (ProgressChannel, 1);
  channel->ref_count = 1;
  g_mutex_init (&channel->lock);
  channel->context = g_main_context_ref_thread_default ();
  channel->progress = progress;
  g_weak_ref_init (&channel->target, progress_target);

  job = g_new0 (ScheduleJob, 1);
  job->db_path = g_strdup (ret_store_get_path (store));
  job->options = *options;
  job->replace = g_strdupv ((char **) replace);
  job->actor = g_strdup (actor);
  job->channel = channel;
  g_task_set_task_data (outer, job, schedule_job_free);

  /* No source object for the thread's task: its last reference may go
   * in the thread, and the store belongs to the main thread. */
  inner = g_task_new (NULL, cancellable, schedule_thread_done_cb, g_object_ref (outer));
  g_task_set_source_tag (inner, schedule_thread);
  g_task_set_name (inner, "[retorno] plan thread");
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_task_data (inner, job, NULL);
  g_task_run_in_thread (inner, schedule_thread);
}

gboolean
ret_schedule_task_run_finish (GAsyncResult       *result,
                              RetScheduleResult **schedule_result,
                              RetScheduleInput  **input,
                              gint64             *plan_id,
                              GError            **error)
{
  ScheduleJob *job;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ret_schedule_task_run_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  job = g_task_get_task_data (G_TASK (result));
  if (schedule_result != NULL)
    *schedule_result = g_steal_pointer (&job->result);
  if (input != NULL)
    *input = g_steal_pointer (&job->input);
  if (plan_id != NULL)
    *plan_id = job->plan_id;

  return TRUE;
}
