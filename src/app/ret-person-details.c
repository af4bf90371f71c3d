/* ret-person-details.c — every field of one person, editable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three records are edited here, each with its own button: the person
 * (with the medical notes), the screening of an unaccompanied child
 * (R05) and the belongings inventory (R10).  The pane's Save and Revert
 * (and the unsaved-changes question) cover all three, so that switching
 * persons never silently drops a half-typed screening or inventory.
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
  AdwActionRow   *able_row;
  GtkSwitch      *able_switch;
  AdwEntryRow    *a_number_row;
  AdwEntryRow    *apprehended_row;
  GtkLabel       *belongings_error_label;
  GtkListBox     *belongings_list;
  AdwEntryRow    *birth_date_row;
  GtkSwitch      *consent_switch;
  GtkSwitch      *criminal_switch;
  GtkSwitch      *disabled_switch;
  GtkLabel       *error_label;
  AdwComboRow    *facility_row;
  AdwEntryRow    *family_group_row;
  GtkListBox     *family_list;
  AdwEntryRow    *family_name_row;
  GtkSwitch      *fear_switch;
  AdwEntryRow    *given_names_row;
  GtkSwitch      *ill_switch;
  AdwActionRow   *inventory_row;
  GtkSwitch      *medical_fit_switch;
  GtkTextView    *medical_notes_view;
  AdwEntryRow    *nationality_row;
  AdwComboRow    *new_belonging_kind_row;
  AdwEntryRow    *new_belonging_row;
  GtkTextView    *notes_view;
  AdwEntryRow    *origin_municipality_row;
  AdwActionRow   *origin_resolved_row;
  AdwEntryRow    *origin_state_row;
  GtkSwitch      *pregnant_switch;
  GtkButton      *record_screening_button;
  GtkButton      *revert_button;
  GtkButton      *save_button;
  GtkButton      *save_inventory_button;
  AdwEntryRow    *screened_at_row;
  AdwEntryRow    *screener_row;
  GtkLabel       *screening_error_label;
  AdwPreferencesGroup *screening_group;
  AdwEntryRow    *screening_notes_row;
  AdwActionRow   *screening_summary_row;
  AdwComboRow    *sex_row;
  GtkStack       *stack;
  AdwActionRow   *status_row;
  GtkLabel       *subtitle_label;
  GtkLabel       *title_label;
  GtkSwitch      *trafficking_switch;
  GtkSwitch      *unaccompanied_switch;
  GtkSwitch      *verified_switch;

  /* owned */
  RetStore       *store;
  RetPerson      *person;        /* as stored */
  RetScreening   *screening;     /* as stored; NULL when none */
  GPtrArray      *belongings;    /* RetBelonging, as edited */
  GPtrArray      *facilities;    /* RetFacility, in combo order */
  char           *error;
  gboolean        inventoried;   /* as stored */
  gboolean        loading;
  gboolean        modified;              /* the person's own fields */
  gboolean        screening_modified;
  gboolean        belongings_modified;
};

G_DEFINE_FINAL_TYPE (RetPersonDetails, ret_person_details, ADW_TYPE_BIN)

static const RetSex sex_order[] = { RET_SEX_FEMALE, RET_SEX_MALE, RET_SEX_OTHER };

#define N_BELONGING_KINDS    (RET_BELONGING_OTHER + 1)
#define N_BELONGING_STATUSES (RET_BELONGING_MISSING + 1)

/* The age from which a child's own view on return counts (GAO-15-521);
 * the rule's parameter may differ per arrangement, the hint does not. */
#define PRESUMED_UNABLE_BELOW 14

/* Buttons are enabled here only, from the three modified flags. */
static void
update_buttons (RetPersonDetails *self)
{
  gboolean any = self->modified || self->screening_modified || self->belongings_modified;

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), any);
  gtk_widget_set_sensitive (GTK_WIDGET (self->revert_button), any);
  gtk_widget_set_sensitive (GTK_WIDGET (self->record_screening_button), self->screening_modified);
  /* Saving an untouched, empty list records that nothing is held: that
   * is an inventory too. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_inventory_button),
                            self->belongings_modified || !self->inventoried);
}

static void
set_modified (RetPersonDetails *self,
              gboolean          modified)
{
  self->modified = modified;
  update_buttons (self);
}

static void
set_screening_modified (RetPersonDetails *self,
                        gboolean          modified)
{
  self->screening_modified = modified;
  update_buttons (self);
}

static void
set_belongings_modified (RetPersonDetails *self,
                         gboolean          modified)
{
  self->belongings_modified = modified;
  update_buttons (self);
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

/* A problem with the screening or the inventory is shown next to its
 * button, where the user is looking, and kept as the pane's error. */
