/*
 * Opening the database, migrations and transactions.
 *
 * The schema is versioned with PRAGMA user_version. Each migration is one
 * SQL script run in its own transaction; a file is brought up to date when
 * it is opened, and a file newer than this binary is refused rather than
 * risk writing what a newer pmm would not understand.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include "store/account_store.h"
#include "store/pack_store.h"
#include "store/store_internal.h"
#include "util/i18n.h"
#include "util/mem.h"
#include "util/errtext.h"
#include "util/text.h"

/* Three triggers on catalog table T that bump catalog_version (migration 5). */
#define CATALOG_VERSION_TRIGGER(t, ev) \
    "CREATE TRIGGER " #t "_version_" #ev " AFTER " #ev " ON " #t \
    " BEGIN UPDATE catalog_version SET v = v + 1 WHERE id = 1; END;"
#define CATALOG_VERSION_TRIGGERS(t) \
    CATALOG_VERSION_TRIGGER(t, INSERT) CATALOG_VERSION_TRIGGER(t, UPDATE) CATALOG_VERSION_TRIGGER(t, DELETE)

static bool is_database_failure(int code);
static const char *write_error_cause(int code);

static const char *const migrations[] = {
    /* 1: the domain model (docs/seed.md, docs/figures.md) */
    "CREATE TABLE reporter_type("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE,"
    "  name_es TEXT NOT NULL,"
    "  name_en TEXT NOT NULL,"
    "  ord INTEGER NOT NULL);"
    "CREATE TABLE state("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE,"          /* INEGI, '01'..'32' */
    "  name TEXT NOT NULL,"
    "  abbrev TEXT NOT NULL);"
    "CREATE TABLE institution("
    "  id INTEGER PRIMARY KEY,"
    "  acronym TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  type TEXT NOT NULL REFERENCES reporter_type(code),"
    "  state TEXT REFERENCES state(code),"
    "  parent_id INTEGER REFERENCES institution(id));"
    "CREATE TABLE objective("
    "  n INTEGER PRIMARY KEY CHECK (n BETWEEN 1 AND 23),"
    "  title_es TEXT NOT NULL,"
    "  title_en TEXT NOT NULL);"
    "CREATE TABLE action_type("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  name_en TEXT NOT NULL,"
    "  ord INTEGER NOT NULL);"
    "CREATE TABLE population("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  name_en TEXT NOT NULL,"
    "  ord INTEGER NOT NULL);"
    "CREATE TABLE challenge_category("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  definition TEXT NOT NULL,"
    "  name_en TEXT NOT NULL,"
    "  ord INTEGER NOT NULL);"
    /* Other names a catalog entry is written as (acronyms, short forms). */
    /* The key columns lead: SQLite 3.40's integrity_check wrongly reports
     * NULLs in a WITHOUT ROWID table whose key columns do not. */
    "CREATE TABLE alias("
    "  kind TEXT NOT NULL,"
    "  alias TEXT NOT NULL,"
    "  ref INTEGER NOT NULL,"
    "  PRIMARY KEY (kind, alias)) WITHOUT ROWID;"
    "CREATE TABLE edition("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  period_start TEXT NOT NULL DEFAULT '',"
    "  period_end TEXT NOT NULL DEFAULT '',"
    "  state TEXT NOT NULL DEFAULT 'abierta'"
    "    CHECK (state IN ('abierta','en_revision','publicada')),"
    "  preamble TEXT,"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE TABLE action("
    "  id INTEGER PRIMARY KEY,"
    "  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,"
    "  folio TEXT NOT NULL,"
    "  institution_id INTEGER NOT NULL REFERENCES institution(id),"
    "  name TEXT NOT NULL,"
    "  description TEXT NOT NULL DEFAULT '',"
    "  results TEXT NOT NULL DEFAULT '',"
    "  gender_focus INTEGER CHECK (gender_focus IN (0,1)),"
    "  disability INTEGER CHECK (disability IN (0,1)),"
    "  beneficiaries INTEGER CHECK (beneficiaries >= 0),"
    "  status TEXT NOT NULL DEFAULT 'validada'"
    "    CHECK (status IN ('borrador','enviada','validada','devuelta')),"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    "  UNIQUE (edition_id, folio));"
    "CREATE INDEX action_institution ON action(institution_id);"
    "CREATE TABLE action_objective("
    "  action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,"
    "  objective INTEGER NOT NULL REFERENCES objective(n),"
    "  principal INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (action_id, objective)) WITHOUT ROWID;"
    "CREATE TABLE action_action_type("
    "  action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,"
    "  action_type_id INTEGER NOT NULL REFERENCES action_type(id),"
    "  PRIMARY KEY (action_id, action_type_id)) WITHOUT ROWID;"
    "CREATE TABLE action_population("
    "  action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,"
    "  population_id INTEGER NOT NULL REFERENCES population(id),"
    "  PRIMARY KEY (action_id, population_id)) WITHOUT ROWID;"
    "CREATE TABLE challenge("
    "  id INTEGER PRIMARY KEY,"
    "  action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,"
    "  text TEXT NOT NULL,"
    "  category_id INTEGER REFERENCES challenge_category(id));"
    "CREATE INDEX challenge_action ON challenge(action_id);",
    /* 2: the web platform (src/store/web_store.c): accounts, sessions,
     * the audit log, the reviewers' comment and full-text search. */
    "CREATE TABLE account("
    "  id INTEGER PRIMARY KEY,"
    "  username TEXT NOT NULL UNIQUE,"
    "  display_name TEXT NOT NULL DEFAULT '',"
    "  role TEXT NOT NULL CHECK (role IN ('administrador','coordinador','enlace')),"
    "  institution_id INTEGER REFERENCES institution(id),"
    "  password_hash TEXT NOT NULL,"             /* argon2id, crypto_pwhash_str */
    "  disabled INTEGER NOT NULL DEFAULT 0,"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    "  CHECK (role <> 'enlace' OR institution_id IS NOT NULL));"
    "CREATE TABLE session("
    "  token_hash TEXT PRIMARY KEY,"             /* the cookie is never stored */
    "  user_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
    "  csrf TEXT NOT NULL,"
    "  expires INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE login_attempt("
    "  id INTEGER PRIMARY KEY,"
    "  username TEXT NOT NULL,"
    "  ip TEXT NOT NULL,"
    "  ok INTEGER NOT NULL,"
    "  at INTEGER NOT NULL);"
    "CREATE INDEX login_attempt_at ON login_attempt(at);"
    "CREATE TABLE api_token("
    "  token_hash TEXT PRIMARY KEY,"
    "  user_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
    "  label TEXT NOT NULL DEFAULT '',"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))) WITHOUT ROWID;"
    "CREATE TABLE audit_log("
    "  id INTEGER PRIMARY KEY,"
    "  user_id INTEGER REFERENCES account(id),"
    "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    "  action_id INTEGER,"
    "  what TEXT NOT NULL,"
    "  before TEXT,"
    "  after TEXT);"
    "CREATE INDEX audit_log_action ON audit_log(action_id);"
    "ALTER TABLE action ADD COLUMN review_comment TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX action_edition_status ON action(edition_id, status);"
    /* Search ignores accents and case. Kept in step by triggers; the
     * institution's names are part of what is searched. */
    "CREATE VIRTUAL TABLE action_fts USING fts5("
    "  name, description, results, institution,"
    "  tokenize='unicode61 remove_diacritics 2');"
    "INSERT INTO action_fts(rowid, name, description, results, institution)"
    "  SELECT a.id, a.name, a.description, a.results, i.acronym || ' ' || i.name"
    "  FROM action a JOIN institution i ON i.id = a.institution_id;"
    "CREATE TRIGGER action_fts_ins AFTER INSERT ON action BEGIN"
    "  INSERT INTO action_fts(rowid, name, description, results, institution)"
    "  VALUES (new.id, new.name, new.description, new.results,"
    "    (SELECT acronym || ' ' || name FROM institution WHERE id = new.institution_id));"
    "END;"
    "CREATE TRIGGER action_fts_upd AFTER UPDATE OF name, description, results, institution_id"
    "  ON action BEGIN"
    "  DELETE FROM action_fts WHERE rowid = old.id;"
    "  INSERT INTO action_fts(rowid, name, description, results, institution)"
    "  VALUES (new.id, new.name, new.description, new.results,"
    "    (SELECT acronym || ' ' || name FROM institution WHERE id = new.institution_id));"
    "END;"
    "CREATE TRIGGER action_fts_del AFTER DELETE ON action BEGIN"
    "  DELETE FROM action_fts WHERE rowid = old.id;"
    "END;",
    /* 3: covering indexes, so that the figures of an edition of a million
     * actions read neither the actions' nor the challenges' long texts
     * (figures_store.c) */
    "CREATE INDEX action_scope ON action(edition_id, status, institution_id,"
    "  gender_focus, disability, beneficiaries);"
    "DROP INDEX challenge_action;"
    "DROP INDEX action_edition_status;"       /* a prefix of action_scope */
    "CREATE INDEX challenge_action ON challenge(action_id, category_id);",
    /* 4: writing FTS5 row by row from triggers made imports 4 times slower
     * (FTS5 flushes its pending terms at every statement savepoint). The
     * triggers now only note which actions changed; the index catches up
     * in one bulk statement before a search (store_fts_sync). */
    "DROP TRIGGER action_fts_ins;"
    "DROP TRIGGER action_fts_upd;"
    "DROP TRIGGER action_fts_del;"
    "CREATE TABLE action_fts_dirty(id INTEGER PRIMARY KEY);"
    "CREATE TRIGGER action_fts_ins AFTER INSERT ON action BEGIN"
    "  INSERT OR IGNORE INTO action_fts_dirty(id) VALUES (new.id);"
    "END;"
    "CREATE TRIGGER action_fts_upd AFTER UPDATE OF name, description, results, institution_id"
    "  ON action BEGIN"
    "  INSERT OR IGNORE INTO action_fts_dirty(id) VALUES (new.id);"
    "END;"
    "CREATE TRIGGER action_fts_del AFTER DELETE ON action BEGIN"
    "  INSERT OR IGNORE INTO action_fts_dirty(id) VALUES (old.id);"
    "END;",
    /* 5: the catalogs are edited from the web (catalog_edit_store.c). Every
     * write to a catalog table moves one number, so that each server thread
     * (and a server in another process) knows when to reload its copy. */
    "CREATE TABLE catalog_version(id INTEGER PRIMARY KEY CHECK (id = 1), v INTEGER NOT NULL);"
    "INSERT INTO catalog_version(id, v) VALUES (1, 1);"
    CATALOG_VERSION_TRIGGERS(objective)
    CATALOG_VERSION_TRIGGERS(reporter_type)
    CATALOG_VERSION_TRIGGERS(state)
    CATALOG_VERSION_TRIGGERS(institution)
    CATALOG_VERSION_TRIGGERS(action_type)
    CATALOG_VERSION_TRIGGERS(population)
    CATALOG_VERSION_TRIGGERS(challenge_category)
    CATALOG_VERSION_TRIGGERS(alias),
    /* 6: every write of an action bumps its version, so that a form or an
     * API client that read an older one is told of the conflict instead of
     * overwriting what another person saved in between (issue 10). */
    "ALTER TABLE action ADD COLUMN version INTEGER NOT NULL DEFAULT 1;",
    /* 7: a published edition is frozen and versioned (edition_store.c).
     * Each publication records revision N and a hidden copy of what was
     * published (an edition row with snapshot_of set, never listed, never
     * written again), which is what the public reads until the next one. */
    "ALTER TABLE edition ADD COLUMN snapshot_of INTEGER REFERENCES edition(id);"
    "CREATE TABLE edition_revision("
    "  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,"
    "  n INTEGER NOT NULL CHECK (n >= 1),"
    "  published_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    "  user_id INTEGER REFERENCES account(id),"
    "  snapshot_id INTEGER NOT NULL UNIQUE REFERENCES edition(id),"
    "  note TEXT NOT NULL DEFAULT '',"
    "  PRIMARY KEY (edition_id, n)) WITHOUT ROWID;",
    /* 8 (issue 10, fault 6; helper CLI): facts about the database itself,
     * one row each; 'demo' marks a database that pmm demo made, the only
     * kind besides an empty one that pmm demo writes into (demo_store.c). */
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;",
    /* 9 (issue 10; helper REC): an action's objectives keep the order they
     * were written in («15;9;4» came back as 15;4;9). Position 0 is the
     * principal; older rows take the others in numeric order, as they
     * were shown until now. */
    "ALTER TABLE action_objective ADD COLUMN position INTEGER NOT NULL DEFAULT 0;"
    "UPDATE action_objective SET position = CASE WHEN principal = 1 THEN 0 ELSE 1 +"
    "  (SELECT count(*) FROM action_objective o WHERE o.action_id = action_objective.action_id"
    "   AND o.principal = 0 AND o.objective < action_objective.objective) END;",
    /* 10 (issue 11, helper CAMPAIGN): the
     * edition's deadline for submissions, YYYY-MM-DD or '' (none yet). The
     * review thread is read from audit_log, which already holds each step
     * with its user, time and comment (campaign_store.c). */
    "ALTER TABLE edition ADD COLUMN deadline TEXT NOT NULL DEFAULT '';",
    /* 11 (issue 11; helper ACCOUNTS, account_store.c): usernames are
     * compared by their key (pmm_user_key: NFKC, case-folded, spaces
     * trimmed), unique; the display form stays in username. Two accounts
     * whose names differ only so stop this migration with the UNIQUE
     * error: rename one (docs/web.md). API tokens expire; the ones made
     * before get API_TOKEN_DAYS (90) from this migration. Failed logins
     * are counted per address. */
    "ALTER TABLE account ADD COLUMN username_key TEXT;"
    "UPDATE account SET username_key = pmm_user_key(username);"
    "CREATE UNIQUE INDEX account_username_key ON account(username_key);"
    "ALTER TABLE api_token ADD COLUMN expires_at INTEGER;"
    "ALTER TABLE api_token ADD COLUMN last_used_at INTEGER;"
    "UPDATE api_token SET expires_at = CAST(strftime('%s','now') AS INTEGER) + 90 * 86400;"
    "CREATE INDEX login_attempt_ip ON login_attempt(ip, at);",
    /* 12 (issue 11, helper MAIL): e-mail
     * (mail_store.c). Accounts get an address (NULL for older ones); the
     * outbox holds every message, written in the transaction of the event
     * that causes it and sent by the server's mailer (web/mailer.c); DEDUPE
     * keys a reminder or a digest, so that a restart does not send it again.
     * password_reset holds the hashes of the single-use links of "¿Olvidó su
     * contraseña?". The edition's deadline is migration 10's. Times are Unix
     * seconds. */
    "ALTER TABLE account ADD COLUMN email TEXT;"
    "CREATE TABLE outbox("
    "  id INTEGER PRIMARY KEY,"
    "  to_addr TEXT NOT NULL,"
    "  subject TEXT NOT NULL,"
    "  body TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  dedupe TEXT,"
    "  created_at INTEGER NOT NULL,"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  next_attempt_at INTEGER NOT NULL,"
    "  sent_at INTEGER,"
    "  last_error TEXT,"
    "  UNIQUE (dedupe, to_addr));"
    "CREATE INDEX outbox_due ON outbox(sent_at, next_attempt_at);"
    "CREATE TABLE password_reset("
    "  token_hash TEXT PRIMARY KEY,"
    "  user_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
    "  created_at INTEGER NOT NULL,"
    "  expires_at INTEGER NOT NULL,"
    "  used_at INTEGER);",
    /* 13 (issue 10, hostile fault 1, helper REC2): a published revision
     * keeps the classification its institutions had when it was published.
     * A snapshot edition (edition_store.c) records, for each institution
     * of its actions, the reporter type and state of that moment; every
     * figure reads them through INST_AS_OF (store_internal.h), falling
     * back to the catalog's for live editions. A renamed code follows
     * (ON UPDATE CASCADE): codes are names, the classification is not.
     * Snapshots taken before this migration get the catalog of today, the
     * best there is. */
    "CREATE TABLE snapshot_institution("
    "  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,"
    "  institution_id INTEGER NOT NULL REFERENCES institution(id),"
    "  type TEXT NOT NULL REFERENCES reporter_type(code) ON UPDATE CASCADE,"
    "  state TEXT REFERENCES state(code) ON UPDATE CASCADE,"
    "  PRIMARY KEY (edition_id, institution_id)) WITHOUT ROWID;"
    "INSERT INTO snapshot_institution(edition_id, institution_id, type, state)"
    "  SELECT DISTINCT a.edition_id, i.id, i.type, i.state FROM action a"
    "  JOIN edition e ON e.id = a.edition_id AND e.snapshot_of IS NOT NULL"
    "  JOIN institution i ON i.id = a.institution_id;",
    /* 14: the imprint of an edition (issue 12, imprint_store.c): who issues
     * the Informe, for which country, where, under which license; NULL
     * means not set, and the report says so instead of inventing one */
    "ALTER TABLE edition ADD COLUMN issuer TEXT;"
    "ALTER TABLE edition ADD COLUMN country TEXT;"
    "ALTER TABLE edition ADD COLUMN place TEXT;"
    "ALTER TABLE edition ADD COLUMN license TEXT;"
    /* and the «destacada» mark a coordinator puts on an action, so that the
     * Informe names it first under its objective (highlight_store.c) */
    "ALTER TABLE action ADD COLUMN featured INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1));",
    /* 15 (issue 10, REC3): folios are compared by their key, as edition
     * names and usernames are: "INM-01", "inm-01" and "ＩＮＭ-01" are one
     * folio of an edition (pmm_folio_key, action_store.c); the folio is kept
     * as written. Every statement that writes a folio writes its key. Two
     * actions of one edition whose folios share a key stop this migration,
     * named by folio_key_collisions() before it runs (docs/interchange.md). */
    "ALTER TABLE action ADD COLUMN folio_key TEXT;"
    "UPDATE action SET folio_key = pmm_folio_key(folio);"
    "CREATE UNIQUE INDEX action_folio_key ON action(edition_id, folio_key);",
    /* 16 (issue 10, round 3, REC4): the folio key folds dash look-alikes
     * ("JW–1", "JW−1", "JW‐1" are "JW-1"; action_folio_key), so every key
     * is computed again; the index goes while the keys change, as one
     * updated before another may share its old key. Collisions stop it as
     * they stop 15 (folio_key_collisions). */
    "DROP INDEX action_folio_key;"
    "UPDATE action SET folio_key = pmm_folio_key(folio);"
    "CREATE UNIQUE INDEX action_folio_key ON action(edition_id, folio_key);",
    /* 17 (issue 12, P12A): the short label of each objective, as the UN
     * Network on Migration writes it (data/packs/mx/objectives.csv, whose
     * values these are; docs/report.md), for the charts instead of a title
     * cut with «…»; NULL: the chart wraps the full title. And the emblem
     * of the body that issues an edition's Informe: a PNG the cover draws
     * (imprint_store.c checks it), NULL for none. */
    "ALTER TABLE objective ADD COLUMN short_es TEXT;"
    "ALTER TABLE objective ADD COLUMN short_en TEXT;"
    "UPDATE objective SET short_es = 'Datos', short_en = 'Data' WHERE n = 1;"
    "UPDATE objective SET short_es = 'Minimizar factores adversos', short_en = 'Minimize adverse drivers' WHERE n = 2;"
    "UPDATE objective SET short_es = 'Proporcionar información', short_en = 'Information provision' WHERE n = 3;"
    "UPDATE objective SET short_es = 'Identidad jurídica y documentación', short_en = 'Legal identity and documentation' WHERE n = 4;"
    "UPDATE objective SET short_es = 'Vías de migración regular', short_en = 'Regular pathways' WHERE n = 5;"
    "UPDATE objective SET short_es = 'Contratación y trabajo decente', short_en = 'Recruitment and decent work' WHERE n = 6;"
    "UPDATE objective SET short_es = 'Reducir vulnerabilidades', short_en = 'Reduce vulnerabilities' WHERE n = 7;"
    "UPDATE objective SET short_es = 'Salvar vidas', short_en = 'Save lives' WHERE n = 8;"
    "UPDATE objective SET short_es = 'Combatir el tráfico de migrantes', short_en = 'Counter smuggling' WHERE n = 9;"
    "UPDATE objective SET short_es = 'Erradicar la trata de personas', short_en = 'Eradicate trafficking' WHERE n = 10;"
    "UPDATE objective SET short_es = 'Gestión de fronteras', short_en = 'Manage borders' WHERE n = 11;"
    "UPDATE objective SET short_es = 'Verificación de antecedentes y derivación', short_en = 'Screening and referral' WHERE n = 12;"
    "UPDATE objective SET short_es = 'Alternativas a la detención', short_en = 'Alternatives to detention' WHERE n = 13;"
    "UPDATE objective SET short_es = 'Protección consular', short_en = 'Consular protection' WHERE n = 14;"
    "UPDATE objective SET short_es = 'Acceso a los servicios básicos', short_en = 'Access to basic services' WHERE n = 15;"
    "UPDATE objective SET short_es = 'Inclusión y cohesión social', short_en = 'Inclusion and social cohesion' WHERE n = 16;"
    "UPDATE objective SET short_es = 'Eliminar la discriminación', short_en = 'Eliminate discrimination' WHERE n = 17;"
    "UPDATE objective SET short_es = 'Desarrollo y reconocimiento de competencias', short_en = 'Skills development and recognition' WHERE n = 18;"
    "UPDATE objective SET short_es = 'Contribución de migrantes y diásporas', short_en = 'Migrant and diaspora contributions' WHERE n = 19;"
    "UPDATE objective SET short_es = 'Remesas', short_en = 'Remittances' WHERE n = 20;"
    "UPDATE objective SET short_es = 'Retorno y reintegración dignos', short_en = 'Dignified return and reintegration' WHERE n = 21;"
    "UPDATE objective SET short_es = 'Protección social', short_en = 'Social protection' WHERE n = 22;"
    "UPDATE objective SET short_es = 'Cooperación internacional', short_en = 'International cooperation' WHERE n = 23;"
    "ALTER TABLE edition ADD COLUMN emblem BLOB;",
    /* 18 (issue 13, G13): what the UN asks
     * for. The GCM's ten guiding principles (para. 15) as a catalog, loaded
     * from data/packs/mx/principles.csv like the others, and the ones each
     * action serves (practice_store.c); the IMRF roundtable (1-4) each
     * objective is discussed at, from objectives.csv's «mesa»; and the
     * «buena práctica» a coordinator marks, with what the UN Network on
     * Migration's Repository of Practices asks of one (docs/good-practices.md).
     * A published revision copies both action tables (edition_store.c). */
    "CREATE TABLE principle("
    "  n INTEGER PRIMARY KEY CHECK (n BETWEEN 1 AND 10),"
    "  name_es TEXT NOT NULL,"
    "  name_en TEXT NOT NULL,"
    "  description_es TEXT NOT NULL DEFAULT '',"
    "  description_en TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE action_principle("
    "  action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,"
    "  principle INTEGER NOT NULL REFERENCES principle(n),"
    "  PRIMARY KEY (action_id, principle)) WITHOUT ROWID;"
    "ALTER TABLE objective ADD COLUMN roundtable INTEGER CHECK (roundtable BETWEEN 1 AND 4);"
    "CREATE TABLE good_practice("
    "  action_id INTEGER PRIMARY KEY REFERENCES action(id) ON DELETE CASCADE,"
    "  partners TEXT NOT NULL DEFAULT '',"
    "  results TEXT NOT NULL DEFAULT '',"
    "  success_factors TEXT NOT NULL DEFAULT '',"
    "  replicability TEXT NOT NULL DEFAULT '',"
    "  lessons TEXT NOT NULL DEFAULT '',"
    "  contact TEXT NOT NULL DEFAULT '',"
    "  marked_by INTEGER REFERENCES account(id),"
    "  marked_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    CATALOG_VERSION_TRIGGERS(principle),
    /* 19 (issue 12, P12B): the English Informe. A state's name in English
     * (UN usage: "Mexico City", "State of Mexico"; most keep their Spanish
     * name) and a challenge category's definition in English. NULL: not
     * translated yet; `pmm init` fills both from the catalogs unless they
     * were edited on the platform, and the English Informe shows a missing
     * one in Spanish, marked as Spanish, rather than leaving it out. */
    ("ALTER TABLE state ADD COLUMN name_en TEXT;"
     "ALTER TABLE challenge_category ADD COLUMN definition_en TEXT;"),
    /* 20 (issue 13, T13): continuing programs.
     * An action may continue one action of an earlier edition (the same
     * program, reported again); trend_store.c counts them. A table keyed
     * by the action, so a published revision copies the link with the
     * action's other rows (edition_store.c, action_tables), and the link
     * goes with either action. */
    "CREATE TABLE action_continuation("
    "  action_id INTEGER PRIMARY KEY REFERENCES action(id) ON DELETE CASCADE,"
    "  continues_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,"
    "  CHECK (continues_id <> action_id));"
    "CREATE INDEX action_continuation_of ON action_continuation(continues_id);",
    /* 21 (issue 14, A14): public search also
     * finds an action by its folio and by the text of its challenges, and
     * orders by relevance (bm25, web_store.c). The index gets the two
     * columns; a folio or a challenge written marks the action for the
     * catch-up (store_fts_sync), as its other texts do. The triggers do
     * not rely on OR IGNORE: a bulk import's INSERT OR ROLLBACK overrides
     * it inside a trigger, and a second challenge would roll it back. */
    "DROP TABLE action_fts;"
    "CREATE VIRTUAL TABLE action_fts USING fts5("
    "  folio, name, description, results, institution, challenges,"
    "  tokenize='unicode61 remove_diacritics 2');"
    "INSERT INTO action_fts(rowid, folio, name, description, results, institution, challenges)"
    "  SELECT a.id, a.folio, a.name, a.description, a.results, i.acronym || ' ' || i.name,"
    "    (SELECT group_concat(c.text, ' ') FROM challenge c WHERE c.action_id = a.id)"
    "  FROM action a JOIN institution i ON i.id = a.institution_id;"
    "DELETE FROM action_fts_dirty;"
    "DROP TRIGGER action_fts_ins;"
    "CREATE TRIGGER action_fts_ins AFTER INSERT ON action BEGIN"
    "  INSERT INTO action_fts_dirty(id) SELECT new.id WHERE NOT EXISTS"
    "    (SELECT 1 FROM action_fts_dirty WHERE id = new.id);"
    "END;"
    "DROP TRIGGER action_fts_del;"
    "CREATE TRIGGER action_fts_del AFTER DELETE ON action BEGIN"
    "  INSERT INTO action_fts_dirty(id) SELECT old.id WHERE NOT EXISTS"
    "    (SELECT 1 FROM action_fts_dirty WHERE id = old.id);"
    "END;"
    "DROP TRIGGER action_fts_upd;"
    "CREATE TRIGGER action_fts_upd AFTER UPDATE OF folio, name, description, results, institution_id"
    "  ON action BEGIN"
    "  INSERT INTO action_fts_dirty(id) SELECT new.id WHERE NOT EXISTS"
    "    (SELECT 1 FROM action_fts_dirty WHERE id = new.id);"
    "END;"
    "CREATE TRIGGER challenge_fts_ins AFTER INSERT ON challenge BEGIN"
    "  INSERT INTO action_fts_dirty(id) SELECT new.action_id WHERE NOT EXISTS"
    "    (SELECT 1 FROM action_fts_dirty WHERE id = new.action_id);"
    "END;"
    "CREATE TRIGGER challenge_fts_upd AFTER UPDATE OF text, action_id ON challenge BEGIN"
    "  INSERT INTO action_fts_dirty(id) SELECT new.action_id WHERE NOT EXISTS"
    "    (SELECT 1 FROM action_fts_dirty WHERE id = new.action_id);"
    "  INSERT INTO action_fts_dirty(id) SELECT old.action_id WHERE NOT EXISTS"
    "    (SELECT 1 FROM action_fts_dirty WHERE id = old.action_id);"
    "END;"
    "CREATE TRIGGER challenge_fts_del AFTER DELETE ON challenge BEGIN"
    "  INSERT INTO action_fts_dirty(id) SELECT old.action_id WHERE NOT EXISTS"
    "    (SELECT 1 FROM action_fts_dirty WHERE id = old.action_id);"
    "END;",
    /* 22 (issue 16, K16): the country pack the
     * database holds (pack_store.c): its name, version and the words of
     * its pack.json, one row per key. A database whose catalogs an older
     * pmm loaded holds the Mexican pack, "mx": recorded, so that no
     * command ever loads a pack over it again. Each reporter type gets
     * its grammar (gender, number), whether its bodies are the subnational
     * governments, and the nouns for its bodies, which the narrative
     * used to keep in a table of Mexico's six codes: here they are set
     * for those codes as the Mexican pack's reporter_types.csv has them. */
    ("CREATE TABLE pack(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
     "INSERT INTO pack(key, value) SELECT column1, column2 FROM (VALUES ('nombre', 'mx'), ('version', '2024.1'),"
     "  ('pais.es', 'México'), ('pais.en', 'Mexico'),"
     "  ('emisor.es', 'Unidad de Política Migratoria, Registro e Identidad de Personas'),"
     "  ('emisor.en', 'Migration Policy, Registration and Identity of Persons Unit'),"
     "  ('lugar.es', 'Ciudad de México'), ('lugar.en', 'Mexico City'),"
     "  ('gentilicio.es', 'mexicano'), ('gentilicio.en', 'Mexican'),"
     "  ('unidad_subnacional.es.singular', 'entidad federativa'), ('unidad_subnacional.en.singular', 'state'),"
     "  ('unidad_subnacional.es.plural', 'entidades federativas'), ('unidad_subnacional.en.plural', 'states'),"
     "  ('unidad_subnacional.es.adjetivo', 'estatal'), ('unidad_subnacional.en.adjetivo', 'State'),"
     "  ('unidad_subnacional.es.genero', 'f'))"
     "  WHERE EXISTS (SELECT 1 FROM objective);"
     "ALTER TABLE reporter_type ADD COLUMN gender TEXT NOT NULL DEFAULT 'f' CHECK (gender IN ('f', 'm'));"
     "ALTER TABLE reporter_type ADD COLUMN number TEXT NOT NULL DEFAULT 'sg' CHECK (number IN ('sg', 'pl'));"
     "ALTER TABLE reporter_type ADD COLUMN subnational INTEGER NOT NULL DEFAULT 0 CHECK (subnational IN (0, 1));"
     "ALTER TABLE reporter_type ADD COLUMN body_es TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE reporter_type ADD COLUMN bodies_es TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE reporter_type ADD COLUMN body_en TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE reporter_type ADD COLUMN bodies_en TEXT NOT NULL DEFAULT '';"
     "UPDATE reporter_type SET gender = 'm' WHERE code IN ('PJ', 'PL', 'OCA');"
     "UPDATE reporter_type SET number = 'pl' WHERE code IN ('EF', 'OCA', 'OSC');"
     "UPDATE reporter_type SET subnational = 1 WHERE code = 'EF';"
     "UPDATE reporter_type SET body_es = 'dependencia de la Administración Pública Federal',"
     "  bodies_es = 'dependencias de la Administración Pública Federal',"
     "  body_en = 'Federal Public Administration body', bodies_en = 'Federal Public Administration bodies'"
     "  WHERE code = 'APF';"
     "UPDATE reporter_type SET body_es = 'gobierno estatal', bodies_es = 'gobiernos estatales',"
     "  body_en = 'state government', bodies_en = 'state governments' WHERE code = 'EF';"
     "UPDATE reporter_type SET body_es = 'instancia del Poder Judicial', bodies_es = 'instancias del Poder Judicial',"
     "  body_en = 'judicial body', bodies_en = 'judicial bodies' WHERE code = 'PJ';"
     "UPDATE reporter_type SET body_es = 'instancia del Poder Legislativo',"
     "  bodies_es = 'instancias del Poder Legislativo', body_en = 'legislative body',"
     "  bodies_en = 'legislative bodies' WHERE code = 'PL';"
     "UPDATE reporter_type SET body_es = 'organismo constitucional autónomo',"
     "  bodies_es = 'organismos constitucionales autónomos', body_en = 'constitutional autonomous body',"
     "  bodies_en = 'constitutional autonomous bodies' WHERE code = 'OCA';"
     "UPDATE reporter_type SET body_es = 'organización de la sociedad civil',"
     "  bodies_es = 'organizaciones de la sociedad civil', body_en = 'civil society organization',"
     "  bodies_en = 'civil society organizations' WHERE code = 'OSC';"),
    /* 23 (issue 13, R13): a voluntary GCM review (docs/review.md): the
     * editions it covers (FROM to TO in trend order) and the texts only
     * the coordinating unit can write; NULL: not written yet (the draft
     * shows a marked placeholder). VERSION refuses a stale form. */
    "CREATE TABLE review("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  from_edition_id INTEGER NOT NULL REFERENCES edition(id),"
    "  to_edition_id INTEGER NOT NULL REFERENCES edition(id),"
    "  introduction TEXT, policy TEXT, means TEXT, next_steps TEXT,"
    "  version INTEGER NOT NULL DEFAULT 1,"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));",
    /* 24 (issue 13, R13, hostile fault 11): whether a reporter type's
     * bodies are society, not public bodies (the review's whole-of-society
     * approach), read from the pack's column «sociedad»; a database made
     * before holds the Mexican pack, where that is civil society. */
    ("ALTER TABLE reporter_type ADD COLUMN society INTEGER NOT NULL DEFAULT 0 CHECK (society IN (0, 1));"
     "UPDATE reporter_type SET society = 1 WHERE code = 'OSC';"),
    /* 25 (issue 13, R13B): whether an edition is a synthetic example, not
     * real figures (`pmm edition set E --synthetic yes`), a column of the
     * edition instead of the demo's meta 'demo_example', which it takes. */
    ("ALTER TABLE edition ADD COLUMN synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1));"
     "UPDATE edition SET synthetic = 1 WHERE name IN (SELECT value FROM meta WHERE key = 'demo_example');"
     "DELETE FROM meta WHERE key = 'demo_example';"),
    /* 26 (issue 16, F16B, hostile faults 2 and 12): the reporter types as a
     * published revision has them. The figures of a revision count its
     * subnational units through the type marked subnational and list its
     * types (the Informe's «Siglas y abreviaturas», the API's
     * by_reporter_type): a flag changed or a type added on the platform
     * afterwards would change a published document. Publishing copies the
     * catalog's rows here (edition_store.c); TYPES_AS_OF (store_internal.h)
     * reads them. Revisions published before get the catalog of today, the
     * best there is. And whether a type's Spanish name is a proper name
     * (the pack's column «nombre_propio», hostile fault 18): one in the
     * plural then keeps its case mid-sentence («las Fuerzas Armadas»). */
    ("ALTER TABLE reporter_type ADD COLUMN proper INTEGER NOT NULL DEFAULT 0 CHECK (proper IN (0, 1));"
     "CREATE TABLE snapshot_reporter_type("
     "  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,"
     "  code TEXT NOT NULL, name_es TEXT NOT NULL, name_en TEXT NOT NULL, ord INTEGER NOT NULL,"
     "  gender TEXT NOT NULL, number TEXT NOT NULL, subnational INTEGER NOT NULL,"
     "  body_es TEXT NOT NULL, bodies_es TEXT NOT NULL, body_en TEXT NOT NULL, bodies_en TEXT NOT NULL,"
     "  society INTEGER NOT NULL, proper INTEGER NOT NULL,"
     "  PRIMARY KEY (edition_id, code)) WITHOUT ROWID;"
     "INSERT INTO snapshot_reporter_type SELECT e.id, " SNAPSHOT_TYPE_COLS
     "  FROM edition e, reporter_type r WHERE e.snapshot_of IS NOT NULL;"),
    /* 27 (issue 12, verification round, F12B, fault 6): the English forms
     * of the imprint, which an English Informe prints instead of the
     * Spanish setting (`pmm edition set --issuer-en --country-en
     * --place-en`); a revision keeps them. */
    ("ALTER TABLE edition ADD COLUMN issuer_en TEXT;"
     "ALTER TABLE edition ADD COLUMN country_en TEXT;"
     "ALTER TABLE edition ADD COLUMN place_en TEXT;"),
    /* 28 (issue 16, F16C, verification fault 1): the subnational units as a
     * published revision has them. Adding or renaming a unit on the
     * platform changed revision 1's «4 de las 24 provincias» and the
     * names of Annex B. Publishing copies the catalog's rows here
     * (edition_store.c); UNITS_AS_OF (store_internal.h) reads them.
     * Revisions published before get the catalog of today, the best there
     * is. No foreign key: a unit's code cannot be changed, and a unit
     * deleted from the catalog stays in the revisions that had it. And an
     * institution's acronym and name, next to the classification its
     * revision keeps (snapshot_institution). */
    ("CREATE TABLE snapshot_state("
     "  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,"
     "  code TEXT NOT NULL, name TEXT NOT NULL, abbrev TEXT NOT NULL, name_en TEXT,"
     "  PRIMARY KEY (edition_id, code)) WITHOUT ROWID;"
     "INSERT INTO snapshot_state SELECT e.id, " SNAPSHOT_UNIT_COLS
     "  FROM edition e, state s WHERE e.snapshot_of IS NOT NULL;"
     /* the same for an institution's acronym and name (INST_ACRONYM,
      * INST_NAME): the classification was kept, its names were not */
     "ALTER TABLE snapshot_institution ADD COLUMN acronym TEXT;"
     "ALTER TABLE snapshot_institution ADD COLUMN name TEXT;"
     "UPDATE snapshot_institution SET"
     "  acronym = (SELECT i.acronym FROM institution i WHERE i.id = institution_id),"
     "  name = (SELECT i.name FROM institution i WHERE i.id = institution_id);"),
};

