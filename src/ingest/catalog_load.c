/*
 * A country pack (docs/packs.md): pack.json and the catalog CSV files of a
 * folder, or of data/packs/mx/, the default compiled into the binary, read
 * into a database that holds no pack yet, in one transaction. Each file is
 * read with the same table reader as an import, so a catalog edited by
 * hand gets the same clear errors; pack.json names each key it refuses.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "core/catalog_rule.h"   /* issue 16: the one subnational type */
#include "core/figures.h"
#include "ingest/catalog_load.h"
#include "ingest/table.h"
#include "store/pack_store.h"
#include "util/embedded.h"
#include "util/hmap.h"
#include "render/map.h"
#include "store/map_store.h"
#include "util/mem.h"
#include "util/i18n.h"
#include "util/lang.h"
#include "util/text.h"

#define DEFAULT_PACK "packs/" PACK_DEFAULT_NAME "/"

/* The pack key recorded once the catalogs' English is in the database:
 * by catalog_load, or by catalog_load_new once for a database an older
 * pmm filled. Never filled again: an English text emptied on the platform
 * stays empty. */
#define ENGLISH_KEY "catalogos.en"

/* F16A: what the files of a pack said before the one being read, to
 * check what one file says against another (issue 16, tester's faults 7,
 * 8, 14, 15): a database's upserts and foreign keys would otherwise merge
 * a repeated entry silently, or refuse it without naming file and line. */
typedef struct {
    long objectives[24];     /* the line of objective N in objectives.csv, 0 if not there */
    HMap types;              /* the codes of reporter_types.csv (institutions.csv's «tipo») */
    long sub_line;           /* the line of the one subnational type, 0 if none yet */
    char *sub_code, *sub_name;
    HMap parents;            /* institutions.csv: siglas -> the index of its «dependencia» in deps */
    char **deps;             /* siglas, dependencia and line of each institution that depends on one */
    long *dep_lines;
    int ndeps;
} Seen;

/* Where the pack's files are read from: DIR, or the default pack compiled
 * in when DIR is NULL; SEEN, NULL for a file read alone (the default's
 * English, principles and roundtables). */
typedef struct {
    Store *st;
    DiagList *diags;
    const char *dir;
    Seen *seen;
} Source;

typedef struct {
    Store *st;
    DiagList *diags;
    const char *file;
    int ord;
    bool ok;
    Seen *seen;
    HMap keys;               /* this file's codes and names, folded, -> their line (unique()) */
    Arena a;
} Load;

/* What the figures hold (core/figures.h): a catalog of more entries than
 * its figures have room for, or a name longer than a figure's label
 * (FigLabel, FigType: 160 bytes; the platform's forms allow 150), is
 * refused here rather than cut or left out of the figures. */
#define LABEL_MAX 150

static bool room(Load *l, long line, int max) {
    if (l->ord < max) return true;
    diag_add(l->diags, l->file, line, NULL, NULL, _("el catálogo admite a lo más %d entradas: las cifras no "
                                                     "tienen lugar para más"), max);
    return l->ok = false;
}

/* Each of the N cells V[COLS[i]] (named NAMES[i]) fits a figure's label. */
static bool labels_fit(Load *l, long line, const char *const *v, const int *cols, const char *const *names, int n) {
    for (int i = 0; i < n; i++)
        if (strlen(v[cols[i]]) > LABEL_MAX) {
            diag_add(l->diags, l->file, line, names[i], v[cols[i]], _("pasa de %d bytes"), LABEL_MAX);
            return l->ok = false;
        }
    return true;
}

/* A cell that must be one of the words of CHOICES ("f;m"): false, said. */
static bool choice(Load *l, long line, const char *column, const char *v, const char *choices) {
    if (text_in_list(v, choices)) return true;
    diag_add(l->diags, l->file, line, column, v, _("el valor debe ser uno de: %s"), choices);
    return l->ok = false;
}

/* Each ';'-separated alias of VALUES for the entry ID of KIND. */
static bool put_aliases(Load *l, const char *kind, int64_t id, const char *values) {
    char *buf = xstrdup(values);     /* all of it: a fixed buffer cut long alias lists */
    bool ok = true;
    for (char *save = NULL, *p = strtok_r(buf, ";", &save); ok && p; p = strtok_r(NULL, ";", &save)) {
        while (*p == ' ') p++;
        ok = !*p || store_put_alias(l->st, kind, id, p);
    }
    free(buf);
    return ok;
}

/* F16A (issue 16, tester's fault 6): a code, or a name an import finds an
 * entry by (its names, acronym, aliases: the matcher's, which folds case
 * and accents with text_fold), belongs to one entry of the file. The
 * database's upserts kept the last of two rows with one code, the
 * matcher the first of two entries with one name, «cl-rm» and «CL-RM»
 * were two units, one alias on two units named the second: each silently.
 * KIND is 'c' for the key column, 'n' for a name. */
static bool unique(Load *l, long line, char kind, const char *column, const char *v) {
    /* the table reader hands over UTF-8 (a Windows-1252 file converted); text_fold needs it */
    const char *key = !*v ? "" : text_valid_utf8(v, strlen(v)) ? text_fold(&l->a, v) : v;
    if (!*key) return true;
    key = arena_printf(&l->a, "%c%s", kind, key);
    int64_t other;
    if (hmap_get(&l->keys, key, &other) && other != line) {
        if (kind == 'c')
            diag_add(l->diags, l->file, line, column, v, _("la clave se repite: ya es la de la línea %ld "
                                                           "(sin distinguir mayúsculas ni acentos)"), (long)other);
        else
            diag_add(l->diags, l->file, line, column, v, _("ya nombra la entrada de la línea %ld (sin distinguir "
                                                           "mayúsculas ni acentos): un nombre, unas siglas o un "
                                                           "alias nombra una sola entrada"), (long)other);
        return l->ok = false;
    }
    hmap_put(&l->keys, key, line);
    return true;
}