static void
set_section_error (RetPersonDetails *self,
                   GtkLabel         *label,
                   const char       *message)
{
  /* Clearing a section's problem leaves one about the person's fields
   * standing. */
  if (message != NULL || !gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    {
      g_free (self->error);
      self->error = g_strdup (message);
    }
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
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

static void update_screening_visible (RetPersonDetails *self);

static void
switch_changed_cb (GObject          *object,
                   GParamSpec       *pspec,
                   RetPersonDetails *self)
{
  if (object == G_OBJECT (self->unaccompanied_switch))
    update_screening_visible (self);

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

static char *
dup_actor (RetPersonDetails *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  return RET_IS_APPLICATION (app) ? ret_application_dup_actor (RET_APPLICATION (app))
                                  : g_strdup (g_get_user_name ());
}

static void
show_toast (RetPersonDetails *self,
            const char       *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (RET_IS_MAIN_WINDOW (root))
    ret_main_window_show_toast (RET_MAIN_WINDOW (root), message);
}

static char *
join_list (GPtrArray *parts)
{
  g_ptr_array_add (parts, NULL);
  /* Translators: between the items of a short list, e.g. "risk of
   * trafficking, fear of return" */
  return g_strjoinv (C_("list separator", ", "), (char **) parts->pdata);
}

/*
 * ret_person_details_format_screening:
 * @screening: (nullable): the screening on record
 * @zone: (nullable): the IANA zone to show its time in (the facility's);
 *   UTC when %NULL or unknown
 * @now: UTC seconds; the year is shown for a screening of another year
 *
 * Returns: one line saying what is on record: "Screened 2 Dec 10:15 by
 *   Ana Ruiz: no risk found", or "Not screened"
 */
char *
ret_person_details_format_screening (const RetScreening *screening,
                                     const char         *zone,
                                     gint64              now)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) at_utc = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) now_utc = NULL;
  g_autoptr(GDateTime) now_local = NULL;
  g_autoptr(GPtrArray) findings = g_ptr_array_new ();
  g_autofree char *when = NULL;
  g_autofree char *found = NULL;

  if (screening == NULL)
    return g_strdup (_("Not screened"));

  tz = zone != NULL ? g_time_zone_new_identifier (zone) : NULL;
  if (tz == NULL)
    tz = g_time_zone_new_utc ();

  at_utc = g_date_time_new_from_unix_utc (screening->screened_at);
  now_utc = g_date_time_new_from_unix_utc (now);
  if (at_utc != NULL)
    at = g_date_time_to_timezone (at_utc, tz);
  if (now_utc != NULL)
    now_local = g_date_time_to_timezone (now_utc, tz);

  if (at == NULL)
    when = g_strdup ("?");
  else if (now_local != NULL && g_date_time_get_year (at) == g_date_time_get_year (now_local))
    /* Translators: when a screening took place, this year; a
     * g_date_time_format() format, e.g. "2 Dec 10:15" */
    when = g_date_time_format (at, _("%-d %b %H:%M"));
  else
    /* Translators: when a screening took place, another year; a
     * g_date_time_format() format, e.g. "2 Dec 2025 10:15" */
    when = g_date_time_format (at, _("%-d %b %Y %H:%M"));

  if (screening->trafficking_risk)
    g_ptr_array_add (findings, (char *) _("risk of trafficking"));
  if (screening->fear_of_return)
    g_ptr_array_add (findings, (char *) _("fear of return"));
  if (!screening->able_to_decide)
    g_ptr_array_add (findings, (char *) _("not able to decide"));

  found = findings->len == 0 ? g_strdup (_("no risk found")) : join_list (findings);

  /* Translators: the date and time, the screener's name, the findings:
   * "Screened 2 Dec 10:15 by Ana Ruiz: no risk found" */
  return g_strdup_printf (_("Screened %s by %s: %s"), when != NULL ? when : "?",
                          screening->screener != NULL ? screening->screener : "",
                          found);
}

