/* ret-gazetteer.h — Mexican states, municipalities and localities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RET_GAZETTEER_ERROR (ret_gazetteer_error_quark ())

/**
 * RetGazetteerError:
 * @RET_GAZETTEER_ERROR_DATA: the gazetteer file itself is malformed
 * @RET_GAZETTEER_ERROR_UNKNOWN_STATE: no state has that name or code
 * @RET_GAZETTEER_ERROR_UNKNOWN_MUNICIPALITY: no municipality or locality
 *   of the state has that name or code
 * @RET_GAZETTEER_ERROR_AMBIGUOUS: the name fits several municipalities;
 *   the message lists them and asks for the INEGI code
 */
typedef enum
{
  RET_GAZETTEER_ERROR_DATA,
  RET_GAZETTEER_ERROR_UNKNOWN_STATE,
  RET_GAZETTEER_ERROR_UNKNOWN_MUNICIPALITY,
  RET_GAZETTEER_ERROR_AMBIGUOUS,
} RetGazetteerError;

typedef enum
{
  RET_PLACE_STATE,
  RET_PLACE_MUNICIPALITY,
} RetPlaceKind;

/**
 * RetPlace:
 * @code: INEGI code: 2 digits for a state ("16"), 5 for a municipality
 *   ("16053")
 * @name: the official name with its accents ("Michoacán de Ocampo",
 *   "Morelia")
 * @state_code: the state's 2-digit INEGI code (the place's own for a state)
 * @latitude, @longitude: of the municipal seat (or the state capital)
 * @approximate: TRUE when no seat coordinates were available and the
 *   coordinates are an estimate (e.g. the state's centroid)
 *
 * Owned by the gazetteer; valid as long as it is.
 */
typedef struct
{
  const char   *code;
  RetPlaceKind  kind;
  const char   *name;
  const char   *state_code;
  double        latitude;
  double        longitude;
  gboolean      approximate;
} RetPlace;

typedef struct _RetGazetteer RetGazetteer;

GQuark          ret_gazetteer_error_quark        (void);

RetGazetteer   *ret_gazetteer_get_default        (void);
RetGazetteer   *ret_gazetteer_new_from_bytes     (GBytes        *data,
                                                  GError       **error);
void            ret_gazetteer_free               (RetGazetteer  *self);

const RetPlace *ret_gazetteer_get                (RetGazetteer  *self,
                                                  const char    *code);
const RetPlace *ret_gazetteer_lookup_state       (RetGazetteer  *self,
                                                  const char    *name_or_code,
                                                  GError       **error);
const RetPlace *ret_gazetteer_lookup_municipality (RetGazetteer *self,
                                                  const RetPlace *state,
                                                  const char    *name_or_code,
                                                  const char   **locality,
                                                  GError       **error);
const RetPlace *ret_gazetteer_resolve            (RetGazetteer  *self,
                                                  const char    *state,
                                                  const char    *municipality,
                                                  const char   **locality,
                                                  GError       **error);

guint           ret_gazetteer_get_n_places       (RetGazetteer  *self);
const RetPlace *ret_gazetteer_get_nth            (RetGazetteer  *self,
                                                  guint          index);
char           *ret_gazetteer_dup_label          (RetGazetteer  *self,
                                                  const RetPlace *place);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetGazetteer, ret_gazetteer_free)

G_END_DECLS
