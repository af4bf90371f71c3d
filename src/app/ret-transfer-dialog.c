/* ret-transfer-dialog.c — one transfer and its document chain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-transfer-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ret-app-util.h"
#include "ret-checks-panel.h"
#include "ret-plan-edit.h"
#include "ret-store-schedule.h"
#include "ret-transfer-dialog.h"

struct _RetTransferDialog
{
  AdwWindow          parent_instance;

  /* template widgets */
  GtkButton         *advance_button;
  AdwPreferencesGroup *checks_group;
  AdwActionRow      *departure_row;
  GtkLabel          *error_label;
  AdwActionRow      *handover_time_row;
  AdwActionRow      *load_row;
  AdwPreferencesGroup *manifest_group;
  AdwPreferencesGroup *notices_group;
  AdwActionRow      *pinned_row;
  GtkSwitch         *pinned_switch;
  AdwActionRow      *route_row;
  AdwActionRow      *status_row;
  AdwPreferencesGroup *summary_group;
  AdwToastOverlay   *toast_overlay;
  GtkButton         *transfer_handover_button;
  GtkImage          *transfer_handover_icon;
  AdwActionRow      *transfer_handover_row;
  AdwWindowTitle    *window_title;

  /* owned */
  RetStore          *store;
  char              *code;
  RetTransfer       *transfer;        /* NULL when it cannot be read */
  GTimeZone         *zone;            /* the point's */
  char              *point_city;
  char              *facility_name;
  char              *recorded_official;    /* the transfer's handover, as recorded */
  gint64             recorded_handover_at;
  RetTransferStatus  status;
  GPtrArray         *dynamic_rows;    /* (GtkWidget, AdwPreferencesGroup) pairs added by refresh */
  guint              refresh_id;

  /* the day's check, kept for the previews of moves */
  RetCheckData      *check_data;
  RetCheckResult    *check_result;
  GArray            *draft_plans;     /* gint64 ids */
  GArray            *pinned_persons;  /* gint64 ids; NULL when unknown */
  gboolean           editable;        /* persons can be moved off it by hand */
  gboolean           updating;        /* the switch is set from the store */
};

G_DEFINE_FINAL_TYPE (RetTransferDialog, ret_transfer_dialog, ADW_TYPE_WINDOW)

/* -------------------------------------------------------------------- */
/* small helpers                                                          */

/* The button that moves a transfer one step along its chain; NULL at
 * the end of it. */
static const char *
advance_label (RetTransferStatus status)
{
  switch (status)
    {
    case RET_TRANSFER_PLANNED:
      return _("Mark Notified");
    case RET_TRANSFER_NOTIFIED:
      return _("Mark Reviewed");
    case RET_TRANSFER_REVIEWED:
      return _("Mark Departed");
    case RET_TRANSFER_DEPARTED:
      return _("Mark Handed Over");
    case RET_TRANSFER_HANDED_OVER:
    case RET_TRANSFER_CANCELLED:
    default:
      return NULL;
    }
}

static const char *
mode_label (const char *mode)
{
  if (g_strcmp0 (mode, "bus") == 0)
    return C_("transfer mode", "Bus");
  if (g_strcmp0 (mode, "van") == 0)
    return C_("transfer mode", "Van");
  if (g_strcmp0 (mode, "flight") == 0)
    return C_("transfer mode", "Flight");
  return mode;
}

/* "Wed 2 Dec 2026, 07:30 (UTC-07:00)" in the point's time: the receiving
 * side works on its own clock, and the offset removes any doubt about
 * which clock that is. */
static char *
format_full_time (RetTransferDialog *self,
                  gint64             utc)
{
  /* Translators: a g_date_time_format() format */
  return ret_app_format_local_time (self->zone, utc, _("%a %-d %b %Y, %H:%M (UTC%:z)"));
}

static char *
format_short_time (RetTransferDialog *self,
                   gint64             utc)
{
  /* Translators: a g_date_time_format() format, as in "Sent 2 Dec 09:10" */
  return ret_app_format_local_time (self->zone, utc, _("%-d %b %H:%M"));
}

/* A handover or a notice is recorded once it has happened. */
static gboolean
parse_entry_time (GTimeZone   *zone,
                  const char  *text,
                  gint64      *utc,
                  GError     **error)
{
  if (!ret_app_parse_local_time (zone, text, utc, error))
    return FALSE;

  /* A few minutes of slack for a clock that runs fast */
  if (*utc > g_get_real_time () / G_USEC_PER_SEC + 5 * 60)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("That time is still to come"));
      return FALSE;
    }

  return TRUE;
}

static void
show_error (RetTransferDialog *self,
            const GError      *error)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

typedef enum
{
  STATE_DONE,
  STATE_COVERED,
  STATE_MISSING,
  STATE_MISSING_REQUIRED,
} RowState;

/* The mark at the start of a row of the chain: every row has one, so
 * that the titles line up and a missing step stands out. */
static GtkWidget *
state_icon (RowState    state,
            const char *tooltip)
{
  static const struct
  {
    const char *icon_name;
    const char *css_class;
  } looks[] = {
    [STATE_DONE] = { "object-select-symbolic", "success" },
    [STATE_COVERED] = { "object-select-symbolic", "dim-label" },
    [STATE_MISSING] = { "dialog-warning-symbolic", "warning" },
    [STATE_MISSING_REQUIRED] = { "dialog-warning-symbolic", "error" },
  };
  GtkWidget *icon = gtk_image_new_from_icon_name (looks[state].icon_name);

  gtk_widget_add_css_class (icon, looks[state].css_class);
  gtk_widget_set_tooltip_text (icon, tooltip);

  return icon;
}

static void
add_dynamic_row (RetTransferDialog   *self,
                 AdwPreferencesGroup *group,
                 GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->dynamic_rows, row);
  g_ptr_array_add (self->dynamic_rows, group);
}

