/* ret-resolve-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An override or an acknowledgement is an accountable act: it goes on
 * the audit log, the manifest and the transfer sheet.  So the window
 * asks both who decided and why, and refuses to store either blank.
 */

#define G_LOG_DOMAIN "ret-resolve-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ret-checks-panel.h"
#include "ret-resolve-dialog.h"

struct _RetResolveDialog
{
  AdwWindow       parent_instance;

  /* template widgets */
  AdwEntryRow    *approver_row;
  GtkLabel       *error_label;
  GtkLabel       *explanation_label;
  GtkLabel       *message_label;
  AdwEntryRow    *reason_row;
  GtkButton      *resolve_button;
  GtkLabel       *rule_label;
  AdwWindowTitle *window_title;

  /* owned references */
  RetStore       *store;
  RetViolation   *violation;
  char           *actor;
  char           *error;
};

G_DEFINE_FINAL_TYPE (RetResolveDialog, ret_resolve_dialog, ADW_TYPE_WINDOW)

enum
{
  RESOLVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/*
 * ret_resolve_inputs_valid:
 *
 * Returns: %TRUE when both @reason and @approver say something
 */
gboolean
ret_resolve_inputs_valid (const char *reason,
                          const char *approver)
{
  return !is_blank (reason) && !is_blank (approver);
}

static gboolean
is_override (RetResolveDialog *self)
{
  return self->violation->severity == RET_SEVERITY_HARD;
}

static void
input_changed_cb (RetResolveDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->resolve_button), ret_resolve_dialog_can_resolve (self));
}

static void
resolve_clicked_cb (RetResolveDialog *self)
{
  ret_resolve_dialog_resolve (self);
}

static void
show_error (RetResolveDialog *self,
            const char       *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
ret_resolve_dialog_dispose (GObject *object)
{
  RetResolveDialog *self = RET_RESOLVE_DIALOG (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), RET_TYPE_RESOLVE_DIALOG);

  G_OBJECT_CLASS (ret_resolve_dialog_parent_class)->dispose (object);
}

static void
ret_resolve_dialog_finalize (GObject *object)
{
  RetResolveDialog *self = RET_RESOLVE_DIALOG (object);

  g_clear_pointer (&self->violation, ret_violation_free);
  g_free (self->actor);
  g_free (self->error);

  G_OBJECT_CLASS (ret_resolve_dialog_parent_class)->finalize (object);
}

static void
ret_resolve_dialog_class_init (RetResolveDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ret_resolve_dialog_dispose;
  object_class->finalize = ret_resolve_dialog_finalize;

  /**
   * RetResolveDialog::resolved:
   * @id: the stored resolution's id
   *
   * Emitted once the override or acknowledgement is stored, just before
   * the window closes.
   */
  signals[RESOLVED] =
    g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ret-resolve-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RetResolveDialog, approver_row);
  gtk_widget_class_bind_template_child (widget_class, RetResolveDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RetResolveDialog, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, RetResolveDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, RetResolveDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, RetResolveDialog, resolve_button);
  gtk_widget_class_bind_template_child (widget_class, RetResolveDialog, rule_label);
  gtk_widget_class_bind_template_child (widget_class, RetResolveDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, resolve_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ret_resolve_dialog_init (RetResolveDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ret_resolve_dialog_new (GtkWindow          *parent,
                        RetStore           *store,
                        const RetViolation *violation,
                        const char         *approver,
                        const char         *actor)
{
  RetResolveDialog *self;
  g_autofree char *rule_header = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RET_IS_STORE (store), NULL);
  g_return_val_if_fail (violation != NULL, NULL);

  self = g_object_new (RET_TYPE_RESOLVE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->violation = ret_violation_copy (violation);
  self->actor = g_strdup (actor != NULL ? actor : g_get_user_name ());

  rule_header = ret_checks_format_rule_header (violation->rule);
  gtk_label_set_label (self->rule_label, rule_header);
  gtk_label_set_label (self->message_label, violation->message);
  adw_window_title_set_subtitle (self->window_title, violation->transfer_code);

  if (is_override (self))
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Override Violation"));
      adw_window_title_set_title (self->window_title, _("Override Violation"));
      gtk_button_set_label (self->resolve_button, _("_Override"));
      gtk_widget_add_css_class (GTK_WIDGET (self->resolve_button), "destructive-action");
      gtk_label_set_label (self->explanation_label,
                           _("This hard violation will no longer block the plan's approval. "
                             "The override is recorded in the audit log with the reason and "
                             "the approver, and shown with this transfer's checks."));
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Acknowledge Warning"));
      adw_window_title_set_title (self->window_title, _("Acknowledge Warning"));
      gtk_button_set_label (self->resolve_button, _("_Acknowledge"));
      gtk_widget_add_css_class (GTK_WIDGET (self->resolve_button), "suggested-action");
      gtk_label_set_label (self->explanation_label,
                           _("The acknowledgement is recorded in the audit log with the reason "
                             "and the approver."));
    }

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->resolve_button));
  if (approver != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->approver_row), approver);
  input_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));

  return GTK_WIDGET (self);
}

