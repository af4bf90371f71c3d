/* ret-core.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RET_CORE_RESOURCE_PATH "/org/retorno/Retorno/core"

void     ret_core_init           (void);
GBytes  *ret_core_lookup_data    (const char  *name,
                                  GError     **error);

G_END_DECLS