#define N_MIGRATIONS ((int)(sizeof migrations / sizeof *migrations))

const char *store_errmsg(Store *st) { return errtext_sqlite_db(st->db); }

void store_report(Store *st, const char *context) {
    fprintf(stderr, _("pmm: error de base de datos (%s): %s\n"), context, errtext_sqlite_db(st->db));
}

sqlite3_stmt *store_stmt(Store *st, int slot, const char *sql) {
    sqlite3_stmt *s = st->q[slot];
    if (!s) {
        if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->q[slot], NULL) != SQLITE_OK) {
            store_report(st, "prepare");
            return NULL;
        }
        return st->q[slot];
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return s;
}

bool store_exec_stmt(Store *st, sqlite3_stmt *s) {
    if (!s) return false;
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

void store_bind_text(sqlite3_stmt *s, int i, const char *z) {
    if (z) sqlite3_bind_text(s, i, z, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(s, i);
}

int store_schema_version(Store *st) {
    sqlite3_stmt *s;
    int v = -1;
    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW) v = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
    }
    return v;
}

/* Before migration 15 (and 16, which computes the keys again): two
 * actions of one edition whose folios share a key would make its UNIQUE
 * index fail with SQLite's bare message; they are named instead, and
 * nothing changes (issue 10, REC3). M is the migration. */
