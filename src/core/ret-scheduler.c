/* ret-scheduler.c — vehicles, travel times, options, results and their JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plain values the scheduler works with.  The planning itself is in
 * ret-scheduler-solve.c; ret_schedule_run() here checks what it is given
 * and hands over.
 */

#define G_LOG_DOMAIN "ret-scheduler"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ret-enum-names.h"
#include "ret-plan-edit.h"
#include "ret-rules-private.h"
#include "ret-scheduler-private.h"
#include "ret-time.h"

static const char * const vehicle_kind_names[] = { "bus", "van", "flight" };
static const char * const vehicle_kind_labels[] = { N_("Bus"), N_("Van"), N_("Flight") };

G_STATIC_ASSERT (G_N_ELEMENTS (vehicle_kind_names) == RET_N_VEHICLE_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (vehicle_kind_labels) == RET_N_VEHICLE_KINDS);

const char *
ret_vehicle_kind_to_string (RetVehicleKind kind)
{
  return ret_enum_names_to_string (RET_ENUM_NAMES (vehicle_kind_names), kind);
}

gboolean
ret_vehicle_kind_from_string (const char     *text,
                              RetVehicleKind *kind)
{
  int i = ret_enum_names_lookup (RET_ENUM_NAMES (vehicle_kind_names), text);

  if (i >= 0 && kind != NULL)
    *kind = (RetVehicleKind) i;
  return i >= 0;
}

const char *
ret_vehicle_kind_label (RetVehicleKind kind)
{
  return ret_enum_names_label (RET_ENUM_NAMES (vehicle_kind_labels), kind);
}

RetVehicle *
ret_vehicle_new (void)
{
  RetVehicle *vehicle = g_new0 (RetVehicle, 1);

  vehicle->kind = RET_VEHICLE_BUS;
  vehicle->weekdays = RET_WEEKDAYS_ALL;
  vehicle->depart_minute = RET_MINUTE_NONE;
  return vehicle;
}

RetVehicle *
ret_vehicle_copy (const RetVehicle *vehicle)
{
  RetVehicle *copy;

  g_return_val_if_fail (vehicle != NULL, NULL);

  copy = g_memdup2 (vehicle, sizeof *vehicle);
  copy->facility = g_strdup (vehicle->facility);
  copy->label = g_strdup (vehicle->label);
  copy->point = g_strdup (vehicle->point);
  return copy;
}

void
ret_vehicle_free (RetVehicle *vehicle)
{
  if (vehicle == NULL)
    return;

  g_free (vehicle->facility);
  g_free (vehicle->label);
  g_free (vehicle->point);
  g_free (vehicle);
}

gboolean
ret_vehicle_runs_on (const RetVehicle *vehicle,
                     const GDate      *date)
{
  GDateWeekday weekday;

  g_return_val_if_fail (vehicle != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  weekday = g_date_get_weekday (date);
  return (vehicle->weekdays & (1u << (weekday - 1))) != 0;
}

RetTravelTime *
ret_travel_time_copy (const RetTravelTime *travel)
{
  RetTravelTime *copy;

  g_return_val_if_fail (travel != NULL, NULL);

  copy = g_memdup2 (travel, sizeof *travel);
  copy->facility = g_strdup (travel->facility);
  copy->point = g_strdup (travel->point);
  return copy;
}

void
ret_travel_time_free (RetTravelTime *travel)
{
  if (travel == NULL)
    return;

  g_free (travel->facility);
  g_free (travel->point);
  g_free (travel);
}

int
ret_travel_estimate_minutes (RetVehicleKind kind,
                             double         km,
                             int            road_speed_kmh)
{
  double minutes;

  if (km < 0 || isnan (km))
    km = 0;
  if (road_speed_kmh <= 0)
    road_speed_kmh = RET_DEFAULT_ROAD_SPEED_KMH;

  if (kind == RET_VEHICLE_FLIGHT)
    minutes = 120.0 + km / 700.0 * 60.0;
  else
    minutes = 30.0 + km * RET_ROAD_CIRCUITY / road_speed_kmh * 60.0;

  /* A hair under the grid stays on it: 125.0000001 is 125, not 130. */
  return (int) (ceil (minutes / 5.0 - 1e-9) * 5.0);
}

void
ret_schedule_options_init (RetScheduleOptions *options,
                           const GDate        *from,
                           guint               days)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  if (from != NULL)
    options->from = *from;
  else
    g_date_clear (&options->from, 1);
  options->days = days;
  options->seed = 1;
  options->iterations = RET_SCHEDULE_DEFAULT_ITERATIONS;
  options->km_weight = RET_SCHEDULE_DEFAULT_KM_WEIGHT;
  options->day_weight = RET_SCHEDULE_DEFAULT_DAY_WEIGHT;
  options->vehicle_weight = RET_SCHEDULE_DEFAULT_VEHICLE_WEIGHT;
  options->flights = TRUE;
}

RetScheduleInput *
ret_schedule_input_new (void)
{
  RetScheduleInput *input = g_new0 (RetScheduleInput, 1);

  input->data = ret_check_data_new ();
  input->candidates = g_array_new (FALSE, FALSE, sizeof (guint));
  input->kept_vehicles = g_array_new (FALSE, TRUE, sizeof (gint64));
  input->vehicles = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_vehicle_free);
  input->travel = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_travel_time_free);
  input->road_speed_kmh = RET_DEFAULT_ROAD_SPEED_KMH;
  input->replace = g_ptr_array_new_with_free_func (g_free);
  return input;
}

