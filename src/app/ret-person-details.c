/* ret-person-details.c — every field of one person, editable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-person-details"

#include "config.h"

#include <glib/gi18n.h>

#include "ret-application.h"
#include "ret-gazetteer.h"
#include "ret-person-details.h"
#include "ret-time.h"
#include "ret-main-window.h"

struct _RetPersonDetails
{
  AdwBin          parent_instance;

  /* template widgets */
  AdwEntryRow    *a_number_row;
  AdwEntryRow    *apprehended_row;
  AdwEntryRow    *birth_date_row;
  GtkSwitch      *consent_switch;
  GtkSwitch      *criminal_switch;
  GtkSwitch      *disabled_switch;
  GtkLabel       *error_label;
  AdwComboRow    *facility_row;
  AdwEntryRow    *family_group_row;
  GtkListBox     *family_list;
  AdwEntryRow    *family_name_row;
  AdwEntryRow    *given_names_row;
  GtkSwitch      *ill_switch;
  GtkSwitch      *medical_fit_switch;
  AdwEntryRow    *nationality_row;
  GtkTextView    *notes_view;
  AdwEntryRow    *origin_municipality_row;
  AdwActionRow   *origin_resolved_row;
  AdwEntryRow    *origin_state_row;
  GtkSwitch      *pregnant_switch;
  GtkButton      *revert_button;
  GtkButton      *save_button;
  AdwComboRow    *sex_row;
  GtkStack       *stack;
  AdwActionRow   *status_row;
  GtkLabel       *subtitle_label;
  GtkLabel       *title_label;
  GtkSwitch      *unaccompanied_switch;
  GtkSwitch      *verified_switch;

  /* owned */
  RetStore       *store;
  RetPerson      *person;        /* as stored */
  GPtrArray      *facilities;    /* RetFacility, in combo order */
  char           *error;
  gboolean        loading;
  gboolean        modified;
};

G_DEFINE_FINAL_TYPE (RetPersonDetails, ret_person_details, ADW_TYPE_BIN)

static const RetSex sex_order[] = { RET_SEX_FEMALE, RET_SEX_MALE, RET_SEX_OTHER };

static void
set_modified (RetPersonDetails *self,
              gboolean          modified)
{
  self->modified = modified;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), modified);
  gtk_widget_set_sensitive (GTK_WIDGET (self->revert_button), modified);
}

static void
set_error (RetPersonDetails *self,
           const char       *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static const char *
get_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
update_origin_resolved (RetPersonDetails *self)
{
  RetGazetteer *gazetteer = ret_gazetteer_get_default ();
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  const char *state = get_text (self->origin_state_row);
  const char *municipality = get_text (self->origin_municipality_row);
  const char *locality = NULL;
  const RetPlace *place;

  if (*state == '\0' && *municipality == '\0')
    {
      adw_action_row_set_subtitle (self->origin_resolved_row, _("No origin in Mexico"));
      return;
    }

  place = ret_gazetteer_resolve (gazetteer, state, municipality, &locality, &error);
  if (place == NULL)
    {
      adw_action_row_set_subtitle (self->origin_resolved_row, error->message);
      return;
    }

  label = ret_gazetteer_dup_label (gazetteer, place);
  if (locality != NULL)
    {
      g_autofree char *full = g_strdup_printf (_("%s (locality %s), INEGI %s"), label, locality, place->code);

      adw_action_row_set_subtitle (self->origin_resolved_row, full);
    }
  else
    {
      g_autofree char *full = g_strdup_printf (_("%s, INEGI %s"), label, place->code);

      adw_action_row_set_subtitle (self->origin_resolved_row, full);
    }
}

static void
field_changed_cb (GtkEditable      *editable,
                  RetPersonDetails *self)
{
  if (self->loading)
    return;

  if (editable == GTK_EDITABLE (self->origin_state_row) ||
      editable == GTK_EDITABLE (self->origin_municipality_row))
    update_origin_resolved (self);

  set_modified (self, TRUE);
}

static void
switch_changed_cb (GObject          *object,
                   GParamSpec       *pspec,
                   RetPersonDetails *self)
{
  if (!self->loading)
    set_modified (self, TRUE);
}

static void
notes_changed_cb (GtkTextBuffer    *buffer,
                  RetPersonDetails *self)
{
  if (!self->loading)
    set_modified (self, TRUE);
}

static void
clear_family_list (RetPersonDetails *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->family_list))) != NULL)
    gtk_list_box_remove (self->family_list, child);
}

