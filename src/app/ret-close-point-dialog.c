/* ret-close-point-dialog.c — "Close Point…": an emergency closure and the re-plan it needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A point closes in an emergency (Action Plan objective 5): from a time,
 * until a time or further notice, for a stated reason.  The closure is
 * recorded first; the transfers not yet departed whose handover there
 * falls in it are then re-planned, exactly those, in a re-plan window
 * that shows the same summary as "Plan…".  With none affected, the
 * window says so and nothing else changes.  Vehicles already on their
 * way there cannot be re-planned: they are named, so that the
 * coordinator can call them.
 */

#define G_LOG_DOMAIN "ret-close-point-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ret-app-util.h"
#include "ret-close-point-dialog.h"
#include "ret-plan-dialog.h"

/* The codes named in the re-plan window's introduction; the rest are
 * counted. */
#define MAX_CODES_NAMED 8

struct _RetClosePointDialog
{
  AdwWindow       parent_instance;

  /* template widgets */
  GtkButton      *cancel_button;
  GtkButton      *close_point_button;
  AdwStatusPage  *done_page;
  GtkLabel       *error_label;
  GtkLabel       *explanation_label;
  AdwEntryRow    *from_row;
  AdwEntryRow    *reason_row;
  GtkStack       *stack;
  AdwEntryRow    *until_row;
  AdwWindowTitle *window_title;
  GtkLabel       *zone_label;

  /* borrowed references */
  GtkWindow      *parent;         /* weak */
  GtkWindow      *replan_window;  /* weak */

  /* owned references */
  RetStore       *store;
  RetPoint       *point;
  GTimeZone      *zone;
  char           *actor;
  char           *error;
  GStrv           affected;
  GStrv           departed;
};

G_DEFINE_FINAL_TYPE (RetClosePointDialog, ret_close_point_dialog, ADW_TYPE_WINDOW)

gboolean
ret_close_point_read_form (GTimeZone   *zone,
                           const char  *from_text,
                           const char  *until_text,
                           const char  *reason,
                           gint64      *from_utc,
                           gint64      *until_utc,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 from = 0, until = 0;

  g_return_val_if_fail (zone != NULL, FALSE);

  if (!ret_app_parse_local_time (zone, from_text != NULL ? from_text : "", &from, &local_error))
    {
      /* Translators: what is wrong with the "From" field */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("From: %s"), local_error->message);
      return FALSE;
    }

  if (!ret_app_text_is_blank (until_text))
    {
      if (!ret_app_parse_local_time (zone, until_text, &until, &local_error))
        {
          /* Translators: what is wrong with the "Until" field */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Until: %s"), local_error->message);
          return FALSE;
        }
      if (until <= from)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("Until: the closure must end after it starts"));
          return FALSE;
        }
    }

  if (ret_app_text_is_blank (reason))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Reason: say why the point closes; it goes on the audit log"));
      return FALSE;
    }

  if (from_utc != NULL)
    *from_utc = from;
  if (until_utc != NULL)
    *until_utc = until;
  return TRUE;
}

static void
show_error (RetClosePointDialog *self,
            const char          *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
read_form (RetClosePointDialog  *self,
           gint64               *from,
           gint64               *until,
           GError              **error)
{
  return ret_close_point_read_form (self->zone,
                                    gtk_editable_get_text (GTK_EDITABLE (self->from_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->until_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->reason_row)),
                                    from, until, error);
}

static void
input_changed_cb (RetClosePointDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* the template's rows speak before a point is given */
  if (self->zone == NULL)
    return;

  ok = read_form (self, NULL, NULL, &error);
  gtk_widget_set_sensitive (GTK_WIDGET (self->close_point_button), ok);
  /* a reason not typed yet is no error to show; a time typed wrong is */
  if (ok || ret_app_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))))
    show_error (self, NULL);
  else
    show_error (self, error->message);
}

static void
close_point_clicked_cb (RetClosePointDialog *self)
{
  ret_close_point_dialog_close_point (self);
}

/* The local date at the point of @utc. */
static void
local_date (GTimeZone *zone,
            gint64     utc,
            GDate     *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (utc);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (dt, zone);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

/* "T-…, T-… and 4 more" */
static char *
format_codes (const char * const *list)
{
  guint n = g_strv_length ((GStrv) list);
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < n && i < MAX_CODES_NAMED; i++)
    {
      if (i > 0)
        g_string_append (codes, ", ");
      g_string_append (codes, list[i]);
    }
  if (n > MAX_CODES_NAMED)
    /* Translators: after a list of transfer codes, "… and 4 more" */
    g_string_append_printf (codes, ngettext (" and %u more", " and %u more", n - MAX_CODES_NAMED),
                            n - MAX_CODES_NAMED);
  return g_strdup (codes->str);
}

/* The vehicles already on the road to the point, or "" when none: they
 * cannot be re-planned, and somebody has to call them. */