static void
clear_dynamic_rows (RetTransferDialog *self)
{
  for (guint i = 0; i + 1 < self->dynamic_rows->len; i += 2)
    adw_preferences_group_remove (g_ptr_array_index (self->dynamic_rows, i + 1),
                                  g_ptr_array_index (self->dynamic_rows, i));
  g_ptr_array_set_size (self->dynamic_rows, 0);
}

/* -------------------------------------------------------------------- */
/* recording a notice or a handover                                       */

typedef enum
{
  RECORD_NOTICE,
  RECORD_HANDOVER,
} RecordKind;

typedef struct
{
  RetTransferDialog *self;
  RecordKind         kind;
  RetNoticeKind      notice;
  gint64             person_id;   /* 0: the whole transfer */
  AdwEntryRow       *who_row;
  AdwEntryRow       *when_row;
  GtkLabel          *problem_label;
} Record;

static void
record_free (Record *record)
{
  g_object_unref (record->self);
  g_free (record);
}

static void
record_validate (AdwMessageDialog *dialog,
                 Record           *record)
{
  g_autoptr(GError) error = NULL;
  const char *who = gtk_editable_get_text (GTK_EDITABLE (record->who_row));
  const char *when = gtk_editable_get_text (GTK_EDITABLE (record->when_row));
  gint64 utc;
  gboolean time_ok = parse_entry_time (record->self->zone, when, &utc, &error);

  if (time_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (record->when_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (record->when_row), "error");

  gtk_label_set_label (record->problem_label, time_ok ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (record->problem_label), !time_ok);
  adw_message_dialog_set_response_enabled (dialog, "record", time_ok && !ret_app_text_is_blank (who));
}

static void
record_field_changed_cb (GtkEditable      *editable,
                         AdwMessageDialog *dialog)
{
  record_validate (dialog, g_object_get_data (G_OBJECT (dialog), "record"));
}

/* Enter in a field answers as the default button would, once the form
 * is complete */
static void
record_entry_activated_cb (AdwEntryRow      *row,
                           AdwMessageDialog *dialog)
{
  if (!adw_message_dialog_get_response_enabled (dialog, "record"))
    return;

  adw_message_dialog_response (dialog, "record");
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
record_responded_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Record           *record)
{
  RetTransferDialog *self = record->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *who = NULL;
  gint64 utc = 0;
  gboolean ok;

  /* The transfer's window may have been closed under the form */
  if (g_strcmp0 (response, "record") != 0 || self->store == NULL || self->transfer == NULL)
    return;

  if (!parse_entry_time (self->zone, gtk_editable_get_text (GTK_EDITABLE (record->when_row)), &utc, &error))
    {
      show_error (self, error);
      return;
    }

  who = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (record->who_row))));
  actor = ret_app_dup_actor (GTK_WIDGET (self));

  if (record->kind == RECORD_NOTICE)
    ok = ret_store_record_notice (self->store, self->code, record->notice, who, utc, actor, &error);
  else
    ok = ret_store_record_handover (self->store, self->code, record->person_id, utc, who, actor, &error);

  if (!ok)
    show_error (self, error);
}

/* @who and @when prefill the form (NULL, 0: blank and now), so that a
 * record is corrected rather than typed again. */
static void
record_open (RetTransferDialog *self,
             RecordKind         kind,
             RetNoticeKind      notice,
             gint64             person_id,
             const char        *person_name,
             const char        *who,
             gint64             when)
{
  g_autofree char *heading = NULL;
  g_autofree char *now_text = NULL;
  g_autofree char *when_title = NULL;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *list;
  GtkWidget *who_row;
  GtkWidget *when_row;
  GtkWidget *problem_label;
  Record *record;

  if (kind == RECORD_NOTICE)
    /* Translators: %s is a recipient, e.g. "Consulate of Mexico" */
    heading = g_strdup_printf (_("Record the Notice to %s"), ret_notice_kind_label (notice));
  else if (person_id == 0)
    heading = g_strdup (_("Record the Handover of the Transfer"));
  else
    /* Translators: %s is a person's name */
    heading = g_strdup_printf (_("Record the Handover of %s"), person_name);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "record", _("_Record"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  who_row = adw_entry_row_new ();
  gtk_widget_set_name (who_row, "who");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (who_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (who_row),
                                 kind == RECORD_NOTICE ? _("Recipient") : _("Receiving official"));
  gtk_list_box_append (GTK_LIST_BOX (list), who_row);

  when_row = adw_entry_row_new ();
  gtk_widget_set_name (when_row, "when");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (when_row), FALSE);
  /* Translators: %s is the city of the point, whose clock the time is on */
  when_title = g_strdup_printf (kind == RECORD_NOTICE ? _("Sent at (%s time, YYYY-MM-DD HH:MM)")
                                                      : _("Handed over at (%s time, YYYY-MM-DD HH:MM)"),
                                self->point_city);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (when_row), when_title);
  /* Not translated: the form reads back what it shows */
  now_text = ret_app_format_local_time (self->zone, when != 0 ? when : g_get_real_time () / G_USEC_PER_SEC,
                                        "%Y-%m-%d %H:%M");
  gtk_editable_set_text (GTK_EDITABLE (when_row), now_text);
  if (who != NULL)
    gtk_editable_set_text (GTK_EDITABLE (who_row), who);
  gtk_list_box_append (GTK_LIST_BOX (list), when_row);

  problem_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (problem_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (problem_label), 0);
  gtk_widget_add_css_class (problem_label, "error");
  gtk_widget_set_visible (problem_label, FALSE);

  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), problem_label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  record = g_new0 (Record, 1);
  record->self = g_object_ref (self);
  record->kind = kind;
  record->notice = notice;
  record->person_id = person_id;
  record->who_row = ADW_ENTRY_ROW (who_row);
  record->when_row = ADW_ENTRY_ROW (when_row);
  record->problem_label = GTK_LABEL (problem_label);
  g_object_set_data_full (G_OBJECT (dialog), "record", record, (GDestroyNotify) record_free);

  g_signal_connect (who_row, "changed", G_CALLBACK (record_field_changed_cb), dialog);
  g_signal_connect (when_row, "changed", G_CALLBACK (record_field_changed_cb), dialog);
  g_signal_connect (who_row, "entry-activated", G_CALLBACK (record_entry_activated_cb), dialog);
  g_signal_connect (when_row, "entry-activated", G_CALLBACK (record_entry_activated_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (record_responded_cb), record);
  record_validate (ADW_MESSAGE_DIALOG (dialog), record);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (who_row);
}