static bool folio_key_collisions(Store *st, int m, Str *err) {
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db,
            "SELECT e.name, a.folio, a.id FROM action a JOIN edition e ON e.id = a.edition_id"
            " WHERE (a.edition_id, pmm_folio_key(a.folio)) = (SELECT edition_id, pmm_folio_key(folio) FROM action"
            "   GROUP BY 1, 2 HAVING count(*) > 1 LIMIT 1) ORDER BY a.id", -1, &s, NULL) != SQLITE_OK) {
        str_printf(err, _("la migración %d de «%s» falló: %s"), m, st->path, errtext_sqlite_db(st->db));
        return false;
    }
    /* the list is written here, not in SQL, so that its words and quotes
     * follow the user's language */
    Str edition = {0}, folios = {0};
    while (sqlite3_step(s) == SQLITE_ROW) {
        if (!edition.len) str_puts(&edition, (const char *)sqlite3_column_text(s, 0));
        if (folios.len) str_puts(&folios, ", ");
        str_printf(&folios, _("«%s» (acción %lld)"), (const char *)sqlite3_column_text(s, 1),
                   (long long)sqlite3_column_int64(s, 2));
    }
    sqlite3_finalize(s);
    bool clear = folios.len == 0;
    if (!clear)
        str_printf(err, _("la migración %d de «%s» no puede seguir: en la edición «%s», los folios %s solo "
                          "difieren en mayúsculas, en el ancho de sus caracteres o en la forma de un guion, y "
                          "desde esta versión son el mismo folio; cambie uno con una versión anterior de pmm (o "
                          "sqlite3) y vuelva a abrir la base (docs/interchange.md)"),
                   m, st->path, edition.p, folios.p);
    str_free(&edition);
    str_free(&folios);
    return clear;
}

