/* ret-transfer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-transfer"

#include "config.h"

#include <glib/gi18n.h>

#include "ret-enum-names.h"
#include "ret-transfer.h"

G_DEFINE_BOXED_TYPE (RetTransfer, ret_transfer, ret_transfer_copy, ret_transfer_free)

RetTransfer *
ret_transfer_copy (const RetTransfer *transfer)
{
  RetTransfer *copy;

  g_return_val_if_fail (transfer != NULL, NULL);

  copy = g_memdup2 (transfer, sizeof *transfer);
  copy->code = g_strdup (transfer->code);
  copy->mode = g_strdup (transfer->mode);
  copy->facility = g_strdup (transfer->facility);
  copy->point = g_strdup (transfer->point);
  copy->status = g_strdup (transfer->status);

  return copy;
}

void
ret_transfer_free (RetTransfer *transfer)
{
  if (transfer == NULL)
    return;

  g_free (transfer->code);
  g_free (transfer->mode);
  g_free (transfer->facility);
  g_free (transfer->point);
  g_free (transfer->status);
  g_free (transfer);
}

static const char * const status_names[] = {
  [RET_TRANSFER_PLANNED] = "planned",
  [RET_TRANSFER_NOTIFIED] = "notified",
  [RET_TRANSFER_REVIEWED] = "reviewed",
  [RET_TRANSFER_DEPARTED] = "departed",
  [RET_TRANSFER_HANDED_OVER] = "handed-over",
  [RET_TRANSFER_CANCELLED] = "cancelled",
};

const char *
ret_transfer_status_to_string (RetTransferStatus status)
{
  return ret_enum_names_to_string (RET_ENUM_NAMES (status_names), status);
}

gboolean
ret_transfer_status_from_string (const char        *text,
                                 RetTransferStatus *status)
{
  int i;

  g_return_val_if_fail (status != NULL, FALSE);

  i = ret_enum_names_lookup (RET_ENUM_NAMES (status_names), text);
  if (i >= 0)
    *status = (RetTransferStatus) i;
  return i >= 0;
}

/* The status as the user reads it */
const char *
ret_transfer_status_label (RetTransferStatus status)
{
  switch (status)
    {
    case RET_TRANSFER_PLANNED:
      return C_("transfer status", "Planned");
    case RET_TRANSFER_NOTIFIED:
      return C_("transfer status", "Notified");
    case RET_TRANSFER_REVIEWED:
      return C_("transfer status", "Reviewed");
    case RET_TRANSFER_DEPARTED:
      return C_("transfer status", "Departed");
    case RET_TRANSFER_HANDED_OVER:
      return C_("transfer status", "Handed over");
    case RET_TRANSFER_CANCELLED:
      return C_("transfer status", "Cancelled");
    default:
      g_return_val_if_reached ("");
    }
}

/* A transfer's mode ("bus", "van", "flight") as the user reads it; an
 * unknown one as it is */
const char *
ret_transfer_mode_label (const char *mode)
{
  if (g_strcmp0 (mode, "bus") == 0)
    return _("Bus");
  if (g_strcmp0 (mode, "van") == 0)
    return _("Van");
  if (g_strcmp0 (mode, "flight") == 0)
    return _("Flight");
  return mode != NULL ? mode : "";
}