/* The transfer's recorded handover; else the planned one once it is
 * past; else now (0). */
static gint64
default_handover_time (RetTransferDialog *self)
{
  if (self->recorded_handover_at != 0)
    return self->recorded_handover_at;

  if (self->transfer != NULL && self->transfer->handover_at <= g_get_real_time () / G_USEC_PER_SEC)
    return self->transfer->handover_at;

  return 0;
}

static void
record_notice_clicked_cb (GtkButton         *button,
                          RetTransferDialog *self)
{
  RetNoticeKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "notice-kind"));

  /* The same office is told again, most likely; the time is now */
  record_open (self, RECORD_NOTICE, kind, 0, NULL,
               g_object_get_data (G_OBJECT (button), "recipient"), 0);
}

static void
record_person_clicked_cb (GtkButton         *button,
                          RetTransferDialog *self)
{
  const RetPerson *person = g_object_get_data (G_OBJECT (button), "person");
  g_autofree char *name = ret_person_dup_display_name (person);
  const char *official = g_object_get_data (G_OBJECT (button), "official");
  gint64 *at = g_object_get_data (G_OBJECT (button), "handed-over-at");

  /* Without their own record: most likely the transfer's official and time */
  if (official == NULL)
    official = self->recorded_official;
  record_open (self, RECORD_HANDOVER, RET_NOTICE_CONSULATE, person->id, name,
               official, at != NULL ? *at : default_handover_time (self));
}

static void
record_transfer_handover_clicked_cb (RetTransferDialog *self)
{
  record_open (self, RECORD_HANDOVER, RET_NOTICE_CONSULATE, 0, NULL,
               self->recorded_official, default_handover_time (self));
}

static void
advance_clicked_cb (RetTransferDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = ret_app_dup_actor (GTK_WIDGET (self));

  if (advance_label (self->status) == NULL)
    return;

  if (!ret_store_set_transfer_status (self->store, self->code, (RetTransferStatus) (self->status + 1), actor, &error))
    show_error (self, error);
}

/* -------------------------------------------------------------------- */
/* pins, and moving persons to another transfer                          */

static gboolean
id_in (GArray *ids,
       gint64  id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
pinned_switch_active_cb (RetTransferDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = NULL;
  gboolean active;

  if (self->updating || self->store == NULL)
    return;

  active = gtk_switch_get_active (self->pinned_switch);
  actor = ret_app_dup_actor (GTK_WIDGET (self));
  if (!ret_store_set_transfer_pinned (self->store, self->code, active, actor, &error))
    {
      show_error (self, error);
      self->updating = TRUE;
      gtk_switch_set_active (self->pinned_switch, !active);
      self->updating = FALSE;
    }
}

static void
person_pin_toggled_cb (GtkToggleButton   *button,
                       RetTransferDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = ret_app_dup_actor (GTK_WIDGET (self));
  const gint64 *person_id = g_object_get_data (G_OBJECT (button), "person-id");
  gboolean active = gtk_toggle_button_get_active (button);

  if (!ret_store_set_person_pinned (self->store, self->code, *person_id, active, actor, &error))
    {
      show_error (self, error);
      g_signal_handlers_block_by_func (button, person_pin_toggled_cb, self);
      gtk_toggle_button_set_active (button, !active);
      g_signal_handlers_unblock_by_func (button, person_pin_toggled_cb, self);
    }
}

/* The pins and whether persons can be moved, read again with the rest. */
static void
refresh_pins (RetTransferDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean pinned = FALSE;
  int index = -1;

  g_clear_pointer (&self->draft_plans, g_array_unref);
  self->draft_plans = ret_app_list_draft_plans (self->store);
  if (self->check_data != NULL)
    index = ret_check_data_find_transfer (self->check_data, self->code);
  self->editable = index >= 0 &&
                   ret_plan_transfer_is_editable (self->check_data, (guint) index,
                                                  (const gint64 *) (gpointer) self->draft_plans->data,
                                                  self->draft_plans->len);

  self->updating = TRUE;
  if (ret_store_get_transfer_pinned (self->store, self->code, &pinned, &error))
    {
      gtk_switch_set_active (self->pinned_switch, pinned);
      gtk_widget_set_sensitive (GTK_WIDGET (self->pinned_switch), TRUE);
      adw_action_row_set_subtitle (self->pinned_row, _("Kept as it is when the plan is re-made"));
    }
  else
    {
      /* Translators: %s says why */
      g_autofree char *text = g_strdup_printf (_("Cannot be read: %s"), error->message);

      gtk_switch_set_active (self->pinned_switch, FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->pinned_switch), FALSE);
      adw_action_row_set_subtitle (self->pinned_row, text);
    }
  self->updating = FALSE;

  g_clear_pointer (&self->pinned_persons, g_array_unref);
  g_clear_error (&error);
  self->pinned_persons = ret_store_list_pinned_persons (self->store, self->code, &error);
  if (self->pinned_persons == NULL)
    g_debug ("Cannot read the pinned persons of a transfer: %s", error->message);
}

typedef struct
{
  RetTransferDialog *self;
  char              *to_code;
  GArray            *ids;
} MoveRequest;

static void
move_request_free (MoveRequest *request)
{
  g_object_unref (request->self);
  g_free (request->to_code);
  g_array_unref (request->ids);
  g_free (request);
}