/* Issue 15: schema 0 is a new file only when SQLite holds nothing in it;
 * an SQLite file of another program (tables but no pmm version) is
 * refused, naming one of its objects, before anything is written into it. */
static bool foreign_schema_absent(Store *st, Str *err) {
    sqlite3_stmt *s = NULL;
    bool ok = sqlite3_prepare_v2(st->db, "SELECT type, name FROM sqlite_schema ORDER BY rowid LIMIT 1",
                                 -1, &s, NULL) == SQLITE_OK;
    int rc = ok ? sqlite3_step(s) : SQLITE_ERROR;
    if (rc == SQLITE_ROW)
        str_printf(err, _("«%s» es una base de datos de SQLite, pero no de pmm (tiene «%s», de otro "
                          "programa): no se modificó; indique otro archivo, o uno nuevo para «pmm init»"),
                   st->path, (const char *)sqlite3_column_text(s, 1));
    else if (rc != SQLITE_DONE)
        str_printf(err, _("no se puede leer «%s» como base de datos de pmm: %s"),
                   st->path, errtext_sqlite_db(st->db));
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}

/* The refusal of a file whose schema is V, or true when V is one this pmm reads. */
static bool version_known(Store *st, int v, Str *err) {
    if (v < 0) {
        str_printf(err, _("no se puede leer «%s» como base de datos de pmm: %s"),
                   st->path, errtext_sqlite_db(st->db));
        return false;
    }
    if (v == 0 && !foreign_schema_absent(st, err)) return false;
    if (v > N_MIGRATIONS) {
        str_printf(err, _("«%s» tiene el esquema %d, más nuevo que el de este pmm (%d): "
                          "actualice pmm antes de abrirla"), st->path, v, N_MIGRATIONS);
        return false;
    }
    return true;
}

