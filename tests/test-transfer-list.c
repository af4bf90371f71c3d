/* test-transfer-list.c — the Plan page's day as a list of transfers by point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ret-main-window.h"
#include "ret-plan-view.h"
#include "ret-store-schedule.h"
#include "ret-test-gui-util.h"
#include "ret-timeline-row.h"
#include "ret-timeline.h"
#include "ret-transfer-dialog.h"
#include "ret-transfer-list.h"

#define DEMO_PERSONS 1200
#define DEMO_SEED    2004

/* Handed over at Tijuana at 23:30 of the day, from El Paso: at Denver's
 * clock it is already 00:30 the next day, and in UTC 06:30 or 07:30. */
#define LATE_CODE "T-TEST-TIJ-LATE"
#define LATE_HOUR 23
#define LATE_MINUTE 30

/* ------------------------------------------------------------------ */
/* Helpers                                                            */

static gint64
local_utc (const char  *zone_id,
           const GDate *date,
           int          hour,
           int          minute)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_id);
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (zone);
  dt = g_date_time_new (zone, g_date_get_year (date), g_date_get_month (date), g_date_get_day (date),
                        hour, minute, 0);
  g_assert_nonnull (dt);

  return g_date_time_to_unix (dt);
}

static char *
format_at (const char *zone_id,
           gint64      utc)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_id);
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (utc);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (dt, zone);

  return g_date_time_format (local, "%H:%M");
}

/* Tomorrow: the demo plan's first and fullest day, all still to come
 * wherever the clock is when the test runs. */
static void
the_day (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  g_date_add_days (date, 1);
}

/* The demo database, and one transfer of our own late in the evening at
 * Tijuana, from a facility in another zone. */
static RetStore *
demo_store (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ret_test_data_path (name);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(RetStore) store = NULL;
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);
  g_autoptr(RetPlanDraft) draft = ret_plan_draft_new ();
  RetPlanDraftTransfer *transfer = ret_plan_draft_transfer_new ();
  gint64 plan_id = 0;
  GDate day;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_remove (path);
  store = ret_test_demo_store_new (path, DEMO_PERSONS, DEMO_SEED, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  g_ptr_array_add (persons, ret_test_person_new ("TEST-0001", 30, NULL, "EPT", "26043"));
  g_ptr_array_add (persons, ret_test_person_new ("TEST-0002", 44, NULL, "EPT", "26043"));
  g_assert_true (ret_store_insert_persons (store, persons, "tester", "test", &error));
  g_assert_no_error (error);

  the_day (&day);
  transfer->code = g_strdup (LATE_CODE);
  transfer->mode = g_strdup ("van");
  transfer->facility = g_strdup ("EPT");
  transfer->point = g_strdup ("TIJ");
  transfer->handover_at = local_utc ("America/Tijuana", &day, LATE_HOUR, LATE_MINUTE);
  transfer->depart_at = transfer->handover_at - 3 * 3600;
  transfer->seats = 12;
  g_ptr_array_add (transfer->a_numbers, g_strdup ("TEST-0001"));
  g_ptr_array_add (transfer->a_numbers, g_strdup ("TEST-0002"));
  g_ptr_array_add (draft->transfers, transfer);
  g_assert_true (ret_store_insert_plan (store, draft, "tester", "test", &plan_id, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}

typedef struct
{
  char *point;
  char *code;
} Expected;

static void
expected_free (gpointer data)
{
  Expected *e = data;

  g_free (e->point);
  g_free (e->code);
  g_free (e);
}

static int
compare_transfers (gconstpointer a,
                   gconstpointer b)
{
  const RetTransfer *x = *(RetTransfer * const *) a;
  const RetTransfer *y = *(RetTransfer * const *) b;

  if (x->handover_at != y->handover_at)
    return x->handover_at < y->handover_at ? -1 : 1;
  return strcmp (x->code, y->code);
}

/* What the store holds for @day, point by point in the store's order,
 * each point's day from its own local midnight to the next; the persons
 * of each point in @persons (point code → count). */
static GPtrArray *
expected_day (RetStore    *store,
              const GDate *day,
              GHashTable  *persons)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) points = ret_store_list_points (store, &error);
  GPtrArray *expected = g_ptr_array_new_with_free_func (expected_free);

  g_assert_no_error (error);
  for (guint i = 0; i < points->len; i++)
    {
      const RetPoint *point = g_ptr_array_index (points, i);
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (point->timezone);
      g_autoptr(GPtrArray) transfers = NULL;
      gint64 start, end;
      guint n_persons = 0;

      g_assert_nonnull (zone);
      g_assert_true (ret_timeline_day_bounds (zone, day, &start, &end));
      transfers = ret_store_list_transfers (store, start, end, &error);
      g_assert_no_error (error);
      g_ptr_array_sort (transfers, compare_transfers);

      for (guint k = 0; k < transfers->len; k++)
        {
          const RetTransfer *t = g_ptr_array_index (transfers, k);
          Expected *e;

          if (g_strcmp0 (t->point, point->code) != 0)
            continue;
          e = g_new0 (Expected, 1);
          e->point = g_strdup (point->code);
          e->code = g_strdup (t->code);
          g_ptr_array_add (expected, e);
          n_persons += t->n_persons;
        }
      if (persons != NULL)
        g_hash_table_insert (persons, g_strdup (point->code), GUINT_TO_POINTER (n_persons));
    }

  return expected;
}