static void
move_request_run (MoveRequest *request)
{
  RetTransferDialog *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *text = NULL;

  /* The window may have been closed under the question */
  if (self->store == NULL)
    return;

  actor = ret_app_dup_actor (GTK_WIDGET (self));
  if (!ret_store_move_persons (self->store, self->code, request->to_code,
                               (const gint64 *) (gpointer) request->ids->data, request->ids->len,
                               actor, &error))
    {
      show_error (self, error);
      return;
    }

  /* Translators: "2 persons moved to T-20261203-NOG-02" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person moved to %s", "%u persons moved to %s",
                                       request->ids->len),
                          request->ids->len, request->to_code);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
move_confirm_responded_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           MoveRequest      *request)
{
  if (g_strcmp0 (response, "move") == 0)
    move_request_run (request);
}

/* A harmless move is made at once; one that breaks a hard rule is
 * allowed, but only once the coordinator has read what it breaks. */
static void
move_request_start (MoveRequest *request,
                    const char  *problem)
{
  GtkWidget *dialog;

  if (problem == NULL)
    {
      move_request_run (request);
      move_request_free (request);
      return;
    }

  dialog = ret_app_new_breaking_move_dialog (GTK_WINDOW (request->self), problem);
  g_signal_connect_data (dialog, "response", G_CALLBACK (move_confirm_responded_cb), request,
                         (GClosureNotify) (void (*) (void)) move_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The "Move to…" menu of one person */
typedef struct
{
  RetTransferDialog *self;      /* the menu lives inside it */
  gint64             person_id;
} MoveMenu;

static void
move_target_activated_cb (GtkListBox    *list,
                          GtkListBoxRow *row,
                          MoveMenu      *menu)
{
  RetTransferDialog *self = menu->self;
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_POPOVER);
  const char *problem = g_object_get_data (G_OBJECT (row), "problem");
  MoveRequest *request;

  if (self->check_data == NULL)
    return;

  request = g_new0 (MoveRequest, 1);
  request->self = g_object_ref (self);
  request->to_code = g_strdup (gtk_widget_get_name (GTK_WIDGET (row)));
  request->ids = ret_plan_family_on_transfer (self->check_data, self->code, menu->person_id);
  if (request->ids->len == 0)
    g_array_append_val (request->ids, menu->person_id);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  move_request_start (request, problem);
}

static GtkWidget *
move_target_row (RetTransferDialog *self,
                 MoveMenu          *menu,
                 const char        *code)
{
  const RetCheckTransfer *target = g_ptr_array_index (self->check_data->transfers,
                                                      ret_check_data_find_transfer (self->check_data, code));
  const RetPoint *point = ret_plan_find_point (self->check_data, target->point);
  g_autoptr(GTimeZone) zone = ret_app_point_zone (point);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *when = ret_app_format_local_time (zone, target->handover_at, "%H:%M");
  g_autofree char *details = NULL;
  g_autofree char *preview = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (code);
  GtkWidget *subtitle;
  GtkWidget *preview_label;

  problems = ret_plan_preview_move (self->check_data, self->check_result, self->code, code,
                                    &menu->person_id, 1);
  preview = ret_plan_describe_preview (problems);

  /* Translators: "handover 13:00 at Nogales · 12 persons, 45 seats" */
  details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "handover %s at %s · %u person, %d seats",
                                          "handover %s at %s · %u persons, %d seats", target->entries->len),
                             when, point != NULL && point->city != NULL ? point->city : target->point,
                             target->entries->len, target->seats);

  gtk_widget_set_name (row, code);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  subtitle = gtk_label_new (details);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  preview_label = gtk_label_new (preview);
  gtk_widget_set_name (preview_label, "preview");
  gtk_label_set_xalign (GTK_LABEL (preview_label), 0);
  gtk_label_set_wrap (GTK_LABEL (preview_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (preview_label), 40);
  gtk_widget_add_css_class (preview_label, "move-preview");
  gtk_widget_add_css_class (preview_label, problems != NULL && problems->len > 0 ? "error" : "success");

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_box_append (GTK_BOX (box), preview_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  if (problems != NULL && problems->len > 0)
    g_object_set_data_full (G_OBJECT (row), "problem", g_strdup (preview), g_free);

  return row;
}

/* Built when the menu opens: a preview per transfer is a check of the
 * two transfers, too much to do for every person on every refresh. */
static void
move_popup_cb (GtkMenuButton *button,
               gpointer       user_data)
{
  MoveMenu *menu = user_data;
  RetTransferDialog *self = menu->self;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GArray) family = NULL;
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading;

  gtk_widget_add_css_class (popover, "move-popover");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), box);

  if (self->check_data != NULL && self->check_result != NULL && self->draft_plans != NULL)
    {
      targets = ret_plan_list_move_targets (self->check_data, self->code,
                                            (const gint64 *) (gpointer) self->draft_plans->data,
                                            self->draft_plans->len);
      family = ret_plan_family_on_transfer (self->check_data, self->code, menu->person_id);
    }

  if (family != NULL && family->len > 1)
    {
      g_autofree char *text = g_strdup_printf (_("The family moves together: %u persons"), family->len);

      heading = gtk_label_new (text);
    }
  else
    heading = gtk_label_new (_("Move to"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  if (targets == NULL || targets->len == 0)
    {
      GtkWidget *none = gtk_label_new (targets == NULL ? _("The move cannot be checked now.")
                                                       : _("No other transfer from this facility on this day is still planned in a draft plan."));

      gtk_label_set_wrap (GTK_LABEL (none), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (none), 40);
      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (GTK_BOX (box), none);
    }
  else
    {
      GtkWidget *list = gtk_list_box_new ();
      GtkWidget *scrolled = gtk_scrolled_window_new ();

      gtk_widget_set_name (list, "move-targets");
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (list), TRUE);
      gtk_widget_add_css_class (list, "boxed-list");
      for (guint i = 0; i < targets->len; i++)
        gtk_list_box_append (GTK_LIST_BOX (list), move_target_row (self, menu, g_ptr_array_index (targets, i)));
      g_signal_connect (list, "row-activated", G_CALLBACK (move_target_activated_cb), menu);

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
      gtk_box_append (GTK_BOX (box), scrolled);
    }

  gtk_menu_button_set_popover (button, popover);
}