void
ret_resolve_dialog_set_reason (RetResolveDialog *self,
                               const char       *reason)
{
  g_return_if_fail (RET_IS_RESOLVE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), reason != NULL ? reason : "");
}

void
ret_resolve_dialog_set_approver (RetResolveDialog *self,
                                 const char       *approver)
{
  g_return_if_fail (RET_IS_RESOLVE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->approver_row), approver != NULL ? approver : "");
}

const char *
ret_resolve_dialog_get_approver (RetResolveDialog *self)
{
  g_return_val_if_fail (RET_IS_RESOLVE_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->approver_row));
}

/* Whether the Override (or Acknowledge) button may be pressed. */
gboolean
ret_resolve_dialog_can_resolve (RetResolveDialog *self)
{
  g_return_val_if_fail (RET_IS_RESOLVE_DIALOG (self), FALSE);

  return ret_resolve_inputs_valid (gtk_editable_get_text (GTK_EDITABLE (self->reason_row)),
                                   gtk_editable_get_text (GTK_EDITABLE (self->approver_row)));
}

/* The message of the last refusal, or %NULL. */
const char *
ret_resolve_dialog_get_error (RetResolveDialog *self)
{
  g_return_val_if_fail (RET_IS_RESOLVE_DIALOG (self), NULL);

  return self->error;
}

/*
 * ret_resolve_dialog_resolve:
 *
 * Stores the override or acknowledgement, as the button does.  On
 * success the window emits "resolved" and closes; otherwise it stays
 * open with the store's reason shown, so that nothing typed is lost.
 *
 * Returns: %TRUE when stored
 */
gboolean
ret_resolve_dialog_resolve (RetResolveDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *approver = NULL;
  RetResolution resolution = { 0 };
  gint64 id = 0;

  g_return_val_if_fail (RET_IS_RESOLVE_DIALOG (self), FALSE);

  if (!ret_resolve_dialog_can_resolve (self))
    {
      show_error (self, _("Both a reason and the approver's name are needed."));
      return FALSE;
    }

  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
  approver = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->approver_row))));

  resolution.plan_id = self->violation->plan_id;
  resolution.transfer_code = self->violation->transfer_code;
  resolution.rule = self->violation->rule;
  resolution.subject = self->violation->subject;
  resolution.kind = is_override (self) ? RET_RESOLUTION_OVERRIDE : RET_RESOLUTION_ACKNOWLEDGEMENT;
  resolution.reason = reason;
  resolution.approver = approver;

  if (!ret_store_add_resolution (self->store, &resolution, self->actor, &id, &error))
    {
      /* the message may name persons: the log gets the code only */
      g_debug ("Resolution refused (error %d)", error->code);
      show_error (self, error->message);
      return FALSE;
    }

  show_error (self, NULL);
  g_signal_emit (self, signals[RESOLVED], 0, id);
  gtk_window_close (GTK_WINDOW (self));

  return TRUE;
}