static gboolean
is_transfer_list (GtkWidget     *widget,
                  gconstpointer  data)
{
  return RET_IS_TRANSFER_LIST (widget);
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_label_with_prefix (GtkWidget     *widget,
                      gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix);
}

static GtkListBoxRow *
find_row (GtkListBox *list,
          const char *code)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);

      if (row == NULL || g_strcmp0 (ret_transfer_list_row_get_code (row), code) == 0)
        return row;
    }
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int) n) != NULL)
    n++;

  return n;
}

typedef struct
{
  RetStore        *store;
  GtkWidget       *window;
  RetPlanView     *view;
  RetTransferList *list;
  GtkListBox      *list_box;
  GDate            day;
} Fixture;

static void
switch_layout (Fixture    *fixture,
               const char *label)
{
  GtkWidget *button = ret_test_find_with_property (GTK_WIDGET (fixture->view), GTK_TYPE_TOGGLE_BUTTON,
                                                   "label", label);

  g_assert_nonnull (button);
  /* as a click does */
  g_signal_emit_by_name (button, "clicked");
  ret_test_wait_frames (3);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
}

/* The day on the Plan page of the main window, shown as a list. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->store = demo_store ("transfer-list.db");
  fixture->window = ret_test_show_window (GTK_WIDGET (ret_main_window_new (NULL, fixture->store, NULL)));
  fixture->view = RET_PLAN_VIEW (ret_main_window_get_plan_view (RET_MAIN_WINDOW (fixture->window)));

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 900);
  gtk_widget_activate_action (fixture->window, "win.show-view", "s", "plan");
  the_day (&fixture->day);
  ret_plan_view_set_date (fixture->view, &fixture->day);
  ret_test_wait_frames (5);

  fixture->list = RET_TRANSFER_LIST (ret_test_find_widget (GTK_WIDGET (fixture->view), is_transfer_list, NULL));
  g_assert_nonnull (fixture->list);
  fixture->list_box = ret_transfer_list_get_list_box (fixture->list);

  if (user_data == NULL)
    switch_layout (fixture, "List");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  /* the list goes with its window, and lets go of the store */
  g_object_add_weak_pointer (G_OBJECT (fixture->list), (gpointer *) &fixture->list);
  ret_test_destroy_window (&fixture->window);
  ret_test_wait_frames (1);
  g_assert_null (fixture->list);
  g_assert_finalize_object (fixture->store);
}

/* ------------------------------------------------------------------ */
/* Without a display: what the list says                              */

static RetPoint *
make_point (const char *code,
            const char *city,
            const char *zone,
            int         capacity)
{
  RetPoint *point = ret_point_new ();

  point->code = g_strdup (code);
  point->city = g_strdup (city);
  point->timezone = g_strdup (zone);
  point->daily_capacity = capacity;

  return point;
}

static RetTransfer *
make_transfer (const char *code,
               const char *point,
               gint64      handover,
               int         n_persons,
               const char *status)
{
  RetTransfer *t = g_new0 (RetTransfer, 1);

  t->code = g_strdup (code);
  t->mode = g_strdup ("bus");
  t->facility = g_strdup ("SDC");
  t->point = g_strdup (point);
  t->depart_at = handover - 3600;
  t->handover_at = handover;
  t->seats = 45;
  t->n_persons = n_persons;
  t->status = g_strdup (status);

  return t;
}

