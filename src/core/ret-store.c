/* ret-store.c — the embedded SQLite backend of RetStore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "ret-core.h"
#include "ret-gazetteer.h"
#include "ret-schema.h"
#include "ret-store.h"
#include "ret-store-private.h"
#include "ret-text.h"
#include "ret-time.h"
#include "ret-transfer.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Shared with ret-store-rules.c under their private names */
#define is_clean_text _ret_store_is_clean_text
#define is_blank _ret_store_is_blank

/* How long a write waits for another program (the GUI and the CLI may
 * share the file) before giving up with RET_STORE_ERROR_BUSY. */
#define BUSY_TIMEOUT_MS 10000

struct _RetStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* SQL text → sqlite3_stmt, owned */
  gboolean    in_batch;     /* inside _ret_store_begin_batch() */
  guint       nested;       /* savepoints open inside the batch */
};

G_DEFINE_FINAL_TYPE (RetStore, ret_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (ret-store-error-quark, ret_store_error)

enum {
  CHANGED,
  PERSON_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
ret_store_finalize (GObject *object)
{
  RetStore *self = RET_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (ret_store_parent_class)->finalize (object);
}

static void
ret_store_class_init (RetStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ret_store_finalize;

  /**
   * RetStore::changed:
   * @entity: what changed: "persons", "points", …
   *
   * Emitted after a committed write through this store object.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * RetStore::person-changed:
   * @id: the person's id
   *
   * Emitted after one person was edited through this store object.
   */
  signals[PERSON_CHANGED] =
    g_signal_new ("person-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
ret_store_init (RetStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
}

/* ------------------------------------------------------------------ */
/* Errors and statements                                              */

static int
store_error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return RET_STORE_ERROR_BUSY;
    case SQLITE_CONSTRAINT:
      return RET_STORE_ERROR_INVALID;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return RET_STORE_ERROR_NOT_RETORNO;
    default:
      return RET_STORE_ERROR_FAILED;
    }
}

gboolean
_ret_store_set_db_error (RetStore    *self,
                         int          rc,
                         GError     **error,
                         const char  *what)
{
  int code = store_error_code_for (rc);

  if (code == RET_STORE_ERROR_BUSY)
    g_set_error (error, RET_STORE_ERROR, code,
                 _("The database is busy in another program; try again (%s)"), what);
  else
    g_set_error (error, RET_STORE_ERROR, code, "%s: %s", what,
                 self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));

  return FALSE;
}

/* A cached prepared statement, reset and ready to bind.  Borrowed. */
sqlite3_stmt *
_ret_store_statement (RetStore    *self,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _ret_store_set_db_error (self, rc, error, "prepare");
      return NULL;
    }

  /* The SQL strings are literals, so the key outlives the table. */
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/* Steps a statement expected to give at most one row, reads it with
 * @read and resets the statement at once: a statement left on a row
 * keeps a read transaction open, and this connection would then not see
 * what other connections (an import thread, the CLI) commit. */
gboolean
_ret_store_step_exists (sqlite3_stmt *stmt)
{
  gboolean found = sqlite3_step (stmt) == SQLITE_ROW;

  sqlite3_reset (stmt);
  return found;
}

gint64
_ret_store_step_int64 (sqlite3_stmt *stmt,
                       gint64        fallback)
{
  gint64 value = fallback;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

static gboolean
exec_sql (RetStore    *self,
          const char  *sql,
          GError     **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      int code = store_error_code_for (rc);

      g_set_error (error, RET_STORE_ERROR, code, "%s",
                   message != NULL ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

gboolean
_ret_store_step_done (RetStore      *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _ret_store_set_db_error (self, rc, error, "write");

  return TRUE;
}

void
_ret_store_bind_text (sqlite3_stmt *stmt,
                      int           index,
                      const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static void
bind_minute (sqlite3_stmt *stmt,
             int           index,
             int           minute)
{
  if (minute == RET_MINUTE_NONE)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int (stmt, index, minute);
}

char *
_ret_store_column_dup (sqlite3_stmt *stmt,
                       int           index)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

/* After a loop over the rows: FALSE when it ended because there were no
 * more, TRUE with @error set when it ended on a failure. */
gboolean
_ret_store_read_failed (RetStore  *self,
                        int        rc,
                        GError   **error)
{
  if (rc == SQLITE_DONE)
    return FALSE;

  _ret_store_set_db_error (self, rc, error, "read");
  return TRUE;
}

/* Time stamps in the database are whole UTC seconds. */
gint64
_ret_store_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/*
 * _ret_store_collect_rows:
 * @stmt: (nullable): a statement from _ret_store_statement(), bound; NULL
 *   when preparing it failed, @error then being set already
 *
 * Runs @stmt to its end and resets it.
 *
 * Returns: (transfer full) (nullable): one element a row, read by
 *   @from_row and freed by @free_func; NULL when the read failed
 */
GPtrArray *
_ret_store_collect_rows (RetStore         *self,
                         sqlite3_stmt     *stmt,
                         RetStoreRowFunc   from_row,
                         GDestroyNotify    free_func,
                         GError          **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  rows = g_ptr_array_new_with_free_func (free_func);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, from_row (stmt));
  sqlite3_reset (stmt);

  if (_ret_store_read_failed (self, rc, error))
    return NULL;

  return g_steal_pointer (&rows);
}

sqlite3 *
_ret_store_get_db (RetStore *self)
{
  return self->db;
}

static int
column_minute (sqlite3_stmt *stmt,
               int           index)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    return RET_MINUTE_NONE;

  return sqlite3_column_int (stmt, index);
}

gboolean
_ret_store_begin (RetStore  *self,
                  GError   **error)
{
  /* Inside a batch, a call's own transaction is a savepoint of the
   * batch's: it still lands whole or not at all, and the disk is
   * written once, at the end of the batch. */
  if (self->in_batch)
    {
      if (!exec_sql (self, "SAVEPOINT ret_call", error))
        return FALSE;
      self->nested++;
      return TRUE;
    }

  /* IMMEDIATE takes the write lock up front, so a second writer waits
   * for the busy timeout here rather than failing half-way. */
  return exec_sql (self, "BEGIN IMMEDIATE", error);
}

/*
 * _ret_store_begin_read:
 *
 * Starts a read transaction: every read until _ret_store_end_read() sees
 * one snapshot, and takes no lock of its own.  Inside a batch the batch
 * is that snapshot, with its own writes.
 */
gboolean
_ret_store_begin_read (RetStore  *self,
                       GError   **error)
{
  if (self->in_batch)
    return TRUE;

  return exec_sql (self, "BEGIN DEFERRED", error);
}

void
_ret_store_end_read (RetStore *self)
{
  if (!self->in_batch && !sqlite3_get_autocommit (self->db))
    exec_sql (self, "COMMIT", NULL);
}

gboolean
_ret_store_commit (RetStore  *self,
                   GError   **error)
{
  if (self->in_batch)
    {
      if (self->nested == 0)
        {
          g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_FAILED,
                       "commit without a transaction");
          return FALSE;
        }
      if (!exec_sql (self, "RELEASE ret_call", error))
        return FALSE;
      self->nested--;
      return TRUE;
    }

  return exec_sql (self, "COMMIT", error);
}

void
_ret_store_rollback (RetStore *self)
{
  if (self->in_batch)
    {
      /* Only the call's own part; the batch's owner decides on the rest.
       * A rollback where the call had not begun is nothing, as outside. */
      if (self->nested > 0)
        {
          exec_sql (self, "ROLLBACK TO ret_call; RELEASE ret_call", NULL);
          self->nested--;
        }
      return;
    }

  if (!sqlite3_get_autocommit (self->db))
    exec_sql (self, "ROLLBACK", NULL);
}

/*
 * _ret_store_begin_batch:
 *
 * Starts one write transaction around many calls of the store that each
 * make their own (set a screening, record a notice, …): the same rows and
 * audit entries, one commit.  Ends with _ret_store_end_batch().  Signals
 * are emitted as the calls return, before the batch is committed.
 */
gboolean
_ret_store_begin_batch (RetStore  *self,
                        GError   **error)
{
  g_return_val_if_fail (!self->in_batch, FALSE);

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->in_batch = TRUE;
  self->nested = 0;
  return TRUE;
}

/*
 * _ret_store_end_batch:
 * @commit: FALSE to roll the whole batch back
 *
 * Returns: FALSE, with @error set, when the commit failed (the batch is
 *   then rolled back); TRUE otherwise
 */
gboolean
_ret_store_end_batch (RetStore  *self,
                      gboolean   commit,
                      GError   **error)
{
  g_return_val_if_fail (self->in_batch, FALSE);

  self->in_batch = FALSE;
  self->nested = 0;
  if (commit && exec_sql (self, "COMMIT", error))
    return TRUE;

  _ret_store_rollback (self);
  return !commit;
}

void
_ret_store_emit (RetStore   *self,
                 const char *entity)
{
  g_signal_emit (self, signals[CHANGED], 0, entity);
}

/*
 * ret_store_emit_changed:
 *
 * Tells the users of this store object that @entity changed through
 * another connection to the same database (an import that ran in a
 * worker thread, another program).
 */
void
ret_store_emit_changed (RetStore   *self,
                        const char *entity)
{
  g_return_if_fail (RET_IS_STORE (self));

  _ret_store_emit (self, entity);
}

/* ------------------------------------------------------------------ */
/* Audit                                                              */

/*
 * _ret_store_audit:
 *
 * Appends one entry to the audit log; call inside the transaction of the
 * change it records, so that both land or neither does.
 */
gboolean
_ret_store_audit (RetStore    *self,
                  const char  *actor,
                  const char  *action,
                  const char  *entity,
                  const char  *entity_id,
                  const char  *detail_json,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _ret_store_statement (self,
                               "INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, _ret_store_now ());
  _ret_store_bind_text (stmt, 2, actor != NULL && *actor != '\0' ? actor : g_get_user_name ());
  _ret_store_bind_text (stmt, 3, action);
  _ret_store_bind_text (stmt, 4, entity);
  _ret_store_bind_text (stmt, 5, entity_id);
  _ret_store_bind_text (stmt, 6, detail_json != NULL ? detail_json : "{}");

  return _ret_store_step_done (self, stmt, error);
}

gint64
ret_store_count_audit (RetStore   *self,
                       const char *action)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), -1);

  stmt = _ret_store_statement (self,
                               "SELECT count(*) FROM audit_log WHERE ?1 IS NULL OR action = ?1",
                               NULL);
  if (stmt == NULL)
    return -1;

  _ret_store_bind_text (stmt, 1, action);
  return _ret_store_step_int64 (stmt, -1);
}

/* ------------------------------------------------------------------ */
/* Opening and migrations                                             */

char *
ret_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "retorno", "retorno.db", NULL);
}

int
ret_store_get_latest_schema_version (void)
{
  return G_N_ELEMENTS (ret_schema_migrations);
}

static int
pragma_int (RetStore   *self,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);

  return value;
}

int
ret_store_get_schema_version (RetStore *self)
{
  g_return_val_if_fail (RET_IS_STORE (self), -1);

  return pragma_int (self, "PRAGMA user_version");
}

static gboolean load_fleet (RetStore *self, GError **error);