static void
fill_family (RetPersonDetails *self)
{
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  clear_family_list (self);
  ret_date_today (&today);

  members = ret_store_list_family (self->store, self->person->family_group, &error);
  if (members == NULL)
    {
      g_warning ("Could not list a family group: %s", error->message);
      return;
    }

  for (guint i = 0; i < members->len; i++)
    {
      const RetPerson *member = g_ptr_array_index (members, i);
      g_autofree char *name = ret_person_dup_display_name (member);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      subtitle = g_strdup_printf (_("%s · age %d · %c"), member->a_number,
                                  ret_person_get_age (member, &today), (char) member->sex);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (member->id == self->person->id)
        gtk_widget_add_css_class (row, "current-person");
      gtk_list_box_append (self->family_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->family_list), members->len > 0);
}

static void
load_person (RetPersonDetails *self)
{
  const RetPerson *p = self->person;
  g_autofree char *name = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *apprehended = NULL;
  g_autofree char *subtitle = NULL;
  const RetPlace *place = NULL;
  RetGazetteer *gazetteer = ret_gazetteer_get_default ();

  if (p == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->loading = TRUE;

  name = ret_person_dup_display_name (p);
  gtk_label_set_label (self->title_label, name);
  subtitle = g_strdup_printf ("%s · %s", p->a_number, ret_person_status_label (p->status));
  gtk_label_set_label (self->subtitle_label, subtitle);

  set_text (self->a_number_row, p->a_number);
  set_text (self->family_name_row, p->family_name);
  set_text (self->given_names_row, p->given_names);
  for (guint i = 0; i < G_N_ELEMENTS (sex_order); i++)
    if (sex_order[i] == p->sex)
      adw_combo_row_set_selected (self->sex_row, i);
  birth = ret_date_format (&p->birth_date);
  set_text (self->birth_date_row, birth);
  set_text (self->nationality_row, p->nationality);
  gtk_switch_set_active (self->verified_switch, p->nationality_verified);

  for (guint i = 0; i < self->facilities->len; i++)
    {
      const RetFacility *f = g_ptr_array_index (self->facilities, i);

      if (g_strcmp0 (f->code, p->facility) == 0)
        adw_combo_row_set_selected (self->facility_row, i);
    }
  /* Shown in the facility's own zone: that is the clock on the custody
   * record. */
  apprehended = ret_instant_format (p->apprehended_at, p->facility_tz);
  set_text (self->apprehended_row, apprehended);
  adw_action_row_set_subtitle (self->status_row, ret_person_status_label (p->status));

  if (p->origin_code != NULL)
    place = ret_gazetteer_get (gazetteer, p->origin_code);
  if (place != NULL)
    {
      const RetPlace *state = ret_gazetteer_get (gazetteer, place->state_code);

      set_text (self->origin_state_row, state != NULL ? state->name : place->state_code);
      set_text (self->origin_municipality_row, p->origin_locality != NULL ? p->origin_locality : place->name);
    }
  else
    {
      set_text (self->origin_state_row, "");
      set_text (self->origin_municipality_row, "");
    }
  update_origin_resolved (self);

  gtk_switch_set_active (self->unaccompanied_switch, p->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR);
  gtk_switch_set_active (self->pregnant_switch, p->flags & RET_PERSON_FLAG_PREGNANT);
  gtk_switch_set_active (self->disabled_switch, p->flags & RET_PERSON_FLAG_DISABLED);
  gtk_switch_set_active (self->ill_switch, p->flags & RET_PERSON_FLAG_ILL);
  gtk_switch_set_active (self->criminal_switch, p->flags & RET_PERSON_FLAG_CRIMINAL_RECORD);
  gtk_switch_set_active (self->medical_fit_switch, p->medical_fit);
  gtk_switch_set_active (self->consent_switch, p->interior_consent);

  set_text (self->family_group_row, p->family_group);
  fill_family (self);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            p->notes != NULL ? p->notes : "", -1);

  self->loading = FALSE;
  set_error (self, NULL);
  set_modified (self, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "person");
}

/* Reads the form into a copy of the stored person; the message of a
 * field that cannot be read names the field. */