/* Runs the next pending migration, if any, in its own transaction. The
 * version is read again under the write lock (issue 15): two processes
 * that opened an old file at once both saw it old, and the second ran the
 * first's migration again ("table catalog_version already exists"). */
/* *CODE is set to SQLite's code when it failed (issue 15, round 5, F4: a
 * lock held by another process is told as such, and migrate may then read
 * the old file instead). */
static bool migrate_step(Store *st, bool *more, Str *err, int *code) {
    char *msg = NULL;
    *more = false;
    *code = SQLITE_OK;
    bool began = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, &msg) == SQLITE_OK;
    /* before reading the version, which resets the connection's code: SQLite's
     * English "database is locked" was told instead (round 5, F4) */
    if (!began) *code = sqlite3_extended_errcode(st->db);
    int v = store_schema_version(st);
    if (!began && (*code & 0xff) == SQLITE_BUSY) {
        str_printf(err, _("«%s» tiene el esquema %d y este pmm necesita el %d, pero la actualización "
                          "espera: otro programa está escribiendo en la base de datos y no la liberó a tiempo; "
                          "vuelva a intentarlo cuando termine (nada se modificó)"),
                   st->path, v, N_MIGRATIONS);
        sqlite3_free(msg);
        return false;
    }
    if (began && (!version_known(st, v, err) || ((v + 1 == 15 || v + 1 == 16) && !folio_key_collisions(st, v + 1, err)))) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return false;
    }
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", v + 1);
    bool ok = began &&
              (v >= N_MIGRATIONS ||            /* another process finished them meanwhile */
               (sqlite3_exec(st->db, migrations[v], NULL, NULL, &msg) == SQLITE_OK &&
                sqlite3_exec(st->db, pragma, NULL, NULL, &msg) == SQLITE_OK)) &&
              sqlite3_exec(st->db, "COMMIT", NULL, NULL, &msg) == SQLITE_OK;
    if (!ok) {
        if (!*code) *code = sqlite3_extended_errcode(st->db);
        str_printf(err, _("la migración %d de «%s» falló: %s"), v + 1, st->path,
                   errtext_sqlite_msg(*code, msg ? msg : sqlite3_errmsg(st->db)));
        sqlite3_free(msg);
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return false;
    }
    *more = v + 1 < N_MIGRATIONS;
    return true;
}

#define COMMON_PRAGMAS "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;"
static int collate_es(void *unused, int na, const void *a, int nb, const void *b);

/* How an old file that cannot be written is opened (issue 15, S15C). */
enum { OLD_REFUSED, OLD_IN_MEMORY, OLD_AS_IS };

