/* bench-window.c — the main window on screen with 100,000 persons stored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fills a database with 100,000 synthetic persons (not timed), then
 * opens it and shows the main window several times, each time timing
 * from opening the file, and from creating the window, to the end of
 * the window's first painted frame.  A benchmark reports: a missed
 * target is printed, not failed; only a run that could not measure
 * fails.
 */

#include "config.h"

#include <stdlib.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ret-application.h"
#include "ret-main-window.h"
#include "ret-test-gui-util.h"

#define N_PERSONS 100000
#define N_RUNS    5
#define SEED      2004

#define TARGET_SECONDS 0.5

/* Longer than this without a first frame: something is broken. */
#define FIRST_FRAME_TIMEOUT_MS 60000

typedef struct
{
  GtkWidget *window;
  gulong     after_paint_id;
  gboolean   painted;
  gint64     painted_at;
} FirstFrame;

static void
after_paint_cb (GdkFrameClock *clock,
                FirstFrame    *first)
{
  if (first->painted)
    return;

  first->painted = TRUE;
  first->painted_at = g_get_monotonic_time ();
}

static void
realize_cb (GtkWidget  *window,
            FirstFrame *first)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  /* After GDK's own handlers: the frame is then complete. */
  first->after_paint_id = g_signal_connect_after (clock, "after-paint",
                                                  G_CALLBACK (after_paint_cb), first);
}

static gboolean
populate (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RetStore) store = ret_store_open (path, &error);
  gint64 start = g_get_monotonic_time ();

  if (store == NULL || !ret_test_fill_demo_store (store, N_PERSONS, SEED, &error))
    {
      g_printerr ("bench-window: cannot fill the database: %s\n", error->message);
      return FALSE;
    }

  g_printerr ("# filled the database with %u persons in %.1f s (not timed)\n",
              N_PERSONS, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  return TRUE;
}

typedef struct
{
  double open;       /* opening the store to the first frame */
  double window;     /* creating the window to the first frame */
  double store;      /* opening the store alone */
  double construct;  /* ret_main_window_new alone */
  double present;    /* gtk_window_present alone */
} Timings;

static gboolean
show_once (RetApplication *app,
           const char     *path,
           guint           run,
           Timings        *timings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RetStore) store = NULL;
  FirstFrame first = { NULL, 0, FALSE, 0 };
  RetMainWindow *window;
  gint64 t_open, t_create, t_created, t_presented;

  /* What the application does on activation: open the store, then make
   * and present the window. */
  t_open = g_get_monotonic_time ();
  store = ret_application_open_store (app, path, NULL, &error);
  if (store == NULL)
    {
      g_printerr ("bench-window: cannot open the database: %s\n", error->message);
      return FALSE;
    }

  t_create = g_get_monotonic_time ();
  window = ret_main_window_new (NULL, store, NULL);
  t_created = g_get_monotonic_time ();
  first.window = GTK_WIDGET (window);
  g_signal_connect_after (window, "realize", G_CALLBACK (realize_cb), &first);
  gtk_window_present (GTK_WINDOW (window));
  t_presented = g_get_monotonic_time ();

  if (!ret_test_iterate_until (&first.painted, FIRST_FRAME_TIMEOUT_MS))
    {
      g_printerr ("bench-window: no frame was painted within %u ms\n", FIRST_FRAME_TIMEOUT_MS);
      return FALSE;
    }

  if (run == 0)
    ret_test_print_renderer (GTK_WIDGET (window));

  timings->open = (first.painted_at - t_open) / (double) G_USEC_PER_SEC;
  timings->window = (first.painted_at - t_create) / (double) G_USEC_PER_SEC;
  timings->store = (t_create - t_open) / (double) G_USEC_PER_SEC;
  timings->construct = (t_created - t_create) / (double) G_USEC_PER_SEC;
  timings->present = (t_presented - t_created) / (double) G_USEC_PER_SEC;

  g_printerr ("# run %u: open-and-show %.3f s = open store %.3f s + new window %.3f s"
              " + present %.3f s + to first frame %.3f s\n",
              run + 1, timings->open, timings->store, timings->construct, timings->present,
              (first.painted_at - t_presented) / (double) G_USEC_PER_SEC);

  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)),
                               first.after_paint_id);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);

  /* Let the destruction and any leftover frames finish before the next
   * run starts its clock. */
  ret_test_settle (300);

  return TRUE;
}

static int
run_benchmark (const char *dir)
{
  g_autoptr(RetApplication) app = NULL;
  g_autofree char *path = g_build_filename (dir, "bench-window.db", NULL);
  double open[N_RUNS], window[N_RUNS];

  if (!populate (path))
    return EXIT_FAILURE;

  ret_test_gui_init_as_application ();

  /* Only for ret_application_open_store (); never registered or run. */
  app = ret_application_new ();

  for (guint run = 0; run < N_RUNS; run++)
    {
      Timings timings;

      if (!show_once (app, path, run, &timings))
        return EXIT_FAILURE;

      open[run] = timings.open;
      window[run] = timings.window;
    }

  g_print ("bench window-on-screen-100k: %.3f s (target <= %g s)\n",
           ret_test_median (window, N_RUNS), TARGET_SECONDS);
  g_print ("bench open-and-show-100k: %.3f s (target <= %g s)\n",
           ret_test_median (open, N_RUNS), TARGET_SECONDS);
  /* The first window of a process also pays for loading the theme,
   * the templates and the renderer: that is the one a user waits for. */
  g_print ("bench open-and-show-100k-first: %.3f s (target <= %g s)\n",
           open[0], TARGET_SECONDS);

  return EXIT_SUCCESS;
}

int
main (int    argc,
      char **argv)
{
  return ret_test_run_in_private_home ("bench-window", run_benchmark);
}