/*
 * ret_person_details_format_inventory:
 * @belongings: (nullable) (element-type RetBelonging): the inventory
 * @inventoried: whether an inventory was taken at all
 *
 * Returns: one line: "Inventory taken: 3 items, 1 still held", or "No
 *   inventory taken"
 */
char *
ret_person_details_format_inventory (GPtrArray *belongings,
                                     gboolean   inventoried)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  guint n = belongings != NULL ? belongings->len : 0;
  guint held = 0, missing = 0;

  if (!inventoried)
    return g_strdup (_("No inventory taken"));
  if (n == 0)
    return g_strdup (_("Inventory taken: nothing held"));

  for (guint i = 0; i < n; i++)
    {
      const RetBelonging *b = g_ptr_array_index (belongings, i);

      if (b->status == RET_BELONGING_HELD)
        held++;
      else if (b->status == RET_BELONGING_MISSING)
        missing++;
    }

  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u item", "%u items", n), n));
  if (held > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u still held", "%u still held", held), held));
  if (missing > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u missing", "%u missing", missing), missing));
  if (held == 0 && missing == 0)
    g_ptr_array_add (parts, g_strdup (_("all returned or on board")));

  joined = join_list (parts);

  /* Translators: "Inventory taken: 3 items, 1 still held" */
  return g_strdup_printf (_("Inventory taken: %s"), joined);
}

/* Screening (R05) */

static void
update_screening_visible (RetPersonDetails *self)
{
  /* Follows the switch, not the stored flag: marking someone an
   * unaccompanied child shows at once what that asks for. */
  gtk_widget_set_visible (GTK_WIDGET (self->screening_group),
                          gtk_switch_get_active (self->unaccompanied_switch));
}

static void
fill_screening_form (RetPersonDetails *self)
{
  const RetScreening *s = self->screening;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *summary = NULL;
  g_autofree char *at = NULL;
  gboolean was_loading = self->loading;
  GDate today;
  int age;

  g_assert (self->person != NULL);

  summary = ret_person_details_format_screening (s, self->person->facility_tz, now);
  /* A new screening starts at the current time, in the facility's zone
   * like the apprehension: the custody record's clock. */
  at = ret_instant_format (s != NULL ? s->screened_at : now, self->person->facility_tz);

  self->loading = TRUE;
  adw_action_row_set_subtitle (self->screening_summary_row, summary);
  set_text (self->screener_row, s != NULL ? s->screener : NULL);
  set_text (self->screened_at_row, at);
  gtk_switch_set_active (self->trafficking_switch, s != NULL && s->trafficking_risk);
  gtk_switch_set_active (self->fear_switch, s != NULL && s->fear_of_return);
  /* Never presumed: ability to decide is asserted by the screener. */
  gtk_switch_set_active (self->able_switch, s != NULL && s->able_to_decide);
  set_text (self->screening_notes_row, s != NULL ? s->notes : NULL);

  ret_date_today (&today);
  age = g_date_valid (&self->person->birth_date) ? ret_person_get_age (self->person, &today) : -1;
  adw_action_row_set_subtitle (self->able_row,
                               age >= 0 && age < PRESUMED_UNABLE_BELOW
                                 ? _("Under 14: presumed unable to decide, whatever is recorded here")
                                 : "");
  self->loading = was_loading;

  set_section_error (self, self->screening_error_label, NULL);
  set_screening_modified (self, FALSE);
}

static void
load_screening (RetPersonDetails *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->screening, ret_screening_free);
  self->screening = ret_store_get_screening (self->store, self->person->id, &error);
  fill_screening_form (self);

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the screening: %s"), error->message);

      g_warning ("Could not read a screening: %s", error->message);
      adw_action_row_set_subtitle (self->screening_summary_row, message);
    }
}