/* The schema version that added the fleet: databases that reach it with
 * reference data get the reference fleet in the same step. */
#define FLEET_SCHEMA_VERSION 3

/*
 * Runs the migrations from the file's version up to @target, each in
 * its own transaction: a failure leaves the file at the last version
 * that completed, never in between.
 */
gboolean
_ret_store_migrate (RetStore    *self,
                    int          target,
                    GError     **error)
{
  int version = ret_store_get_schema_version (self);

  for (int v = version; v < target; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", v + 1);
      g_autoptr(GError) local_error = NULL;

      g_debug ("Migrating database schema from version %d to %d", v, v + 1);

      if (!_ret_store_begin (self, &local_error) ||
          !exec_sql (self, ret_schema_migrations[v], &local_error) ||
          !exec_sql (self, bump, &local_error) ||
          (v + 1 == FLEET_SCHEMA_VERSION && pragma_int (self, "SELECT count(*) FROM points") > 0 &&
           !load_fleet (self, &local_error)) ||
          !_ret_store_audit (self, "retorno", "migrate", "schema", NULL, NULL, &local_error) ||
          !_ret_store_commit (self, &local_error))
        {
          _ret_store_rollback (self);
          g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_MIGRATION,
                       _("Could not upgrade the database from version %d to %d: %s"),
                       v, v + 1, local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

/* Creates the folder (owner-only) and the file (0600) before SQLite
 * sees it, so the mode never depends on the umask. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_OPEN,
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST)
    {
      int saved_errno = errno;

      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_OPEN,
                   _("Could not create the database %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  if (fd >= 0)
    {
      fchmod (fd, 0600);
      close (fd);
    }

  return TRUE;
}

static gboolean
has_user_tables (RetStore *self)
{
  return pragma_int (self, "SELECT count(*) FROM sqlite_schema") > 0;
}

RetStore *
_ret_store_open_at_version (const char  *path,
                            int          target,
                            GError     **error)
{
  g_autoptr(RetStore) self = NULL;
  int app_id, version, rc;

  g_return_val_if_fail (path != NULL, NULL);

  ret_core_init ();

  if (!create_private_file (path, error))
    return NULL;

  self = g_object_new (RET_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_OPEN,
                   _("Could not open the database %s: %s"), path, sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  app_id = pragma_int (self, "PRAGMA application_id");
  if (app_id < 0)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_RETORNO,
                   _("%s is not a Retorno database"), path);
      return NULL;
    }

  if (app_id != RET_SCHEMA_APPLICATION_ID && (app_id != 0 || has_user_tables (self)))
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_RETORNO,
                   _("%s is not a Retorno database"), path);
      return NULL;
    }

  version = ret_store_get_schema_version (self);
  if (version > ret_store_get_latest_schema_version ())
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Retorno (schema %d; this version knows up to %d)"),
                   path, version, ret_store_get_latest_schema_version ());
      return NULL;
    }

  /* WAL lets the GUI read while the CLI writes; FULL makes a commit
   * durable before it returns. */
  if (!exec_sql (self,
                 "PRAGMA journal_mode = WAL;"
                 "PRAGMA synchronous = FULL;"
                 "PRAGMA foreign_keys = ON;"
                 "PRAGMA trusted_schema = OFF;"
                 "PRAGMA cache_size = -32768;",
                 error))
    return NULL;

  if (app_id == 0)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d", RET_SCHEMA_APPLICATION_ID);

      if (!exec_sql (self, sql, error))
        return NULL;
    }

  if (!_ret_store_migrate (self, target, error))
    return NULL;

  return g_steal_pointer (&self);
}

/*
 * ret_store_open:
 * @path: the database file; created owner-only (0600) in an owner-only
 *   folder when missing
 *
 * Opens a Retorno database and brings its schema up to date.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
RetStore *
ret_store_open (const char  *path,
                GError     **error)
{
  return _ret_store_open_at_version (path, ret_store_get_latest_schema_version (), error);
}

/*
 * ret_store_open_existing:
 *
 * Like ret_store_open(), for a second connection to a database that is
 * already open elsewhere (a worker thread): if the file has gone since,
 * this fails rather than create a new, empty database in its place.
 */
RetStore *
ret_store_open_existing (const char  *path,
                         GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_OPEN,
                   _("The database %s is no longer there"), path);
      return NULL;
    }
  return ret_store_open (path, error);
}

const char *
ret_store_get_path (RetStore *self)
{
  g_return_val_if_fail (RET_IS_STORE (self), NULL);

  return self->path;
}

/* ------------------------------------------------------------------ */
/* Metadata                                                           */

char *
ret_store_dup_meta (RetStore   *self,
                    const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (RET_IS_STORE (self), NULL);

  stmt = _ret_store_statement (self, "SELECT value FROM meta WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;

  _ret_store_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = _ret_store_column_dup (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

gboolean
ret_store_set_meta (RetStore    *self,
                    const char  *key,
                    const char  *value,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  stmt = _ret_store_statement (self,
                               "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;

  _ret_store_bind_text (stmt, 1, key);
  _ret_store_bind_text (stmt, 2, value);
  return _ret_store_step_done (self, stmt, error);
}

gboolean
ret_store_is_demo (RetStore *self)
{
  g_autofree char *value = ret_store_dup_meta (self, "demo");

  return g_strcmp0 (value, "1") == 0;
}

/* ------------------------------------------------------------------ */
/* Reference data                                                     */

gboolean
ret_store_has_reference_data (RetStore *self)
{
  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  return pragma_int (self, "SELECT count(*) FROM points") > 0;
}

static JsonNode *
load_reference_json (const char  *name,
                     GError     **error)
{
  g_autoptr(GBytes) bytes = ret_core_lookup_data (name, error);
  g_autoptr(JsonParser) parser = NULL;

  if (bytes == NULL)
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), error))
    {
      g_prefix_error (error, "%s: ", name);
      return NULL;
    }

  return json_node_copy (json_parser_get_root (parser));
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return json_node_get_string (node);
}

static gboolean
member_bool (JsonObject *object,
             const char *member)
{
  return json_object_has_member (object, member) &&
         json_object_get_boolean_member (object, member);
}

static gboolean
parse_window_json (JsonObject  *object,
                   RetWindow   *window,
                   GError     **error)
{
  struct { const char *name; int *target; } fields[] = {
    { "open", &window->open },
    { "close", &window->close },
    { "vulnerable_open", &window->vulnerable_open },
    { "vulnerable_close", &window->vulnerable_close },
    { "minors_cutoff", &window->minors_cutoff },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (!ret_minute_parse (member_string (object, fields[i].name), fields[i].target))
        {
          g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                       "arrangements.json: %s: not a time HH:MM", fields[i].name);
          return FALSE;
        }
    }

  return ret_window_validate (window, error);
}

static gboolean
insert_window (RetStore         *self,
               const char       *arrangement,
               const char       *point,
               int               weekday,
               const RetWindow  *window,
               gboolean          sample,
               GError          **error)
{
  sqlite3_stmt *stmt;

  stmt = _ret_store_statement (self,
                               "INSERT INTO point_windows (arrangement, point, weekday, open_minute, "
                               "close_minute, vulnerable_open_minute, vulnerable_close_minute, "
                               "minors_cutoff_minute, sample) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                               "ON CONFLICT (arrangement, point, weekday) DO UPDATE SET "
                               "open_minute = excluded.open_minute, close_minute = excluded.close_minute, "
                               "vulnerable_open_minute = excluded.vulnerable_open_minute, "
                               "vulnerable_close_minute = excluded.vulnerable_close_minute, "
                               "minors_cutoff_minute = excluded.minors_cutoff_minute, "
                               "sample = excluded.sample", error);
  if (stmt == NULL)
    return FALSE;

  _ret_store_bind_text (stmt, 1, arrangement);
  _ret_store_bind_text (stmt, 2, point);
  sqlite3_bind_int (stmt, 3, weekday);
  bind_minute (stmt, 4, window->open);
  bind_minute (stmt, 5, window->close);
  bind_minute (stmt, 6, window->vulnerable_open);
  bind_minute (stmt, 7, window->vulnerable_close);
  bind_minute (stmt, 8, window->minors_cutoff);
  sqlite3_bind_int (stmt, 9, sample);

  return _ret_store_step_done (self, stmt, error);
}

