/* bench-memory.c — scrolling 100,000 persons: memory and smoothness
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows the main window on a database of 100,000 synthetic persons and
 * scrolls the people list from the top to the end, one page a step,
 * letting a frame be painted after each step.  Prints the peak and the
 * final resident memory of the process, and how long the work of each
 * step took.  A benchmark reports: a missed target is printed, not
 * failed; only a run that could not measure fails.
 *
 * The database is filled by a child process (this program, run with
 * --populate), so that the peak is the application's alone and not the
 * generator's.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ret-main-window.h"
#include "ret-people-view.h"
#include "ret-test-gui-util.h"

#define N_PERSONS 100000
#define SEED      2004

#define TARGET_MB       200.0
#define TARGET_FRAME_MS 16.7

/* A step whose frame is not painted by then is recorded as late. */
#define STEP_CAP_MS 50
/* Longer than this to map the window: something is broken. */
#define SHOW_TIMEOUT_MS 60000
/* Within the meson timeout of 600 s, with room for filling the database. */
#define SCROLL_TIME_LIMIT_S 420

typedef struct
{
  /* The step whose frame is awaited */
  gboolean waiting;
  gboolean started;
  gboolean painted;

  gint64   before_paint;  /* start of the frame */
  gint64   layout_done;   /* end of the layout phase */
  gint64   paint_done;    /* end of rendering */
  gint64   after_paint;   /* end of the frame */
} FrameWatch;

/* Resident memory from /proc/self/status, in bytes: @key is "VmRSS" or
 * "VmHWM" (the peak); 0 when it cannot be read. */
static guint64
read_memory (const char *key)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;
  gsize key_len = strlen (key);

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strncmp (lines[i], key, key_len) == 0 && lines[i][key_len] == ':')
        return g_ascii_strtoull (lines[i] + key_len + 1, NULL, 10) * 1024;
    }

  return 0;
}

static double
megabytes (guint64 bytes)
{
  return bytes / 1e6;
}

static void
mapped_cb (GtkWidget *window,
           gboolean  *mapped)
{
  *mapped = TRUE;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 FrameWatch    *watch)
{
  if (!watch->waiting || watch->started)
    return;

  watch->started = TRUE;
  watch->before_paint = g_get_monotonic_time ();
}

static void
layout_cb (GdkFrameClock *clock,
           FrameWatch    *watch)
{
  if (watch->started && !watch->painted)
    watch->layout_done = g_get_monotonic_time ();
}

static void
paint_cb (GdkFrameClock *clock,
          FrameWatch    *watch)
{
  if (watch->started && !watch->painted)
    watch->paint_done = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                FrameWatch    *watch)
{
  if (!watch->started || watch->painted)
    return;

  watch->painted = TRUE;
  watch->after_paint = g_get_monotonic_time ();
}

static void
watch_next_frame (FrameWatch *watch)
{
  watch->waiting = TRUE;
  watch->started = FALSE;
  watch->painted = FALSE;
  watch->before_paint = watch->layout_done = watch->paint_done = watch->after_paint = 0;
}

static int
populate (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RetStore) store = ret_test_demo_store_new (path, N_PERSONS, SEED, &error);

  if (store == NULL)
    {
      g_printerr ("bench-memory: cannot fill the database: %s\n", error->message);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}

static gboolean
populate_in_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", &error);
  const char *child_argv[] = { NULL, "--populate", path, NULL };
  gint64 start = g_get_monotonic_time ();
  int wait_status;

  if (self_exe == NULL)
    {
      g_printerr ("bench-memory: cannot find this program: %s\n", error->message);
      return FALSE;
    }

  child_argv[0] = self_exe;
  if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     NULL, NULL, &wait_status, &error) ||
      !g_spawn_check_wait_status (wait_status, &error))
    {
      g_printerr ("bench-memory: cannot fill the database: %s\n", error->message);
      return FALSE;
    }

  g_printerr ("# filled the database with %u persons in %.1f s (not timed, other process)\n",
              N_PERSONS, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  return TRUE;
}