static void
test_format (void)
{
  static const struct
  {
    guint       n_transfers;
    guint       n_persons;
    int         capacity;
    const char *expected;
  } counts[] = {
    { 3, 112, 700, "3 transfers · 112 of 700 persons" },
    { 1, 1, 700, "1 transfer · 1 of 700 persons" },
    { 0, 0, 100, "No transfers · 0 of 100 persons" },
    { 2, 1, 0, "2 transfers · 1 person" },
  };
  static const struct { const char *status; const char *title; } statuses[] = {
    { "planned", "Planned" },
    { "notified", "Notified" },
    { "reviewed", "Reviewed" },
    { "departed", "Departed" },
    { "handed-over", "Handed over" },
  };
  g_autoptr(RetPoint) nogales = make_point ("NOG", "Nogales", "America/Hermosillo", 600);
  g_autoptr(RetTransfer) transfer = NULL;
  g_autofree char *described = NULL;
  g_autofree char *pinned = NULL;
  GDate day;

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *text = ret_transfer_list_format_counts (counts[i].n_transfers, counts[i].n_persons,
                                                               counts[i].capacity);

      g_assert_cmpstr (text, ==, counts[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    g_assert_cmpstr (ret_transfer_list_status_title (statuses[i].status), ==, statuses[i].title);

  /* a screen reader hears the whole row, the point first */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 3, 12, 2026);
  transfer = make_transfer ("T-20261203-NOG-01", "NOG", local_utc ("America/Hermosillo", &day, 14, 30), 42,
                            "planned");
  described = ret_transfer_list_describe (nogales, transfer, "Tucson Sector (Tucson)", FALSE);
  g_assert_cmpstr (described, ==,
                   "Nogales, handover at 14:30, T-20261203-NOG-01, from Tucson Sector (Tucson), Bus, "
                   "42 persons on 45 seats, Planned");
  pinned = ret_transfer_list_describe (nogales, transfer, NULL, TRUE);
  g_assert_true (g_str_has_suffix (pinned, ", Planned, pinned"));
  g_assert_nonnull (strstr (pinned, "from SDC,"));
}

/* On the night the clocks go back Tijuana's day lasts 25 hours: a
 * handover at 23:30 belongs to it though it is the next date in UTC,
 * and Nogales, which keeps no daylight saving time, has its own
 * midnight.  Cancelled transfers are not listed. */
static void
test_group_by_local_day (void)
{
  g_autoptr(GPtrArray) points = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_point_free);
  g_autoptr(GPtrArray) transfers = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_transfer_free);
  g_autoptr(GPtrArray) groups = NULL;
  const RetTransferGroup *tijuana, *nogales;
  GDate day, next;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, 11, 2026);
  next = day;
  g_date_add_days (&next, 1);

  g_ptr_array_add (points, make_point ("TIJ", "Tijuana", "America/Tijuana", 700));
  g_ptr_array_add (points, make_point ("XXX", "Nowhere", "Not/AZone", 10));
  g_ptr_array_add (points, make_point ("NOG", "Nogales", "America/Hermosillo", 600));

  g_ptr_array_add (transfers, make_transfer ("TIJ-LATE", "TIJ", local_utc ("America/Tijuana", &day, 23, 30), 5, "planned"));
  g_ptr_array_add (transfers, make_transfer ("TIJ-NEXT", "TIJ", local_utc ("America/Tijuana", &next, 0, 30), 7, "planned"));
  g_ptr_array_add (transfers, make_transfer ("TIJ-EARLY", "TIJ", local_utc ("America/Tijuana", &day, 0, 15), 3, "departed"));
  g_ptr_array_add (transfers, make_transfer ("TIJ-GONE", "TIJ", local_utc ("America/Tijuana", &day, 12, 0), 9, "cancelled"));
  g_ptr_array_add (transfers, make_transfer ("NOG-2", "NOG", local_utc ("America/Hermosillo", &day, 16, 0), 40, "planned"));
  g_ptr_array_add (transfers, make_transfer ("NOG-1", "NOG", local_utc ("America/Hermosillo", &day, 9, 0), 20, "notified"));
  g_ptr_array_add (transfers, make_transfer ("NOG-PREV", "NOG", local_utc ("America/Hermosillo", &day, 0, 0) - 60, 1, "planned"));

  groups = ret_transfer_list_group (points, transfers, &day);

  /* the point of an unknown zone is left out, as on the timeline */
  g_assert_cmpuint (groups->len, ==, 2);
  tijuana = g_ptr_array_index (groups, 0);
  nogales = g_ptr_array_index (groups, 1);

  g_assert_cmpstr (tijuana->point->code, ==, "TIJ");
  g_assert_cmpuint (tijuana->transfers->len, ==, 2);
  g_assert_cmpstr (((RetTransfer *) g_ptr_array_index (tijuana->transfers, 0))->code, ==, "TIJ-EARLY");
  g_assert_cmpstr (((RetTransfer *) g_ptr_array_index (tijuana->transfers, 1))->code, ==, "TIJ-LATE");
  g_assert_cmpuint (tijuana->n_persons, ==, 8);
  {
    g_autofree char *late = ret_transfer_list_format_time (tijuana->point,
                                                           ((RetTransfer *) g_ptr_array_index (tijuana->transfers, 1))->handover_at);
    g_autofree char *header = ret_transfer_list_format_header (tijuana);

    g_assert_cmpstr (late, ==, "23:30");
    g_assert_cmpstr (header, ==, "Tijuana · 2 transfers · 8 of 700 persons");
  }

  g_assert_cmpstr (nogales->point->code, ==, "NOG");
  g_assert_cmpuint (nogales->transfers->len, ==, 2);
  g_assert_cmpstr (((RetTransfer *) g_ptr_array_index (nogales->transfers, 0))->code, ==, "NOG-1");
  g_assert_cmpstr (((RetTransfer *) g_ptr_array_index (nogales->transfers, 1))->code, ==, "NOG-2");
  g_assert_cmpuint (nogales->n_persons, ==, 60);
}