static GdkContentProvider *
person_drag_prepare_cb (GtkDragSource *source,
                        double         x,
                        double         y,
                        gpointer       user_data)
{
  const char *text = g_object_get_data (G_OBJECT (source), "drag-text");

  return gdk_content_provider_new_typed (G_TYPE_STRING, text);
}

/* A small label beside the pointer, not a picture of the row: the
 * blocks of the timeline and what a drop there would break must stay in
 * sight. */
static void
person_drag_begin_cb (GtkDragSource *source,
                      GdkDrag       *drag,
                      gpointer       user_data)
{
  GtkWidget *icon = gtk_drag_icon_get_for_drag (drag);
  GtkWidget *label = gtk_label_new (g_object_get_data (G_OBJECT (source), "drag-label"));

  gtk_widget_add_css_class (label, "move-drag-icon");
  gtk_drag_icon_set_child (GTK_DRAG_ICON (icon), label);
  gdk_drag_set_hotspot (drag, -14, -14);
}

/* A manifest row's pin, "Move to…" menu, and drag */
static void
add_person_edit_controls (RetTransferDialog *self,
                          GtkWidget         *row,
                          const RetPerson   *person)
{
  gboolean pinned = id_in (self->pinned_persons, person->id);
  GtkWidget *pin = gtk_toggle_button_new ();

  gtk_button_set_icon_name (GTK_BUTTON (pin), "view-pin-symbolic");
  gtk_widget_set_name (pin, "pin");
  gtk_widget_set_valign (pin, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (pin, "flat");
  gtk_widget_add_css_class (pin, "manifest-pin");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (pin), pinned);
  gtk_widget_set_tooltip_text (pin, _("Pinned: kept on this transfer, with their family, when the plan is re-made"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (pin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pinned"), -1);
  gtk_widget_set_sensitive (pin, self->pinned_persons != NULL && self->status == RET_TRANSFER_PLANNED);
  g_object_set_data_full (G_OBJECT (pin), "person-id", g_memdup2 (&person->id, sizeof (gint64)), g_free);
  g_signal_connect (pin, "toggled", G_CALLBACK (person_pin_toggled_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), pin);

  if (self->editable)
    {
      GtkWidget *move = gtk_menu_button_new ();
      MoveMenu *menu = g_new0 (MoveMenu, 1);
      GtkDragSource *source = gtk_drag_source_new ();
      g_autoptr(GArray) family = NULL;
      g_autofree char *name = NULL;
      g_autofree char *drag_label = NULL;

      menu->self = self;
      menu->person_id = person->id;
      gtk_menu_button_set_label (GTK_MENU_BUTTON (move), _("Move to…"));
      gtk_widget_set_name (move, "move");
      gtk_widget_set_valign (move, GTK_ALIGN_CENTER);
      gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (move), move_popup_cb, menu, g_free);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), move);

      /* Dragging the row to a block of the day's timeline does the same */
      family = ret_plan_family_on_transfer (self->check_data, self->code, person->id);
      name = ret_person_dup_display_name (person);
      if (family->len > 1)
        /* Translators: what a dragged person is shown as, "RUIZ, Ana and family: 3 persons" */
        drag_label = g_strdup_printf (_("%s and family: %u persons"), name, family->len);
      else
        drag_label = g_steal_pointer (&name);
      gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
      g_object_set_data_full (G_OBJECT (source), "drag-text", ret_plan_drag_format (self->code, person->id), g_free);
      g_object_set_data_full (G_OBJECT (source), "drag-label", g_steal_pointer (&drag_label), g_free);
      g_signal_connect (source, "prepare", G_CALLBACK (person_drag_prepare_cb), NULL);
      g_signal_connect (source, "drag-begin", G_CALLBACK (person_drag_begin_cb), NULL);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
    }
}

/* -------------------------------------------------------------------- */
/* showing it                                                             */

static void
refresh_summary (RetTransferDialog *self)
{
  RetTransfer *t = self->transfer;
  g_autofree char *route = NULL;
  g_autofree char *depart = NULL;
  g_autofree char *handover = NULL;
  g_autofree char *load = NULL;
  const char *next;

  adw_window_title_set_subtitle (self->window_title, self->code);

  /* Every time below is on the point's clock; say which once */
  {
    g_autofree char *offset = ret_app_format_local_time (self->zone, t->handover_at, "%:z");
    /* Translators: "All times are Nogales time (UTC-07:00)" */
    g_autofree char *text = g_strdup_printf (_("All times are %s time (UTC%s)"), self->point_city, offset);

    adw_preferences_group_set_description (self->summary_group, text);
  }

  /* Translators: "Bus from FACILITY to CITY (POINT CODE)" */
  route = g_strdup_printf (_("%s from %s to %s (%s)"), mode_label (t->mode), self->facility_name,
                           self->point_city, t->point);
  adw_action_row_set_subtitle (self->route_row, route);

  depart = format_full_time (self, t->depart_at);
  adw_action_row_set_subtitle (self->departure_row, depart);
  handover = format_full_time (self, t->handover_at);
  adw_action_row_set_subtitle (self->handover_time_row, handover);

  /* Translators: persons on the manifest, then the vehicle's seats */
  load = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d person, %d seats", "%d persons, %d seats",
                                       t->n_persons),
                          t->n_persons, t->seats);
  adw_action_row_set_subtitle (self->load_row, load);
  if (t->n_persons > t->seats)
    gtk_widget_add_css_class (GTK_WIDGET (self->load_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->load_row), "error");

  adw_action_row_set_subtitle (self->status_row, ret_transfer_status_label (self->status));
  next = advance_label (self->status);
  gtk_widget_set_visible (GTK_WIDGET (self->advance_button), next != NULL);
  if (next != NULL)
    gtk_button_set_label (self->advance_button, next);
}