/* Each ';'-separated alias of VALUES names no other entry (unique). */
static bool unique_aliases(Load *l, long line, const char *values) {
    char *buf = arena_strdup(&l->a, values);
    for (char *save = NULL, *p = strtok_r(buf, ";", &save); p; p = strtok_r(NULL, ";", &save))
        if (!unique(l, line, 'n', "alias", text_trim(p))) return false;
    return true;
}

/* A name that must be given (issue 16, tester's fault 15: a unit without a name). */
static bool filled(Load *l, long line, const char *column, const char *v) {
    if (!text_blank(v)) return true;
    diag_add(l->diags, l->file, line, column, NULL, _("falta el valor (es obligatorio)"));
    return l->ok = false;
}

static bool fail(Load *l, long line, const char *what) {
    diag_add(l->diags, l->file, line, NULL, what, "%s", store_errmsg(l->st));
    l->ok = false;
    return false;
}

/* The number in V, when it is one from 1 to MAX, else 0. */
static int number_in(const char *v, int max) {
    char *end;
    long n = strtol(v, &end, 10);
    return *v && !*end && n >= 1 && n <= max ? (int)n : 0;
}

/* The IMRF roundtable (issue 13) in column «mesa»: 1 to 4. ONLY_UNSET:
 * an older database gets it without losing one set since. */
static bool roundtable_of(Load *l, long line, int n, const char *v, bool only_unset) {
    int r = number_in(v, FIG_NROUNDTABLES);
    if (!r) {
        diag_add(l->diags, l->file, line, "mesa", v, _("la mesa redonda del Foro debe ser de 1 a 4"));
        return l->ok = false;
    }
    return store_set_roundtable(l->st, n, r, only_unset) || fail(l, line, v);
}

static bool objective_row(void *p, long line, const char *const *v) {
    Load *l = p;
    int n = number_in(v[0], 23);
    if (!n) {
        diag_add(l->diags, l->file, line, "numero", v[0], _("el objetivo debe ser de 1 a 23"));
        return l->ok = false;
    }
    if (l->seen && l->seen->objectives[n]) {
        diag_add(l->diags, l->file, line, "numero", v[0], _("el objetivo se repite: ya es el de la línea %ld"),
                 l->seen->objectives[n]);
        return l->ok = false;
    }
    if (l->seen) l->seen->objectives[n] = line;
    /* an empty «mesa»: the Compact's own, from the default pack (load_compact) */
    return (store_put_objective(l->st, n, v[1], v[2], v[3], v[4]) || fail(l, line, v[0])) &&
           (!*v[5] || roundtable_of(l, line, n, v[5], false));
}

static bool roundtable_row(void *p, long line, const char *const *v) {
    Load *l = p;
    int n = number_in(v[0], 23);
    return n && (!*v[5] || roundtable_of(l, line, n, v[5], true));
}

/* A name or alias of a principle the import can find it by (issue 13
 * round 3, F13B: the platform's form applies the same rule). */
static bool principle_name_ok(Load *l, long line, const char *column, const char *v) {
    const char *why = action_principle_name_problem(v);
    if (why) diag_add(l->diags, l->file, line, column, v, "%s", why);
    return why ? (l->ok = false) : true;
}

static bool principle_aliases_ok(Load *l, long line, const char *values) {
    char *buf = xstrdup(values);
    bool ok = true;
    for (char *save = NULL, *p = strtok_r(buf, ";", &save); p; p = strtok_r(NULL, ";", &save))
        ok = principle_name_ok(l, line, "alias", text_trim(p)) && ok;
    free(buf);
    return ok;
}

static bool principle_row(void *p, long line, const char *const *v) {
    Load *l = p;
    int n = number_in(v[0], ACTION_NPRIN);
    if (!n) {
        diag_add(l->diags, l->file, line, "numero", v[0], _("el principio rector debe ser de 1 a 10"));
        return l->ok = false;
    }
    bool names = principle_name_ok(l, line, "nombre_es", v[1]);     /* each said, not only the first */
    names = principle_name_ok(l, line, "nombre_en", v[2]) && names;
    if (!(principle_aliases_ok(l, line, v[5]) && names)) return false;
    if (!store_put_principle(l->st, n, v[1], v[2], v[3], v[4])) return fail(l, line, v[0]);
    return put_aliases(l, "principle", n, v[5]) || fail(l, line, v[5]);
}

/* A reporter type: code, names, then the grammar of its Spanish name and
 * the nouns for its bodies (store.h RtypeGrammar). */
/* A code of a reporter type or a unit (text_is_code). */
static bool code_ok(Load *l, long line, const char *v) {
    if (text_is_code(v)) return true;
    diag_add(l->diags, l->file, line, "clave", v, _("la clave lleva solo letras sin acentos, cifras, - y _"));
    return l->ok = false;
}

/* Issue 16, tester's fault 8: one subnational type, not one of society's:
 * the rule the platform's form keeps too (core/catalog_rule.c, one home),
 * against the types of the lines before. */
static bool one_subnational(Load *l, long line, const char *const *v) {
    Seen *s = l->seen;
    const char *field;
    const char *why = rtype_subnational_rule(&l->a, strcmp(v[5], "1") == 0, strcmp(v[6], "1") == 0,
                                             s->sub_line ? s->sub_code : NULL, s->sub_name, &field);
    if (why) {
        diag_add(l->diags, l->file, line, field, strcmp(field, "sociedad") == 0 ? v[6] : v[5], "%s", why);
        return l->ok = false;
    }
    if (strcmp(v[5], "1") != 0) return true;
    s->sub_line = line;
    s->sub_code = arena_strdup(&l->a, v[0]);     /* read only while the file is */
    s->sub_name = arena_strdup(&l->a, v[1]);
    return true;
}

