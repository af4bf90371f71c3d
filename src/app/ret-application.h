/* ret-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ret-store.h"

G_BEGIN_DECLS

#define RET_TYPE_APPLICATION (ret_application_get_type ())
G_DECLARE_FINAL_TYPE (RetApplication, ret_application, RET, APPLICATION, AdwApplication)

RetApplication *ret_application_new          (void);
RetStore       *ret_application_open_store   (RetApplication  *self,
                                              const char      *path,
                                              gboolean        *created_demo,
                                              GError         **error);
char           *ret_application_dup_actor    (RetApplication  *self);

G_END_DECLS