static char *
format_departed (RetClosePointDialog *self)
{
  guint n = self->departed != NULL ? g_strv_length (self->departed) : 0;
  g_autofree char *codes = NULL;

  if (n == 0)
    return g_strdup ("");

  codes = format_codes ((const char * const *) self->departed);
  /* Translators: " 2 vehicles already on their way there: T-…, T-…. Call
   * them: they cannot be re-planned."  Starts with a space: it follows
   * another sentence. */
  return g_strdup_printf (ngettext (" %u vehicle already on its way there: %s. Call it: it cannot be re-planned.",
                                    " %u vehicles already on their way there: %s. Call them: they cannot be re-planned.",
                                    n),
                          n, codes);
}

static char *
format_intro (RetClosePointDialog *self)
{
  guint n = g_strv_length (self->affected);
  g_autofree char *codes = format_codes ((const char * const *) self->affected);
  g_autofree char *head = NULL;
  g_autofree char *departed = format_departed (self);
  g_autofree char *intro = NULL;

  /* Translators: "3 transfers hand over at Nogales while it is closed" */
  head = g_strdup_printf (ngettext ("%u transfer hands over at %s while it is closed",
                                    "%u transfers hand over at %s while it is closed", n),
                          n, self->point->city);

  /* Translators: "3 transfers hand over at Nogales while it is closed:
   * T-…, T-…. They are re-planned to other points or times; everything
   * else stays as it is." */
  intro = g_strdup_printf (_("%s: %s. They are re-planned to other points or times; everything else stays as it is."),
                           head, codes);
  return g_strconcat (intro, departed, NULL);
}

/* From the closure's day to the last affected day, at the point. */
static gboolean
replan_span (RetClosePointDialog *self,
             gint64               from_utc,
             GDate               *first,
             guint               *days,
             GError             **error)
{
  GDate last;

  local_date (self->zone, from_utc, first);
  last = *first;

  for (guint i = 0; self->affected[i] != NULL; i++)
    {
      g_autoptr(RetTransfer) transfer = ret_store_get_transfer (self->store, self->affected[i], error);
      GDate day;

      if (transfer == NULL)
        return FALSE;

      local_date (self->zone, transfer->handover_at, &day);
      if (g_date_compare (&day, &last) > 0)
        last = day;
      if (g_date_compare (&day, first) < 0)
        *first = day;
    }

  *days = (guint) g_date_days_between (first, &last) + 1;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
ret_close_point_dialog_dispose (GObject *object)
{
  RetClosePointDialog *self = RET_CLOSE_POINT_DIALOG (object);

  g_clear_weak_pointer (&self->parent);
  g_clear_weak_pointer (&self->replan_window);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), RET_TYPE_CLOSE_POINT_DIALOG);

  G_OBJECT_CLASS (ret_close_point_dialog_parent_class)->dispose (object);
}

static void
ret_close_point_dialog_finalize (GObject *object)
{
  RetClosePointDialog *self = RET_CLOSE_POINT_DIALOG (object);

  g_clear_pointer (&self->point, ret_point_free);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_free (self->actor);
  g_free (self->error);
  g_strfreev (self->affected);
  g_strfreev (self->departed);

  G_OBJECT_CLASS (ret_close_point_dialog_parent_class)->finalize (object);
}

static void
ret_close_point_dialog_class_init (RetClosePointDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ret_close_point_dialog_dispose;
  object_class->finalize = ret_close_point_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ret-close-point-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RetClosePointDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RetClosePointDialog, close_point_button);
  gtk_widget_class_bind_template_child (widget_class, RetClosePointDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, RetClosePointDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RetClosePointDialog, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, RetClosePointDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, RetClosePointDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, RetClosePointDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RetClosePointDialog, until_row);
  gtk_widget_class_bind_template_child (widget_class, RetClosePointDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RetClosePointDialog, zone_label);
  gtk_widget_class_bind_template_callback (widget_class, close_point_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, input_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ret_close_point_dialog_init (RetClosePointDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RetClosePointDialog *
ret_close_point_dialog_new (GtkWindow      *parent,
                            RetStore       *store,
                            const RetPoint *point)
{
  RetClosePointDialog *self;
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *now_text = NULL;
  g_autofree char *zone_text = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RET_IS_STORE (store), NULL);
  g_return_val_if_fail (point != NULL, NULL);

  self = ret_app_new_child_window (RET_TYPE_CLOSE_POINT_DIALOG, parent);
  g_set_weak_pointer (&self->parent, parent);
  self->store = g_object_ref (store);
  self->point = ret_point_copy (point);
  self->zone = ret_app_point_zone (point);
  self->actor = ret_app_dup_actor (GTK_WIDGET (parent != NULL ? parent : GTK_WINDOW (self)));

  /* Translators: the title of the window; %s is a city, e.g. "Close Nogales" */
  title = g_strdup_printf (_("Close %s"), point->city);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, point->code);
  gtk_window_set_title (GTK_WINDOW (self), title);

  explanation = g_strdup_printf (_("From this time no transfer hands over at %s. The transfers planned "
                                   "there while it is closed, and not yet departed, are re-planned to other "
                                   "points or times; nothing else changes."),
                                 point->city);
  gtk_label_set_label (self->explanation_label, explanation);

  /* Translators: %s is an IANA time zone, e.g. "America/Hermosillo" */
  zone_text = g_strdup_printf (_("Times are local at the point (%s)."), point->timezone);
  gtk_label_set_label (self->zone_label, zone_text);

  now_text = ret_app_format_local_time (self->zone, g_get_real_time () / G_USEC_PER_SEC, "%Y-%m-%d %H:%M");
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), now_text);

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->close_point_button));
  input_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));

  return self;
}