static bool rtype_row(void *p, long line, const char *const *v) {
    Load *l = p;
    if (!code_ok(l, line, v[0])) return false;
    static const int cols[] = {0, 1, 2, 7, 8, 9, 10};
    static const char *const names[] = {"clave", "nombre_es", "nombre_en", "instancia_es", "instancias_es",
                                        "instancia_en", "instancias_en"};
    if (!room(l, line, FIG_MAX_TYPES) || !labels_fit(l, line, v, cols, names, 7) ||
        !choice(l, line, "genero", v[3], "f;m") || !choice(l, line, "numero", v[4], "sg;pl") ||
        !choice(l, line, "subnacional", v[5], "0;1") || (*v[6] && !choice(l, line, "sociedad", v[6], "0;1")) ||
        (*v[11] && !choice(l, line, "nombre_propio", v[11], "0;1")))    /* issue 16 (F16B), optional */
        return false;
    /* sociedad (issue 13, hostile fault 11): the review's whole-of-society
     * types; optional, so that a pack written before it still loads: a pack
     * without the column has none, and the review says so */
    if (!filled(l, line, "nombre_es", v[1]) || !filled(l, line, "nombre_en", v[2]) ||
        !unique(l, line, 'c', "clave", v[0]) || !unique(l, line, 'n', "nombre_es", v[1]) || !one_subnational(l, line, v))
        return false;
    hmap_put(&l->seen->types, v[0], line);
    RtypeGrammar g = {v[3], v[4], strcmp(v[5], "1") == 0, strcmp(v[6], "1") == 0, v[7], v[8], v[9], v[10],
                      strcmp(v[11], "1") == 0};
    return store_put_reporter_type(l->st, v[0], v[1], v[2], ++l->ord, &g) || fail(l, line, v[0]);
}

/* The longest code of a subnational unit: INEGI's "01".."32", INE's
 * "01".."22", DANE's "05".."99", ISO 3166-2's "GT-16", ... */
#define STATE_CODE_MAX 5

static bool state_row(void *p, long line, const char *const *v) {
    Load *l = p;
    if (!code_ok(l, line, v[0])) return false;
    if (text_chars(v[0]) > STATE_CODE_MAX) {
        diag_add(l->diags, l->file, line, "clave", v[0], _("la clave pasa de %d caracteres"), STATE_CODE_MAX);
        return l->ok = false;
    }
    if (!filled(l, line, "nombre", v[1]) || !unique(l, line, 'c', "clave", v[0]) ||
        !unique(l, line, 'n', "nombre", v[1]) || !unique(l, line, 'n', "abreviatura", v[3]) ||
        !unique_aliases(l, line, v[4]))
        return false;
    if (!store_put_state(l->st, v[0], v[1], *v[2] ? v[2] : NULL, v[3])) return fail(l, line, v[0]);
    return put_aliases(l, "state", store_state_id(l->st, v[0]), v[4]) || fail(l, line, v[4]);
}

static bool atype_row(void *p, long line, const char *const *v) {
    Load *l = p;
    if (!filled(l, line, "nombre", v[0]) || !unique(l, line, 'n', "nombre", v[0]) ||
        !unique(l, line, 'n', "nombre_en", v[1]))
        return false;
    return store_put_action_type(l->st, v[0], v[1], ++l->ord) || fail(l, line, v[0]);
}

static bool pop_row(void *p, long line, const char *const *v) {
    Load *l = p;
    static const int cols[] = {0, 1, 2};
    static const char *const names[] = {"clave", "nombre", "nombre_en"};
    if (!room(l, line, FIG_MAX_POPS) || !labels_fit(l, line, v, cols, names, 3) ||
        !filled(l, line, "nombre", v[1]) || !unique(l, line, 'c', "clave", v[0]) ||
        !unique(l, line, 'n', "clave", v[0]) || !unique(l, line, 'n', "nombre", v[1]) || !unique_aliases(l, line, v[3]))
        return false;
    if (!store_put_population(l->st, v[0], v[1], v[2], ++l->ord)) return fail(l, line, v[0]);
    return put_aliases(l, "population", store_population_id(l->st, v[0]), v[3]) || fail(l, line, v[3]);
}

static bool cat_row(void *p, long line, const char *const *v) {
    Load *l = p;
    static const int cols[] = {0, 2};
    static const char *const names[] = {"nombre", "nombre_en"};
    if (!room(l, line, FIG_MAX_CATS) || !labels_fit(l, line, v, cols, names, 2) ||
        !filled(l, line, "nombre", v[0]) || !unique(l, line, 'n', "nombre", v[0]) ||
        !unique(l, line, 'n', "nombre_en", v[2]))
        return false;
    return store_put_category(l->st, v[0], v[1], v[2], *v[3] ? v[3] : NULL, ++l->ord) || fail(l, line, v[0]);
}

/* Issue 16, tester's fault 14: «tipo» and «estado» name entries of the
 * pack, said with file, line and column rather than as the database's
 * «FOREIGN KEY constraint failed». */
static bool inst_refs(Load *l, long line, const char *const *v) {
    int64_t k;
    if (!hmap_get(&l->seen->types, v[2], &k)) {
        diag_add(l->diags, l->file, line, "tipo", v[2], _("no es una clave de reporter_types.csv"));
        return l->ok = false;
    }
    if (*v[3] && store_state_id(l->st, v[3]) <= 0) {
        diag_add(l->diags, l->file, line, "estado", v[3], _("no es una clave de states.csv"));
        return l->ok = false;
    }
    return true;
}