static gboolean
load_facilities (RetStore  *self,
                 GError   **error)
{
  g_autoptr(JsonNode) root = load_reference_json ("reference/facilities.json", error);
  JsonArray *array;

  if (root == NULL)
    return FALSE;

  array = json_object_get_array_member (json_node_get_object (root), "sectors");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      sqlite3_stmt *stmt = _ret_store_statement (self, "INSERT INTO sectors (code, name) VALUES (?1, ?2)", error);

      if (stmt == NULL)
        return FALSE;
      _ret_store_bind_text (stmt, 1, member_string (o, "code"));
      _ret_store_bind_text (stmt, 2, member_string (o, "name"));
      if (!_ret_store_step_done (self, stmt, error))
        return FALSE;
    }

  array = json_object_get_array_member (json_node_get_object (root), "facilities");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      sqlite3_stmt *stmt;

      stmt = _ret_store_statement (self,
                                   "INSERT INTO facilities (code, name, sector, kind, latitude, longitude, "
                                   "coordinates_approximate, timezone) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                   error);
      if (stmt == NULL)
        return FALSE;
      _ret_store_bind_text (stmt, 1, member_string (o, "code"));
      _ret_store_bind_text (stmt, 2, member_string (o, "name"));
      _ret_store_bind_text (stmt, 3, member_string (o, "sector"));
      _ret_store_bind_text (stmt, 4, member_string (o, "kind"));
      sqlite3_bind_double (stmt, 5, json_object_get_double_member (o, "lat"));
      sqlite3_bind_double (stmt, 6, json_object_get_double_member (o, "lon"));
      sqlite3_bind_int (stmt, 7, member_bool (o, "approximate"));
      _ret_store_bind_text (stmt, 8, member_string (o, "tz"));
      if (!_ret_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_points (RetStore  *self,
             GError   **error)
{
  g_autoptr(JsonNode) root = load_reference_json ("reference/points.json", error);
  JsonArray *array;

  if (root == NULL)
    return FALSE;

  array = json_object_get_array_member (json_node_get_object (root), "points");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      sqlite3_stmt *stmt;

      stmt = _ret_store_statement (self,
                                   "INSERT INTO points (code, us_port, city, latitude, longitude, timezone, "
                                   "minors_reception, airport, daily_capacity, capacity_sample, "
                                   "remote_desert) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                   error);
      if (stmt == NULL)
        return FALSE;
      _ret_store_bind_text (stmt, 1, member_string (o, "code"));
      _ret_store_bind_text (stmt, 2, member_string (o, "us_port"));
      _ret_store_bind_text (stmt, 3, member_string (o, "city"));
      sqlite3_bind_double (stmt, 4, json_object_get_double_member (o, "lat"));
      sqlite3_bind_double (stmt, 5, json_object_get_double_member (o, "lon"));
      _ret_store_bind_text (stmt, 6, member_string (o, "tz"));
      sqlite3_bind_int (stmt, 7, member_bool (o, "minors_reception"));
      sqlite3_bind_int (stmt, 8, member_bool (o, "airport"));
      sqlite3_bind_int (stmt, 9, json_object_get_int_member (o, "daily_capacity"));
      sqlite3_bind_int (stmt, 10, member_bool (o, "capacity_sample"));
      sqlite3_bind_int (stmt, 11, member_bool (o, "remote_desert"));
      if (!_ret_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_airport (RetStore   *self,
            const char *point)
{
  sqlite3_stmt *stmt = _ret_store_statement (self, "SELECT airport FROM points WHERE code = ?1", NULL);

  if (stmt == NULL)
    return FALSE;
  _ret_store_bind_text (stmt, 1, point);
  return _ret_store_step_int64 (stmt, 0) != 0;
}

/* "rule_params": [{"rule": "R17", "key": "applies", "value": 1,
 * "sample": true}]; the catalogue's defaults apply to the rest. */
static gboolean
load_rule_params (RetStore     *self,
                  const char   *arrangement,
                  JsonNode     *node,
                  GError      **error)
{
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  array = json_node_get_array (node);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      const char *rule = member_string (o, "rule");
      const char *key = member_string (o, "key");
      sqlite3_stmt *stmt;

      /* Checked against the catalogue by the test of the reference data,
       * not here: loading must not depend on the rule engine. */
      if (rule == NULL || key == NULL || !json_object_has_member (o, "value"))
        {
          g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                       "arrangements.json: %s: a rule parameter needs rule, key and value",
                       arrangement);
          return FALSE;
        }

      stmt = _ret_store_statement (self,
                                   "INSERT INTO rule_params (arrangement, rule, key, value, sample) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (arrangement, rule, key) "
                                   "DO UPDATE SET value = excluded.value, sample = excluded.sample",
                                   error);
      if (stmt == NULL)
        return FALSE;
      _ret_store_bind_text (stmt, 1, arrangement);
      _ret_store_bind_text (stmt, 2, rule);
      _ret_store_bind_text (stmt, 3, key);
      sqlite3_bind_int64 (stmt, 4, json_object_get_int_member (o, "value"));
      sqlite3_bind_int (stmt, 5, member_bool (o, "sample"));
      if (!_ret_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_arrangements (RetStore  *self,
                   GError   **error)
{
  g_autoptr(JsonNode) root = load_reference_json ("reference/arrangements.json", error);
  JsonObject *defaults;
  RetWindow border, airport;
  JsonArray *array;

  if (root == NULL)
    return FALSE;

  defaults = json_object_get_object_member (json_node_get_object (root), "default_hours");
  if (!parse_window_json (json_object_get_object_member (defaults, "border"), &border, error) ||
      !parse_window_json (json_object_get_object_member (defaults, "airport"), &airport, error))
    return FALSE;

  array = json_object_get_array_member (json_node_get_object (root), "arrangements");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      const char *code = member_string (o, "code");
      gboolean sample = member_bool (o, "sample");
      JsonArray *sectors = json_object_get_array_member (o, "sectors");
      JsonArray *points = json_object_get_array_member (o, "points");
      sqlite3_stmt *stmt;

      stmt = _ret_store_statement (self,
                                   "INSERT INTO arrangements (code, name, effective_from, sample) "
                                   "VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        return FALSE;
      _ret_store_bind_text (stmt, 1, code);
      _ret_store_bind_text (stmt, 2, member_string (o, "name"));
      _ret_store_bind_text (stmt, 3, member_string (o, "effective_from"));
      sqlite3_bind_int (stmt, 4, sample);
      if (!_ret_store_step_done (self, stmt, error))
        return FALSE;

      for (guint j = 0; j < json_array_get_length (sectors); j++)
        {
          stmt = _ret_store_statement (self,
                                       "INSERT INTO arrangement_sectors (arrangement, sector) VALUES (?1, ?2)",
                                       error);
          if (stmt == NULL)
            return FALSE;
          _ret_store_bind_text (stmt, 1, code);
          _ret_store_bind_text (stmt, 2, json_array_get_string_element (sectors, j));
          if (!_ret_store_step_done (self, stmt, error))
            return FALSE;
        }

      for (guint j = 0; j < json_array_get_length (points); j++)
        {
          const char *point = json_array_get_string_element (points, j);

          stmt = _ret_store_statement (self,
                                       "INSERT INTO arrangement_points (arrangement, point) VALUES (?1, ?2)",
                                       error);
          if (stmt == NULL)
            return FALSE;
          _ret_store_bind_text (stmt, 1, code);
          _ret_store_bind_text (stmt, 2, point);
          if (!_ret_store_step_done (self, stmt, error))
            return FALSE;

          for (int weekday = 1; weekday <= RET_N_WEEKDAYS; weekday++)
            if (!insert_window (self, code, point, weekday,
                                is_airport (self, point) ? &airport : &border,
                                TRUE, error))
              return FALSE;
        }

      if (!load_rule_params (self, code, json_object_get_member (o, "rule_params"), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_places (RetStore  *self,
             GError   **error)
{
  RetGazetteer *gazetteer = ret_gazetteer_get_default ();
  guint n;

  if (gazetteer == NULL)
    {
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_FAILED,
                           _("The gazetteer of Mexico could not be loaded"));
      return FALSE;
    }

  n = ret_gazetteer_get_n_places (gazetteer);
  for (guint i = 0; i < n; i++)
    {
      const RetPlace *place = ret_gazetteer_get_nth (gazetteer, i);
      sqlite3_stmt *stmt;

      stmt = _ret_store_statement (self,
                                   "INSERT INTO places (code, kind, name, state_code, latitude, longitude, "
                                   "approximate) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
      if (stmt == NULL)
        return FALSE;
      _ret_store_bind_text (stmt, 1, place->code);
      _ret_store_bind_text (stmt, 2, place->kind == RET_PLACE_STATE ? "S" : "M");
      _ret_store_bind_text (stmt, 3, place->name);
      _ret_store_bind_text (stmt, 4, place->state_code);
      sqlite3_bind_double (stmt, 5, place->latitude);
      sqlite3_bind_double (stmt, 6, place->longitude);
      sqlite3_bind_int (stmt, 7, place->approximate);
      if (!_ret_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_vehicle (RetStore    *self,
                const char  *facility,
                const char  *kind,
                const char  *label,
                gint64       seats,
                gboolean     minors_only,
                gint64       weekdays,
                const char  *point,
                int          depart_minute,
                GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _ret_store_statement (self,
                               "INSERT INTO vehicles (facility, kind, label, seats, minors_only, "
                               "weekdays, point, depart_minute, sample) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1)", error);
  if (stmt == NULL)
    return FALSE;
  _ret_store_bind_text (stmt, 1, facility);
  _ret_store_bind_text (stmt, 2, kind);
  _ret_store_bind_text (stmt, 3, label);
  sqlite3_bind_int64 (stmt, 4, seats);
  sqlite3_bind_int (stmt, 5, minors_only ? 1 : 0);
  sqlite3_bind_int64 (stmt, 6, weekdays);
  _ret_store_bind_text (stmt, 7, point);
  bind_minute (stmt, 8, depart_minute);

  return _ret_store_step_done (self, stmt, error);
}

/* [1, 3] (Monday, Wednesday) → the bits of RetVehicle.weekdays; absent:
 * every day. */
static gint64
weekdays_bits (JsonObject *object)
{
  JsonArray *days;
  gint64 bits = 0;

  if (!json_object_has_member (object, "weekdays"))
    return 0x7f;

  days = json_object_get_array_member (object, "weekdays");
  for (guint i = 0; days != NULL && i < json_array_get_length (days); i++)
    {
      gint64 day = json_array_get_int_element (days, i);

      if (day >= 1 && day <= 7)
        bits |= 1 << (day - 1);
    }
  return bits != 0 ? bits : 0x7f;
}

/* The sample fleet of data/reference/fleet.json, for the facilities
 * (and airports) the database has: a database migrated from an older
 * version may hold fewer than the files. */
static gboolean
load_fleet (RetStore  *self,
            GError   **error)
{
  g_autoptr(JsonNode) root = load_reference_json ("reference/fleet.json", error);
  /* Labels are data, as the office would write them: not translated */
  static const struct { const char *kind; const char *count; const char *seats;
                        const char *label; gboolean minors_only; } road[] = {
    { "bus", "buses", "bus_seats", "Bus", FALSE },
    { "van", "vans", "van_seats", "Van", FALSE },
    { "van", "minors_vans", "minors_van_seats", "Minors van", TRUE },
  };
  JsonArray *array;

  if (root == NULL)
    return FALSE;

  array = json_object_get_array_member (json_node_get_object (root), "road");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      const char *facility = member_string (o, "facility");

      if (!ret_store_has_facility (self, facility))
        continue;

      for (guint k = 0; k < G_N_ELEMENTS (road); k++)
        {
          gint64 count = json_object_get_int_member_with_default (o, road[k].count, 0);
          gint64 seats = json_object_get_int_member_with_default (o, road[k].seats, 0);

          for (gint64 n = 1; n <= count; n++)
            {
              g_autofree char *label = g_strdup_printf ("%s %u", road[k].label, (guint) n);

              if (!insert_vehicle (self, facility, road[k].kind, label, seats, road[k].minors_only,
                                   weekdays_bits (o), NULL, RET_MINUTE_NONE, error))
                return FALSE;
            }
        }
    }

  array = json_object_get_array_member (json_node_get_object (root), "flights");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      const char *facility = member_string (o, "facility");
      const char *point = member_string (o, "point");
      int depart = RET_MINUTE_NONE;

      if (!ret_store_has_facility (self, facility) || !is_airport (self, point) ||
          !ret_minute_parse (member_string (o, "depart"), &depart))
        continue;

      if (!insert_vehicle (self, facility, "flight", member_string (o, "label"),
                           json_object_get_int_member (o, "seats"), FALSE, weekdays_bits (o),
                           point, depart, error))
        return FALSE;
    }

  return TRUE;
}

/*
 * ret_store_load_reference_data:
 *
 * Loads the bundled points, arrangements, sectors, facilities and the
 * gazetteer into an empty database, in one transaction.
 */
gboolean
ret_store_load_reference_data (RetStore  *self,
                               GError   **error)
{
  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  if (ret_store_has_reference_data (self))
    return TRUE;

  if (!_ret_store_begin (self, error))
    return FALSE;

  if (!load_facilities (self, error) ||
      !load_points (self, error) ||
      !load_arrangements (self, error) ||
      !load_places (self, error) ||
      (ret_store_get_schema_version (self) >= FLEET_SCHEMA_VERSION && !load_fleet (self, error)) ||
      !_ret_store_audit (self, NULL, "load-reference", "reference", NULL, NULL, error) ||
      !_ret_store_commit (self, error))
    {
      _ret_store_rollback (self);
      return FALSE;
    }

  _ret_store_emit (self, "points");
  return TRUE;
}

static GPtrArray *
list_point_hours (RetStore    *self,
                  const char  *point,
                  GError     **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_point_hours_free);
  RetPointHours *current = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _ret_store_statement (self,
                               "SELECT w.arrangement, a.name, w.weekday, w.open_minute, w.close_minute, "
                               "w.vulnerable_open_minute, w.vulnerable_close_minute, "
                               "w.minors_cutoff_minute, w.sample "
                               "FROM point_windows w JOIN arrangements a ON a.code = w.arrangement "
                               "WHERE w.point = ?1 ORDER BY a.name, w.arrangement, w.weekday", error);
  if (stmt == NULL)
    return NULL;

  _ret_store_bind_text (stmt, 1, point);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *arrangement = (const char *) sqlite3_column_text (stmt, 0);
      int weekday = sqlite3_column_int (stmt, 2);
      RetWindow *w;

      if (current == NULL || g_strcmp0 (current->arrangement, arrangement) != 0)
        {
          current = g_new0 (RetPointHours, 1);
          current->arrangement = g_strdup (arrangement);
          current->arrangement_name = _ret_store_column_dup (stmt, 1);
          for (guint d = 0; d < RET_N_WEEKDAYS; d++)
            current->week[d] = (RetWindow) { RET_MINUTE_NONE, RET_MINUTE_NONE, RET_MINUTE_NONE,
                                             RET_MINUTE_NONE, RET_MINUTE_NONE };
          g_ptr_array_add (result, current);
        }

      w = &current->week[weekday - 1];
      w->open = column_minute (stmt, 3);
      w->close = column_minute (stmt, 4);
      w->vulnerable_open = column_minute (stmt, 5);
      w->vulnerable_close = column_minute (stmt, 6);
      w->minors_cutoff = column_minute (stmt, 7);
      current->sample |= sqlite3_column_int (stmt, 8);
    }

  if (_ret_store_read_failed (self, rc, error))
    return NULL;

  return g_steal_pointer (&result);
}

#define POINT_COLUMNS \
  "code, us_port, city, latitude, longitude, timezone, minors_reception, airport, " \
  "daily_capacity, capacity_sample, remote_desert"

static RetPoint *
point_from_row (sqlite3_stmt *stmt)
{
  RetPoint *point = ret_point_new ();

  point->code = _ret_store_column_dup (stmt, 0);
  point->us_port = _ret_store_column_dup (stmt, 1);
  point->city = _ret_store_column_dup (stmt, 2);
  point->latitude = sqlite3_column_double (stmt, 3);
  point->longitude = sqlite3_column_double (stmt, 4);
  point->timezone = _ret_store_column_dup (stmt, 5);
  point->minors_reception = sqlite3_column_int (stmt, 6);
  point->airport = sqlite3_column_int (stmt, 7);
  point->daily_capacity = sqlite3_column_int (stmt, 8);
  point->capacity_sample = sqlite3_column_int (stmt, 9);
  point->remote_desert = sqlite3_column_int (stmt, 10);

  return point;
}

/*
 * ret_store_list_points:
 *
 * Returns: (transfer container) (element-type RetPoint): the points in
 *   geographic order, west to east along the border, then the airports
 */
GPtrArray *
ret_store_list_points (RetStore  *self,
                       GError   **error)
{
  g_autoptr(GPtrArray) points = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), NULL);

  stmt = _ret_store_statement (self,
                               "SELECT " POINT_COLUMNS " FROM points ORDER BY airport, longitude",
                               error);
  points = _ret_store_collect_rows (self, stmt, (RetStoreRowFunc) point_from_row,
                                    (GDestroyNotify) ret_point_free, error);
  if (points == NULL)
    return NULL;

  for (guint i = 0; i < points->len; i++)
    {
      RetPoint *point = g_ptr_array_index (points, i);
      GPtrArray *hours = list_point_hours (self, point->code, error);

      if (hours == NULL)
        return NULL;
      g_ptr_array_unref (point->hours);
      point->hours = hours;
    }

  return g_steal_pointer (&points);
}

RetPoint *
ret_store_get_point (RetStore    *self,
                     const char  *code,
                     GError     **error)
{
  g_autoptr(RetPoint) point = NULL;
  GPtrArray *hours;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), NULL);

  stmt = _ret_store_statement (self, "SELECT " POINT_COLUMNS " FROM points WHERE code = ?1", error);
  if (stmt == NULL)
    return NULL;

  _ret_store_bind_text (stmt, 1, code);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND,
                   _("Unknown repatriation point “%s”"), code);
      return NULL;
    }

  point = point_from_row (stmt);
  sqlite3_reset (stmt);
  hours = list_point_hours (self, code, error);
  if (hours == NULL)
    return NULL;
  g_ptr_array_unref (point->hours);
  point->hours = hours;

  return g_steal_pointer (&point);
}

static void add_change (JsonBuilder *builder, const char *field, const char *old_value,
                        const char *new_value, guint *n_changes);
static char *bool_text (gboolean value);

/* "06:00-21:00 vulnerable 07:00-20:00 minors until 18:00", for the audit log */
static char *
window_text (const RetWindow *w)
{
  g_autofree char *open = ret_minute_format (w->open);
  g_autofree char *close = ret_minute_format (w->close);
  g_autofree char *vopen = ret_minute_format (w->vulnerable_open);
  g_autofree char *vclose = ret_minute_format (w->vulnerable_close);
  g_autofree char *cutoff = ret_minute_format (w->minors_cutoff);

  if (w->open == RET_MINUTE_NONE)
    return g_strdup ("closed");

  return g_strdup_printf ("%s-%s vulnerable %s-%s minors until %s", open, close, vopen, vclose,
                          *cutoff != '\0' ? cutoff : "none");
}

/*
 * ret_store_update_point:
 *
 * Writes what a coordinator may edit of a point: daily capacity, minors
 * reception, the remote desert flag (R17) and the hours of each
 * arrangement.  Edited values stop being sample values.  One
 * transaction, one audit entry.
 */
gboolean
ret_store_update_point (RetStore        *self,
                        const RetPoint  *point,
                        const char      *actor,
                        GError         **error)
{
  g_autoptr(RetPoint) old = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) detail_node = NULL;
  g_autofree char *detail = NULL;
  gboolean capacity_changed;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);
  g_return_val_if_fail (point != NULL, FALSE);

  if (point->daily_capacity < 0 || point->daily_capacity > 100000)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   _("Daily capacity must be between 0 and 100000"));
      return FALSE;
    }

  for (guint i = 0; i < point->hours->len; i++)
    {
      const RetPointHours *hours = g_ptr_array_index (point->hours, i);

      for (guint d = 0; d < RET_N_WEEKDAYS; d++)
        {
          g_autoptr(GError) local_error = NULL;

          if (!ret_window_validate (&hours->week[d], &local_error))
            {
              g_autoptr(GDateTime) monday = g_date_time_new_utc (2024, 1, 1 + d, 0, 0, 0);
              g_autofree char *day = g_date_time_format (monday, "%A");

              g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                           "%s, %s: %s", hours->arrangement_name, day, local_error->message);
              return FALSE;
            }
        }
    }

  if (!_ret_store_begin (self, error))
    return FALSE;

  old = ret_store_get_point (self, point->code, error);
  if (old == NULL)
    goto fail;

  capacity_changed = old->daily_capacity != point->daily_capacity;
  stmt = _ret_store_statement (self,
                               "UPDATE points SET daily_capacity = ?2, minors_reception = ?3, "
                               "capacity_sample = capacity_sample AND NOT ?4, remote_desert = ?5 "
                               "WHERE code = ?1", error);
  if (stmt == NULL)
    goto fail;
  _ret_store_bind_text (stmt, 1, point->code);
  sqlite3_bind_int (stmt, 2, point->daily_capacity);
  sqlite3_bind_int (stmt, 3, point->minors_reception);
  sqlite3_bind_int (stmt, 4, capacity_changed);
  sqlite3_bind_int (stmt, 5, point->remote_desert ? 1 : 0);
  if (!_ret_store_step_done (self, stmt, error))
    goto fail;

  /* The audit entry says what each changed value was and became. */
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  {
    g_autofree char *old_capacity = g_strdup_printf ("%d", old->daily_capacity);
    g_autofree char *new_capacity = g_strdup_printf ("%d", point->daily_capacity);
    g_autofree char *old_minors = bool_text (old->minors_reception);
    g_autofree char *new_minors = bool_text (point->minors_reception);
    g_autofree char *old_desert = bool_text (old->remote_desert);
    g_autofree char *new_desert = bool_text (point->remote_desert);
    guint n_changes = 0;

    add_change (builder, "daily_capacity", old_capacity, new_capacity, &n_changes);
    add_change (builder, "minors_reception", old_minors, new_minors, &n_changes);
    add_change (builder, "remote_desert", old_desert, new_desert, &n_changes);
  }

  for (guint i = 0; i < point->hours->len; i++)
    {
      const RetPointHours *hours = g_ptr_array_index (point->hours, i);
      const RetPointHours *old_hours = ret_point_get_hours (old, hours->arrangement);

      if (old_hours == NULL)
        {
          g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                       _("Point %s is not part of arrangement %s"), point->code, hours->arrangement);
          goto fail;
        }

      for (guint d = 0; d < RET_N_WEEKDAYS; d++)
        {
          gboolean changed = memcmp (&hours->week[d], &old_hours->week[d], sizeof (RetWindow)) != 0;

          if (!changed)
            continue;

          if (!insert_window (self, hours->arrangement, point->code, d + 1, &hours->week[d],
                              FALSE, error))
            goto fail;

          {
            static const char * const days[] = { "monday", "tuesday", "wednesday", "thursday",
                                                  "friday", "saturday", "sunday" };
            g_autofree char *key = g_strdup_printf ("hours %s %s", hours->arrangement, days[d]);
            g_autofree char *old_text = window_text (&old_hours->week[d]);
            g_autofree char *new_text = window_text (&hours->week[d]);
            guint n_changes = 0;

            add_change (builder, key, old_text, new_text, &n_changes);
          }
        }
    }
  json_builder_end_object (builder);
  detail_node = json_builder_get_root (builder);
  detail = json_to_string (detail_node, FALSE);

  if (!_ret_store_audit (self, actor, "update", "point", point->code, detail, error) ||
      !_ret_store_commit (self, error))
    goto fail;

  _ret_store_emit (self, "points");
  return TRUE;