static RetScreening *
read_screening (RetPersonDetails  *self,
                GError           **error)
{
  g_autoptr(RetScreening) s = g_new0 (RetScreening, 1);
  g_autoptr(GError) local_error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  s->screener = g_strstrip (g_strdup (get_text (self->screener_row)));
  if (*s->screener == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Screening: name the person who screened the child"));
      return NULL;
    }

  if (!ret_instant_parse (get_text (self->screened_at_row), &s->screened_at, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Screened: %s"), local_error->message);
      return NULL;
    }
  /* A few minutes of slack for a clock that runs a little ahead. */
  if (s->screened_at > now + 5 * 60)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Screened: the time is in the future; record a screening once it took place"));
      return NULL;
    }

  s->trafficking_risk = gtk_switch_get_active (self->trafficking_switch);
  s->fear_of_return = gtk_switch_get_active (self->fear_switch);
  s->able_to_decide = gtk_switch_get_active (self->able_switch);
  s->notes = g_strstrip (g_strdup (get_text (self->screening_notes_row)));

  return g_steal_pointer (&s);
}

/* Records the screening as typed; on a problem the form stays as typed
 * and says what is wrong. */
static gboolean
record_screening (RetPersonDetails *self)
{
  g_autoptr(RetScreening) screening = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = NULL;

  screening = read_screening (self, &error);
  if (screening == NULL)
    {
      set_section_error (self, self->screening_error_label, error->message);
      return FALSE;
    }

  actor = dup_actor (self);
  if (!ret_store_set_screening (self->store, self->person->id, screening, actor, &error))
    {
      set_section_error (self, self->screening_error_label, error->message);
      return FALSE;
    }

  load_screening (self);
  return TRUE;
}

static void
record_screening_clicked_cb (GtkButton        *button,
                             RetPersonDetails *self)
{
  if (self->person != NULL && record_screening (self))
    show_toast (self, _("Screening recorded"));
}

static void
screening_field_changed_cb (GtkEditable      *editable,
                            RetPersonDetails *self)
{
  if (!self->loading)
    set_screening_modified (self, TRUE);
}

static void
screening_switch_changed_cb (GObject          *object,
                             GParamSpec       *pspec,
                             RetPersonDetails *self)
{
  if (!self->loading)
    set_screening_modified (self, TRUE);
}

/* Belongings (R10) */

static RetBelonging *
belonging_copy (const RetBelonging *belonging)
{
  RetBelonging *copy = ret_belonging_new ();

  copy->id = belonging->id;
  copy->person_id = belonging->person_id;
  copy->kind = belonging->kind;
  copy->description = g_strdup (belonging->description);
  copy->status = belonging->status;

  return copy;
}

static GListModel *
status_model_new (void)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  for (guint i = 0; i < N_BELONGING_STATUSES; i++)
    gtk_string_list_append (names, ret_belonging_status_label ((RetBelongingStatus) i));

  return G_LIST_MODEL (names);
}

static void fill_belongings_list (RetPersonDetails *self);

static void
belonging_status_changed_cb (GtkDropDown      *drop_down,
                             GParamSpec       *pspec,
                             RetPersonDetails *self)
{
  RetBelonging *belonging = g_object_get_data (G_OBJECT (drop_down), "belonging");
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (belonging == NULL || selected >= N_BELONGING_STATUSES)
    return;

  belonging->status = (RetBelongingStatus) selected;
  set_belongings_modified (self, TRUE);
}

static void
remove_belonging_clicked_cb (GtkButton        *button,
                             RetPersonDetails *self)
{
  RetBelonging *belonging = g_object_get_data (G_OBJECT (button), "belonging");

  if (belonging == NULL || !g_ptr_array_remove (self->belongings, belonging))
    return;

  fill_belongings_list (self);
  set_belongings_modified (self, TRUE);
}