static bool inst_row(void *p, long line, const char *const *v) {
    Load *l = p;
    if (!filled(l, line, "siglas", v[0]) || !filled(l, line, "nombre", v[1]) || !inst_refs(l, line, v) ||
        !unique(l, line, 'c', "siglas", v[0]) || !unique(l, line, 'n', "siglas", v[0]) ||
        !unique(l, line, 'n', "nombre", v[1]) || !unique_aliases(l, line, v[5]))
        return false;
    const char *why = inst_acronym_rule(v[0]);
    if (why) {
        diag_add(l->diags, l->file, line, "siglas", v[0], "%s", why);
        return l->ok = false;
    }
    if (!store_put_institution(l->st, v[0], v[1], v[2], v[3])) return fail(l, line, v[0]);
    return put_aliases(l, "institution", store_institution_id(l->st, v[0]), v[5]) ||
           fail(l, line, v[5]);
}

/* Institution SIGLAS depends on PARENT, at LINE (for dependency_cycles). */
static void remember_dependency(Seen *s, const char *siglas, const char *parent, long line) {
    if (!hmap_put(&s->parents, siglas, s->ndeps)) return;
    s->deps = xrealloc(s->deps, (size_t)(s->ndeps + 1) * 2 * sizeof *s->deps);
    s->dep_lines = xrealloc(s->dep_lines, (size_t)(s->ndeps + 1) * sizeof *s->dep_lines);
    s->deps[2 * s->ndeps] = xstrdup(siglas);
    s->deps[2 * s->ndeps + 1] = xstrdup(parent);
    s->dep_lines[s->ndeps++] = line;
}

static bool inst_parent_row(void *p, long line, const char *const *v) {
    Load *l = p;
    if (!*v[4]) return true;
    if (strcmp(v[4], v[0]) == 0) {
        diag_add(l->diags, l->file, line, "dependencia", v[4], _("una institución no depende de sí misma"));
        return l->ok = false;
    }
    if (!store_institution_id(l->st, v[4])) {
        diag_add(l->diags, l->file, line, "dependencia", v[4],
                 _("la dependencia no es una institución del catálogo"));
        return l->ok = false;
    }
    remember_dependency(l->seen, v[0], v[4], line);
    return store_set_institution_parent(l->st, v[0], v[4]) || fail(l, line, v[4]);
}

/* The path of the pack's file NAME, as messages name it, into OUT. */
static void pack_path(const Source *src, const char *name, Str *out) {
    str_printf(out, "%s%s%s", src->dir ? src->dir : DEFAULT_PACK, src->dir ? "/" : "", name);
}

static bool load_file(const Source *src, const char *name, const ColumnSpec *cols, int ncols, TableRowFn row) {
    Str path = STR_INIT;
    pack_path(src, name, &path);
    const EmbeddedFile *f = src->dir ? NULL : embedded_find(path.p);
    bool ok = false;
    Load l = {src->st, src->diags, path.p, 0, true, src->seen, .a = ARENA_INIT};
    hmap_init(&l.keys);
    TableReader t = {.cols = cols, .ncols = ncols, .file = path.p, .diags = src->diags,
                     .row = row, .ctx = &l, .strict_columns = true};
    if (src->dir)
        ok = table_read(&t, path.p, NULL, 0) && l.ok;
    else if (f)
        ok = table_read(&t, NULL, (const char *)f->data, f->size) && l.ok;
    else
        diag_add(src->diags, path.p, 0, NULL, NULL, _("falta el catálogo en este binario"));
    /* issue 16, tester's fault 14: a catalog of a header only was reported
     * later, against the file that named one of its entries */
    if (ok && t.rows == 0) {
        diag_add(src->diags, path.p, 0, NULL, NULL, _("el catálogo no tiene ninguna fila, solo el encabezado"));
        ok = false;
    }
    hmap_free(&l.keys);
    arena_free(&l.a);
    str_free(&path);
    return ok;
}

/* Issue 16, tester's fault 7: the 23 objectives of the Compact, every one:
 * an import refused every action while one was missing. */
static bool objectives_complete(const Source *src) {
    Str missing = STR_INIT, path = STR_INIT;
    for (int n = 1; n <= 23; n++)
        if (!src->seen->objectives[n]) str_printf(&missing, "%s%d", missing.len ? ", " : "", n);
    bool ok = missing.len == 0;
    pack_path(src, "objectives.csv", &path);
    if (!ok)
        diag_add(src->diags, path.p, 0, "numero", NULL, _("faltan objetivos del Pacto (%s): el paquete lleva los 23"), missing.p);
    str_free(&missing);
    str_free(&path);
    return ok;
}

/* The populations the interchange files name by code (docs/interchange.md,
 * docs/packs.md): a pack names them for its country, and keeps them. */
static const char *const interchange_populations[] = {"extranjeros", "exterior", "retorno", "no_aplica"};

static bool populations_complete(const Source *src) {
    Str missing = STR_INIT, path = STR_INIT;
    for (size_t i = 0; i < sizeof interchange_populations / sizeof *interchange_populations; i++)
        if (store_population_id(src->st, interchange_populations[i]) <= 0) {
            if (missing.len) str_puts(&missing, ", ");
            str_printf(&missing, _("«%s»"), interchange_populations[i]);    /* the message's quotes, also in English */
        }
    bool ok = missing.len == 0;
    pack_path(src, "populations.csv", &path);
    if (!ok)
        diag_add(src->diags, path.p, 0, "clave", NULL, _("faltan poblaciones cuyas claves usan los archivos de "
                                                          "intercambio (docs/interchange.md): %s"), missing.p);
    str_free(&missing);
    str_free(&path);
    return ok;
}

/* Issue 16, tester's fault 15: a chain of «dependencia» that comes back to
 * where it started (A depends on B, B on A) has no head. Each chain is
 * followed at most as many steps as there are dependencies. */
