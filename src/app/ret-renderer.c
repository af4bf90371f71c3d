/* ret-renderer.c — drawing without a GPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Many government workstations are virtual machines without a GPU. There
 * GTK's OpenGL renderer runs on Mesa's software rasteriser: measured on
 * the people list with 100,000 persons, it used about 150 MB more memory
 * and drew each scrolled frame several times slower than GTK's cairo
 * renderer. So when OpenGL turns out to be software, Retorno asks GTK for
 * cairo, unless the user chose a renderer with GSK_RENDERER.
 */

#define G_LOG_DOMAIN "ret-renderer"

#include "config.h"

#include <string.h>

#include <epoxy/gl.h>

#include "ret-renderer.h"

/*
 * ret_renderer_is_software_gl:
 * @gl_renderer: the GL_RENDERER string of an OpenGL context
 *
 * Whether the string names one of Mesa's software rasterisers.
 */
gboolean
ret_renderer_is_software_gl (const char *gl_renderer)
{
  static const char * const software[] = {
    "llvmpipe", "softpipe", "swrast", "Software Rasterizer", "SWR", "lavapipe",
  };

  if (gl_renderer == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (software); i++)
    if (strstr (gl_renderer, software[i]) != NULL)
      return TRUE;

  return FALSE;
}

/*
 * ret_renderer_choose:
 *
 * Call before the first window is realized: GTK reads GSK_RENDERER once.
 */
void
ret_renderer_choose (GdkDisplay *display)
{
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *renderer;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  if (g_getenv ("GSK_RENDERER") != NULL)
    return;

  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    {
      /* No OpenGL at all: GTK falls back to cairo by itself. */
      g_debug ("No OpenGL context: %s", error != NULL ? error->message : "unknown");
      return;
    }

  gdk_gl_context_make_current (context);
  renderer = (const char *) glGetString (GL_RENDERER);
  g_debug ("OpenGL renderer: %s", renderer != NULL ? renderer : "(none)");

  if (ret_renderer_is_software_gl (renderer))
    g_setenv ("GSK_RENDERER", "cairo", FALSE);

  gdk_gl_context_clear_current ();
}