void
ret_schedule_input_free (RetScheduleInput *input)
{
  if (input == NULL)
    return;

  g_clear_pointer (&input->data, ret_check_data_free);
  g_clear_pointer (&input->candidates, g_array_unref);
  g_clear_pointer (&input->kept_vehicles, g_array_unref);
  g_clear_pointer (&input->vehicles, g_ptr_array_unref);
  g_clear_pointer (&input->travel, g_ptr_array_unref);
  g_clear_pointer (&input->replace, g_ptr_array_unref);
  g_free (input);
}

int
ret_schedule_input_travel_minutes (const RetScheduleInput *input,
                                   const RetFacility      *facility,
                                   const RetPoint         *point,
                                   RetVehicleKind          kind)
{
  double km;

  g_return_val_if_fail (input != NULL, 0);
  g_return_val_if_fail (facility != NULL && point != NULL, 0);

  /* A pair has one time: the road to a border point, the flight to an
   * airport, whichever the office set. */
  if (input->travel != NULL)
    for (guint i = 0; i < input->travel->len; i++)
      {
        const RetTravelTime *t = g_ptr_array_index (input->travel, i);

        if (t->minutes > 0 && g_strcmp0 (t->facility, facility->code) == 0 &&
            g_strcmp0 (t->point, point->code) == 0)
          return t->minutes;
      }

  km = ret_great_circle_km (facility->latitude, facility->longitude,
                             point->latitude, point->longitude);
  return ret_travel_estimate_minutes (kind, km, input->road_speed_kmh);
}

void
ret_unplanned_free (RetUnplanned *unplanned)
{
  if (unplanned == NULL)
    return;

  g_free (unplanned->reason);
  g_free (unplanned);
}

RetScheduleResult *
_ret_schedule_result_new (void)
{
  RetScheduleResult *result = g_new0 (RetScheduleResult, 1);

  result->transfers = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_check_transfer_free);
  result->vehicle_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  result->unplanned = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_unplanned_free);
  result->violations = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_violation_free);
  return result;
}

void
ret_schedule_result_free (RetScheduleResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->transfers, g_ptr_array_unref);
  g_clear_pointer (&result->vehicle_ids, g_array_unref);
  g_clear_pointer (&result->unplanned, g_ptr_array_unref);
  g_clear_pointer (&result->violations, g_ptr_array_unref);
  g_free (result);
}

RetScheduleResult *
ret_schedule_run (RetScheduleInput         *input,
                  const RetScheduleOptions *options,
                  RetScheduleProgress       progress,
                  gpointer                  user_data,
                  GCancellable             *cancellable,
                  GError                  **error)
{
  g_return_val_if_fail (input != NULL && input->data != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options->days < 1 || !g_date_valid (&options->from))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A plan needs a first day and at least one day"));
      return NULL;
    }
  if (options->days > 366)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A plan covers at most a year"));
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return _ret_schedule_solve (input, options, progress, user_data, cancellable, error);
}

JsonNode *
ret_schedule_result_to_json (const RetScheduleInput  *input,
                             const RetScheduleResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const RetCheckData *data;

  g_return_val_if_fail (input != NULL && input->data != NULL, NULL);
  g_return_val_if_fail (result != NULL, NULL);

  data = input->data;
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "transfers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->transfers->len; i++)
    {
      const RetCheckTransfer *t = g_ptr_array_index (result->transfers, i);
      const RetPoint *point = ret_plan_find_point (data, t->point);
      const char *zone = point != NULL ? point->timezone : NULL;
      g_autofree char *depart = ret_instant_format (t->depart_at, zone);
      g_autofree char *handover = ret_instant_format (t->handover_at, zone);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, t->code);
      json_builder_set_member_name (builder, "mode");
      json_builder_add_string_value (builder, t->mode);
      json_builder_set_member_name (builder, "facility");
      json_builder_add_string_value (builder, t->facility);
      json_builder_set_member_name (builder, "point");
      json_builder_add_string_value (builder, t->point);
      json_builder_set_member_name (builder, "depart");
      json_builder_add_string_value (builder, depart);
      json_builder_set_member_name (builder, "handover");
      json_builder_add_string_value (builder, handover);
      json_builder_set_member_name (builder, "seats");
      json_builder_add_int_value (builder, t->seats);
      json_builder_set_member_name (builder, "persons");
      json_builder_begin_array (builder);
      for (guint j = 0; t->entries != NULL && j < t->entries->len; j++)
        {
          const RetCheckEntry *e = &g_array_index (t->entries, RetCheckEntry, j);
          const RetCheckPerson *cp = g_ptr_array_index (data->persons, e->person);

          json_builder_add_string_value (builder, cp->person->a_number);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "unassigned");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->unplanned->len; i++)
    {
      const RetUnplanned *u = g_ptr_array_index (result->unplanned, i);
      const RetCheckPerson *cp = g_ptr_array_index (data->persons, u->person);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "a_number");
      json_builder_add_string_value (builder, cp->person->a_number);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, u->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "violations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->violations->len; i++)
    json_builder_add_value (builder,
                            ret_violation_to_json (g_ptr_array_index (result->violations, i)));
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