fail:
  _ret_store_rollback (self);
  return FALSE;
}

static RetFacility *
facility_from_row (sqlite3_stmt *stmt)
{
  RetFacility *facility = g_new0 (RetFacility, 1);

  facility->code = _ret_store_column_dup (stmt, 0);
  facility->name = _ret_store_column_dup (stmt, 1);
  facility->sector = _ret_store_column_dup (stmt, 2);
  facility->sector_name = _ret_store_column_dup (stmt, 3);
  facility->kind = _ret_store_column_dup (stmt, 4);
  facility->latitude = sqlite3_column_double (stmt, 5);
  facility->longitude = sqlite3_column_double (stmt, 6);
  facility->coordinates_approximate = sqlite3_column_int (stmt, 7);
  facility->timezone = _ret_store_column_dup (stmt, 8);

  return facility;
}

/*
 * ret_store_list_facilities:
 *
 * Returns: (transfer container) (element-type RetFacility)
 */
GPtrArray *
ret_store_list_facilities (RetStore  *self,
                           GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), NULL);

  stmt = _ret_store_statement (self,
                               "SELECT f.code, f.name, f.sector, s.name, f.kind, f.latitude, f.longitude, "
                               "f.coordinates_approximate, f.timezone FROM facilities f "
                               "JOIN sectors s ON s.code = f.sector ORDER BY f.longitude", error);

  return _ret_store_collect_rows (self, stmt, (RetStoreRowFunc) facility_from_row,
                                  (GDestroyNotify) ret_facility_free, error);
}