static void
refresh_notices (RetTransferDialog *self,
                 GPtrArray         *manifest)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notices = ret_store_list_notices (self->store, self->code, &error);
  const RetNotice *latest[RET_N_NOTICE_KINDS] = { NULL, };
  gboolean criminal = FALSE;

  if (notices == NULL)
    {
      g_warning ("Cannot read the notices of a transfer: %s", error->message);
      return;
    }

  for (guint i = 0; i < notices->len; i++)
    {
      const RetNotice *notice = g_ptr_array_index (notices, i);

      if (notice->kind < RET_N_NOTICE_KINDS &&
          (latest[notice->kind] == NULL || notice->sent_at >= latest[notice->kind]->sent_at))
        latest[notice->kind] = notice;
    }

  for (guint i = 0; manifest != NULL && i < manifest->len; i++)
    {
      const RetPerson *person = g_ptr_array_index (manifest, i);

      if (person->flags & RET_PERSON_FLAG_CRIMINAL_RECORD)
        criminal = TRUE;
    }

  for (RetNoticeKind kind = 0; kind < RET_N_NOTICE_KINDS; kind++)
    {
      const RetNotice *notice = latest[kind];
      g_autofree char *subtitle = NULL;
      GtkWidget *row;
      GtkWidget *button;

      /* The attaché is told only about criminal records; a notice sent
       * all the same stays visible. */
      if (kind == RET_NOTICE_PROSECUTOR && !criminal && notice == NULL)
        continue;

      if (notice != NULL)
        {
          g_autofree char *when = format_short_time (self, notice->sent_at);

          /* Translators: "Sent 2 Dec 09:10 to RECIPIENT by NAME" */
          subtitle = g_strdup_printf (_("Sent %s to %s by %s"), when, notice->recipient,
                                      notice->sent_by != NULL ? notice->sent_by : "");
        }
      else
        subtitle = g_strdup (_("Not sent"));

      row = ret_app_new_row (ret_notice_kind_label (kind), subtitle);
      gtk_widget_set_name (row, ret_notice_kind_to_string (kind));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 notice != NULL ? state_icon (STATE_DONE, _("Sent"))
                                                : state_icon (STATE_MISSING, _("Not sent")));

      button = gtk_button_new_with_label (_("Record Sent…"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "notice-kind", GINT_TO_POINTER (kind));
      if (notice != NULL)
        g_object_set_data_full (G_OBJECT (button), "recipient", g_strdup (notice->recipient), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (record_notice_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      add_dynamic_row (self, self->notices_group, row);
    }
}

static const RetCheckEntry *
find_entry (RetCheckData     *data,
            RetCheckTransfer *transfer,
            gint64            person_id)
{
  for (guint i = 0; transfer != NULL && i < transfer->entries->len; i++)
    {
      const RetCheckEntry *entry = &g_array_index (transfer->entries, RetCheckEntry, i);
      const RetCheckPerson *person = g_ptr_array_index (data->persons, entry->person);

      if (person->person->id == person_id)
        return entry;
    }

  return NULL;
}

static void
refresh_handover (RetTransferDialog *self,
                  GPtrArray         *manifest,
                  RetCheckData      *data,
                  RetCheckTransfer  *check_transfer,
                  const GDate       *date)
{
  gboolean transfer_recorded = check_transfer != NULL &&
                               check_transfer->actual_handover_at != 0 &&
                               !ret_app_text_is_blank (check_transfer->receiving_official);
  guint missing = 0;
  guint missing_minors = 0;

  g_clear_pointer (&self->recorded_official, g_free);
  self->recorded_handover_at = 0;
  gtk_image_set_from_icon_name (self->transfer_handover_icon,
                                transfer_recorded ? "object-select-symbolic" : "dialog-warning-symbolic");
  gtk_widget_set_css_classes (GTK_WIDGET (self->transfer_handover_icon),
                              (const char *[]) { transfer_recorded ? "success" : "warning", NULL });

  if (transfer_recorded)
    {
      g_autofree char *when = format_short_time (self, check_transfer->actual_handover_at);
      /* Translators: "Handed over 2 Dec 09:10 to OFFICIAL" */
      g_autofree char *subtitle = g_strdup_printf (_("Handed over %s to %s"), when,
                                                   check_transfer->receiving_official);

      adw_action_row_set_subtitle (self->transfer_handover_row, subtitle);
      self->recorded_official = g_strdup (check_transfer->receiving_official);
      self->recorded_handover_at = check_transfer->actual_handover_at;
    }
  else
    adw_action_row_set_subtitle (self->transfer_handover_row, _("Not recorded"));

  for (guint i = 0; manifest != NULL && i < manifest->len; i++)
    {
      RetPerson *person = g_ptr_array_index (manifest, i);
      const RetCheckEntry *entry = find_entry (data, check_transfer, person->id);
      gboolean own = entry != NULL && entry->actual_handover_at != 0 && !ret_app_text_is_blank (entry->receiving_official);
      gboolean minor = ret_person_is_minor (person, date);
      g_autofree char *name = ret_person_dup_display_name (person);
      g_autofree char *flags = ret_person_dup_flags_description (person, date);
      g_autofree char *recorded = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;
      GtkWidget *button;
      RowState state;
      int age = ret_person_get_age (person, date);

      if (own)
        {
          g_autofree char *when = format_short_time (self, entry->actual_handover_at);

          recorded = g_strdup_printf (_("Handed over %s to %s"), when, entry->receiving_official);
        }
      else if (minor)
        recorded = g_strdup (_("Not recorded: a minor needs their own record"));
      else if (transfer_recorded)
        recorded = g_strdup (_("Covered by the transfer's record"));
      else
        recorded = g_strdup (_("Not recorded"));

      /* Translators: A-number · age · flags, then the handover record on
       * a line of its own */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d year · %s\n%s",
                                               "%s · %d years · %s\n%s", age),
                                  person->a_number, age, flags != NULL && *flags != '\0' ? flags : _("no flags"),
                                  recorded);

      row = ret_app_new_row (name, subtitle);
      gtk_widget_set_name (row, person->a_number);

      if (own)
        state = STATE_DONE;
      else if (minor)
        state = STATE_MISSING_REQUIRED;
      else if (transfer_recorded)
        state = STATE_COVERED;
      else
        state = STATE_MISSING;
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), state_icon (state, recorded));

      if (state == STATE_MISSING || state == STATE_MISSING_REQUIRED)
        {
          missing++;
          if (minor)
            missing_minors++;
        }

      button = gtk_button_new_with_label (_("Record…"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "person", ret_person_copy (person),
                              (GDestroyNotify) ret_person_free);
      if (own)
        {
          g_object_set_data_full (G_OBJECT (button), "official", g_strdup (entry->receiving_official), g_free);
          g_object_set_data_full (G_OBJECT (button), "handed-over-at",
                                  g_memdup2 (&entry->actual_handover_at, sizeof (gint64)), g_free);
        }
      g_signal_connect (button, "clicked", G_CALLBACK (record_person_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      add_person_edit_controls (self, row, person);

      add_dynamic_row (self, self->manifest_group, row);
    }

  if (manifest == NULL || manifest->len == 0)
    adw_preferences_group_set_description (self->manifest_group, _("Nobody is on this transfer."));
  else if (missing == 0)
    adw_preferences_group_set_description (self->manifest_group,
                                           _("Every person's handover is recorded."));
  else
    {
      g_autofree char *persons = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u person has no handover record",
                                                               "%u persons have no handover record",
                                                               missing), missing);
      g_autofree char *text = NULL;

      if (missing_minors > 0)
        /* Translators: the first %s is "3 persons have no handover record" */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s: %u minor among them, who needs their own.",
                                             "%s: %u minors among them, who need their own.",
                                             missing_minors), persons, missing_minors);
      else
        text = g_strdup_printf (_("%s."), persons);

      adw_preferences_group_set_description (self->manifest_group, text);
    }
}