typedef struct
{
  GArray *total;      /* double, ms: the step's own work plus its frame */
  GArray *set_value;  /* double, ms: gtk_adjustment_set_value () */
  GArray *layout;     /* double, ms: frame start to end of layout */
  GArray *paint;      /* double, ms: end of layout to end of rendering */
  guint   late;       /* steps with no frame within STEP_CAP_MS */
} StepTimes;

static void
print_distribution (const char *what,
                    GArray     *values)
{
  double *v = (double *) values->data;

  if (values->len == 0)
    return;

  g_printerr ("#   %-10s median %6.2f ms, p95 %6.2f ms, max %7.2f ms\n", what,
              ret_test_percentile (v, values->len, 50),
              ret_test_percentile (v, values->len, 95),
              ret_test_percentile (v, values->len, 100));
}

static int
scroll_to_end (RetMainWindow *window,
               StepTimes     *times,
               guint         *n_steps,
               guint         *n_pages)
{
  GtkColumnView *column_view =
    ret_people_view_get_column_view (RET_PEOPLE_VIEW (ret_main_window_get_people_view (window)));
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (column_view));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  FrameWatch watch = { 0, };
  GtkAdjustment *adjustment;
  gulong handlers[4];
  gint64 deadline = g_get_monotonic_time () + SCROLL_TIME_LIMIT_S * G_USEC_PER_SEC;
  double page;

  if (!GTK_IS_SCROLLED_WINDOW (parent))
    {
      g_printerr ("bench-memory: the column view is not in a scrolled window\n");
      return EXIT_FAILURE;
    }

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (parent));
  page = gtk_adjustment_get_page_size (adjustment);
  if (page <= 0 || gtk_adjustment_get_upper (adjustment) <= page)
    {
      g_printerr ("bench-memory: nothing to scroll (page %.0f, upper %.0f)\n",
                  page, gtk_adjustment_get_upper (adjustment));
      return EXIT_FAILURE;
    }

  *n_pages = (guint) ((gtk_adjustment_get_upper (adjustment) - page) / page + 0.999999);
  g_printerr ("# list: %.0f px high, page %.0f px: %u page steps\n",
              gtk_adjustment_get_upper (adjustment), page, *n_pages);

  /* The last three run after GDK's own handlers, so each marks the end
   * of its phase; nothing before before-paint works on the frame. */
  handlers[0] = g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &watch);
  handlers[1] = g_signal_connect_after (clock, "layout", G_CALLBACK (layout_cb), &watch);
  handlers[2] = g_signal_connect_after (clock, "paint", G_CALLBACK (paint_cb), &watch);
  handlers[3] = g_signal_connect_after (clock, "after-paint", G_CALLBACK (after_paint_cb), &watch);

  *n_steps = 0;
  while (gtk_adjustment_get_value (adjustment) <
         gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) - 0.5)
    {
      double value = gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment);
      gint64 start, set;
      double total_ms;

      if (g_get_monotonic_time () > deadline)
        {
          g_printerr ("bench-memory: stopped after %u s, %u of %u pages scrolled\n",
                      SCROLL_TIME_LIMIT_S, *n_steps, *n_pages);
          break;
        }

      watch_next_frame (&watch);
      start = g_get_monotonic_time ();
      gtk_adjustment_set_value (adjustment, value);
      set = g_get_monotonic_time ();
      ret_test_iterate_until (&watch.painted, STEP_CAP_MS);
      watch.waiting = FALSE;
      (*n_steps)++;

      if (watch.painted)
        {
          double layout_ms = (watch.layout_done - watch.before_paint) / 1000.0;
          double paint_ms = (watch.paint_done - watch.layout_done) / 1000.0;
          double set_ms = (set - start) / 1000.0;

          /* The step's own work and its frame's; not the wait for the
           * frame clock's next tick in between. */
          total_ms = set_ms + (watch.after_paint - watch.before_paint) / 1000.0;
          g_array_append_val (times->set_value, set_ms);
          g_array_append_val (times->layout, layout_ms);
          g_array_append_val (times->paint, paint_ms);
        }
      else
        {
          /* No frame yet: at least this long without one. */
          total_ms = (g_get_monotonic_time () - start) / 1000.0;
          times->late++;
        }
      g_array_append_val (times->total, total_ms);
    }

  for (guint i = 0; i < G_N_ELEMENTS (handlers); i++)
    g_signal_handler_disconnect (clock, handlers[i]);

  /* Stopped short of the end: still a measurement, of fewer pages than
   * the list has, which the steps figure shows. */
  return *n_steps > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

