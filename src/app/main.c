/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "ret-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(RetApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* RETORNO_LOCALEDIR: translations of an uninstalled build (tools/run) */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RETORNO_LOCALEDIR") ? g_getenv ("RETORNO_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = ret_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