/* ------------------------------------------------------------------ */
/* On the Plan page                                                   */

/* Every transfer the store holds for the day, under its point's header,
 * points in the timeline's order, each by handover; the header counts
 * what the store counts; the points without any are named below. */
static void
test_day_by_point (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GHashTable) persons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) expected = expected_day (fixture->store, &fixture->day, persons);
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBox *timeline = ret_plan_view_get_list (fixture->view);
  GtkWidget *idle;
  guint n_headers = 0;

  /* the demo plans the day at several points */
  g_assert_cmpuint (expected->len, >, 5);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->list_box)));
  g_assert_cmpuint (count_rows (fixture->list_box), ==, expected->len);

  points = ret_store_list_points (fixture->store, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < expected->len; i++)
    {
      const Expected *e = g_ptr_array_index (expected, i);
      const Expected *before = i > 0 ? g_ptr_array_index (expected, i - 1) : NULL;
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (fixture->list_box, (int) i);
      GtkWidget *header = gtk_list_box_row_get_header (row);

      g_assert_cmpstr (ret_transfer_list_row_get_code (row), ==, e->code);
      g_assert_cmpstr (ret_transfer_list_row_get_point (row), ==, e->point);
      g_assert_true (gtk_list_box_row_get_activatable (row));

      if (before != NULL && g_str_equal (before->point, e->point))
        {
          g_assert_null (header);
          continue;
        }

      /* a new point: its name and counts above its first transfer */
      g_assert_nonnull (header);
      n_headers++;
      for (guint k = 0; k < points->len; k++)
        {
          const RetPoint *point = g_ptr_array_index (points, k);
          guint n = 0;
          g_autofree char *counts = NULL;

          if (!g_str_equal (point->code, e->point))
            continue;
          for (guint j = i; j < expected->len && g_str_equal (((Expected *) g_ptr_array_index (expected, j))->point, e->point); j++)
            n++;
          counts = ret_transfer_list_format_counts (n, GPOINTER_TO_UINT (g_hash_table_lookup (persons, point->code)),
                                                    point->daily_capacity);
          g_assert_nonnull (ret_test_find_widget (header, is_label, point->city));
          g_assert_nonnull (ret_test_find_widget (header, is_label, counts));
        }
      /* headers are not rows: the keys and the selection pass them by */
      g_assert_false (GTK_IS_LIST_BOX_ROW (header));
      g_assert_false (gtk_widget_get_focusable (header));
    }

  /* the points in the order of the timeline's rows */
  {
    guint shown = 0;

    for (int i = 0; gtk_list_box_get_row_at_index (timeline, i) != NULL && shown < n_headers; i++)
      {
        GtkWidget *child = gtk_list_box_row_get_child (gtk_list_box_get_row_at_index (timeline, i));
        const RetTimeline *tl = ret_timeline_row_get_timeline (RET_TIMELINE_ROW (child));
        GtkListBoxRow *first = NULL;

        for (int k = 0; gtk_list_box_get_row_at_index (fixture->list_box, k) != NULL; k++)
          if (g_strcmp0 (ret_transfer_list_row_get_point (gtk_list_box_get_row_at_index (fixture->list_box, k)),
                         tl->point_code) == 0)
            {
              first = gtk_list_box_get_row_at_index (fixture->list_box, k);
              break;
            }
        if (first == NULL)
          continue;
        g_assert_nonnull (gtk_list_box_row_get_header (first));
        /* ... the n-th point with transfers is the n-th header */
        {
          guint index = 0;

          for (int k = 0; k <= gtk_list_box_row_get_index (first); k++)
            if (gtk_list_box_row_get_header (gtk_list_box_get_row_at_index (fixture->list_box, k)) != NULL)
              index++;
          g_assert_cmpuint (index, ==, shown + 1);
        }
        shown++;
      }
    g_assert_cmpuint (shown, ==, n_headers);
  }

  /* the demo leaves a point idle on most days; it is named, not listed */
  idle = ret_test_find_widget (GTK_WIDGET (fixture->list), is_label_with_prefix, "No transfers at ");
  if (n_headers < points->len)
    {
      g_assert_nonnull (idle);
      g_assert_true (gtk_widget_get_visible (idle));
      for (guint k = 0; k < points->len; k++)
        {
          const RetPoint *point = g_ptr_array_index (points, k);

          if (!g_hash_table_contains (persons, point->code) ||
              GPOINTER_TO_UINT (g_hash_table_lookup (persons, point->code)) > 0)
            continue;
          g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (idle)), point->city));
        }
    }
}