static void
fill_belongings_list (RetPersonDetails *self)
{
  g_autoptr(GListModel) statuses = status_model_new ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->belongings_list))) != NULL)
    gtk_list_box_remove (self->belongings_list, child);

  for (guint i = 0; i < self->belongings->len; i++)
    {
      RetBelonging *b = g_ptr_array_index (self->belongings, i);
      const char *kind = ret_belonging_kind_label (b->kind);
      const char *title = b->description != NULL && *b->description != '\0' ? b->description : kind;
      g_autofree char *status_label = g_strdup_printf (_("Status of %s"), title);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *drop_down = gtk_drop_down_new (g_object_ref (statuses), NULL);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      /* Descriptions are typed by users: never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kind);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

      gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (drop_down, "flat");
      gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), b->status);
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, status_label, -1);
      g_object_set_data (G_OBJECT (drop_down), "belonging", b);
      g_signal_connect (drop_down, "notify::selected", G_CALLBACK (belonging_status_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop_down);

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, _("Remove Item"));
      gtk_widget_add_css_class (remove, "flat");
      g_object_set_data (G_OBJECT (remove), "belonging", b);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_belonging_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      gtk_list_box_append (self->belongings_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->belongings_list), self->belongings->len > 0);
}

static void
load_belongings (RetPersonDetails *self)
{
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  gboolean inventoried = FALSE;

  g_ptr_array_set_size (self->belongings, 0);
  stored = ret_store_list_belongings (self->store, self->person->id, &inventoried, &error);
  if (stored != NULL)
    for (guint i = 0; i < stored->len; i++)
      g_ptr_array_add (self->belongings, belonging_copy (g_ptr_array_index (stored, i)));

  self->inventoried = stored != NULL && inventoried;
  if (stored == NULL)
    {
      g_warning ("Could not read an inventory: %s", error->message);
      summary = g_strdup_printf (_("Could not read the inventory: %s"), error->message);
    }
  else
    summary = ret_person_details_format_inventory (self->belongings, self->inventoried);
  adw_action_row_set_subtitle (self->inventory_row, summary);

  fill_belongings_list (self);
  set_section_error (self, self->belongings_error_label, NULL);
  set_belongings_modified (self, FALSE);
}

static void
add_belonging_cb (GtkWidget        *widget,
                  RetPersonDetails *self)
{
  g_autofree char *description = g_strstrip (g_strdup (get_text (self->new_belonging_row)));
  guint kind = adw_combo_row_get_selected (self->new_belonging_kind_row);
  RetBelonging *belonging;

  if (self->person == NULL)
    return;

  if (*description == '\0')
    {
      set_section_error (self, self->belongings_error_label,
                         _("Describe the item to add, e.g. “Mexican passport” or “40 US dollars”"));
      gtk_widget_grab_focus (GTK_WIDGET (self->new_belonging_row));
      return;
    }

  belonging = ret_belonging_new ();
  belonging->person_id = self->person->id;
  belonging->kind = kind < N_BELONGING_KINDS ? (RetBelongingKind) kind : RET_BELONGING_OTHER;
  belonging->description = g_steal_pointer (&description);
  /* Everything starts in custody's hands; the inventory is what custody
   * took from the person. */
  belonging->status = RET_BELONGING_HELD;
  g_ptr_array_add (self->belongings, belonging);

  set_text (self->new_belonging_row, "");
  fill_belongings_list (self);
  set_section_error (self, self->belongings_error_label, NULL);
  set_belongings_modified (self, TRUE);
}

/* Saves the whole inventory, which marks it taken. */
static gboolean
save_inventory (RetPersonDetails *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = dup_actor (self);

  for (guint i = 0; i < self->belongings->len; i++)
    ((RetBelonging *) g_ptr_array_index (self->belongings, i))->person_id = self->person->id;

  if (!ret_store_save_belongings (self->store, self->person->id, self->belongings, actor, &error))
    {
      set_section_error (self, self->belongings_error_label, error->message);
      return FALSE;
    }

  load_belongings (self);
  return TRUE;
}

static void
save_inventory_clicked_cb (GtkButton        *button,
                           RetPersonDetails *self)
{
  if (self->person != NULL && save_inventory (self))
    show_toast (self, _("Inventory saved"));
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

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->medical_notes_view),
                            p->medical_notes != NULL ? p->medical_notes : "", -1);
  update_screening_visible (self);

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

  /* Blank lines around the notes say nothing to the receiving side, and
   * R11 takes any text here as something to notify. */
  buffer = gtk_text_view_get_buffer (self->medical_notes_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_free (p->medical_notes);
  p->medical_notes = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  return g_steal_pointer (&p);
}

/* Reads the person back as stored, with the store's display fields and
 * the new revision, leaving the screening and inventory as they are. */
static void
reload_person (RetPersonDetails *self,
               gint64            id)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->person, ret_person_free);
  self->person = ret_store_get_person (self->store, id, &error);
  if (self->person == NULL)
    g_warning ("Could not read a person: %s", error->message);
  load_person (self);
}

