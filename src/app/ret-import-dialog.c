/* ret-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importing a custody roster: choose the file, import it in a thread
 * behind a modal progress window that can cancel, then say plainly what
 * happened.  The import is all or nothing, and every message says which
 * of the two it was.
 */

#define G_LOG_DOMAIN "ret-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ret-import-dialog.h"
#include "ret-roster-import.h"

/* How often the progress bar shows what the importing thread reports. */
#define PROGRESS_INTERVAL_MS 100

/* The progress window; private to this file. */
#define RET_TYPE_IMPORT_DIALOG (ret_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RetImportDialog, ret_import_dialog, RET, IMPORT_DIALOG, AdwWindow)

struct _RetImportDialog
{
  AdwWindow       parent_instance;

  /* template widgets */
  GtkButton      *cancel_button;
  GtkLabel       *file_label;
  GtkLabel       *heading_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *status_label;

  /* borrowed references */
  GtkWindow      *parent;          /* weak */

  /* owned references */
  RetStore       *store;
  char           *actor;
  GFile          *file;
  GCancellable   *cancellable;
  guint           poll_id;
  gboolean        running;
  gboolean        cancel_requested;

  /* written by the importing thread, read by the main thread */
  GMutex          progress_lock;
  guint64         done;
  guint64         total;
};

G_DEFINE_FINAL_TYPE (RetImportDialog, ret_import_dialog, ADW_TYPE_WINDOW)

/* ------------------------------------------------------------------ */
/* outcome dialogs                                                     */

static char *
dup_display_basename (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return g_filename_display_basename (path);

  return g_file_get_parse_name (file);
}

static AdwMessageDialog *
message_dialog_new (GtkWindow  *parent,
                    const char *heading,
                    const char *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");

  return dialog;
}

static void
copy_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  const char *text = g_object_get_data (G_OBJECT (button), "ret-problems-text");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
  gtk_button_set_label (button, _("Copied"));
}

typedef struct
{
  RetStore *store;
  char     *actor;
  GFile    *file;
} RetryData;

static void
retry_data_free (gpointer data,
                 GClosure *closure)
{
  RetryData *retry = data;

  g_clear_object (&retry->store);
  g_free (retry->actor);
  g_clear_object (&retry->file);
  g_free (retry);
}

static void
problems_dialog_responded_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      RetryData        *retry)
{
  if (g_strcmp0 (response, "retry") == 0)
    ret_import_dialog_run_for_file (gtk_window_get_transient_for (GTK_WINDOW (dialog)),
                                    retry->store, retry->actor, retry->file);
}