/* Replaces ST's connection with an in-memory copy of the file, set up as
 * open_conn and open_flags set up theirs, for migrating and reading. */
static bool copy_to_memory(Store *st) {
    sqlite3 *mem = NULL;
    bool ok = sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
              sqlite3_create_collation_v2(mem, "es", SQLITE_UTF8, NULL, collate_es, NULL) == SQLITE_OK &&
              account_register_functions(mem) && action_register_functions(mem) &&
              sqlite3_exec(mem, COMMON_PRAGMAS, NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_backup *b = ok ? sqlite3_backup_init(mem, "main", st->db, "main") : NULL;
    ok = b && sqlite3_backup_step(b, -1) == SQLITE_DONE;
    if (b) sqlite3_backup_finish(b);
    if (!ok) {
        sqlite3_close(mem);
        return false;
    }
    sqlite3_extended_result_codes(mem, 1);
    sqlite3_close(st->db);
    st->db = mem;
    return true;
}

static bool migrate(Store *st, int old, Str *err) {
    int v = store_schema_version(st), code;
    if (!version_known(st, v, err)) return false;
    if (v < N_MIGRATIONS && st->ro_cause && old == OLD_AS_IS) {
        st->old_schema = v;
        return true;
    }
    if (v < N_MIGRATIONS && st->ro_cause && old == OLD_IN_MEMORY && copy_to_memory(st)) {
        st->old_schema = v;
        for (bool more = true; more;)
            if (!migrate_step(st, &more, err, &code)) return false;
        /* a write to the copy would be lost: refused as on the file */
        return sqlite3_exec(st->db, "PRAGMA query_only=1", NULL, NULL, NULL) == SQLITE_OK;
    }
    if (v < N_MIGRATIONS && st->ro_cause) {
        str_printf(err, _("«%s» tiene el esquema %d y este pmm necesita el %d, pero no se puede "
                          "actualizar: %s"), st->path, v, N_MIGRATIONS, write_error_cause(st->ro_cause));
        return false;
    }
    /* Up to date: no write lock taken (a read-only file opens). */
    bool more = v < N_MIGRATIONS;
    while (more) {
        if (migrate_step(st, &more, err, &code)) continue;
        /* Issue 15, round 5 (F4): another process holds the write lock past
         * the busy timeout (an import, say). The commands that read an old
         * file they cannot write (check, report, backup: OLD_IN_MEMORY,
         * OLD_AS_IS) read it so now, the file untouched, and a write is
         * refused as busy; pmm serve (OLD_REFUSED) keeps the message above. */
        if ((code & 0xff) != SQLITE_BUSY || old == OLD_REFUSED) return false;
        st->ro_cause = SQLITE_BUSY;
        str_clear(err);
        return migrate(st, old, err);
    }
    return true;
}

/* SQLite counts every allocation under a global mutex, for
 * sqlite3_memory_used() and a soft heap limit, which pmm never uses; its
 * Debian build has no lookaside, so every record built goes through
 * malloc: without the count an import runs 5 % fewer instructions. This
 * can only be set before SQLite initializes, at the first open. */
static void no_memstatus(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

/* ---- a busy database (issue 15, helper SERVER) ---- */

static _Atomic int busy_timeout_ms = 10000;

void store_set_busy_timeout(int ms) { busy_timeout_ms = ms; }

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* SQLite's own busy timeout, which also notes on the connection that it
 * gave up (store_failure): then the write is told "busy" whatever the
 * caller made of the failure, and store_try_begin does not wait at all. */
/* Issue 15 (hostile tester): when a wait ran out, the other writers of
 * the process (a request queued on the same server thread, the next in
 * the writer queue) try the lock once and do not wait again, until one
 * busy timeout has passed or a write got the lock: so each is answered
 * within about one busy timeout, not one timeout after another. */
static _Atomic int64_t gave_up_ms = INT64_MIN / 2;
/* Since when the writer holding this process's writer lock waits in
 * SQLite for its BEGIN IMMEDIATE (0: it does not). Past HOLDER_STUCK_MS
 * another process holds the database (this process's own statements
 * outside store_begin take milliseconds): store_begin's cap applies only
 * then, so ordinary contention between threads queues. */
static _Atomic int64_t holder_waits_since;
#define HOLDER_STUCK_MS 500

static bool holder_stuck(void) {
    int64_t since = holder_waits_since;
    return since && now_ms() - since >= HOLDER_STUCK_MS;
}

static int busy_wait(void *arg, int count) {
    static const int delays[] = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};
    Store *st = arg;
    if (count == 0 && now_ms() - gave_up_ms < busy_timeout_ms) {
        st->failure = SQLITE_BUSY;
        return 0;
    }
    /* having given up once, a request (or a command, or a round of the
     * mailer: whoever clears store_failure) does not wait the whole
     * timeout again for each of its next statements */
    if (st->nowait || st->failure == SQLITE_BUSY) return 0;
    /* a writer that queued in this process first counts from then: one
     * busy timeout in all, not one in the queue and one more in SQLite */
    if (count == 0 && !st->busy_from_gate) st->busy_since_ms = now_ms();
    if (st->writing && count == 0) holder_waits_since = now_ms();
    int64_t left = busy_timeout_ms - (now_ms() - st->busy_since_ms);
    if (left <= 0) {
        st->failure = SQLITE_BUSY;
        gave_up_ms = now_ms();
        return 0;
    }
    int d = delays[count < 12 ? count : 11];
    sqlite3_sleep(d < left ? d : (int)left);
    return 1;
}

/* Issue 15: a file of 0 bytes (and no write-ahead log beside it), which
 * SQLite would silently make into a new database: only a command that
 * creates one (pmm init, pmm demo) may. */
static bool empty_file(const char *path) {
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size != 0) return false;
    char wal[4096];
    snprintf(wal, sizeof wal, "%s-wal", path);
    return stat(wal, &sb) != 0 || sb.st_size == 0;
}

/* WAL lets readers (the web platform) go on while an import writes;
 * synchronous=NORMAL in WAL mode is still durable across crashes of
 * the process and keeps the database consistent across power loss. */
#define RW_PRAGMAS "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"


/* A connection to NAME (the path, or a file: URI of PATH) with PRAGMAS and
 * the common ones run; NULL with ERR said, and *CAUSE set when the database
 * itself failed (disk full, I/O error, cannot be written or opened). */
/* SQLite's collation "es" (issue 12): names in Spanish order, for every
 * ORDER BY of names ("ORDER BY name COLLATE es"); text_collate_es is the rule. */
static int collate_es(void *unused, int na, const void *a, int nb, const void *b) {
    (void)unused;
    return text_collate_es(a, na, b, nb);
}

/* Why this thread's last open failed (SQLite's primary code), for
 * store_open_failure. */
static __thread int last_open_failure;

int store_open_failure(void) { return last_open_failure; }

static Store *open_conn(const char *path, const char *name, int flags, const char *pragmas, int *cause,
                        Str *err) {
    last_open_failure = 0;
    Store *st = xcalloc(1, sizeof *st);
    st->path = xstrdup(path);
    char *msg = NULL;
    bool ok = sqlite3_open_v2(name, &st->db, flags, NULL) == SQLITE_OK &&
              sqlite3_create_collation_v2(st->db, "es", SQLITE_UTF8, NULL, collate_es, NULL) == SQLITE_OK;
    if (ok) {
        sqlite3_busy_handler(st->db, busy_wait, st);
        sqlite3_extended_result_codes(st->db, 1);
        /* before the pragmas: journal_mode=WAL would write into the file */
        if (store_schema_version(st) == 0 && !foreign_schema_absent(st, err)) {
            store_close(st);
            return NULL;
        }
        ok = sqlite3_exec(st->db, pragmas, NULL, NULL, &msg) == SQLITE_OK &&
             sqlite3_exec(st->db, COMMON_PRAGMAS, NULL, NULL, &msg) == SQLITE_OK &&
             store_schema_version(st) >= 0;      /* reads the file: a read-only open fails here */
    }
    if (ok) return st;
    int code = st->db ? sqlite3_extended_errcode(st->db) : SQLITE_NOMEM;   /* no handle: out of memory */
    last_open_failure = code & 0xff;
    /* busy or out of memory: no reason to fall back to reading only */
    if (is_database_failure(code) && (code & 0xff) != SQLITE_BUSY && (code & 0xff) != SQLITE_NOMEM) *cause = code;
    str_printf(err, _("no se puede abrir «%s» como base de datos de pmm: %s"), path,
               is_database_failure(code) ? store_file_cause(path, code)
               : errtext_sqlite_msg(code, msg ? msg : st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(code)));
    sqlite3_free(msg);
    store_close(st);
    return NULL;
}

/* A file: URI for PATH with QUERY (SQLite's URI rules: %-escapes). */
static void file_uri(Str *uri, const char *path, const char *query) {
    str_puts(uri, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-._~", *p))
            str_putc(uri, (char)*p);
        else
            str_printf(uri, "%%%02X", *p);
    }
    str_printf(uri, "?%s", query);
}

/* Whether PATH's write-ahead log holds nothing (or is not there): then
 * the file alone is the whole database. */
