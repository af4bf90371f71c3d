/* ret-core.c — one-time set-up of the core library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-core"

#include "config.h"

#include "ret-core.h"
#include "ret-core-resources.h"

/*
 * ret_core_init:
 *
 * Registers the core's reference data.  The resource is registered by
 * hand rather than by a constructor, so that linking the static core
 * library cannot drop it.  Safe to call from any thread, any number of
 * times.
 */
void
ret_core_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      ret_core_register_resource ();
      g_once_init_leave (&initialized, 1);
    }
}

/*
 * ret_core_lookup_data:
 * @name: a path under the core resource, e.g. "reference/points.json"
 *
 * Returns: (transfer full): the bundled file's contents
 */
GBytes *
ret_core_lookup_data (const char  *name,
                      GError     **error)
{
  g_autofree char *path = NULL;

  ret_core_init ();

  path = g_build_path ("/", RET_CORE_RESOURCE_PATH, name, NULL);
  return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}