static void
show_problems (GtkWindow  *parent,
               RetStore   *store,
               const char *actor,
               GFile      *file,
               const char *summary,
               GPtrArray  *problems)
{
  g_autofree char *basename = dup_display_basename (file);
  g_autofree char *body = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  AdwMessageDialog *dialog;
  GtkWidget *box, *scrolled, *view, *copy;
  RetryData *retry;
  guint n = problems != NULL ? problems->len : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = ret_import_problem_format (g_ptr_array_index (problems, i));

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }

  /* The summary comes from the import, which counts every problem even
   * when it lists only the first ones. */
  if (summary != NULL)
    body = g_strdup_printf ("%s\n%s", summary, _("Correct the file, then import it again."));
  else
    body = g_strdup_printf (ngettext ("%s has %u problem; nothing was imported.\nCorrect the file, then import it again.",
                                      "%s has %u problems; nothing was imported.\nCorrect the file, then import it again.",
                                      n),
                            basename, n);
  dialog = message_dialog_new (parent, _("Roster Not Imported"), body);
  adw_message_dialog_add_response (dialog, "retry", _("_Import Again"));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 200);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_set_size_request (scrolled, 520, -1);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), scrolled);

  view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_add_css_class (view, "caption");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problems found in the roster"),
                                  -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text->str, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);

  copy = gtk_button_new_with_mnemonic (_("C_opy"));
  gtk_widget_set_halign (copy, GTK_ALIGN_END);
  gtk_widget_set_tooltip_text (copy, _("Copy every problem to the clipboard"));
  g_object_set_data_full (G_OBJECT (copy), "ret-problems-text",
                          g_string_free (g_steal_pointer (&text), FALSE), g_free);
  g_signal_connect (copy, "clicked", G_CALLBACK (copy_clicked_cb), NULL);
  gtk_box_append (GTK_BOX (box), copy);

  adw_message_dialog_set_extra_child (dialog, box);

  retry = g_new0 (RetryData, 1);
  retry->store = g_object_ref (store);
  retry->actor = g_strdup (actor);
  retry->file = g_object_ref (file);
  g_signal_connect_data (dialog, "response", G_CALLBACK (problems_dialog_responded_cb),
                         retry, retry_data_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_message (GtkWindow  *parent,
              const char *heading,
              const char *body)
{
  gtk_window_present (GTK_WINDOW (message_dialog_new (parent, heading, body)));
}

/* ------------------------------------------------------------------ */
/* the import                                                          */

/* Called in the importing thread: only note the figures. */
static void
import_progress (guint64  done,
                 guint64  total,
                 gpointer user_data)
{
  RetImportDialog *self = user_data;

  g_mutex_lock (&self->progress_lock);
  self->done = done;
  self->total = total;
  g_mutex_unlock (&self->progress_lock);
}

static gboolean
progress_timeout_cb (gpointer user_data)
{
  RetImportDialog *self = RET_IMPORT_DIALOG (user_data);
  guint64 done, total;

  g_mutex_lock (&self->progress_lock);
  done = self->done;
  total = self->total;
  g_mutex_unlock (&self->progress_lock);

  if (total > 0)
    {
      g_autofree char *done_text = g_format_size (done);
      g_autofree char *total_text = g_format_size (total);
      g_autofree char *text = NULL;

      /* Translators: progress of an import, e.g. "1.2 MB of 4.8 MB" */
      text = g_strdup_printf (_("%s of %s"), done_text, total_text);
      gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) done / (double) total));
      gtk_progress_bar_set_text (self->progress_bar, text);
    }

  return G_SOURCE_CONTINUE;
}

static void
import_finished_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RetImportDialog) self = user_data;
  RetStore *store = RET_STORE (source);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_object_ref (self->file);
  g_autofree char *actor = g_strdup (self->actor);
  g_autofree char *basename = dup_display_basename (file);
  g_autoptr(GtkWindow) parent = NULL;
  gboolean cancel_requested = self->cancel_requested;
  guint n_imported = 0;
  gboolean ok;

  ok = ret_roster_import_file_finish (store, result, &n_imported, &problems, &error);

  /* the progress window goes first: what follows is transient for
   * the window the import was started from */
  self->running = FALSE;
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->parent != NULL)
    parent = g_object_ref (self->parent);
  gtk_window_destroy (GTK_WINDOW (self));

  if (ok)
    {
      g_autofree char *body = NULL;

      g_debug ("Roster import finished: %u persons", n_imported);

      if (n_imported > 0)
        ret_store_emit_changed (store, "persons");

      if (n_imported == 0)
        body = g_strdup_printf (_("%s lists no persons; nothing was imported."), basename);
      else
        body = g_strdup_printf (ngettext ("Imported %u person from %s.",
                                          "Imported %u persons from %s.",
                                          n_imported),
                                n_imported, basename);

      if (cancel_requested && n_imported > 0)
        {
          g_autofree char *with_note = g_strconcat (body, "\n\n",
                                                    _("The import was already being written when you cancelled it, so it was completed."),
                                                    NULL);
          g_free (body);
          body = g_steal_pointer (&with_note);
        }

      show_message (parent, _("Roster Imported"), body);
    }
  else if (g_error_matches (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_INVALID))
    {
      g_debug ("Roster import refused: %u problems", problems != NULL ? problems->len : 0);
      show_problems (parent, store, actor, file, error->message, problems);
    }
  else if (g_error_matches (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_CANCELLED) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *body = g_strdup_printf (_("Nothing was imported from %s."), basename);

      g_debug ("Roster import cancelled");
      show_message (parent, _("Import Cancelled"), body);
    }
  else
    {
      /* the message may name the file, which is no personal data, but
       * keep the log to the kind of failure */
      g_debug ("Roster import failed: %s %d", g_quark_to_string (error->domain), error->code);
      show_message (parent, _("Nothing Was Imported"), error->message);
    }
}