static void
refresh_checks (RetTransferDialog *self,
                RetCheckData      *data,
                const GError      *load_error)
{
  RetCheckResult *result;
  g_autoptr(GPtrArray) violations = NULL;

  if (data == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The checks cannot be run: %s"), load_error->message);

      adw_preferences_group_set_description (self->checks_group, text);
      return;
    }

  if (ret_check_data_find_transfer (data, self->code) < 0)
    {
      adw_preferences_group_set_description (self->checks_group,
                                             _("A cancelled transfer is not checked."));
      return;
    }

  /* kept for the previews of the "Move to…" menus */
  result = self->check_result = ret_check_run (data);
  violations = ret_check_result_for_transfer (result, self->code);
  if (violations->len == 0)
    {
      adw_preferences_group_set_description (self->checks_group,
                                             _("This transfer breaks none of the agreed safety rules."));
      return;
    }

  {
    guint hard = 0;
    g_autofree char *count = NULL;
    g_autofree char *blocking = NULL;
    g_autofree char *text = NULL;

    for (guint i = 0; i < violations->len; i++)
      {
        const RetViolation *v = g_ptr_array_index (violations, i);

        if (v->severity == RET_SEVERITY_HARD && !ret_violation_is_resolved (v))
          hard++;
      }

    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u violation", "%u violations",
                                          violations->len), violations->len);
    if (hard > 0)
      blocking = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u blocks approval",
                                               "%u block approval", hard), hard);
    else
      blocking = g_strdup (_("none blocks approval"));
    /* Translators: "3 violations; 1 blocks approval" */
    text = g_strdup_printf (_("%s; %s"), count, blocking);
    adw_preferences_group_set_description (self->checks_group, text);
  }

  for (guint i = 0; i < violations->len; i++)
    {
      const RetViolation *v = g_ptr_array_index (violations, i);
      const RetRule *rule = ret_rule_get (v->rule);
      g_autofree char *title = g_strdup_printf ("%s · %s", rule->code, _(rule->title));
      g_autofree char *subtitle = NULL;
      g_autofree char *resolution = ret_checks_format_resolution (v);
      GtkWidget *icon;
      GtkWidget *row;

      if (resolution != NULL)
        subtitle = g_strdup_printf ("%s\n%s", v->message, resolution);
      else
        subtitle = g_strdup (v->message);

      row = ret_app_new_row (title, subtitle);
      gtk_widget_set_name (row, rule->code);

      if (ret_violation_is_resolved (v))
        icon = gtk_image_new_from_icon_name ("object-select-symbolic");
      else
        icon = gtk_image_new_from_icon_name (v->severity == RET_SEVERITY_HARD ? "dialog-error-symbolic"
                                                                              : "dialog-warning-symbolic");
      if (!ret_violation_is_resolved (v))
        gtk_widget_add_css_class (icon, v->severity == RET_SEVERITY_HARD ? "error" : "warning");
      gtk_widget_set_tooltip_text (icon, ret_severity_label (v->severity));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

      add_dynamic_row (self, self->checks_group, row);
    }
}