gboolean
ret_store_has_facility (RetStore   *self,
                        const char *code)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  stmt = _ret_store_statement (self, "SELECT 1 FROM facilities WHERE code = ?1", NULL);
  if (stmt == NULL)
    return FALSE;

  _ret_store_bind_text (stmt, 1, code);
  return _ret_store_step_exists (stmt);
}

static gboolean
has_place (RetStore   *self,
           const char *code)
{
  sqlite3_stmt *stmt = _ret_store_statement (self, "SELECT 1 FROM places WHERE code = ?1 AND kind = 'M'", NULL);

  if (stmt == NULL)
    return FALSE;

  _ret_store_bind_text (stmt, 1, code);
  return _ret_store_step_exists (stmt);
}

/* ------------------------------------------------------------------ */
/* Persons                                                            */

gboolean
ret_store_has_a_number (RetStore   *self,
                        const char *a_number)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  stmt = _ret_store_statement (self, "SELECT 1 FROM persons WHERE a_number = ?1", NULL);
  if (stmt == NULL)
    return FALSE;

  _ret_store_bind_text (stmt, 1, a_number);
  return _ret_store_step_exists (stmt);
}

/* Whether @text is valid UTF-8 of at most @max_bytes with no control
 * characters other than those in @allowed (e.g. "\t\n" for notes). */
gboolean
_ret_store_is_clean_text (const char *text,
                          gsize       max_bytes,
                          const char *allowed)
{
  if (text == NULL)
    return TRUE;

  if (strlen (text) > max_bytes || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (((guchar) *p < 0x20 || *p == 0x7f) && strchr (allowed, *p) == NULL)
      return FALSE;

  return TRUE;
}

gboolean
_ret_store_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

/*
 * ret_store_validate_person:
 *
 * The checks every write of a person passes, whatever wrote it: required
 * fields, codes that exist, and the facts that cannot both be true (an
 * "unaccompanied minor" who is an adult).  The message names the field.
 */
gboolean
ret_store_validate_person (RetStore         *self,
                           const RetPerson  *person,
                           GError          **error)
{
  GDate today;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);
  g_return_val_if_fail (person != NULL, FALSE);

  ret_date_today (&today);

#define INVALID(...) \
  G_STMT_START { \
    g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID, __VA_ARGS__); \
    return FALSE; \
  } G_STMT_END

  if (is_blank (person->a_number))
    INVALID (_("A-number: required"));
  if (strlen (person->a_number) > RET_A_NUMBER_MAX_LENGTH)
    INVALID (_("A-number: at most %d characters"), RET_A_NUMBER_MAX_LENGTH);
  for (const char *p = person->a_number; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      INVALID (_("A-number: only letters, digits and “-”"));
  if (is_blank (person->family_name))
    INVALID (_("Family name: required"));
  if (!is_clean_text (person->family_name, RET_NAME_MAX_BYTES, ""))
    INVALID (_("Family name: too long, or holds line breaks or control characters"));
  if (is_blank (person->given_names))
    INVALID (_("Given names: required"));
  if (!is_clean_text (person->given_names, RET_NAME_MAX_BYTES, ""))
    INVALID (_("Given names: too long, or holds line breaks or control characters"));
  if (!is_clean_text (person->family_group, RET_NAME_MAX_BYTES, ""))
    INVALID (_("Family group: too long, or holds line breaks or control characters"));
  if (!is_clean_text (person->origin_locality, RET_NAME_MAX_BYTES, ""))
    INVALID (_("Origin: the locality name is too long, or holds control characters"));
  if (!is_clean_text (person->notes, RET_NOTES_MAX_BYTES, "\t\n\r"))
    INVALID (_("Notes: longer than %d bytes, or holds control characters"), RET_NOTES_MAX_BYTES);
  if (!is_clean_text (person->medical_notes, RET_NOTES_MAX_BYTES, "\t\n\r"))
    INVALID (_("Medical notes: longer than %d bytes, or holds control characters"),
             RET_NOTES_MAX_BYTES);
  if (person->sex != RET_SEX_FEMALE && person->sex != RET_SEX_MALE && person->sex != RET_SEX_OTHER)
    INVALID (_("Sex: must be F, M or X"));
  if (!g_date_valid (&person->birth_date))
    INVALID (_("Birth date: required"));
  if (g_date_compare (&person->birth_date, &today) > 0)
    INVALID (_("Birth date: in the future"));
  if (ret_person_get_age (person, &today) > RET_MAX_AGE)
    INVALID (_("Birth date: more than %d years ago"), RET_MAX_AGE);
  {
    gint64 now = _ret_store_now ();
    g_autoptr(GDateTime) apprehended = g_date_time_new_from_unix_utc (person->apprehended_at);
    GDate apprehended_date;

    if (person->apprehended_at < RET_EARLIEST_APPREHENSION)
      INVALID (_("Apprehended: before the year 2000"));
    if (person->apprehended_at > now + 24 * 3600)
      INVALID (_("Apprehended: in the future"));
    /* A day of slack: the instant is UTC, the birth date a local date. */
    g_date_clear (&apprehended_date, 1);
    g_date_set_dmy (&apprehended_date, g_date_time_get_day_of_month (apprehended),
                    g_date_time_get_month (apprehended), g_date_time_get_year (apprehended));
    g_date_add_days (&apprehended_date, 1);
    if (g_date_compare (&apprehended_date, &person->birth_date) < 0)
      INVALID (_("Apprehended: before the birth date"));
  }
  if (person->nationality == NULL || strlen (person->nationality) != 3 ||
      !g_ascii_isupper (person->nationality[0]) || !g_ascii_isupper (person->nationality[1]) ||
      !g_ascii_isupper (person->nationality[2]))
    INVALID (_("Nationality: must be a three-letter ISO 3166 code such as MEX"));
  if (person->facility == NULL || !ret_store_has_facility (self, person->facility))
    INVALID (_("Facility: unknown facility “%s”"), person->facility ? person->facility : "");
  if (person->origin_code != NULL && !has_place (self, person->origin_code))
    INVALID (_("Origin: unknown municipality code “%s”"), person->origin_code);
  if (person->origin_code == NULL && g_strcmp0 (person->nationality, "MEX") == 0)
    INVALID (_("Origin: required for Mexican nationals"));
  if ((person->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR) &&
      !ret_person_is_minor (person, &today))
    INVALID (_("Unaccompanied minor: the person is not a minor by birth date"));
  if ((person->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR) && !is_blank (person->family_group))
    INVALID (_("Family group: an unaccompanied minor travels without family"));
  if ((person->flags & RET_PERSON_FLAG_PREGNANT) && person->sex == RET_SEX_MALE)
    INVALID (_("Pregnant: not possible for sex M"));

#undef INVALID

  return TRUE;
}

static char *
person_sort_key (const RetPerson *person)
{
  g_autofree char *joined = g_strconcat (person->family_name, " ", person->given_names, NULL);

  return ret_text_fold (joined);
}

static char *
person_search_key (const RetPerson *person,
                   const char      *origin_label)
{
  g_autofree char *joined = g_strjoin (" ", person->a_number, person->family_name,
                                       person->given_names,
                                       origin_label ? origin_label : "",
                                       person->origin_locality ? person->origin_locality : "",
                                       NULL);

  return ret_text_fold (joined);
}

/* The label of the origin for search and display: "León, Guanajuato" */
static char *
origin_label (const char *origin_code)
{
  RetGazetteer *gazetteer;
  const RetPlace *place;

  if (origin_code == NULL)
    return NULL;

  gazetteer = ret_gazetteer_get_default ();
  place = gazetteer != NULL ? ret_gazetteer_get (gazetteer, origin_code) : NULL;

  return place != NULL ? ret_gazetteer_dup_label (gazetteer, place) : NULL;
}

static gboolean
family_group_id (RetStore    *self,
                 const char  *label,
                 GHashTable  *cache,
                 gint64      *id,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  gpointer cached;

  if (cache != NULL && g_hash_table_lookup_extended (cache, label, NULL, &cached))
    {
      *id = GPOINTER_TO_SIZE (cached);
      return TRUE;
    }

  stmt = _ret_store_statement (self,
                               "INSERT INTO family_groups (label) VALUES (?1) "
                               "ON CONFLICT (label) DO UPDATE SET label = excluded.label RETURNING id",
                               error);
  if (stmt == NULL)
    return FALSE;

  _ret_store_bind_text (stmt, 1, label);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _ret_store_set_db_error (self, sqlite3_reset (stmt), error, "family group");

  *id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (cache != NULL)
    g_hash_table_insert (cache, g_strdup (label), GSIZE_TO_POINTER (*id));

  return TRUE;
}

/* What bind_person() works out and binds without a copy: kept until
 * the statement has been stepped. */
typedef struct
{
  char *birth;
  char *sort_key;
  char *search_key;
} PersonKeys;