static bool dependency_cycles(const Source *src) {
    Seen *s = src->seen;
    bool ok = true;
    for (int i = 0; ok && i < s->ndeps; i++) {
        Str chain = STR_INIT;
        str_puts(&chain, s->deps[2 * i]);
        int64_t j = i;
        for (int steps = 0; steps <= s->ndeps; steps++) {
            const char *parent = s->deps[2 * j + 1];
            str_printf(&chain, " → %s", parent);
            if (strcmp(parent, s->deps[2 * i]) == 0) {
                Str path = STR_INIT;
                pack_path(src, "institutions.csv", &path);
                diag_add(src->diags, path.p, s->dep_lines[i], "dependencia", s->deps[2 * i + 1],
                         _("las dependencias forman un ciclo (%s): una institución no depende de sí misma"), chain.p);
                str_free(&path);
                ok = false;
                break;
            }
            if (!hmap_get(&s->parents, parent, &j)) break;
        }
        str_free(&chain);
    }
    return ok;
}

static void seen_free(Seen *s) {
    hmap_free(&s->types);
    hmap_free(&s->parents);
    for (int i = 0; i < 2 * s->ndeps; i++) free(s->deps[i]);
    free(s->deps);
    free(s->dep_lines);
}

#define REQ(n) {n, true, NULL, NULL}
#define OPT(n) {n, false, NULL, NULL}
#define LOAD(file, row, ...) \
    load_file(src, file, (const ColumnSpec[]){__VA_ARGS__}, \
              (int)(sizeof((const ColumnSpec[]){__VA_ARGS__}) / sizeof(ColumnSpec)), row)

#define OBJECTIVE_COLS REQ("numero"), REQ("titulo_es"), REQ("titulo_en"), OPT("titulo_corto_es"), \
    OPT("titulo_corto_en"), OPT("mesa")
#define STATE_COLS REQ("clave"), REQ("nombre"), OPT("nombre_en"), REQ("abreviatura"), REQ("alias")
#define CAT_COLS REQ("nombre"), REQ("definicion"), REQ("nombre_en"), OPT("definicion_en")
#define PRINCIPLE_COLS REQ("numero"), REQ("nombre_es"), REQ("nombre_en"), REQ("descripcion_es"), \
                       REQ("descripcion_en"), REQ("alias")

/* What the Compact itself fixes, the same for every country: its guiding
 * principles and the IMRF roundtable of each objective (issue 13), read
 * from the default pack compiled in; a pack's own «mesa» wins (ONLY_UNSET). */
static bool load_compact(const Source *pack) {
    Source def = {pack->st, pack->diags, NULL, NULL}, *src = &def;
    return LOAD("objectives.csv", roundtable_row, OBJECTIVE_COLS) &&
           LOAD("principles.csv", principle_row, PRINCIPLE_COLS);
}

/* The whole file PATH appended to OUT; false when it cannot be read. */
static bool read_whole(const char *path, Str *out) {
    FILE *fp = fopen(path, "rb");
    if (!fp) return false;
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) str_append(out, buf, n);
    bool ok = !ferror(fp);
    fclose(fp);
    return ok;
}

/* Issue 16, tester's fault 15: every point of the boundary file lies in
 * the box the map is drawn in (docs/packs.md): one off by a factor (1e9,
 * coordinates not projected) drew nothing a user could see. */
static bool shapes_in_box(const MapShapes *sh, const char *file, DiagList *diags) {
    for (int i = 0; i < sh->n; i++)
        for (int r = 0; r < sh->s[i].nrings; r++)
            for (int k = 0; k < sh->s[i].npts[r]; k++) {
                double x = sh->s[i].pts[r][2 * k], y = sh->s[i].pts[r][2 * k + 1];
                if (x >= 0 && x <= MAP_WIDTH && y >= 0 && y <= MAP_HEIGHT) continue;
                char at[64];
                snprintf(at, sizeof at, "%g %g", x, y);
                diag_add(diags, file, 0, "clave", sh->s[i].code,
                         _("el punto %s cae fuera del recuadro del mapa: x va de 0 a %g, y de 0 a %g (puntos ya "
                           "proyectados)"), at, MAP_WIDTH, MAP_HEIGHT);
                return false;
            }
    return true;
}

/* The catalogs of the pack, in the order their references need. */
/* issue 14: the pack's boundary file, optional (a pack without one has no
 * map). Every row's code must be a unit of states.csv; the text is recorded
 * whole (store/map_store.h) and drawn by render/map.c. */
static bool load_boundaries(const Source *src) {
    Str path = STR_INIT;
    pack_path(src, "limites.csv", &path);
    const EmbeddedFile *f = src->dir ? NULL : embedded_find(path.p);
    char *text = NULL;
    struct stat sb;
    if (src->dir) {
        Str t = STR_INIT;
        text = read_whole(path.p, &t) ? strdup(str_cstr(&t)) : NULL;
        str_free(&t);
    } else if (f) {
        text = strdup((const char *)f->data);
    }
    /* absent, the pack has no map; there but unreadable, it is no pack to load */
    bool ok = text || !src->dir || stat(path.p, &sb) != 0;
    if (!ok) {
        diag_add(src->diags, path.p, 0, NULL, NULL, _("no se puede leer el archivo"));
    } else if (text) {
        Arena a = ARENA_INIT;
        MapShapes sh;
        int line;
        const char *err;
        ok = map_parse(text, &a, &sh, &line, &err);
        if (!ok) diag_add(src->diags, path.p, line, NULL, NULL, "%s", err);
        ok = ok && shapes_in_box(&sh, path.p, src->diags);
        for (int i = 0; ok && i < sh.n; i++)
            if (store_state_id(src->st, sh.s[i].code) <= 0) {
                diag_add(src->diags, path.p, 0, "clave", sh.s[i].code,
                         _("esta clave no es una unidad subnacional de states.csv"));
                ok = false;
            }
        ok = ok && store_map_boundary_put(src->st, text);
        arena_free(&a);
        free(text);
    } else {
        ok = store_map_boundary_put(src->st, "");    /* recorded: this pack has none */
    }
    str_free(&path);
    return ok;
}