static void
refresh (RetTransferDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) check_error = NULL;
  g_autoptr(RetPoint) point = NULL;
  g_autoptr(GPtrArray) manifest = NULL;
  RetCheckData *data;
  g_autoptr(GDateTime) handover_utc = NULL;
  g_autoptr(GDateTime) handover_local = NULL;
  RetCheckTransfer *check_transfer = NULL;
  GDate date;

  clear_dynamic_rows (self);
  g_clear_pointer (&self->transfer, ret_transfer_free);

  self->transfer = ret_store_get_transfer (self->store, self->code, &error);
  if (self->transfer == NULL)
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->advance_button), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->transfer_handover_button), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->advance_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->transfer_handover_button), TRUE);

  if (!ret_transfer_status_from_string (self->transfer->status, &self->status))
    self->status = RET_TRANSFER_PLANNED;

  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->point_city, g_free);
  point = ret_store_get_point (self->store, self->transfer->point, NULL);
  self->zone = ret_app_point_zone (point);
  if (point != NULL)
    self->point_city = g_strdup (point->city);
  if (self->point_city == NULL)
    self->point_city = g_strdup (self->transfer->point);

  g_clear_pointer (&self->facility_name, g_free);
  {
    g_autoptr(GPtrArray) facilities = ret_store_list_facilities (self->store, NULL);

    for (guint i = 0; facilities != NULL && i < facilities->len; i++)
      {
        const RetFacility *facility = g_ptr_array_index (facilities, i);

        if (g_strcmp0 (facility->code, self->transfer->facility) == 0)
          self->facility_name = g_strdup (facility->name);
      }
  }
  if (self->facility_name == NULL)
    self->facility_name = g_strdup (self->transfer->facility);

  /* Ages and "minor" as on the day of the handover, as the rules see them */
  handover_utc = g_date_time_new_from_unix_utc (self->transfer->handover_at);
  handover_local = g_date_time_to_timezone (handover_utc, self->zone);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (handover_local),
                  g_date_time_get_month (handover_local), g_date_time_get_year (handover_local));

  refresh_summary (self);

  manifest = ret_store_list_manifest (self->store, self->code, &error);
  if (manifest == NULL)
    {
      g_warning ("Cannot read the manifest of a transfer: %s", error->message);
      g_clear_error (&error);
    }

  g_clear_pointer (&self->check_result, ret_check_result_free);
  g_clear_pointer (&self->check_data, ret_check_data_free);
  data = self->check_data = ret_store_load_check_data (self->store, &date, 1, 0, &check_error);
  if (data != NULL)
    {
      int index = ret_check_data_find_transfer (data, self->code);

      if (index >= 0)
        check_transfer = g_ptr_array_index (data->transfers, index);
    }

  refresh_pins (self);
  refresh_notices (self, manifest);
  refresh_handover (self, manifest, data, check_transfer, &date);
  refresh_checks (self, data, check_error);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  RetTransferDialog *self = user_data;

  self->refresh_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

/* One write sends "changed" for each kind of thing it touched (persons,
 * transfers, …), and a refresh reloads and checks the whole day: do it
 * once, before the next frame. */
static void
store_changed_cb (RetTransferDialog *self,
                  const char        *entity)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, refresh_idle_cb, self, NULL);
}

/* -------------------------------------------------------------------- */

static void
ret_transfer_dialog_dispose (GObject *object)
{
  RetTransferDialog *self = RET_TRANSFER_DIALOG (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), RET_TYPE_TRANSFER_DIALOG);

  G_OBJECT_CLASS (ret_transfer_dialog_parent_class)->dispose (object);
}

static void
ret_transfer_dialog_finalize (GObject *object)
{
  RetTransferDialog *self = RET_TRANSFER_DIALOG (object);

  g_free (self->code);
  g_clear_pointer (&self->transfer, ret_transfer_free);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_free (self->point_city);
  g_free (self->facility_name);
  g_free (self->recorded_official);
  g_ptr_array_unref (self->dynamic_rows);
  g_clear_pointer (&self->check_result, ret_check_result_free);
  g_clear_pointer (&self->check_data, ret_check_data_free);
  g_clear_pointer (&self->draft_plans, g_array_unref);
  g_clear_pointer (&self->pinned_persons, g_array_unref);

  G_OBJECT_CLASS (ret_transfer_dialog_parent_class)->finalize (object);
}

static void
ret_transfer_dialog_class_init (RetTransferDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ret_transfer_dialog_dispose;
  object_class->finalize = ret_transfer_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ret-transfer-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RetTransferDialog, advance_button);
  gtk_widget_class_bind_template_child (widget_class, RetTransferDialog, checks_group);
  gtk_widget_class_bind_template_child (widget_class, RetTransferDialog, departure_row);
  gtk_widget_class_bind_template_child (widget_class, RetTransferDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RetTransferDialog, handover_time_row);
  gtk_widget_class_bind_template_child (widget_class, RetTransferDialog, load_row);
  gtk_widget_class_bind_template_child (widget_class, RetTransferDialog, manifest_group);
  gtk_widget_class_bind_template_child (widget_class, RetTransferDialog, notices_group);
  gtk_widget_class_bind_template_child (widget_class, RetTransferDialog, pinned_row);
  gtk_widget_class_bind_template_child (widget_class, RetTransferDialog, pinned_switch);
  gtk_widget_class_bind_template_child (widget_class, RetTransferDialog, route_row);
  gtk_widget_class_bind_template_child (widget_class, RetTransferDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, RetTransferDialog, summary_group);
  gtk_widget_class_bind_template_child (widget_class, RetTransferDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RetTransferDialog, transfer_handover_button);
  gtk_widget_class_bind_template_child (widget_class, RetTransferDialog, transfer_handover_icon);
  gtk_widget_class_bind_template_child (widget_class, RetTransferDialog, transfer_handover_row);
  gtk_widget_class_bind_template_child (widget_class, RetTransferDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, advance_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, pinned_switch_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, record_transfer_handover_clicked_cb);
}

static void
ret_transfer_dialog_init (RetTransferDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->dynamic_rows = g_ptr_array_new ();
}

GtkWidget *
ret_transfer_dialog_new (GtkWindow  *parent,
                         RetStore   *store,
                         const char *code)
{
  RetTransferDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RET_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  self = ret_app_new_child_window (RET_TYPE_TRANSFER_DIALOG, parent);

  self->store = g_object_ref (store);
  self->code = g_strdup (code);
  gtk_window_set_title (GTK_WINDOW (self), code);

  g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
  refresh (self);

  return GTK_WIDGET (self);
}

const char *
ret_transfer_dialog_get_code (RetTransferDialog *self)
{
  g_return_val_if_fail (RET_IS_TRANSFER_DIALOG (self), NULL);

  return self->code;
}