/* The late van at Tijuana is on its point's day, at its point's clock:
 * 23:30, not El Paso's 00:30 of the next day nor UTC's; and it is not
 * on the next day, where UTC would put it. */
static void
test_local_time (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GtkListBoxRow *row = find_row (fixture->list_box, LATE_CODE);
  g_autoptr(RetTransfer) late = ret_store_get_transfer (fixture->store, LATE_CODE, NULL);
  g_autofree char *at_facility = NULL;
  g_autofree char *at_utc = NULL;
  GDate next = fixture->day;

  g_assert_nonnull (late);
  g_assert_nonnull (row);
  g_assert_cmpstr (ret_transfer_list_row_get_point (row), ==, "TIJ");
  g_assert_nonnull (ret_test_find_widget (GTK_WIDGET (row), is_label, "23:30"));

  at_facility = format_at ("America/Denver", late->handover_at);
  at_utc = format_at ("UTC", late->handover_at);
  g_assert_cmpstr (at_facility, !=, "23:30");
  g_assert_cmpstr (at_utc, !=, "23:30");
  g_assert_null (ret_test_find_widget (GTK_WIDGET (row), is_label, at_facility));
  g_assert_null (ret_test_find_widget (GTK_WIDGET (row), is_label, at_utc));

  /* every row shows its handover at its point's clock */
  for (int i = 0; gtk_list_box_get_row_at_index (fixture->list_box, i) != NULL; i++)
    {
      GtkListBoxRow *r = gtk_list_box_get_row_at_index (fixture->list_box, i);
      g_autoptr(RetTransfer) t = ret_store_get_transfer (fixture->store, ret_transfer_list_row_get_code (r), NULL);
      g_autoptr(RetPoint) point = ret_store_get_point (fixture->store, t->point, NULL);
      g_autofree char *time = NULL;

      g_assert_nonnull (point);
      time = format_at (point->timezone, t->handover_at);
      g_assert_nonnull (ret_test_find_widget (GTK_WIDGET (r), is_label, time));
    }

  g_date_add_days (&next, 1);
  ret_plan_view_set_date (fixture->view, &next);
  ret_test_wait_frames (2);
  g_assert_null (find_row (fixture->list_box, LATE_CODE));
}

/* Enter on a row opens the transfer, as a click on its block does; the
 * keys move down the rows, and the timeline outlines the row chosen. */
