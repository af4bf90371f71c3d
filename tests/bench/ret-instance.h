/* ret-instance.h — synthetic planning problems for the planning benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An instance is a RetScheduleInput as the store would build it: the
 * reference data of a store (points, facilities, arrangements) and a
 * synthetic roster with the shares a real one has (families, unaccompanied
 * minors, vulnerable adults, criminal records, consent to interior
 * repatriation, the odd unverified or unfit person), plus a fleet per
 * facility sized from its persons per day.  Everything is invented:
 * A-numbers start with "A9", names say "Synthetic".  The same arguments
 * give the same instance on every machine.
 */

#pragma once

#include "ret-scheduler.h"
#include "ret-store.h"

G_BEGIN_DECLS

/**
 * RetInstanceFleet:
 * @RET_INSTANCE_FLEET_SLACK: about 1.5 times the seats the persons need,
 *   and point capacities that do not bind
 * @RET_INSTANCE_FLEET_TIGHT: about 0.9 times the seats, and some points'
 *   daily capacities below their share of the persons
 */
typedef enum
{
  RET_INSTANCE_FLEET_SLACK,
  RET_INSTANCE_FLEET_TIGHT,
} RetInstanceFleet;

/* The seats of the generated vehicles. */
#define RET_INSTANCE_BUS_SEATS        45
#define RET_INSTANCE_VAN_SEATS        12
#define RET_INSTANCE_MINORS_VAN_SEATS 10
#define RET_INSTANCE_FLIGHT_SEATS     135

/**
 * ret_instance_generate:
 * @store: a store with the reference data loaded and no transfers
 * @persons: how many persons, all candidates
 * @days: the span planned, 1 or more
 * @seed: the same seed, the same instance
 * @fleet: slack or tight
 * @flights: whether Tucson and El Paso get their interior flights
 * @from: the first day planned
 *
 * Persons spread over the nine sector facilities in proportion to their
 * traffic.  input->not_before is the evening before @from; persons were
 * apprehended in the 72 hours before it.
 */
RetScheduleInput *ret_instance_generate       (RetStore          *store,
                                               guint              persons,
                                               guint              days,
                                               guint32            seed,
                                               RetInstanceFleet   fleet,
                                               gboolean           flights,
                                               const GDate       *from,
                                               GError           **error);

/* The same with the persons at @n_facilities facilities only (1 to 5,
 * picked from Del Rio, Tucson, Rio Grande Valley, El Paso and San Diego,
 * starting at one chosen by @seed): problems small enough for an exact
 * model. */
RetScheduleInput *ret_instance_generate_small (RetStore          *store,
                                               guint              persons,
                                               guint              days,
                                               guint32            seed,
                                               RetInstanceFleet   fleet,
                                               gboolean           flights,
                                               guint              n_facilities,
                                               const GDate       *from,
                                               GError           **error);

G_END_DECLS
