/* ret-transfer.h — one vehicle from a facility to a point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A transfer's document chain, in order; cancelled stands apart. */
typedef enum
{
  RET_TRANSFER_PLANNED,
  RET_TRANSFER_NOTIFIED,
  RET_TRANSFER_REVIEWED,
  RET_TRANSFER_DEPARTED,
  RET_TRANSFER_HANDED_OVER,
  RET_TRANSFER_CANCELLED,
} RetTransferStatus;

const char   *ret_transfer_status_to_string   (RetTransferStatus  status);
gboolean      ret_transfer_status_from_string (const char        *text,
                                               RetTransferStatus *status);
const char   *ret_transfer_status_label       (RetTransferStatus  status);
const char   *ret_transfer_mode_label         (const char        *mode);

typedef struct
{
  gint64  id;
  char   *code;         /* e.g. "T-20261203-NOG-01" */
  char   *mode;         /* "bus", "van" or "flight" */
  char   *facility;
  char   *point;
  gint64  depart_at;    /* UTC seconds */
  gint64  handover_at;  /* UTC seconds */
  int     seats;
  int     n_persons;    /* on the manifest */
  char   *status;
} RetTransfer;

#define RET_TYPE_TRANSFER (ret_transfer_get_type ())

GType         ret_transfer_get_type (void) G_GNUC_CONST;
RetTransfer  *ret_transfer_copy     (const RetTransfer *transfer);
void          ret_transfer_free     (RetTransfer       *transfer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetTransfer, ret_transfer_free)

G_END_DECLS
