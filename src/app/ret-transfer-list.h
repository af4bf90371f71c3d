/* ret-transfer-list.h — the day's transfers listed by point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ret-store.h"

G_BEGIN_DECLS

#define RET_TYPE_TRANSFER_LIST (ret_transfer_list_get_type ())
G_DECLARE_FINAL_TYPE (RetTransferList, ret_transfer_list, RET, TRANSFER_LIST, AdwBin)

GtkWidget  *ret_transfer_list_new                   (void);
void        ret_transfer_list_set_store             (RetTransferList *self,
                                                     RetStore        *store);
void        ret_transfer_list_set_day               (RetTransferList *self,
                                                     const GDate     *date,
                                                     GPtrArray       *points,
                                                     GPtrArray       *transfers);
void        ret_transfer_list_select_transfer       (RetTransferList *self,
                                                     const char      *code);
const char *ret_transfer_list_get_selected_transfer (RetTransferList *self);
GtkListBox *ret_transfer_list_get_list_box          (RetTransferList *self);
const char *ret_transfer_list_row_get_code          (GtkListBoxRow   *row);
const char *ret_transfer_list_row_get_point         (GtkListBoxRow   *row);

/* What the list shows, decided apart from the widgets so that the
 * tests check it without a display. */

/**
 * RetTransferGroup:
 * @point: (transfer none): the point
 * @transfers: (element-type RetTransfer) (transfer container): those
 *   handed over there on the point's local date, by handover
 * @n_persons: persons on their manifests
 *
 * One point's transfers of a day.
 */
typedef struct
{
  const RetPoint *point;
  GPtrArray      *transfers;
  guint           n_persons;
} RetTransferGroup;

void        ret_transfer_group_free        (RetTransferGroup  *group);
GPtrArray  *ret_transfer_list_group        (GPtrArray         *points,
                                            GPtrArray         *transfers,
                                            const GDate       *date);
char       *ret_transfer_list_format_counts (guint             n_transfers,
                                             guint             n_persons,
                                             int               capacity);
char       *ret_transfer_list_format_header (const RetTransferGroup *group);
char       *ret_transfer_list_format_time  (const RetPoint    *point,
                                            gint64             utc);
const char *ret_transfer_list_status_title (const char        *status);
char       *ret_transfer_list_describe     (const RetPoint    *point,
                                            const RetTransfer *transfer,
                                            const char        *facility_name,
                                            gboolean           pinned);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetTransferGroup, ret_transfer_group_free)

G_END_DECLS