void
ret_close_point_dialog_set_from (RetClosePointDialog *self,
                                 const char          *text)
{
  g_return_if_fail (RET_IS_CLOSE_POINT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->from_row), text != NULL ? text : "");
}

void
ret_close_point_dialog_set_until (RetClosePointDialog *self,
                                  const char          *text)
{
  g_return_if_fail (RET_IS_CLOSE_POINT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->until_row), text != NULL ? text : "");
}

void
ret_close_point_dialog_set_reason (RetClosePointDialog *self,
                                   const char          *text)
{
  g_return_if_fail (RET_IS_CLOSE_POINT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), text != NULL ? text : "");
}

gboolean
ret_close_point_dialog_can_close (RetClosePointDialog *self)
{
  g_return_val_if_fail (RET_IS_CLOSE_POINT_DIALOG (self), FALSE);

  return self->affected == NULL && read_form (self, NULL, NULL, NULL);
}

gboolean
ret_close_point_dialog_close_point (RetClosePointDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_auto(GStrv) affected = NULL;
  g_auto(GStrv) departed = NULL;
  gint64 from = 0, until = 0;

  g_return_val_if_fail (RET_IS_CLOSE_POINT_DIALOG (self), FALSE);

  /* recorded once: a second press would record a second closure */
  if (self->affected != NULL)
    return FALSE;

  if (!read_form (self, &from, &until, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }

  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
  if (!ret_store_close_point (self->store, self->point->code, from, until, reason, self->actor,
                              &affected, &departed, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The point was not closed: %s"), error->message);

      g_debug ("Closing %s refused (%s %d)", self->point->code, g_quark_to_string (error->domain), error->code);
      show_error (self, message);
      return FALSE;
    }

  self->affected = affected != NULL ? g_steal_pointer (&affected) : g_new0 (char *, 1);
  self->departed = g_steal_pointer (&departed);
  g_debug ("Closed %s; %u transfers to re-plan, %u on their way", self->point->code,
           g_strv_length (self->affected), self->departed != NULL ? g_strv_length (self->departed) : 0);
  show_error (self, NULL);

  if (self->affected[0] == NULL)
    {
      g_autofree char *departed_text = format_departed (self);
      g_autofree char *nothing =
        g_strdup_printf (_("No planned transfer hands over at %s while it is closed, so nothing was re-planned."),
                         self->point->city);
      g_autofree char *description = g_strconcat (nothing, departed_text, NULL);

      adw_status_page_set_description (self->done_page, description);
      gtk_stack_set_visible_child_name (self->stack, "done");
      gtk_widget_set_visible (GTK_WIDGET (self->close_point_button), FALSE);
      gtk_button_set_label (self->cancel_button, _("_Close"));
      gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
      return TRUE;
    }

  {
    g_autofree char *intro = format_intro (self);
    RetPlanDialog *replan;
    GDate first;
    guint days = 1;

    if (!replan_span (self, from, &first, &days, &error))
      {
        g_autofree char *message =
          g_strdup_printf (_("The point is closed, but its transfers could not be read to re-plan them: %s"),
                           error->message);

        show_error (self, message);
        gtk_widget_set_sensitive (GTK_WIDGET (self->close_point_button), FALSE);
        gtk_button_set_label (self->cancel_button, _("_Close"));
        return TRUE;
      }

    /* the re-plan window stays after this one: it belongs to the same
     * parent, which hears of the plan when it closes */
    replan = ret_plan_dialog_new_replan (self->parent, self->store, &first, days,
                                         (const char * const *) self->affected, intro);
    g_set_weak_pointer (&self->replan_window, GTK_WINDOW (replan));
    gtk_window_present (GTK_WINDOW (replan));
  }

  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

const char *
ret_close_point_dialog_get_error (RetClosePointDialog *self)
{
  g_return_val_if_fail (RET_IS_CLOSE_POINT_DIALOG (self), NULL);

  return self->error;
}

const char * const *
ret_close_point_dialog_get_affected (RetClosePointDialog *self)
{
  g_return_val_if_fail (RET_IS_CLOSE_POINT_DIALOG (self), NULL);

  return (const char * const *) self->affected;
}

GtkWindow *
ret_close_point_dialog_get_replan_window (RetClosePointDialog *self)
{
  g_return_val_if_fail (RET_IS_CLOSE_POINT_DIALOG (self), NULL);

  return self->replan_window;
}