static void
test_activate_opens_transfer (Fixture       *fixture,
                              gconstpointer  user_data)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (fixture->list_box, 0);
  GtkListBoxRow *second = gtk_list_box_get_row_at_index (fixture->list_box, 1);
  const char *code;
  GtkWindow *dialog;

  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_null (ret_test_find_toplevel (RET_TYPE_TRANSFER_DIALOG));

  /* Down from the first row: the second is chosen */
  gtk_widget_grab_focus (GTK_WIDGET (first));
  g_signal_emit_by_name (fixture->list_box, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, 1, FALSE, FALSE);
  ret_test_wait_frames (2);
  code = ret_transfer_list_row_get_code (second);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (second)));
  g_assert_true (gtk_list_box_get_selected_row (fixture->list_box) == second);
  g_assert_cmpstr (ret_plan_view_get_selected_transfer (fixture->view), ==, code);

  /* ... and the timeline outlines it */
  {
    GtkListBox *timeline = ret_plan_view_get_list (fixture->view);
    guint outlined = 0;

    for (int i = 0; gtk_list_box_get_row_at_index (timeline, i) != NULL; i++)
      {
        RetTimelineRow *tl = RET_TIMELINE_ROW (gtk_list_box_row_get_child (gtk_list_box_get_row_at_index (timeline, i)));

        if (ret_timeline_row_has_transfer (tl, code))
          {
            g_assert_cmpstr (ret_timeline_row_get_selected_transfer (tl), ==, code);
            outlined++;
          }
      }
    g_assert_cmpuint (outlined, >=, 1);
  }

  /* Enter */
  g_signal_emit_by_name (fixture->list_box, "activate-cursor-row");
  ret_test_wait_frames (3);
  dialog = ret_test_find_toplevel (RET_TYPE_TRANSFER_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (ret_transfer_dialog_get_code (RET_TRANSFER_DIALOG (dialog)), ==, code);
  gtk_window_destroy (dialog);
  ret_test_wait_frames (2);

  /* a click on another row opens that one */
  g_signal_emit_by_name (first, "activate");
  ret_test_wait_frames (3);
  dialog = ret_test_find_toplevel (RET_TYPE_TRANSFER_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (ret_transfer_dialog_get_code (RET_TRANSFER_DIALOG (dialog)), ==,
                   ret_transfer_list_row_get_code (first));
  gtk_window_destroy (dialog);
  ret_test_wait_frames (2);
}

static gboolean
is_pin (GtkWidget     *widget,
        gconstpointer  data)
{
  return GTK_IS_IMAGE (widget) && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), "view-pin-symbolic") == 0;
}

/* A transfer pinned or moved along its documents shows so in its row
 * at once: the list hears of the store's change with the timeline, and
 * does not lose the coordinator's place. */
static void
test_pin_and_status (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (fixture->list_box, 2);
  g_autofree char *code = NULL;
  GtkAdjustment *adjustment;
  double scrolled;

  g_assert_nonnull (row);
  code = g_strdup (ret_transfer_list_row_get_code (row));
  g_assert_null (ret_test_find_widget (GTK_WIDGET (fixture->list_box), is_pin, NULL));
  g_assert_nonnull (ret_test_find_widget (GTK_WIDGET (row), is_label, "Planned"));

  /* the coordinator has scrolled down the day */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (fixture->list_box),
                                                                                                   GTK_TYPE_SCROLLED_WINDOW)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
  scrolled = (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment)) / 2;
  gtk_adjustment_set_value (adjustment, scrolled);
  ret_test_wait_frames (2);

  g_assert_true (ret_store_set_transfer_pinned (fixture->store, code, TRUE, "tester", &error));
  g_assert_no_error (error);
  g_assert_true (ret_store_set_transfer_status (fixture->store, code, RET_TRANSFER_NOTIFIED, "tester", &error));
  g_assert_no_error (error);
  ret_test_wait_frames (2);

  row = find_row (fixture->list_box, code);
  g_assert_nonnull (row);
  g_assert_nonnull (ret_test_find_widget (GTK_WIDGET (row), is_pin, NULL));
  g_assert_cmpuint (ret_test_count_widgets (GTK_WIDGET (fixture->list_box), is_pin, NULL), ==, 1);
  g_assert_nonnull (ret_test_find_widget (GTK_WIDGET (row), is_label, "Notified"));
  g_assert_null (ret_test_find_widget (GTK_WIDGET (row), is_label, "Planned"));

  /* ... and the list read again stays where it was */
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adjustment), scrolled, 1.0);
}