static void
person_keys_clear (PersonKeys *keys)
{
  g_clear_pointer (&keys->birth, g_free);
  g_clear_pointer (&keys->sort_key, g_free);
  g_clear_pointer (&keys->search_key, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PersonKeys, person_keys_clear)

/* Without a copy: SQLite copying every text of every person was a good
 * part of a large import.  @text must outlive the statement's step. */
static void
bind_text_static (sqlite3_stmt *stmt,
                  int           index,
                  const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

/* @label: the origin's label, from origin_label().  Binds @person's texts
 * and @keys' by reference: both must outlive the step; clear the
 * bindings after it. */
static void
bind_person (sqlite3_stmt    *stmt,
             const RetPerson *person,
             const char      *label,
             gint64           family_id,
             gint64           now,
             PersonKeys      *keys)
{
  char sex[2] = { (char) person->sex, '\0' };

  person_keys_clear (keys);
  keys->birth = ret_date_format (&person->birth_date);
  keys->sort_key = person_sort_key (person);
  keys->search_key = person_search_key (person, label);

  bind_text_static (stmt, 1, person->a_number);
  bind_text_static (stmt, 2, person->family_name);
  bind_text_static (stmt, 3, person->given_names);
  sqlite3_bind_text (stmt, 4, sex, -1, SQLITE_TRANSIENT);
  bind_text_static (stmt, 5, keys->birth);
  bind_text_static (stmt, 6, person->nationality);
  sqlite3_bind_int (stmt, 7, person->nationality_verified);
  bind_text_static (stmt, 8, person->facility);
  sqlite3_bind_int64 (stmt, 9, person->apprehended_at);
  bind_text_static (stmt, 10, person->origin_code);
  bind_text_static (stmt, 11, person->origin_locality);
  if (family_id > 0)
    sqlite3_bind_int64 (stmt, 12, family_id);
  else
    sqlite3_bind_null (stmt, 12);
  sqlite3_bind_int (stmt, 13, person->flags & RET_PERSON_FLAGS_ALL);
  sqlite3_bind_int (stmt, 14, person->medical_fit);
  sqlite3_bind_int (stmt, 15, person->interior_consent);
  bind_text_static (stmt, 16, person->notes != NULL ? person->notes : "");
  bind_text_static (stmt, 17, ret_person_status_to_string (person->status));
  bind_text_static (stmt, 18, keys->sort_key);
  bind_text_static (stmt, 19, keys->search_key);
  sqlite3_bind_int64 (stmt, 20, now);
  bind_text_static (stmt, 22, person->medical_notes != NULL ? person->medical_notes : "");
}

/*
 * ret_store_insert_persons:
 * @persons: (element-type RetPerson): the persons to add
 * @source: what they came from, for the audit log (e.g. the file name)
 *
 * Adds all of @persons, or none: one transaction.  Family groups are
 * created by label.  An A-number that is already stored fails the whole
 * call with RET_STORE_ERROR_CONFLICT.
 */
gboolean
ret_store_insert_persons (RetStore    *self,
                          GPtrArray   *persons,
                          const char  *actor,
                          const char  *source,
                          GError     **error)
{
  g_autoptr(GHashTable) families = NULL;
  g_autoptr(GHashTable) labels = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) detail_node = NULL;
  g_autofree char *detail = NULL;
  g_auto(PersonKeys) keys = { NULL, };
  gint64 now = _ret_store_now ();
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);
  g_return_val_if_fail (persons != NULL, FALSE);

  families = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!_ret_store_begin (self, error))
    return FALSE;

  /* Looked up once, not per person: hashing the SQL text each time was
   * a tenth of a large import.  Every value is bound for every person
   * (NULL where there is none), so nothing is left from the one before. */
  stmt = _ret_store_statement (self,
                               "INSERT INTO persons (a_number, family_name, given_names, sex, birth_date, "
                               "nationality, nationality_verified, facility, apprehended_at, origin_place, "
                               "origin_locality, family_group_id, flags, medical_fit, interior_consent, notes, "
                               "status, sort_key, search_key, created_at, updated_at, medical_notes) VALUES "
                               "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
                               "?18, ?19, ?20, ?20, ?22)", error);
  if (stmt == NULL)
    goto fail;

  for (guint i = 0; i < persons->len; i++)
    {
      const RetPerson *person = g_ptr_array_index (persons, i);
      const char *label;
      gint64 family_id = 0;
      int rc;

      if (!is_blank (person->family_group) &&
          !family_group_id (self, person->family_group, families, &family_id, error))
        goto fail;

      if (person->origin_code != NULL)
        {
          /* Rosters repeat a few hundred origins: label each once. */
          label = g_hash_table_lookup (labels, person->origin_code);
          if (label == NULL)
            {
              char *new_label = origin_label (person->origin_code);

              g_hash_table_insert (labels, g_strdup (person->origin_code), new_label);
              label = new_label;
            }
        }
      else
        label = NULL;

      bind_person (stmt, person, label, family_id, now, &keys);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_CONSTRAINT_UNIQUE)
        {
          g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_CONFLICT,
                       _("A-number %s is already stored"), person->a_number);
          goto fail;
        }
      else if (rc != SQLITE_DONE)
        {
          _ret_store_set_db_error (self, rc, error, "insert person");
          goto fail;
        }
    }

  sqlite3_clear_bindings (stmt);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, persons->len);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, source != NULL ? source : "");
  json_builder_end_object (builder);
  detail_node = json_builder_get_root (builder);
  detail = json_to_string (detail_node, FALSE);

  if (!_ret_store_audit (self, actor, "import", "persons", NULL, detail, error) ||
      !_ret_store_commit (self, error))
    goto fail;

  _ret_store_emit (self, "persons");
  return TRUE;

fail:
  if (stmt != NULL)
    sqlite3_clear_bindings (stmt);
  _ret_store_rollback (self);
  return FALSE;
}

/* In ret-store-private.h, for ret-store-rules.c too */
#define WITH_INFANT_SQL _RET_STORE_WITH_INFANT_SQL
#define PERSON_COLUMNS _RET_STORE_PERSON_COLUMNS
#define PERSON_FROM _RET_STORE_PERSON_FROM
#define person_from_row _ret_store_person_from_row

RetPerson *
person_from_row (sqlite3_stmt *stmt)
{
  RetPerson *person = ret_person_new ();
  const char *sex = (const char *) sqlite3_column_text (stmt, 4);
  const char *municipality = (const char *) sqlite3_column_text (stmt, 18);
  const char *state = (const char *) sqlite3_column_text (stmt, 19);

  person->id = sqlite3_column_int64 (stmt, 0);
  person->a_number = _ret_store_column_dup (stmt, 1);
  person->family_name = _ret_store_column_dup (stmt, 2);
  person->given_names = _ret_store_column_dup (stmt, 3);
  person->sex = sex != NULL ? (RetSex) sex[0] : RET_SEX_OTHER;
  ret_date_parse ((const char *) sqlite3_column_text (stmt, 5), &person->birth_date, NULL);
  person->nationality = _ret_store_column_dup (stmt, 6);
  person->nationality_verified = sqlite3_column_int (stmt, 7);
  person->facility = _ret_store_column_dup (stmt, 8);
  person->apprehended_at = sqlite3_column_int64 (stmt, 9);
  person->origin_code = _ret_store_column_dup (stmt, 10);
  person->origin_locality = _ret_store_column_dup (stmt, 11);
  person->family_group = _ret_store_column_dup (stmt, 12);
  person->flags = sqlite3_column_int (stmt, 13);
  person->medical_fit = sqlite3_column_int (stmt, 14);
  person->interior_consent = sqlite3_column_int (stmt, 15);
  person->notes = _ret_store_column_dup (stmt, 16);
  ret_person_status_from_string ((const char *) sqlite3_column_text (stmt, 17), &person->status);
  if (municipality != NULL && state != NULL)
    person->origin_label = g_strconcat (municipality, ", ", state, NULL);
  person->facility_name = _ret_store_column_dup (stmt, 20);
  person->facility_tz = _ret_store_column_dup (stmt, 21);
  person->travelling_with_infant = sqlite3_column_int (stmt, 22);
  person->revision = sqlite3_column_int64 (stmt, 23);
  person->medical_notes = _ret_store_column_dup (stmt, 24);

  return person;
}

/* Dates that split minors, adults and the elderly today. */
static void
age_limits (char minor_after[11],
            char elderly_until[11])
{
  GDate today, limit;

  ret_date_today (&today);

  limit = today;
  g_date_subtract_years (&limit, RET_ADULT_AGE);
  g_snprintf (minor_after, 11, "%04u-%02u-%02u", g_date_get_year (&limit),
              g_date_get_month (&limit), g_date_get_day (&limit));

  limit = today;
  g_date_subtract_years (&limit, RET_ELDERLY_AGE);
  g_snprintf (elderly_until, 11, "%04u-%02u-%02u", g_date_get_year (&limit),
              g_date_get_month (&limit), g_date_get_day (&limit));
}

static char *
like_pattern (const char *search)
{
  g_autofree char *folded = ret_text_fold (search);
  GString *pattern = g_string_new ("%");

  for (const char *p = folded; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

/* Builds the WHERE clause of a person query; parameters ?1 … ?3 are the
 * search pattern and the two age limits. */
static char *
person_query_sql (const char           *select,
                  const RetPersonQuery *query,
                  const char           *order)
{
  GString *sql = g_string_new (select);
  RetPersonFilter filter = query != NULL ? query->filter : 0;

  g_string_append (sql, " FROM persons p WHERE 1");

  if (query != NULL && !is_blank (query->search))
    g_string_append (sql, " AND p.search_key LIKE ?1 ESCAPE '\\'");
  if (filter & RET_PERSON_FILTER_MINORS)
    g_string_append (sql, " AND p.birth_date > ?2");
  if (filter & RET_PERSON_FILTER_UNACCOMPANIED)
    g_string_append (sql, " AND (p.flags & 1) != 0");
  if (filter & RET_PERSON_FILTER_VULNERABLE)
    g_string_append (sql, " AND ((p.flags & 15) != 0 OR p.birth_date > ?2 OR p.birth_date <= ?3"
                          " OR " WITH_INFANT_SQL ")");
  if (filter & RET_PERSON_FILTER_CRIMINAL)
    g_string_append (sql, " AND (p.flags & 16) != 0");
  if (filter & RET_PERSON_FILTER_UNPLANNED)
    g_string_append (sql, " AND p.status = 'awaiting'");

  if (order != NULL)
    g_string_append (sql, order);

  return g_string_free (sql, FALSE);
}

static sqlite3_stmt *
prepare_person_query (RetStore              *self,
                      const char            *select,
                      const RetPersonQuery  *query,
                      const char            *order,
                      GError               **error)
{
  g_autofree char *sql = person_query_sql (select, query, order);
  char minor_after[11], elderly_until[11];
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Queries vary with the filter; prepare them fresh (cheap next to the
   * scan) rather than caching every combination. */
  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _ret_store_set_db_error (self, rc, error, "query");
      return NULL;
    }

  age_limits (minor_after, elderly_until);
  if (query != NULL && !is_blank (query->search))
    {
      g_autofree char *pattern = like_pattern (query->search);

      sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_text (stmt, 2, minor_after, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, elderly_until, -1, SQLITE_TRANSIENT);

  return stmt;
}

gint64
ret_store_count_persons (RetStore              *self,
                         const RetPersonQuery  *query,
                         GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RET_IS_STORE (self), -1);

  stmt = prepare_person_query (self, "SELECT count(*)", query, NULL, error);
  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _ret_store_set_db_error (self, rc, error, "count");
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/*
 * ret_store_query_person_ids:
 *
 * The ids of the persons that match @query, sorted by family name and
 * given names (accents and case folded).  Cheap enough for 100,000
 * persons to back a list model that fetches rows on demand.
 *
 * Returns: (transfer full) (element-type gint64)
 */
GArray *
ret_store_query_person_ids (RetStore              *self,
                            const RetPersonQuery  *query,
                            GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (RET_IS_STORE (self), NULL);

  stmt = prepare_person_query (self, "SELECT p.id", query, " ORDER BY p.sort_key, p.id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      _ret_store_set_db_error (self, rc, error, "query");
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/*
 * ret_store_get_persons:
 *
 * Returns: (transfer full) (element-type RetPerson): the persons with
 *   @ids in the same order; an id that no longer exists is skipped
 */
GPtrArray *
ret_store_get_persons (RetStore      *self,
                       const gint64  *ids,
                       guint          n_ids,
                       GError       **error)
{
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);
  g_autoptr(GString) id_list = NULL;
  g_autofree RetPerson **slots = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RET_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  if (n_ids == 0)
    return g_steal_pointer (&persons);

  /* One statement for all of them: a statement per id was a read
   * transaction per id, most of the time of loading a whole roster.
   * json_each() walks the ids in their order and each finds its row by
   * rowid (CROSS JOIN keeps that order of the loops); its key says where
   * the person goes, so that a repeated id gives the person twice. */
  stmt = _ret_store_statement (self,
                               "SELECT " PERSON_COLUMNS ", j.key"
                               " FROM json_each(?1) j CROSS JOIN persons p ON p.id = j.value"
                               _RET_STORE_PERSON_JOINS, error);
  if (stmt == NULL)
    return NULL;

  id_list = g_string_sized_new (n_ids * 8 + 2);
  g_string_append_c (id_list, '[');
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (id_list, i > 0 ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT, ids[i]);
  g_string_append_c (id_list, ']');
  sqlite3_bind_text (stmt, 1, id_list->str, (int) id_list->len, SQLITE_STATIC);

  slots = g_new0 (RetPerson *, n_ids);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 key = sqlite3_column_int64 (stmt, _RET_STORE_N_PERSON_COLUMNS);

      if (key >= 0 && key < (gint64) n_ids && slots[key] == NULL)
        slots[key] = person_from_row (stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  for (guint i = 0; i < n_ids; i++)
    if (slots[i] != NULL)
      g_ptr_array_add (persons, slots[i]);

  if (_ret_store_read_failed (self, rc, error))
    return NULL;

  return g_steal_pointer (&persons);
}

RetPerson *
ret_store_get_person (RetStore  *self,
                      gint64     id,
                      GError   **error)
{
  g_autoptr(GPtrArray) persons = ret_store_get_persons (self, &id, 1, error);

  if (persons == NULL)
    return NULL;

  if (persons->len == 0)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND,
                   _("This person is no longer in the database"));
      return NULL;
    }

  return g_ptr_array_steal_index (persons, 0);
}

gboolean
ret_store_has_family_group (RetStore   *self,
                            const char *label)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  stmt = _ret_store_statement (self,
                               "SELECT 1 FROM persons p JOIN family_groups g ON g.id = p.family_group_id "
                               "WHERE g.label = ?1 LIMIT 1", NULL);
  if (stmt == NULL)
    return FALSE;

  _ret_store_bind_text (stmt, 1, label);
  return _ret_store_step_exists (stmt);
}

/*
 * ret_store_list_family:
 *
 * Returns: (transfer full) (element-type RetPerson): the members of the
 *   family group labelled @family_group, oldest first
 */
GPtrArray *
ret_store_list_family (RetStore    *self,
                       const char  *family_group,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), NULL);

  if (is_blank (family_group))
    return g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);

  stmt = _ret_store_statement (self,
                               "SELECT " PERSON_COLUMNS PERSON_FROM
                               " WHERE g.label = ?1 ORDER BY p.birth_date, p.id", error);
  if (stmt == NULL)
    return NULL;

  _ret_store_bind_text (stmt, 1, family_group);
  return _ret_store_collect_rows (self, stmt, (RetStoreRowFunc) person_from_row,
                                  (GDestroyNotify) ret_person_free, error);
}