static bool load_catalogs(const Source *src) {
    return store_clear_aliases(src->st) &&
        LOAD("objectives.csv", objective_row, OBJECTIVE_COLS) && objectives_complete(src) &&
        load_compact(src) &&
        LOAD("reporter_types.csv", rtype_row,
             REQ("clave"), REQ("nombre_es"), REQ("nombre_en"), REQ("genero"), REQ("numero"),
             REQ("subnacional"), OPT("sociedad"), OPT("instancia_es"), OPT("instancias_es"), OPT("instancia_en"),
             OPT("instancias_en"), OPT("nombre_propio")) &&
        LOAD("states.csv", state_row, STATE_COLS) &&
        LOAD("action_types.csv", atype_row, REQ("nombre"), REQ("nombre_en")) &&
        LOAD("populations.csv", pop_row,
             REQ("clave"), REQ("nombre"), REQ("nombre_en"), REQ("alias")) && populations_complete(src) &&
        LOAD("challenge_categories.csv", cat_row, CAT_COLS) &&
        LOAD("institutions.csv", inst_row,
             REQ("siglas"), REQ("nombre"), REQ("tipo"), REQ("estado"), REQ("dependencia"),
             REQ("alias")) &&
        LOAD("institutions.csv", inst_parent_row,
             REQ("siglas"), REQ("nombre"), REQ("tipo"), REQ("estado"), REQ("dependencia"),
             REQ("alias")) && dependency_cycles(src) &&
        load_boundaries(src);
}

/* ------------------------------------------------------------ pack.json */

/* What each key of pack_keys must hold; a key with a default may be left out. */
typedef enum { PK_TEXT, PK_NAME, PK_GENDER, PK_COUNT, PK_LANG, PK_THOUSANDS, PK_DECIMAL, PK_NOUN } PackKind;
static const struct {
    const char *key;
    PackKind kind;
    const char *def;            /* NULL: required */
} pack_spec[] = {
    {"nombre", PK_NAME, NULL}, {"version", PK_TEXT, NULL},
    {"pais.es", PK_TEXT, NULL}, {"pais.en", PK_TEXT, NULL},
    {"emisor.es", PK_TEXT, NULL}, {"emisor.en", PK_TEXT, NULL},
    {"lugar.es", PK_TEXT, ""}, {"lugar.en", PK_TEXT, ""},
    {"gentilicio.es", PK_TEXT, ""}, {"gentilicio.en", PK_TEXT, ""},
    {"unidad_subnacional.es.singular", PK_NOUN, NULL}, {"unidad_subnacional.en.singular", PK_NOUN, NULL},
    {"unidad_subnacional.es.plural", PK_NOUN, NULL}, {"unidad_subnacional.en.plural", PK_NOUN, NULL},
    {"unidad_subnacional.es.adjetivo", PK_TEXT, ""}, {"unidad_subnacional.en.adjetivo", PK_TEXT, ""},
    {"unidad_subnacional.es.genero", PK_GENDER, NULL},
    {"idioma", PK_LANG, ""},
    {"umbral_otros_retos", PK_COUNT, ""},
    {"numeros.miles", PK_THOUSANDS, ""}, {"numeros.decimal", PK_DECIMAL, ""},
    {"limites.fuente.es", PK_TEXT, ""}, {"limites.fuente.en", PK_TEXT, ""},   /* the map's attribution */
    {"limites.licencia", PK_TEXT, ""},
};
#define NPACK ((int)(sizeof pack_spec / sizeof *pack_spec))

/* The value at the dotted KEY of ROOT, or NULL. */
static json_t *json_at(json_t *root, const char *key) {
    char buf[128];
    snprintf(buf, sizeof buf, "%s", key);
    json_t *v = root;
    for (char *save = NULL, *p = strtok_r(buf, ".", &save); p && v; p = strtok_r(NULL, ".", &save))
        v = json_is_object(v) ? json_object_get(v, p) : NULL;
    return v;
}

static int spec_index(const char *key) {
    for (int k = 0; k < NPACK; k++)
        if (strcmp(pack_spec[k].key, key) == 0) return k;
    return -1;
}

/* Every leaf of V (at dotted PREFIX) must be a key of pack_spec: a key pmm
 * does not know would be a word of the country silently left out. */
static bool known_keys(json_t *v, const char *prefix, const char *file, DiagList *diags) {
    if (!json_is_object(v)) {
        if (spec_index(prefix) >= 0) return true;
        diag_add(diags, file, 0, prefix, NULL, _("pmm no conoce esta clave del paquete (docs/packs.md)"));
        return false;
    }
    bool ok = true;
    const char *k;
    json_t *child;
    json_object_foreach(v, k, child) {
        char path[128];
        snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", k);
        ok = known_keys(child, path, file, diags) && ok;
    }
    return ok;
}

/* Issue 16, tester's fault 15: the noun of the units is written mid-sentence
 * («4 de las 16 regiones») and capitalized by pmm where a sentence or a
 * title starts; «Región» would read «4 de las 16 Regiones». Refused, not
 * lowered: a pack's words are kept as written or not at all. */
static bool lower_case_noun(const char *z) {
    Arena a = ARENA_INIT;
    bool lower = strcmp(text_capitalize(&a, z), z) != 0;
    arena_free(&a);
    return lower;
}