static void
request_cancel (RetImportDialog *self)
{
  if (!self->running || self->cancel_requested)
    return;

  self->cancel_requested = TRUE;
  g_cancellable_cancel (self->cancellable);

  gtk_label_set_label (self->heading_label, _("Cancelling…"));
  gtk_label_set_label (self->status_label,
                       _("Stopping the import. If it is already being written, it completes; you are told which."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
}

static void
cancel_clicked_cb (GtkButton       *button,
                   RetImportDialog *self)
{
  request_cancel (self);
}

static gboolean
close_requested_cb (GtkWindow       *window,
                    RetImportDialog *self)
{
  if (!self->running)
    return FALSE;

  /* stay until the import says how it ended */
  request_cancel (self);
  return TRUE;
}

static void
ret_import_dialog_start (RetImportDialog *self,
                         const char      *path)
{
  g_autofree char *basename = dup_display_basename (self->file);

  gtk_label_set_label (self->file_label, basename);

  self->running = TRUE;
  self->poll_id = g_timeout_add (PROGRESS_INTERVAL_MS, progress_timeout_cb, self);

  ret_roster_import_file_async (self->store, path, self->actor, self->cancellable,
                                import_progress, self,
                                import_finished_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
ret_import_dialog_dispose (GObject *object)
{
  RetImportDialog *self = RET_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), RET_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (ret_import_dialog_parent_class)->dispose (object);
}

static void
ret_import_dialog_finalize (GObject *object)
{
  RetImportDialog *self = RET_IMPORT_DIALOG (object);

  g_free (self->actor);
  g_mutex_clear (&self->progress_lock);

  G_OBJECT_CLASS (ret_import_dialog_parent_class)->finalize (object);
}

static void
ret_import_dialog_class_init (RetImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ret_import_dialog_dispose;
  object_class->finalize = ret_import_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ret-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RetImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RetImportDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, RetImportDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, RetImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RetImportDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_requested_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ret_import_dialog_init (RetImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_mutex_init (&self->progress_lock);
  self->cancellable = g_cancellable_new ();
}

/* ------------------------------------------------------------------ */
/* public                                                              */

void
ret_import_dialog_run_for_file (GtkWindow  *parent,
                                RetStore   *store,
                                const char *actor,
                                GFile      *file)
{
  RetImportDialog *self;
  g_autofree char *path = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (RET_IS_STORE (store));
  g_return_if_fail (actor != NULL);
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *body = NULL;

      /* Translators: %s is a file name or address */
      body = g_strdup_printf (_("%s is not a file on this computer. Copy it to a folder here, then import that copy."),
                              name);
      show_message (parent, _("Nothing Was Imported"), body);
      return;
    }

  self = g_object_new (RET_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  g_set_weak_pointer (&self->parent, parent);
  self->store = g_object_ref (store);
  self->actor = g_strdup (actor);
  self->file = g_object_ref (file);

  gtk_window_present (GTK_WINDOW (self));
  ret_import_dialog_start (self, path);
}

typedef struct
{
  GtkWindow *parent;
  RetStore  *store;
  char      *actor;
} ChooseData;

static void
choose_data_free (gpointer data,
                  GClosure *closure)
{
  ChooseData *choose = data;

  g_clear_object (&choose->parent);
  g_clear_object (&choose->store);
  g_free (choose->actor);
  g_free (choose);
}

static void
file_chosen_cb (GtkNativeDialog *native,
                int              response,
                ChooseData      *choose)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        ret_import_dialog_run_for_file (choose->parent, choose->store, choose->actor, file);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

void
ret_import_dialog_run (GtkWindow  *parent,
                       RetStore   *store,
                       const char *actor)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) csv_filter = NULL;
  g_autoptr(GtkFileFilter) all_filter = NULL;
  ChooseData *choose;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (RET_IS_STORE (store));
  g_return_if_fail (actor != NULL);

  native = gtk_file_chooser_native_new (_("Import Roster"), parent,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  csv_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (csv_filter, _("Rosters (CSV)"));
  gtk_file_filter_add_suffix (csv_filter, "csv");
  gtk_file_filter_add_mime_type (csv_filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), csv_filter);

  all_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (all_filter, _("All files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all_filter);

  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), csv_filter);

  choose = g_new0 (ChooseData, 1);
  choose->parent = parent != NULL ? g_object_ref (parent) : NULL;
  choose->store = g_object_ref (store);
  choose->actor = g_strdup (actor);
  g_signal_connect_data (native, "response", G_CALLBACK (file_chosen_cb),
                         choose, choose_data_free, 0);

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