static void
add_change (JsonBuilder *builder,
            const char  *field,
            const char  *old_value,
            const char  *new_value,
            guint       *n_changes)
{
  if (g_strcmp0 (old_value, new_value) == 0)
    return;

  json_builder_set_member_name (builder, field);
  json_builder_begin_array (builder);
  if (old_value != NULL)
    json_builder_add_string_value (builder, old_value);
  else
    json_builder_add_null_value (builder);
  if (new_value != NULL)
    json_builder_add_string_value (builder, new_value);
  else
    json_builder_add_null_value (builder);
  json_builder_end_array (builder);
  (*n_changes)++;
}

static char *
bool_text (gboolean value)
{
  return g_strdup (value ? "yes" : "no");
}

/*
 * ret_store_update_person:
 *
 * Saves an edited person: validated, written in one transaction with an
 * audit entry that lists each changed field with its old and new value.
 * Saving an unchanged person writes nothing.
 */
gboolean
ret_store_update_person (RetStore         *self,
                         const RetPerson  *person,
                         const char       *actor,
                         GError          **error)
{
  g_autoptr(RetPerson) old = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) detail_node = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *id_text = NULL;
  g_auto(PersonKeys) keys = { NULL, };
  gint64 family_id = 0;
  guint n_changes = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);
  g_return_val_if_fail (person != NULL, FALSE);

  if (!ret_store_validate_person (self, person, error))
    return FALSE;

  /* The record is compared with what the form was read from inside the
   * write transaction, so no other program's edit can slip in between. */
  if (!_ret_store_begin (self, error))
    return FALSE;

  old = ret_store_get_person (self, person->id, error);
  if (old == NULL)
    goto fail;

  if (old->revision != person->revision)
    {
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_CONFLICT,
                           _("This person was changed elsewhere since you opened the record; "
                             "revert to see the current record, then make your change again"));
      goto fail;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  {
    g_autofree char *old_birth = ret_date_format (&old->birth_date);
    g_autofree char *new_birth = ret_date_format (&person->birth_date);
    g_autofree char *old_flags = g_strdup_printf ("%u", old->flags);
    g_autofree char *new_flags = g_strdup_printf ("%u", person->flags & RET_PERSON_FLAGS_ALL);
    g_autofree char *old_verified = bool_text (old->nationality_verified);
    g_autofree char *new_verified = bool_text (person->nationality_verified);
    g_autofree char *old_fit = bool_text (old->medical_fit);
    g_autofree char *new_fit = bool_text (person->medical_fit);
    g_autofree char *old_consent = bool_text (old->interior_consent);
    g_autofree char *new_consent = bool_text (person->interior_consent);
    g_autofree char *old_at = g_strdup_printf ("%" G_GINT64_FORMAT, old->apprehended_at);
    g_autofree char *new_at = g_strdup_printf ("%" G_GINT64_FORMAT, person->apprehended_at);
    char old_sex[2] = { (char) old->sex, 0 }, new_sex[2] = { (char) person->sex, 0 };

    add_change (builder, "a_number", old->a_number, person->a_number, &n_changes);
    add_change (builder, "family_name", old->family_name, person->family_name, &n_changes);
    add_change (builder, "given_names", old->given_names, person->given_names, &n_changes);
    add_change (builder, "sex", old_sex, new_sex, &n_changes);
    add_change (builder, "birth_date", old_birth, new_birth, &n_changes);
    add_change (builder, "nationality", old->nationality, person->nationality, &n_changes);
    add_change (builder, "nationality_verified", old_verified, new_verified, &n_changes);
    add_change (builder, "facility", old->facility, person->facility, &n_changes);
    add_change (builder, "apprehended_at", old_at, new_at, &n_changes);
    add_change (builder, "origin", old->origin_code, person->origin_code, &n_changes);
    add_change (builder, "origin_locality", old->origin_locality, person->origin_locality, &n_changes);
    add_change (builder, "family_group", old->family_group,
                is_blank (person->family_group) ? NULL : person->family_group, &n_changes);
    add_change (builder, "flags", old_flags, new_flags, &n_changes);
    add_change (builder, "medical_fit", old_fit, new_fit, &n_changes);
    add_change (builder, "interior_consent", old_consent, new_consent, &n_changes);
    add_change (builder, "notes", old->notes, person->notes ? person->notes : "", &n_changes);
    add_change (builder, "medical_notes", old->medical_notes,
                person->medical_notes ? person->medical_notes : "", &n_changes);
    add_change (builder, "status", ret_person_status_to_string (old->status),
                ret_person_status_to_string (person->status), &n_changes);
  }
  json_builder_end_object (builder);

  if (n_changes == 0)
    {
      _ret_store_rollback (self);
      return TRUE;
    }

  detail_node = json_builder_get_root (builder);
  detail = json_to_string (detail_node, FALSE);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, person->id);

  if (!is_blank (person->family_group) &&
      !family_group_id (self, person->family_group, NULL, &family_id, error))
    goto fail;

  stmt = _ret_store_statement (self,
                               "UPDATE persons SET a_number = ?1, family_name = ?2, given_names = ?3, "
                               "sex = ?4, birth_date = ?5, nationality = ?6, nationality_verified = ?7, "
                               "facility = ?8, apprehended_at = ?9, origin_place = ?10, origin_locality = ?11, "
                               "family_group_id = ?12, flags = ?13, medical_fit = ?14, interior_consent = ?15, "
                               "notes = ?16, status = ?17, sort_key = ?18, search_key = ?19, updated_at = ?20, "
                               "medical_notes = ?22, revision = revision + 1 WHERE id = ?21", error);
  if (stmt == NULL)
    goto fail;

  {
    g_autofree char *label = origin_label (person->origin_code);

    bind_person (stmt, person, label, family_id, _ret_store_now (), &keys);
  }
  sqlite3_bind_int64 (stmt, 21, person->id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_CONFLICT,
                   _("A-number: %s belongs to another person"), person->a_number);
      goto fail;
    }
  else if (rc != SQLITE_DONE)
    {
      _ret_store_set_db_error (self, rc, error, "update person");
      goto fail;
    }

  if (!_ret_store_audit (self, actor, "update", "person", id_text, detail, error) ||
      !_ret_store_commit (self, error))
    goto fail;

  g_signal_emit (self, signals[PERSON_CHANGED], 0, person->id);
  return TRUE;

fail:
  _ret_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Transfers                                                          */

/* The columns of _RET_STORE_TRANSFER_COLUMNS, read into a new transfer. */
RetTransfer *
_ret_store_transfer_from_row (sqlite3_stmt *stmt)
{
  RetTransfer *t = g_new0 (RetTransfer, 1);

  t->id = sqlite3_column_int64 (stmt, 0);
  t->code = _ret_store_column_dup (stmt, 1);
  t->mode = _ret_store_column_dup (stmt, 2);
  t->facility = _ret_store_column_dup (stmt, 3);
  t->point = _ret_store_column_dup (stmt, 4);
  t->depart_at = sqlite3_column_int64 (stmt, 5);
  t->handover_at = sqlite3_column_int64 (stmt, 6);
  t->seats = sqlite3_column_int (stmt, 7);
  t->status = _ret_store_column_dup (stmt, 8);
  t->n_persons = sqlite3_column_int (stmt, 9);

  return t;
}

/*
 * ret_store_list_transfers:
 * @from_utc, @to_utc: the handover times wanted, [from, to)
 *
 * Returns: (transfer full) (element-type RetTransfer): the transfers of
 *   every plan whose handover falls in the span, by point and handover
 */
GPtrArray *
ret_store_list_transfers (RetStore  *self,
                          gint64     from_utc,
                          gint64     to_utc,
                          GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), NULL);

  stmt = _ret_store_statement (self,
                               "SELECT " _RET_STORE_TRANSFER_COLUMNS " FROM transfers t "
                               "WHERE t.handover_at >= ?1 AND t.handover_at < ?2 "
                               "AND t.status != 'cancelled' ORDER BY t.point, t.handover_at, t.id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, from_utc);
  sqlite3_bind_int64 (stmt, 2, to_utc);
  return _ret_store_collect_rows (self, stmt, (RetStoreRowFunc) _ret_store_transfer_from_row,
                                  (GDestroyNotify) ret_transfer_free, error);
}

/*
 * _ret_store_add_transfer:
 *
 * Stores one transfer in a new draft plan covering its day, with an empty
 * manifest.  For tests and demonstrations until the scheduler writes
 * plans; returns the transfer's id, or 0 with @error set.
 */