static bool wal_empty(const char *path) {
    char wal[4096];
    struct stat sb;
    snprintf(wal, sizeof wal, "%s-wal", path);
    return stat(wal, &sb) != 0 || sb.st_size == 0;
}

/* Issue 15: PATH could not be opened for writing because of CAUSE (a full
 * disk, a file or folder it may not write): opened read-only, as SQLite
 * can (mode=ro), else as an unchanging file (immutable=1) when its
 * write-ahead log is empty, so that nothing committed is missed. A write
 * is then refused, naming CAUSE (store_write_error). */
static void remember_file(Store *st, const struct stat *sb, bool immutable);

/* Whether PATH cannot be read at all (a folder, no permission, not a
 * database), read-only attempt failing with CODE: then that is what the
 * user is told, not why it could not be written. */
static bool cannot_be_read(const char *path, int code) {
    struct stat sb;
    return stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || access(path, R_OK) != 0 ||
           (code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT;
}

static Store *open_readonly(const char *path, int flags, int cause, Str *err) {
    static const char *const modes[] = {"mode=ro", "immutable=1"};
    flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
    if ((cause & 0xff) == SQLITE_IOERR && disk_full_at(path))
        cause = SQLITE_FULL;                   /* what the I/O error was */
    Store *st = NULL;
    struct stat before;                        /* the file the immutable connection reads */
    bool known = stat(path, &before) == 0;
    int m, c2 = 0;
    for (m = 0; m < 2 && !st; m++) {
        if (m == 1 && !wal_empty(path)) break;
        Str uri = STR_INIT, why = STR_INIT;
        file_uri(&uri, path, modes[m]);
        st = open_conn(path, str_cstr(&uri), flags, "", &c2, &why);
        str_free(&uri);
        str_free(&why);
    }
    /* S15B (issue 15, fault 6): a mode=ro connection too keeps which file
     * it reads, so that one replaced by a rename is seen (store_stale) */
    if (st) remember_file(st, known ? &before : NULL, m == 2);
    if (!st && cannot_be_read(path, c2)) {
        str_printf(err, _("no se puede abrir «%s»: %s"), path, store_file_cause(path, c2));
        return NULL;
    }
    if (!st) {
        str_printf(err, _("no se puede abrir «%s»: %s; tampoco solo para leer%s"), path,
                   write_error_cause(cause),
                   wal_empty(path) ? "" : _(" (su registro -wal tiene cambios que aún no pasan al archivo)"));
        return NULL;
    }
    st->ro_cause = cause;
    st->reopen_ms = now_ms();
    return st;
}

/* Issue 15 (helper S15): immutable=1 tells SQLite that nothing will
 * change the file, so it keeps pages and takes no lock; it is used only
 * when mode=ro cannot be (no -shm can be made beside the file). Another
 * process (root's pmm import or restore) may still write or replace the
 * file: the file's identity is kept, and a change makes the connection
 * stale, to be replaced (store_reopen_due) and never called damaged. */
static void remember_file(Store *st, const struct stat *sb, bool immutable) {
    st->immutable = immutable;
    st->seen_ino = -1;                         /* not there: stale at the first look */
    if (!sb) return;
    st->seen_dev = (long long)sb->st_dev;
    st->seen_ino = (long long)sb->st_ino;
    st->seen_size = (long long)sb->st_size;
    st->seen_mtime = sb->st_mtim;
}

/* Read-only: opened so (ro_cause), or opened for writing on a file the
 * process may not write, which SQLite opens read-only without a word. */
static bool reads_only(Store *st) {
    return st->ro_cause || sqlite3_db_readonly(st->db, "main") == 1;
}

bool store_stale(Store *st) {
    if (!reads_only(st)) return false;
    struct stat sb;
    if (stat(st->path, &sb) != 0) return true;
    /* mode=ro: SQLite sees writes to the file it has open, not another
     * file renamed over its name (S15B, issue 15, fault 6) */
    if (!st->immutable)
        return (long long)sb.st_dev != st->seen_dev || (long long)sb.st_ino != st->seen_ino;
    return (long long)sb.st_dev != st->seen_dev || (long long)sb.st_ino != st->seen_ino ||
           (long long)sb.st_size != st->seen_size || sb.st_mtim.tv_sec != st->seen_mtime.tv_sec ||
           sb.st_mtim.tv_nsec != st->seen_mtime.tv_nsec || !wal_empty(st->path);
}

/* Issue 15 (helper S15): a read-only connection is tried again for
 * writing at most once a second: the disk may have room again, the file
 * or its folder may have been made writable. */
#define REOPEN_EVERY_MS 1000

bool store_reopen_due(Store *st) {
    if (!reads_only(st)) return false;
    if (store_stale(st)) return true;
    if (!st->ro_cause) return false;           /* silently read-only: only a replaced file */
    int64_t now = now_ms();
    if (now - st->reopen_ms < REOPEN_EVERY_MS) return false;
    st->reopen_ms = now;
    return true;
}

static Store *open_flags(const char *path, bool create, int flags, int old, Str *err) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, no_memstatus);
    if (!create && access(path, F_OK) != 0) {
        str_printf(err, _("no existe la base de datos «%s» (créela con «pmm init»)"), path);
        return NULL;
    }
    if (!create && empty_file(path)) {
        str_printf(err, _("«%s» está vacío (0 bytes): no es una base de datos de pmm (¿una copia "
                          "que falló?); para empezar una base nueva use «pmm init»"), path);
        return NULL;
    }
    int cause = 0;
    Str why = STR_INIT;
    struct stat before;                        /* S15B (fault 6): which file it reads */
    bool known = stat(path, &before) == 0;
    Store *st = open_conn(path, path, flags | SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0),
                          RW_PRAGMAS, &cause, &why);
    if (st) remember_file(st, known ? &before : NULL, false);
    /* issue 15: a full disk or a file that cannot be written can still be
     * read (pmm report, check, backup; pmm serve's public pages) */
    if (!st && cause && !create) st = open_readonly(path, flags, cause, err);
    else if (!st) str_puts(err, str_cstr(&why));
    str_free(&why);
    if (!st) return NULL;
    /* before migrating: migration 11 uses it (issue 11) */
    if (!account_register_functions(st->db) || !action_register_functions(st->db)) {
        str_printf(err, _("no se puede abrir «%s»: %s"), path, errtext_sqlite_db(st->db));
        store_close(st);
        return NULL;
    }
    if (!migrate(st, old, err)) {
        store_close(st);
        return NULL;
    }
    /* issue 16 (P16): the pack's number style for every document written from it */
    if (!st->old_schema) store_pack_numbers(st);
    return st;
}

Store *store_open(const char *path, bool create, Str *err) {
    return open_flags(path, create, 0, OLD_REFUSED, err);
}

Store *store_open_single(const char *path, bool create, Str *err) {
    return open_flags(path, create, SQLITE_OPEN_NOMUTEX, OLD_IN_MEMORY, err);
}

Store *store_open_as_is(const char *path, Str *err) {
    return open_flags(path, false, SQLITE_OPEN_NOMUTEX, OLD_AS_IS, err);
}

int store_old_schema(Store *st) { return st->old_schema; }

/* For maint_store.c's restore, which reads a copy it may not write
 * (issue 15, round 3, F2), as open_readonly reads the database. */
void store_file_uri(Str *uri, const char *path, const char *query) { file_uri(uri, path, query); }
bool store_wal_empty(const char *path) { return wal_empty(path); }

void store_close(Store *st) {
    if (!st) return;
    /* issue 15, verification round (F15, fault 1): sqlite3_open_v2 out of
     * memory leaves no handle at all; closing that half-open Store passed
     * NULL to sqlite3_get_autocommit and the whole server died (SIGSEGV) */
    if (st->db) store_rollback(st);  /* an open transaction ends with the connection */
    for (int i = 0; i < Q__COUNT; i++) sqlite3_finalize(st->q[i]);
    sqlite3_close(st->db);
    free(st->path);
    free(st);
}

/* ---- why a write failed (issue 10, fault 13; helper CLI) ----
 * The failures of the database itself, as opposed to a refused value:
 * those are the ones a user cannot fix by correcting the file. */
static bool is_database_failure(int code) {
    switch (code & 0xff) {
    case SQLITE_BUSY: case SQLITE_LOCKED: case SQLITE_FULL: case SQLITE_READONLY:
    case SQLITE_IOERR: case SQLITE_CANTOPEN: case SQLITE_CORRUPT: case SQLITE_NOTADB:
    case SQLITE_NOMEM: case SQLITE_PERM: case SQLITE_PROTOCOL: case SQLITE_NOLFS:
        return true;
    default:
        return false;
    }
}

/* Keeps the connection's current failure, if it is one of the database:
 * a ROLLBACK after it would turn SQLite's message into "not an error". */