/*
 * ret_person_details_save:
 *
 * Validates and saves what was changed: the person (one transaction and
 * one audit entry), then a screening being typed, then the inventory.
 * On a problem the form stays as typed and says what is wrong; what was
 * saved before it stays saved.
 *
 * Returns: whether everything was saved
 */
gboolean
ret_person_details_save (RetPersonDetails *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (RET_IS_PERSON_DETAILS (self), FALSE);

  if (self->person == NULL)
    return FALSE;

  /* The person's record only when it was edited: a change made
   * elsewhere to it must not block saving an inventory. */
  if (self->modified || !(self->screening_modified || self->belongings_modified))
    {
      g_autoptr(RetPerson) edited = NULL;
      g_autofree char *actor = NULL;

      edited = read_form (self, &error);
      if (edited == NULL)
        {
          set_error (self, error->message);
          return FALSE;
        }

      actor = dup_actor (self);
      if (!ret_store_update_person (self->store, edited, actor, &error))
        {
          set_error (self, error->message);
          return FALSE;
        }

      reload_person (self, edited->id);
      if (self->person == NULL)
        return FALSE;
    }

  if (self->screening_modified && !record_screening (self))
    return FALSE;
  if (self->belongings_modified && !save_inventory (self))
    return FALSE;

  show_toast (self, _("Saved"));

  return TRUE;
}

static void
save_clicked_cb (GtkButton        *button,
                 RetPersonDetails *self)
{
  ret_person_details_save (self);
}

/* Reverting reads everything again from the store: after a conflict,
 * that is how the user sees the record as changed elsewhere. */
void
ret_person_details_revert (RetPersonDetails *self)
{
  g_return_if_fail (RET_IS_PERSON_DETAILS (self));

  ret_person_details_set_person_id (self, ret_person_details_get_person_id (self));
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
  g_clear_pointer (&self->screening, ret_screening_free);
  g_clear_pointer (&self->belongings, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, able_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, able_switch);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, apprehended_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, belongings_error_label);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, belongings_list);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, consent_switch);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, criminal_switch);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, disabled_switch);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, error_label);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, facility_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, family_group_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, family_list);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, family_name_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, fear_switch);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, given_names_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, ill_switch);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, inventory_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, medical_fit_switch);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, medical_notes_view);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, nationality_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, new_belonging_kind_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, new_belonging_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, notes_view);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, origin_municipality_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, origin_resolved_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, origin_state_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, pregnant_switch);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, record_screening_button);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, revert_button);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, save_button);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, save_inventory_button);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, screened_at_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, screener_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, screening_error_label);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, screening_group);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, screening_notes_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, screening_summary_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, sex_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, stack);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, status_row);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, title_label);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, trafficking_switch);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, unaccompanied_switch);
  gtk_widget_class_bind_template_child (widget_class, RetPersonDetails, verified_switch);
  gtk_widget_class_bind_template_callback (widget_class, add_belonging_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, record_screening_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, revert_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_inventory_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, screening_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, screening_switch_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, switch_changed_cb);
}

static void
ret_person_details_init (RetPersonDetails *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->facilities = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_facility_free);
  self->belongings = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_belonging_free);
  g_signal_connect (gtk_text_view_get_buffer (self->notes_view), "changed",
                    G_CALLBACK (notes_changed_cb), self);
  g_signal_connect (gtk_text_view_get_buffer (self->medical_notes_view), "changed",
                    G_CALLBACK (notes_changed_cb), self);

  for (guint i = 0; i < N_BELONGING_KINDS; i++)
    gtk_string_list_append (kinds, ret_belonging_kind_label ((RetBelongingKind) i));
  adw_combo_row_set_model (self->new_belonging_kind_row, G_LIST_MODEL (kinds));

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

  if (self->person != NULL)
    {
      load_screening (self);
      load_belongings (self);
    }
  else
    {
      g_clear_pointer (&self->screening, ret_screening_free);
      g_ptr_array_set_size (self->belongings, 0);
      self->screening_modified = FALSE;
      self->belongings_modified = FALSE;
      update_buttons (self);
    }
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

  return self->person != NULL &&
         (self->modified || self->screening_modified || self->belongings_modified);
}

const char *
ret_person_details_get_error (RetPersonDetails *self)
{
  g_return_val_if_fail (RET_IS_PERSON_DETAILS (self), NULL);

  return self->error;
}