gint64
_ret_store_add_transfer (RetStore           *self,
                         const RetTransfer  *transfer,
                         GError            **error)
{
  g_autoptr(GDateTime) handover = g_date_time_new_from_unix_utc (transfer->handover_at);
  g_autofree char *day = g_date_time_format (handover, "%Y-%m-%d");
  sqlite3_stmt *stmt;
  gint64 plan_id, id;

  if (!_ret_store_begin (self, error))
    return 0;

  stmt = _ret_store_statement (self,
                               "INSERT INTO plans (from_date, days, created_at) VALUES (?1, 1, ?2) RETURNING id",
                               error);
  if (stmt == NULL)
    goto fail;
  _ret_store_bind_text (stmt, 1, day);
  sqlite3_bind_int64 (stmt, 2, _ret_store_now ());
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _ret_store_set_db_error (self, sqlite3_reset (stmt), error, "plan");
      goto fail;
    }
  plan_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  stmt = _ret_store_statement (self,
                               "INSERT INTO transfers (plan_id, code, mode, facility, point, depart_at, "
                               "handover_at, seats) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  _ret_store_bind_text (stmt, 2, transfer->code);
  _ret_store_bind_text (stmt, 3, transfer->mode);
  _ret_store_bind_text (stmt, 4, transfer->facility);
  _ret_store_bind_text (stmt, 5, transfer->point);
  sqlite3_bind_int64 (stmt, 6, transfer->depart_at);
  sqlite3_bind_int64 (stmt, 7, transfer->handover_at);
  sqlite3_bind_int (stmt, 8, transfer->seats);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _ret_store_set_db_error (self, sqlite3_reset (stmt), error, "transfer");
      goto fail;
    }
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (!_ret_store_audit (self, NULL, "add", "transfer", transfer->code, NULL, error) ||
      !_ret_store_commit (self, error))
    goto fail;

  _ret_store_emit (self, "transfers");
  return id;

fail:
  _ret_store_rollback (self);
  return 0;
}

/* ------------------------------------------------------------------ */
/* Plans                                                              */

RetPlanDraftTransfer *
ret_plan_draft_transfer_new (void)
{
  RetPlanDraftTransfer *transfer = g_new0 (RetPlanDraftTransfer, 1);

  transfer->a_numbers = g_ptr_array_new_with_free_func (g_free);
  return transfer;
}

void
ret_plan_draft_transfer_free (RetPlanDraftTransfer *transfer)
{
  if (transfer == NULL)
    return;

  g_free (transfer->code);
  g_free (transfer->mode);
  g_free (transfer->facility);
  g_free (transfer->point);
  g_clear_pointer (&transfer->a_numbers, g_ptr_array_unref);
  g_free (transfer);
}

RetPlanDraft *
ret_plan_draft_new (void)
{
  RetPlanDraft *plan = g_new0 (RetPlanDraft, 1);

  plan->transfers = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_plan_draft_transfer_free);
  return plan;
}

void
ret_plan_draft_free (RetPlanDraft *plan)
{
  if (plan == NULL)
    return;

  g_clear_pointer (&plan->transfers, g_ptr_array_unref);
  g_free (plan);
}

/* How many persons the manifests of @plan hold together. */
guint
ret_plan_draft_count_persons (const RetPlanDraft *plan)
{
  guint n = 0;

  g_return_val_if_fail (plan != NULL, 0);

  for (guint i = 0; i < plan->transfers->len; i++)
    {
      const RetPlanDraftTransfer *t = g_ptr_array_index (plan->transfers, i);

      n += t->a_numbers->len;
    }

  return n;
}

/* Whether a transfer (of any plan, cancelled too) has the code @code. */
gboolean
ret_store_has_transfer_code (RetStore   *self,
                             const char *code)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  stmt = _ret_store_statement (self, "SELECT 1 FROM transfers WHERE code = ?1", NULL);
  if (stmt == NULL)
    return FALSE;

  _ret_store_bind_text (stmt, 1, code);
  return _ret_store_step_exists (stmt);
}

/*
 * ret_store_lookup_a_number:
 * @status: (out) (optional): the person's status
 * @transfer_code: (out) (optional) (nullable): the code of the transfer,
 *   not cancelled, whose manifest holds the person, or NULL if none
 *
 * Returns: whether a person has the A-number @a_number
 */
gboolean
ret_store_lookup_a_number (RetStore         *self,
                           const char       *a_number,
                           RetPersonStatus  *status,
                           char            **transfer_code)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  if (transfer_code != NULL)
    *transfer_code = NULL;

  stmt = _ret_store_statement (self,
                               "SELECT p.status, (SELECT t.code FROM manifest_entries m "
                               "JOIN transfers t ON t.id = m.transfer_id "
                               "WHERE m.person_id = p.id AND t.status != 'cancelled' "
                               "ORDER BY t.id DESC LIMIT 1) "
                               "FROM persons p WHERE p.a_number = ?1", NULL);
  if (stmt == NULL)
    return FALSE;

  _ret_store_bind_text (stmt, 1, a_number);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RetPersonStatus value = RET_PERSON_STATUS_AWAITING;

      found = TRUE;
      ret_person_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &value);
      if (status != NULL)
        *status = value;
      if (transfer_code != NULL)
        *transfer_code = _ret_store_column_dup (stmt, 1);
    }
  sqlite3_reset (stmt);

  return found;
}

static char *
utc_date_text (gint64 utc)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (utc);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : NULL;
}

/* Days since 1970-01-01 of the UTC date of @utc, for times before it too. */
static gint64
utc_day_number (gint64 utc)
{
  const gint64 day = 24 * 60 * 60;

  return utc >= 0 ? utc / day : -((-utc + day - 1) / day);
}

static gboolean
insert_plan_transfer (RetStore                    *self,
                      gint64                       plan_id,
                      const RetPlanDraftTransfer  *t,
                      gint64                       now,
                      GError                     **error)
{
  sqlite3_stmt *stmt;
  gint64 transfer_id;
  int rc;

  stmt = _ret_store_statement (self,
                               "INSERT INTO transfers (plan_id, code, mode, facility, point, depart_at, "
                               "handover_at, seats) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, plan_id);
  _ret_store_bind_text (stmt, 2, t->code);
  _ret_store_bind_text (stmt, 3, t->mode);
  _ret_store_bind_text (stmt, 4, t->facility);
  _ret_store_bind_text (stmt, 5, t->point);
  sqlite3_bind_int64 (stmt, 6, t->depart_at);
  sqlite3_bind_int64 (stmt, 7, t->handover_at);
  sqlite3_bind_int (stmt, 8, t->seats);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rc = sqlite3_reset (stmt);
      if (rc != SQLITE_CONSTRAINT_UNIQUE)
        return _ret_store_set_db_error (self, rc, error, "transfer");

      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_CONFLICT,
                   _("A transfer with the code “%s” is already in the database"), t->code);
      return FALSE;
    }
  transfer_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  for (guint i = 0; i < t->a_numbers->len; i++)
    {
      const char *a_number = g_ptr_array_index (t->a_numbers, i);

      stmt = _ret_store_statement (self,
                                   "INSERT INTO manifest_entries (transfer_id, person_id) "
                                   "SELECT ?1, id FROM persons WHERE a_number = ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, transfer_id);
      _ret_store_bind_text (stmt, 2, a_number);
      if (!_ret_store_step_done (self, stmt, error))
        return FALSE;
      if (sqlite3_changes (self->db) != 1)
        {
          g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND,
                       _("No person with the A-number “%s” is in the database"), a_number);
          return FALSE;
        }

      /* The revision goes up as with any edit, so that a person's form
       * opened before the import cannot put the old status back. */
      stmt = _ret_store_statement (self,
                                   "UPDATE persons SET status = 'planned', updated_at = ?2, "
                                   "revision = revision + 1 WHERE a_number = ?1", error);
      if (stmt == NULL)
        return FALSE;
      _ret_store_bind_text (stmt, 1, a_number);
      sqlite3_bind_int64 (stmt, 2, now);
      if (!_ret_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/*
 * ret_store_insert_plan:
 * @plan: checked beforehand (ret_plan_parse() does); the store still
 *   refuses a taken transfer code and an unknown A-number, which may
 *   have changed since the check
 * @source: (nullable): where the plan came from, e.g. the file's name,
 *   for the audit log
 * @plan_id: (out) (optional): the new plan's id
 *
 * Stores @plan as one draft plan, its transfers and manifests, and
 * marks the persons on them as planned: all in one transaction with one
 * audit entry, or nothing.  The plan covers the UTC dates from the
 * earliest to the latest handover.
 */
gboolean
ret_store_insert_plan (RetStore            *self,
                       const RetPlanDraft  *plan,
                       const char          *actor,
                       const char          *source,
                       gint64              *plan_id,
                       GError             **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) detail_node = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *from_date = NULL;
  g_autofree char *id_text = NULL;
  gint64 first = G_MAXINT64, last = G_MININT64;
  gint64 now = _ret_store_now ();
  gint64 id;
  int days;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);
  g_return_val_if_fail (plan != NULL && plan->transfers != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (plan->transfers->len == 0)
    {
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                           _("A plan needs at least one transfer"));
      return FALSE;
    }

  for (guint i = 0; i < plan->transfers->len; i++)
    {
      const RetPlanDraftTransfer *t = g_ptr_array_index (plan->transfers, i);

      first = MIN (first, t->handover_at);
      last = MAX (last, t->handover_at);
    }

  from_date = utc_date_text (first);
  {
    g_autofree char *to_date = utc_date_text (last);

    if (from_date == NULL || to_date == NULL)
      {
        g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                             _("A handover time of the plan is out of range"));
        return FALSE;
      }
  }
  days = (int) (utc_day_number (last) - utc_day_number (first)) + 1;

  if (!_ret_store_begin (self, error))
    return FALSE;

  stmt = _ret_store_statement (self,
                               "INSERT INTO plans (from_date, days, status, created_at) "
                               "VALUES (?1, ?2, 'draft', ?3) RETURNING id", error);
  if (stmt == NULL)
    goto fail;
  _ret_store_bind_text (stmt, 1, from_date);
  sqlite3_bind_int (stmt, 2, days);
  sqlite3_bind_int64 (stmt, 3, now);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _ret_store_set_db_error (self, sqlite3_reset (stmt), error, "plan");
      goto fail;
    }
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  for (guint i = 0; i < plan->transfers->len; i++)
    if (!insert_plan_transfer (self, id, g_ptr_array_index (plan->transfers, i), now, error))
      goto fail;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "transfers");
  json_builder_add_int_value (builder, plan->transfers->len);
  json_builder_set_member_name (builder, "persons");
  json_builder_add_int_value (builder, ret_plan_draft_count_persons (plan));
  json_builder_set_member_name (builder, "from_date");
  json_builder_add_string_value (builder, from_date);
  json_builder_set_member_name (builder, "days");
  json_builder_add_int_value (builder, days);
  if (source != NULL)
    {
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, source);
    }
  json_builder_end_object (builder);
  detail_node = json_builder_get_root (builder);
  detail = json_to_string (detail_node, FALSE);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  if (!_ret_store_audit (self, actor, "import", "plan", id_text, detail, error) ||
      !_ret_store_commit (self, error))
    goto fail;

  g_debug ("Stored plan %" G_GINT64_FORMAT " with %u transfers", id, plan->transfers->len);

  _ret_store_emit (self, "transfers");
  _ret_store_emit (self, "persons");

  if (plan_id != NULL)
    *plan_id = id;
  return TRUE;

fail:
  _ret_store_rollback (self);
  return FALSE;
}