/* The value of pack_spec[K] as text into OUT (a default when absent); false, said, when wrong. */
static bool pack_value(json_t *root, int k, const char *file, DiagList *diags, char *out, size_t size) {
    json_t *v = json_at(root, pack_spec[k].key);
    const char *key = pack_spec[k].key;
    if (!v && pack_spec[k].def) {
        snprintf(out, size, "%s", pack_spec[k].def);
        return true;
    }
    if (!v) {
        diag_add(diags, file, 0, key, NULL, _("falta esta clave del paquete"));
        return false;
    }
    if (pack_spec[k].kind == PK_COUNT) {
        if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 1000000) {
            diag_add(diags, file, 0, key, NULL, _("debe ser un número entero de 0 en adelante"));
            return false;
        }
        snprintf(out, size, "%lld", (long long)json_integer_value(v));
        return true;
    }
    const char *z = json_string_value(v);
    bool ok = z && *z && strlen(z) < size;
    if (ok && pack_spec[k].kind == PK_GENDER) ok = !strcmp(z, "f") || !strcmp(z, "m");
    if (ok && pack_spec[k].kind == PK_LANG) ok = !strcmp(z, "es") || !strcmp(z, "en");
    if (ok && pack_spec[k].kind == PK_THOUSANDS) ok = lang_thousands_valid(z);
    if (ok && pack_spec[k].kind == PK_DECIMAL) ok = !strcmp(z, ",") || !strcmp(z, ".");
    if (ok && pack_spec[k].kind == PK_NOUN) ok = lower_case_noun(z);
    if (ok && pack_spec[k].kind == PK_NAME)
        ok = strlen(z) <= 32 && strspn(z, "abcdefghijklmnopqrstuvwxyz0123456789_-") == strlen(z);
    /* issue 12, N1: the pack's words (country, issuer, place, nouns...) are
     * printed on the covers, source lines and citations as one line: the
     * one rule of those settings (text_one_line_check), the character named
     * and the value not echoed (a direction control would reverse the message) */
    const char *line = ok && (pack_spec[k].kind == PK_TEXT || pack_spec[k].kind == PK_NOUN)
                           ? text_one_line_check(z, 0) : NULL;
    if (line) {
        diag_add(diags, file, 0, key, NULL, "%s", line);
        return false;
    }
    if (!ok) {
        static const char *const want[] = {
            N_("debe ser un texto no vacío"), N_("debe ser un nombre corto en minúsculas (a-z, 0-9, _ o -)"),
            N_("debe ser «f» o «m»"), N_("debe ser un número entero de 0 en adelante"), N_("debe ser «es» o «en»"),
            N_("debe ser « » (espacio), «.», «,» o «'»"), N_("debe ser «,» o «.»"),
            N_("va en minúsculas: pmm pone la mayúscula donde empieza una frase o un título (docs/packs.md)")};
        diag_add(diags, file, 0, key, z, "%s", _(want[pack_spec[k].kind]));
        return false;
    }
    snprintf(out, size, "%s", z);
    return true;
}

/* A number whose thousands and decimals were written alike could not be
 * read: "numeros.miles" and "numeros.decimal" differ (the decimal comma of
 * Spanish when only the thousands are given). */
static bool distinct_separators(char (*vals)[1024], const char *file, DiagList *diags) {
    const char *th = vals[spec_index("numeros.miles")], *dec = vals[spec_index("numeros.decimal")];
    if (!*th || strcmp(th, *dec ? dec : ",") != 0) return true;
    diag_add(diags, file, 0, "numeros.miles", th, _("es también el separador decimal: indique otro en "
                                                     "«numeros.decimal»"));
    return false;
}

/* The text of pack.json into OUT: the folder's, or the default's compiled
 * in. Said in pmm's words when there is none to read (issue 16, tester's
 * fault 14: «unable to open … No existe el fichero» named no folder). */
static bool pack_json_text(const Source *src, const char *path, Str *out) {
    if (!src->dir) {
        const EmbeddedFile *f = embedded_find(path);
        if (f) str_append(out, (const char *)f->data, f->size);
        else diag_add(src->diags, path, 0, NULL, NULL, _("falta el catálogo en este binario"));
        return f != NULL;
    }
    struct stat sb;
    if (stat(src->dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        diag_add(src->diags, src->dir, 0, NULL, NULL,
                 stat(src->dir, &sb) != 0 ? _("no existe la carpeta del paquete de país")
                                          : _("no es una carpeta: --pack lleva la carpeta del paquete de país"));
        return false;
    }
    if (read_whole(path, out)) return true;
    diag_add(src->diags, path, 0, NULL, NULL, stat(path, &sb) != 0
                 ? _("falta pack.json en la carpeta del paquete de país (docs/packs.md)")
                 : _("no se puede leer pack.json"));
    return false;
}

/* The JSON of pack.json's TEXT: UTF-8, as every file of a pack; a byte
 * order mark, which Windows' Notepad writes, is no part of it. */
static json_t *pack_json_parse(const char *path, const Str *text, DiagList *diags) {
    const char *p = str_cstr(text);
    size_t n = text->len;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        n -= 3;
    }
    if (!text_valid_utf8(p, n)) {
        diag_add(diags, path, 0, NULL, NULL, _("el archivo no está en UTF-8: guárdelo como UTF-8"));
        return NULL;
    }
    json_error_t err;
    json_t *root = json_loadb(p, n, JSON_REJECT_DUPLICATES, &err);
    if (!root) diag_add(diags, path, err.line, NULL, NULL, "%s", err.text);
    return root;
}

/* F14B (issue 14 round 2, fault 3): "limites.fuente" is one text, the
 * same in both languages, or {"es", "en"}: the one text made both. */
static void bounds_source_both(json_t *root) {
    json_t *lim = json_object_get(root, "limites");
    json_t *src = json_is_object(lim) ? json_object_get(lim, "fuente") : NULL;
    if (json_is_string(src)) json_object_set_new(lim, "fuente", json_pack("{s:O, s:O}", "es", src, "en", src));
}

/* Reads the pack.json of SRC, without writing: its values into VALS
 * (pack_spec's order, NPACK strings of 1024 bytes). */