/* The switch shows one layout or the other; a transfer chosen in the
 * checks panel (ret_plan_view_select_transfer) is selected in the list
 * and scrolled into view, and stays chosen back on the timeline. */
static void
test_switch_and_select (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GtkListBox *timeline = ret_plan_view_get_list (fixture->view);
  g_autoptr(GPtrArray) expected = expected_day (fixture->store, &fixture->day, NULL);
  const Expected *last;
  GtkListBoxRow *row;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value;

  /* the timeline first, as the page opens */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (timeline)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (fixture->list_box)));

  switch_layout (fixture, "List");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->list_box)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (timeline)));

  /* the checks panel chooses the day's last transfer, far down */
  g_assert_cmpuint (expected->len, >, 10);
  last = g_ptr_array_index (expected, expected->len - 1);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (fixture->list_box),
                                                                                                   GTK_TYPE_SCROLLED_WINDOW)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  ret_plan_view_select_transfer (fixture->view, last->code);
  ret_test_wait_frames (3);
  row = gtk_list_box_get_selected_row (fixture->list_box);
  g_assert_nonnull (row);
  g_assert_cmpstr (ret_transfer_list_row_get_code (row), ==, last->code);

  value = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (value, >, 0);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (row), gtk_widget_get_parent (GTK_WIDGET (fixture->list_box)),
                                            &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, value);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, value + gtk_adjustment_get_page_size (adjustment));

  /* nothing chosen any more: no row selected */
  ret_plan_view_select_transfer (fixture->view, NULL);
  ret_test_wait_frames (1);
  g_assert_null (gtk_list_box_get_selected_row (fixture->list_box));

  /* chosen while the timeline shows: selected in the list too, and the
   * list shows it on the switch */
  ret_plan_view_select_transfer (fixture->view, last->code);
  switch_layout (fixture, "Timeline");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (timeline)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (fixture->list_box)));
  g_assert_cmpstr (ret_plan_view_get_selected_transfer (fixture->view), ==, last->code);
  g_assert_cmpstr (ret_transfer_list_get_selected_transfer (fixture->list), ==, last->code);

  /* the store changes: both read the day again, and the choice holds */
  ret_store_emit_changed (fixture->store, "transfers");
  ret_test_wait_frames (2);
  row = gtk_list_box_get_selected_row (fixture->list_box);
  g_assert_nonnull (row);
  g_assert_cmpstr (ret_transfer_list_row_get_code (row), ==, last->code);

  /* the layout is an action too (Ctrl+1, Ctrl+2) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "plan.layout", "s", "list"));
  ret_test_wait_frames (3);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->list_box)));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    ret_test_find_with_property (GTK_WIDGET (fixture->view), GTK_TYPE_TOGGLE_BUTTON, "label", "List"))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    ret_test_find_with_property (GTK_WIDGET (fixture->view), GTK_TYPE_TOGGLE_BUTTON, "label", "Timeline"))));

  /* another day: nothing chosen, in either */
  {
    GDate next = fixture->day;

    g_date_add_days (&next, 1);
    ret_plan_view_set_date (fixture->view, &next);
    ret_test_wait_frames (2);
    g_assert_null (ret_plan_view_get_selected_transfer (fixture->view));
    g_assert_null (gtk_list_box_get_selected_row (fixture->list_box));
  }
}

int
main (int    argc,
      char **argv)
{
  ret_test_gui_init (&argc, &argv);

  g_test_add_func ("/transfer-list/format", test_format);
  g_test_add_func ("/transfer-list/group-by-local-day", test_group_by_local_day);
  g_test_add ("/transfer-list/day-by-point", Fixture, NULL,
              fixture_set_up, test_day_by_point, fixture_tear_down);
  g_test_add ("/transfer-list/local-time", Fixture, NULL,
              fixture_set_up, test_local_time, fixture_tear_down);
  g_test_add ("/transfer-list/activate-opens-transfer", Fixture, NULL,
              fixture_set_up, test_activate_opens_transfer, fixture_tear_down);
  g_test_add ("/transfer-list/pin-and-status", Fixture, NULL,
              fixture_set_up, test_pin_and_status, fixture_tear_down);
  g_test_add ("/transfer-list/switch-and-select", Fixture, GINT_TO_POINTER (1),
              fixture_set_up, test_switch_and_select, fixture_tear_down);

  return g_test_run ();
}