static int
run_benchmark (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RetStore) store = NULL;
  g_autofree char *path = g_build_filename (dir, "bench-memory.db", NULL);
  StepTimes times = { 0, };
  RetMainWindow *window;
  gboolean mapped = FALSE;
  guint n_steps = 0, n_pages = 0;
  gint64 scroll_start;
  double scroll_seconds;
  guint64 peak, rss;
  int status;

  if (!populate_in_child (path))
    return EXIT_FAILURE;

  ret_test_gui_init_as_application ();

  store = ret_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("bench-memory: cannot open the database: %s\n", error->message);
      return EXIT_FAILURE;
    }

  window = ret_main_window_new (NULL, store, NULL);
  g_signal_connect (window, "map", G_CALLBACK (mapped_cb), &mapped);
  gtk_window_present (GTK_WINDOW (window));
  if (!ret_test_iterate_until (&mapped, SHOW_TIMEOUT_MS))
    {
      g_printerr ("bench-memory: the window was not shown within %u ms\n",
                  SHOW_TIMEOUT_MS);
      return EXIT_FAILURE;
    }
  /* Past the first frames and the start-up animations. */
  ret_test_settle (1000);

  ret_test_print_renderer (GTK_WIDGET (window));
  g_printerr ("# shown: resident %.0f MB, peak %.0f MB\n",
              megabytes (read_memory ("VmRSS")), megabytes (read_memory ("VmHWM")));

  times.total = g_array_new (FALSE, FALSE, sizeof (double));
  times.set_value = g_array_new (FALSE, FALSE, sizeof (double));
  times.layout = g_array_new (FALSE, FALSE, sizeof (double));
  times.paint = g_array_new (FALSE, FALSE, sizeof (double));

  scroll_start = g_get_monotonic_time ();
  status = scroll_to_end (window, &times, &n_steps, &n_pages);
  scroll_seconds = (g_get_monotonic_time () - scroll_start) / (double) G_USEC_PER_SEC;
  ret_test_settle (200);

  peak = read_memory ("VmHWM");
  rss = read_memory ("VmRSS");

  g_printerr ("# scrolled %u steps in %.1f s; %u late (no frame within %u ms)\n",
              n_steps, scroll_seconds, times.late, STEP_CAP_MS);
  print_distribution ("set value", times.set_value);
  print_distribution ("layout", times.layout);
  print_distribution ("paint", times.paint);

  if (status == EXIT_SUCCESS && peak > 0 && rss > 0 && times.total->len > 0)
    {
      double *total = (double *) times.total->data;
      guint n = times.total->len;

      g_print ("bench people-scroll-rss-peak-100k: %.0f MB (target <= %g MB)\n",
               megabytes (peak), TARGET_MB);
      g_print ("bench people-scroll-rss-100k: %.0f MB (target <= %g MB)\n",
               megabytes (rss), TARGET_MB);
      g_print ("bench people-scroll-steps: %u pages (target >= %u pages)\n",
               n_steps, n_pages);
      g_print ("bench people-scroll-frame-median: %.1f ms (target <= %g ms)\n",
               ret_test_percentile (total, n, 50), TARGET_FRAME_MS);
      g_print ("bench people-scroll-frame-p95: %.1f ms (target <= %g ms)\n",
               ret_test_percentile (total, n, 95), TARGET_FRAME_MS);
      g_print ("bench people-scroll-late-steps: %u steps (target <= 0 steps)\n",
               times.late);
    }
  else
    status = EXIT_FAILURE;

  g_array_unref (times.total);
  g_array_unref (times.set_value);
  g_array_unref (times.layout);
  g_array_unref (times.paint);

  gtk_window_destroy (GTK_WINDOW (window));
  ret_test_settle (100);

  return status;
}

int
main (int    argc,
      char **argv)
{
  /* The child that fills the database; its environment is the parent's. */
  if (argc == 3 && strcmp (argv[1], "--populate") == 0)
    return populate (argv[2]);

  return ret_test_run_in_private_home ("bench-memory", run_benchmark);
}