static RetPerson *
read_form (RetPersonDetails  *self,
           GError           **error)
{
  g_autoptr(RetPerson) p = ret_person_copy (self->person);
  g_autoptr(GError) local_error = NULL;
  RetGazetteer *gazetteer = ret_gazetteer_get_default ();
  const char *state = get_text (self->origin_state_row);
  const char *municipality = get_text (self->origin_municipality_row);
  guint selected;
  GtkTextIter start, end;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);

  g_free (p->a_number);
  p->a_number = g_strstrip (g_strdup (get_text (self->a_number_row)));
  g_free (p->family_name);
  p->family_name = g_strstrip (g_strdup (get_text (self->family_name_row)));
  g_free (p->given_names);
  p->given_names = g_strstrip (g_strdup (get_text (self->given_names_row)));

  selected = adw_combo_row_get_selected (self->sex_row);
  p->sex = selected < G_N_ELEMENTS (sex_order) ? sex_order[selected] : RET_SEX_OTHER;

  if (!ret_date_parse (get_text (self->birth_date_row), &p->birth_date, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Birth date: %s"), local_error->message);
      return NULL;
    }

  g_free (p->nationality);
  p->nationality = g_ascii_strup (get_text (self->nationality_row), -1);
  g_strstrip (p->nationality);
  p->nationality_verified = gtk_switch_get_active (self->verified_switch);

  selected = adw_combo_row_get_selected (self->facility_row);
  if (selected < self->facilities->len)
    {
      g_free (p->facility);
      p->facility = g_strdup (((RetFacility *) g_ptr_array_index (self->facilities, selected))->code);
    }

  if (!ret_instant_parse (get_text (self->apprehended_row), &p->apprehended_at, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Apprehended: %s"), local_error->message);
      return NULL;
    }

  g_clear_pointer (&p->origin_code, g_free);
  g_clear_pointer (&p->origin_locality, g_free);
  if (*state != '\0' || *municipality != '\0')
    {
      const char *locality = NULL;
      const RetPlace *place = ret_gazetteer_resolve (gazetteer, state, municipality, &locality, &local_error);

      if (place == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Origin: %s"), local_error->message);
          return NULL;
        }
      if (place->kind != RET_PLACE_MUNICIPALITY)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("Origin: name the municipality (or a locality in it), not only the state"));
          return NULL;
        }
      p->origin_code = g_strdup (place->code);
      p->origin_locality = g_strdup (locality);
    }

  p->flags = 0;
  if (gtk_switch_get_active (self->unaccompanied_switch))
    p->flags |= RET_PERSON_FLAG_UNACCOMPANIED_MINOR;
  if (gtk_switch_get_active (self->pregnant_switch))
    p->flags |= RET_PERSON_FLAG_PREGNANT;
  if (gtk_switch_get_active (self->disabled_switch))
    p->flags |= RET_PERSON_FLAG_DISABLED;
  if (gtk_switch_get_active (self->ill_switch))
    p->flags |= RET_PERSON_FLAG_ILL;
  if (gtk_switch_get_active (self->criminal_switch))
    p->flags |= RET_PERSON_FLAG_CRIMINAL_RECORD;
  p->medical_fit = gtk_switch_get_active (self->medical_fit_switch);
  p->interior_consent = gtk_switch_get_active (self->consent_switch);

  g_free (p->family_group);
  p->family_group = g_strstrip (g_strdup (get_text (self->family_group_row)));
  if (*p->family_group == '\0')
    g_clear_pointer (&p->family_group, g_free);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_free (p->notes);
  p->notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  return g_steal_pointer (&p);
}

/*
 * ret_person_details_save:
 *
 * Validates and saves the form: one transaction and one audit entry.
 * On a problem the form stays as typed and says what is wrong.
 *
 * Returns: whether the person was saved
 */