static bool read_pack_json(const Source *src, char (*vals)[1024]) {
    Str path = STR_INIT, text = STR_INIT;
    pack_path(src, "pack.json", &path);
    json_t *root = pack_json_text(src, path.p, &text) ? pack_json_parse(path.p, &text, src->diags) : NULL;
    bool ok = root != NULL;
    if (ok && !json_is_object(root)) {
        diag_add(src->diags, path.p, 0, NULL, NULL, _("pack.json debe ser un objeto JSON"));
        ok = false;
    }
    if (ok) bounds_source_both(root);
    if (ok) ok = known_keys(root, "", path.p, src->diags);
    for (int k = 0; ok && k < NPACK; k++) ok = pack_value(root, k, path.p, src->diags, vals[k], 1024);
    if (ok) ok = distinct_separators(vals, path.p, src->diags);
    json_decref(root);
    str_free(&text);
    str_free(&path);
    return ok;
}

static bool record_pack(Store *st, char (*vals)[1024]) {
    for (int k = 0; k < NPACK; k++)        /* an optional key left out is not recorded */
        if (*vals[k] && !store_pack_put(st, pack_spec[k].key, vals[k])) return false;
    return true;
}

/* Whether ST, which records no pack, is a database to load one into: no
 * catalog row (F16C, issue 16, verification fault 2: its pack row deleted
 * by hand, Mexico's catalogs were merged over a country's) and no edition
 * or action (verification round 3, fault 3: every catalog emptied too,
 * Mexico's pack was loaded under a country's published edition). */
static bool nothing_to_load_over(Store *st, const char *where, DiagList *diags) {
    const char *full = NULL;
    if (!store_catalog_filled(st, &full)) return false;
    if (full) {
        diag_add(diags, where, 0, NULL, NULL,
                 _("la base de datos no registra su paquete de país (tabla «pack» vacía) pero su catálogo «%s» "
                   "tiene filas: no se carga un paquete encima; cree una base de datos nueva con "
                   "`pmm init --pack DIR`"), full);
        return false;
    }
    if (!store_records_filled(st, &full)) return false;
    if (full)
        diag_add(diags, where, 0, NULL, NULL,
                 _("la base de datos no registra su paquete de país (tabla «pack» vacía) pero su tabla «%s» "
                   "tiene filas (ediciones o acciones): no se carga un paquete encima; cree una base de datos "
                   "nueva con `pmm init --pack DIR`"), full);
    return !full;
}

bool catalog_load(Store *st, const char *dir, DiagList *diags) {
    Seen seen = {0};
    hmap_init(&seen.types);
    hmap_init(&seen.parents);
    Source src = {st, diags, dir, &seen};
    char(*vals)[1024] = calloc(NPACK, sizeof *vals);
    bool ok = vals && read_pack_json(&src, vals);
    if (!ok || !store_begin(st)) {
        seen_free(&seen);
        free(vals);
        return false;
    }
    /* checked inside the transaction that writes: two `pmm init` at once
     * cannot both load */
    if (store_pack_loaded(st)) {
        diag_add(diags, dir ? dir : DEFAULT_PACK, 0, NULL, NULL,
                 _("la base de datos ya tiene un paquete de país: no se carga otro encima"));
        ok = false;
    }
    ok = ok && nothing_to_load_over(st, dir ? dir : DEFAULT_PACK, diags);
    ok = ok && record_pack(st, vals) && load_catalogs(&src) && store_pack_put(st, ENGLISH_KEY, "1");
    if (ok) ok = store_commit(st);
    if (!ok) store_rollback(st);
    seen_free(&seen);
    free(vals);
    return ok;
}

/* ---------------------------------- what an older database lacks */

static bool state_en_row(void *p, long line, const char *const *v) {
    Load *l = p;
    return !*v[2] || store_fill_state_en(l->st, v[0], v[2]) || fail(l, line, v[0]);
}

static bool cat_en_row(void *p, long line, const char *const *v) {
    Load *l = p;
    return !*v[3] || store_fill_category_en(l->st, v[0], v[3]) || fail(l, line, v[0]);
}

/* Whether the database holds the default pack and lacks the English
 * names of its states and definitions of its categories (migration 19
 * adds them empty): an older pmm's database (*MISSING). */
static bool english_missing(Store *st, bool *missing) {
    Arena a = ARENA_INIT;
    Pack p;
    bool done = false, ok = store_pack(st, &a, &p) && store_pack_has(st, ENGLISH_KEY, &done);
    *missing = ok && !done && strcmp(p.name, PACK_DEFAULT_NAME) == 0;
    arena_free(&a);
    return ok;
}

/* Fills them from the default pack, where they are empty, and records it. */
static bool load_english(const Source *src) {
    return LOAD("states.csv", state_en_row, STATE_COLS) && LOAD("challenge_categories.csv", cat_en_row, CAT_COLS) &&
           store_pack_put(src->st, ENGLISH_KEY, "1");
}

bool catalog_load_new(Store *st, DiagList *diags) {
    bool english;
    /* read first: most databases lack nothing, and need no write (nor its lock) */
    if (!english_missing(st, &english)) return false;
    if (!english && !store_principles_missing(st)) return true;
    if (!store_begin(st)) return false;
    Source pack = {st, diags, NULL, NULL};
    /* checked again inside the transaction: another process may have filled them */
    bool ok = (!store_principles_missing(st) || load_compact(&pack)) && english_missing(st, &english) &&
              (!english || load_english(&pack));
    if (ok) ok = store_commit(st);
    if (!ok) store_rollback(st);
    return ok;
}

static void add_name(void *ctx, int64_t id, const char *name, bool primary) {
    matcher_add(ctx, id, name, primary);
}

bool matcher_load(Matcher *m, Store *st, CatalogKind kind) {
    matcher_init(m);
    return store_catalog_names(st, kind, add_name, m);
}

static void add_objective(void *ctx, int n, const char *const *cells) {
    int64_t id = strtoll(cells[0], NULL, 10);
    matcher_add(ctx, id, cells[1], true);
    matcher_add(ctx, id, cells[2], false);
}

bool objective_titles_load(Matcher *m, Store *st) {
    matcher_init(m);
    return store_catalog_rows(st, "objectives", add_objective, m);
}