static void note_write_error(Store *st) {
    int code = sqlite3_extended_errcode(st->db);
    if (!is_database_failure(code)) return;
    /* Issue 15, round 5 (F5): in WAL mode a read never waits for another
     * process's write lock, so a plain "busy" is always a write's, also
     * one run alone outside store_begin (pmm edition add, user token,
     * disable, revoke), which were told «no se pudo leer»; so is a plain
     * "read-only" (a write to a query_only copy, to a file opened mode=ro) */
    bool a_write = code == SQLITE_BUSY || code == SQLITE_BUSY_SNAPSHOT || code == SQLITE_BUSY_TIMEOUT ||
                   code == SQLITE_READONLY;
    /* opened read-only (issue 15): the reason it could not be written */
    if ((code & 0xff) == SQLITE_READONLY && st->ro_cause) code = st->ro_cause;
    /* opened immutable and the file changed under it (helper S15): not
     * damage, another process wrote it; the next use reopens it */
    if (((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB) && store_stale(st))
        code = SQLITE_BUSY;
    /* F15 (fault 1): a failure while no write was under way (a read out
     * of memory, say) is told as a read's, not as «could not write» */
    if (st->write_error != code) st->failed_reading = !st->writing && !a_write;
    st->write_error = code;
    if (!st->nowait) st->failure = code;
}

/* Issue 14: worded once, in util/errtext.c, for every message that tells an SQLite failure. */
static const char *write_error_cause(int code) { return errtext_sqlite(code); }

/* Issue 15 (helper S15): why PATH could not be used as a database, SQLite
 * having failed with CODE, in pmm's words: what the file is (a folder, a
 * file it may not read, not a database at all) before what SQLite says,
 * which for those is only "unable to open database file". */
const char *store_file_cause(const char *path, int code) {
    struct stat sb;
    bool there = stat(path, &sb) == 0;
    if (there && S_ISDIR(sb.st_mode)) return errtext(EISDIR);
    if (there && !S_ISREG(sb.st_mode))
        return _("no es un archivo común (es un dispositivo, una tubería o un socket)");
    if (access(path, F_OK) == 0 && access(path, R_OK) != 0)
        return _("no tiene permiso para leerlo (revise los permisos del archivo y de su carpeta)");
    if ((code & 0xff) == SQLITE_NOTADB)
        return _("no es una base de datos de SQLite (otro tipo de archivo, o su encabezado está dañado)");
    if ((code & 0xff) == SQLITE_FULL || ((code & 0xff) == SQLITE_IOERR && disk_full_at(path)))
        return write_error_cause(SQLITE_FULL);
    if ((code & 0xff) == SQLITE_CANTOPEN && access(path, F_OK) != 0)
        return _("no existe, o su carpeta no existe o no se puede escribir");
    if ((code & 0xff) == SQLITE_CANTOPEN)
        return _("no se pudo abrir (¿la carpeta no se puede escribir, o faltan sus archivos -wal y -shm?)");
    return write_error_cause(code);
}

bool store_write_failed(Store *st) {
    note_write_error(st);
    return st->write_error != 0;
}

const char *store_write_error(Store *st) {
    note_write_error(st);
    /* issue 15 (S15C): a write refused before SQLite was asked (the
     * connection's last code is then "not an error") has the open's reason */
    if (!st->write_error && st->ro_cause) {
        st->write_error = st->ro_cause;
        st->failed_reading = false;
    }
    if (!st->write_error) return errtext_sqlite_db(st->db);
    /* SQLite's code, not its English message (issue 15, helper S15) */
    if (st->failed_reading)
        snprintf(st->write_msg, sizeof st->write_msg,
                 _("no se pudo leer la base de datos «%s»: %s (código de SQLite %d)"), st->path,
                 write_error_cause(st->write_error), st->write_error);
    else
        snprintf(st->write_msg, sizeof st->write_msg,
                 _("no se pudo escribir en la base de datos «%s»: %s (código de SQLite %d)"), st->path,
                 write_error_cause(st->write_error), st->write_error);
    return st->write_msg;
}

_Static_assert(STORE_FAILURE_BUSY == SQLITE_BUSY, "store.h's STORE_FAILURE_BUSY");
_Static_assert(STORE_FAILURE_NOMEM == SQLITE_NOMEM, "store.h's STORE_FAILURE_NOMEM");

void store_failure_clear(Store *st) { st->failure = 0; }

int store_failure(Store *st) {
    note_write_error(st);
    return st->failure & 0xff;
}

const char *store_failure_cause(int code) { return write_error_cause(code); }

const char *store_readonly_reason(Store *st) { return st->ro_cause ? write_error_cause(st->ro_cause) : NULL; }

/* One writer at a time in this process. Threads of `pmm serve` that
 * want to write queue here, instead of each taking SQLite's busy handler,
 * whose growing sleeps turned contention into latency (bench/load_web.py);
 * other processes are still kept out by SQLite's lock and busy timeout. */
static pthread_mutex_t writer_lock = PTHREAD_MUTEX_INITIALIZER;

/* Issue 15 (hostile tester): each writer in the queue holds one of the
 * server's threads (since s12 d15w a write worker's, server.c, and so
 * none of the threads that read); while another process holds the
 * database, past this many (holder included) a writer is told "busy" at
 * once, so that threads remain to answer the others at once. 0: no cap
 * (commands). */
static _Atomic int writer_cap;
static _Atomic int writers_queued;

void store_set_writer_cap(int n) { writer_cap = n; }

static void leave_gate(Store *st) {
    st->busy_from_gate = false;
    writers_queued--;
}

static void release_writer(Store *st) {
    if (!st->writing) return;
    st->writing = false;
    pthread_mutex_unlock(&writer_lock);
    leave_gate(st);
}

/* Past the cap while another process holds the database, one writer
 * leaves the queue (told "busy"): the compare-and-swap lets exactly as
 * many leave as are over the cap, however many look at once. */
static bool leave_over_cap(int cap) {
    int q = writers_queued;
    while (cap > 0 && q > cap && holder_stuck())
        if (atomic_compare_exchange_weak(&writers_queued, &q, q - 1)) return true;
    return false;
}

static struct timespec realtime_in_ms(int64_t ms) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    int64_t ns = t.tv_nsec + ms * 1000000;
    t.tv_sec += (time_t)(ns / 1000000000);
    t.tv_nsec = (long)(ns % 1000000000);
    return t;
}

/* Waits for this process's writer lock no longer than the busy timeout:
 * threads queued behind one held up by another process would otherwise
 * each wait the whole timeout in turn. The wait is taken in slices so
 * that the cap also applies to writers that queued before the holder
 * was seen stuck (its own work, say a password check, ran long):
 * issue 15, a CI run where five logins waited on six threads. */
#define GATE_SLICE_MS 100
static bool lock_writer(Store *st) {
    int cap = writer_cap;
    writers_queued++;
    st->busy_from_gate = true;
    st->busy_since_ms = now_ms();
    for (;;) {
        if (leave_over_cap(cap)) {
            st->busy_from_gate = false;
            st->failure = st->write_error = SQLITE_BUSY;
            return false;
        }
        int64_t left = busy_timeout_ms - (now_ms() - st->busy_since_ms);
        if (left <= 0) break;
        struct timespec until = realtime_in_ms(left < GATE_SLICE_MS ? left : GATE_SLICE_MS);
        int rc = pthread_mutex_timedlock(&writer_lock, &until);
        if (rc == 0) {
            st->writing = true;
            return true;
        }
        if (rc != ETIMEDOUT) break;
    }
    leave_gate(st);
    st->failure = st->write_error = SQLITE_BUSY;
    return false;
}

bool store_begin(Store *st) {
    if (!lock_writer(st)) return false;
    bool began = store_exec_stmt(st, store_stmt(st, Q_BEGIN, "BEGIN IMMEDIATE"));
    holder_waits_since = 0;
    if (began) {
        gave_up_ms = INT64_MIN / 2;     /* the database is free again */
        return true;
    }
    note_write_error(st);
    release_writer(st);
    return false;
}

bool store_try_begin(Store *st) {
    if (pthread_mutex_trylock(&writer_lock) != 0) return false;
    writers_queued++;
    st->writing = true;
    st->nowait = true;
    bool ok = store_exec_stmt(st, store_stmt(st, Q_BEGIN, "BEGIN IMMEDIATE"));
    st->nowait = false;
    if (!ok) release_writer(st);
    return ok;
}

/* A failed COMMIT is rolled back here, so the writer lock is never left
 * held by a caller that forgets to roll back. */
bool store_commit(Store *st) {
    bool ok = store_exec_stmt(st, store_stmt(st, Q_COMMIT, "COMMIT"));
    if (!ok) note_write_error(st);
    if (!ok && !sqlite3_get_autocommit(st->db))
        store_exec_stmt(st, store_stmt(st, Q_ROLLBACK, "ROLLBACK"));
    release_writer(st);
    return ok;
}

void store_rollback(Store *st) {
    note_write_error(st);       /* the failure that led here outlives ROLLBACK */
    if (!sqlite3_get_autocommit(st->db))
        store_exec_stmt(st, store_stmt(st, Q_ROLLBACK, "ROLLBACK"));
    release_writer(st);
}

/* One home for the transaction around a write of several statements
 * (store_internal.h): account, e-mail and disabled-account changes. */
bool store_atomic_begin(Store *st, bool *own) {
    *own = sqlite3_get_autocommit(st->db);
    return !*own || store_begin(st);
}

bool store_atomic_end(Store *st, bool own, bool ok) {
    if (!own) return ok;
    if (ok) return store_commit(st);
    store_rollback(st);
    return false;
}