gboolean
ret_person_details_save (RetPersonDetails *self)
{
  g_autoptr(RetPerson) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = NULL;
  GtkApplication *app;
  GtkRoot *root;

  g_return_val_if_fail (RET_IS_PERSON_DETAILS (self), FALSE);

  if (self->person == NULL)
    return FALSE;

  edited = read_form (self, &error);
  if (edited == NULL)
    {
      set_error (self, error->message);
      return FALSE;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  actor = RET_IS_APPLICATION (app) ? ret_application_dup_actor (RET_APPLICATION (app))
                                   : g_strdup (g_get_user_name ());

  if (!ret_store_update_person (self->store, edited, actor, &error))
    {
      set_error (self, error->message);
      return FALSE;
    }

  /* Read back what was stored, with the store's display fields. */
  ret_person_details_set_person_id (self, edited->id);
  if (RET_IS_MAIN_WINDOW (root))
    ret_main_window_show_toast (RET_MAIN_WINDOW (root), _("Saved"));

  return TRUE;
}

static void
save_clicked_cb (GtkButton        *button,
                 RetPersonDetails *self)
{
  ret_person_details_save (self);
}

void
ret_person_details_revert (RetPersonDetails *self)
{
  g_return_if_fail (RET_IS_PERSON_DETAILS (self));

  load_person (self);
}

static void
revert_clicked_cb (GtkButton        *button,
                   RetPersonDetails *self)
{
  ret_person_details_revert (self);
}

static void
ret_person_details_dispose (GObject *object)
{
  RetPersonDetails *self = RET_PERSON_DETAILS (object);

  /* AdwBin 1.2 unparents its child itself; a bound template child that
   * is the bin's child would otherwise be unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RET_TYPE_PERSON_DETAILS);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ret_person_details_parent_class)->dispose (object);
}

static void
ret_person_details_finalize (GObject *object)
{
  RetPersonDetails *self = RET_PERSON_DETAILS (object);

  g_clear_pointer (&self->person, ret_person_free);
  g_clear_pointer (&self->facilities, g_ptr_array_unref);
  g_free (self->error);

  G_OBJECT_CLASS (ret_person_details_parent_class)->finalize (object);
}

static void
ret_person_details_class_init (RetPersonDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ret_person_details_dispose;
  object_class->finalize = ret_person_details_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ret-person-details.ui");
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, a_number_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, apprehended_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, consent_switch);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, criminal_switch);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, disabled_switch);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, error_label);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, facility_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, family_group_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, family_list);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, family_name_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, given_names_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, ill_switch);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, medical_fit_switch);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, nationality_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, notes_view);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, origin_municipality_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, origin_resolved_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, origin_state_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, pregnant_switch);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, revert_button);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, save_button);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, sex_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, stack);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, status_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, title_label);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, unaccompanied_switch);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, verified_switch);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, revert_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, switch_changed_cb);
}

static void
ret_person_details_init (RetPersonDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->facilities = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_facility_free);
  g_signal_connect (gtk_text_view_get_buffer (self->notes_view), "changed",
                    G_CALLBACK (notes_changed_cb), self);
  set_modified (self, FALSE);
}

void
ret_person_details_set_store (RetPersonDetails *self,
                              RetStore         *store)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RET_IS_PERSON_DETAILS (self));

  if (!g_set_object (&self->store, store))
    return;

  facilities = ret_store_list_facilities (store, &error);
  if (facilities == NULL)
    {
      g_warning ("Could not list facilities: %s", error->message);
      return;
    }

  g_ptr_array_set_size (self->facilities, 0);
  for (guint i = 0; i < facilities->len; i++)
    {
      RetFacility *f = g_ptr_array_index (facilities, i);
      g_autofree char *label = g_strdup_printf ("%s — %s", f->code, f->name);

      gtk_string_list_append (names, label);
      g_ptr_array_add (self->facilities, ret_facility_copy (f));
    }
  adw_combo_row_set_model (self->facility_row, G_LIST_MODEL (names));

  ret_person_details_set_person_id (self, 0);
}

void
ret_person_details_set_person_id (RetPersonDetails *self,
                                  gint64            id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RET_IS_PERSON_DETAILS (self));

  g_clear_pointer (&self->person, ret_person_free);

  if (id > 0 && self->store != NULL)
    {
      self->person = ret_store_get_person (self->store, id, &error);
      if (self->person == NULL)
        g_warning ("Could not read a person: %s", error->message);
    }

  load_person (self);
}

gint64
ret_person_details_get_person_id (RetPersonDetails *self)
{
  g_return_val_if_fail (RET_IS_PERSON_DETAILS (self), 0);

  return self->person != NULL ? self->person->id : 0;
}

gboolean
ret_person_details_get_modified (RetPersonDetails *self)
{
  g_return_val_if_fail (RET_IS_PERSON_DETAILS (self), FALSE);

  return self->person != NULL && self->modified;
}

const char *
ret_person_details_get_error (RetPersonDetails *self)
{
  g_return_val_if_fail (RET_IS_PERSON_DETAILS (self), NULL);

  return self->error;
}
