/*
 * The action module (see action.h and docs/HACKING.md, "The action
 * module"): the table of fields, the one validator and the one serializer.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/action.h"
#include "util/i18n.h"
#include "util/lang.h"
#include "util/text.h"

/* No catalog name is this long; a whole paragraph in the wrong column is
 * not worth folding and comparing with every name. */
#define MAX_CATALOG_NAME 500

const ActionField action_fields[AF__COUNT] = {
    [AF_FOLIO] = {"folio", N_("Folio"), FT_KEY, 64, true, "clave;id",
                  /* unique in the edition, as the store enforces; no sheet named: the text is
                   * also the CSV package's (issue 14 round 2, fault 12) */
                  N_("Clave única de la acción en la edición: ninguna otra acción de la edición, de ninguna "
                     "institución, lleva la misma (p. ej. las siglas de su institución y un número: SIGLAS-01). "
                     "Obligatorio. Cada reto lleva el folio de su acción."), NULL},
    [AF_INSTITUCION] = {"institucion", N_("Institución"), FT_CATALOG, MAX_CATALOG_NAME, true,
                        "instancia;dependencia;siglas;institución reportante",
                        N_("Siglas de la institución que reporta, como las da el catálogo de instituciones "
                           "(en la plantilla, la lista de la columna). Obligatorio."), "instituciones"},
    [AF_OBJETIVOS] = {"objetivos", N_("Objetivos"), FT_OBJECTIVES, 1000, true,
                      "objetivo;objetivos pmm;objetivos gcm",
                      N_("Objetivo u objetivos del Pacto (1 a 23): uno, o varios separados por «;» "
                         "(p. ej. 7;15): el primero es el principal. Obligatorio."),
                      "objetivos"},
    [AF_NOMBRE] = {"nombre", N_("Nombre de la acción"), FT_TEXT, 1000, true,
                   "nombre de la accion;accion;programa", N_("Nombre del programa o acción. Obligatorio."), NULL},
    [AF_DESCRIPCION] = {"descripcion", N_("Descripción"), FT_LONGTEXT, 100000, false, NULL,
                        N_("Qué se hizo, dónde y para quién."), NULL},
    [AF_TIPO_ACCION] = {"tipo_accion", N_("Tipo de acción"), FT_CATALOG_LIST, 0, false,
                        "tipo de accion;tipos de accion;tipo",
                        N_("Uno o más tipos de acción de la lista; varios, separados por «;»."), "tipos-accion"},
    [AF_POBLACION] = {"poblacion", N_("Población atendida"), FT_CATALOG_LIST, 0, false,
                      "poblacion atendida;tipo de poblacion",
                      /* not a command: the public reads the catalog's download (round 3, fault 8) */
                      N_("Una o más poblaciones del catálogo de poblaciones; varias, separadas por «;»."),
                      "poblaciones"},
    [AF_ENFOQUE_GENERO] = {"enfoque_genero", N_("Enfoque de género"), FT_YES_NO, 0, false,
                           "enfoque de genero;genero",
                           N_("¿Tiene un enfoque específico en mujeres, niñas y/o adolescentes? Sí o No."), NULL},
    [AF_DISCAPACIDAD] = {"discapacidad", N_("Atención a personas con discapacidad"), FT_YES_NO, 0, false,
                         "atencion a personas con discapacidad",
                         N_("¿Da atención específica a personas con discapacidad? Sí o No."), NULL},
    [AF_BENEFICIARIOS] = {"beneficiarios", N_("Personas beneficiarias"), FT_COUNT, 0, false,
                          "personas beneficiarias",
                          N_("Número entero de personas atendidas, sin texto ni decimales. "
                             "Déjelo vacío si no se sabe."), NULL},
    [AF_RESULTADOS] = {"resultados", N_("Resultados"), FT_LONGTEXT, 100000, false, NULL,
                       N_("Resultados obtenidos en el periodo."), NULL},
    [AF_PRINCIPIOS] = {"principios", N_("Principios rectores"), FT_PRINCIPLES, 2000, false,
                       "principios rectores;principio;principio rector",
                       N_("Principios rectores del Pacto a los que sirve la acción: números del 1 al 10 "
                          "o sus nombres (vea «Catálogos»), varios separados por «;» (p. ej. 1;6;7). "
                          "Puede dejarlo vacío."), "principios"},
    [AF_CONTINUA_FOLIO] = {"continua_folio", N_("Continúa el folio"), FT_KEY, 64, false,
                           "continua;folio anterior;continua folio",
                           N_("Si la acción continúa un programa de la edición anterior, el folio que tenía "
                              "allí (de su misma institución). Puede dejarlo vacío."), NULL},
    [AF_CONTINUA_EDICION] = {"continua_edicion", N_("Continúa en la edición"), FT_TEXT, 200, false,
                             "edicion anterior;continua edicion",
                             N_("La edición de ese folio, si no es la inmediatamente anterior a esta. "
                                "Vacío: la edición anterior."), NULL},
};

const ActionField challenge_fields[CF__COUNT] = {
    [CF_FOLIO] = {"folio", N_("Folio"), FT_KEY, 64, true, "clave;id",
                  N_("El folio de la acción a la que se refiere el reto. Obligatorio."), NULL},
    [CF_RETO] = {"reto", N_("Reto"), FT_LONGTEXT, 100000, true, "retos;descripcion",
                 N_("El reto o dificultad que enfrentó la acción, en sus palabras. Uno por fila. Obligatorio."), NULL},
    [CF_CATEGORIA] = {"categoria", N_("Categoría"), FT_CATALOG, MAX_CATALOG_NAME, false,
                      "categoría del reto",
                      N_("Categoría del glosario, como la da el catálogo de categorías de retos, con sus "
                         "definiciones (en la plantilla, la lista de la columna). Puede dejarla vacía: "
                         "la unidad coordinadora la asigna."),
                      "categorias-retos"},
};

/* ---- errors ---- */

void action_error(ActionErrors *e, Arena *a, int field, const char *value, const char *message) {
    if (e->n == e->cap) {
        int cap = e->cap ? e->cap * 2 : 8;
        ActionError *v = arena_alloc(a, (size_t)cap * sizeof *v);
        if (e->n) memcpy(v, e->v, (size_t)e->n * sizeof *v);
        e->v = v;
        e->cap = cap;
    }
    e->v[e->n++] = (ActionError){field, value ? arena_strdup(a, value) : NULL,
                                 arena_strdup(a, message)};
}

bool action_field_check(const ActionField *f, int id, const char *v, Arena *a, ActionErrors *errs) {
    size_t n = strlen(v);
    if (!text_valid_utf8(v, n)) {
        action_error(errs, a, id, NULL, _("El texto no es UTF-8 válido."));
        return false;
    }
    /* issue 12, verification fault 4: a control character (BEL, ESC, VT...)
     * prints as a box of hex digits; refused, never dropped silently */
    uint32_t ctl = text_find_control(v);
    if (ctl) {
        char msg[160];
        snprintf(msg, sizeof msg, _("el texto lleva un carácter de control (U+%04X), que no se puede imprimir: "
                                    "quítelo"), (unsigned)ctl);
        action_error(errs, a, id, NULL, msg);
        return false;
    }
    /* issue 10 (helper REC): a value of Unicode spaces only (U+00A0,
     * U+3000...) is as empty as one of ASCII spaces */
    if (f->required && text_blank(v)) {
        action_error(errs, a, id, NULL, _("falta el valor (es obligatorio)"));
        return false;
    }
    /* issue 10, hostile fault 6 (helper REC2): a key that holds a character
     * showing as nothing would look like another action's folio */
    if (f->type == FT_KEY && text_has_invisible(v)) {
        action_error(errs, a, id, v, _("el folio lleva un carácter invisible (espacio de ancho cero, "
                                       "guion suave…): escríbalo sin él"));
        return false;
    }
    /* limits count characters (code points), as the messages say; a
     * string never has more characters than bytes */
    if (f->max && n > f->max && text_chars(v) > f->max) {
        char msg[128];
        if (f->type == FT_CATALOG)
            snprintf(msg, sizeof msg, "%s", _("el valor es demasiado largo para ser un nombre del catálogo"));
        else
            snprintf(msg, sizeof msg, _("el texto es demasiado largo (máximo %zu caracteres)"), f->max);
        action_error(errs, a, id, f->type == FT_CATALOG ? v : NULL, msg);
        return false;
    }
    return true;
}

/* issue 10, REC3: the folio is trimmed here too, so that a reader that
 * hands a raw folio over (the JSON file, a challenge row) cannot make
 * "JW1 " and "JW1" two actions. */
const char *action_folio(Arena *a, const char *v) { return arena_strdup(a, text_nfc(a, action_text(a, v))); }

/* Whether the UTF-8 sequence at P (in text_key's NFKC output) is a dash
 * look-alike of '-'; its length then. U+2011, U+FE58 and U+FE63, U+FF0D
 * come out of NFKC as U+2010, U+2014 and '-'. */
static size_t dash_len(const unsigned char *p) {
    if (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0x95) return 3;   /* U+2010..U+2015 */
    if (p[0] == 0xE2 && p[1] == 0x88 && p[2] == 0x92) return 3;                   /* U+2212 minus */
    return 0;
}

char *action_folio_key(Arena *a, const char *folio) {
    char *key = text_key(a, folio);
    char *w = key;
    for (const char *r = key; *r;) {
        size_t n = dash_len((const unsigned char *)r);
        if (n) {
            *w++ = '-';
            r += n;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
    return key;
}

const char *action_folio_taken(Arena *a, const char *folio, const char *owner) {
    return owner && *owner
        ? arena_printf(a, _("el folio «%s» ya es de otra acción de esta edición (de %s): cada acción "
                            "lleva su propio folio; use otro"), folio, owner)
        : arena_printf(a, _("el folio «%s» ya es de otra acción de esta edición: cada acción lleva "
                            "su propio folio; use otro"), folio);
}

/* ---- value parsers ---- */

static const char *objectives_syntax(void) {
    return _("los objetivos se escriben como números del 1 al 23 separados por «;» (p. ej. «7;15»)");
}

static bool objective_sep(char c) {
    return isspace((unsigned char)c) || c == ';' || c == ',' || c == '/';
}

/* The title the template's drop-down writes after an objective's number
 * ("7 — Abordar ..."): what follows a dash (-, –, —) or a colon, up to the
 * next ';' or line end, trimmed; *LEN 0 when P holds no dash. */
static const char *title_after(const char **pp, size_t *len) {
    const char *q = *pp;
    *len = 0;
    while (*q == ' ') q++;
    size_t dash = *q == '-' || *q == ':' ? 1
                : strncmp(q, "\u2014", 3) == 0 || strncmp(q, "\u2013", 3) == 0 ? 3 : 0;
    if (!dash) return NULL;
    const char *t = q + dash, *e = t;
    while (*e && *e != ';' && *e != '\n') e++;
    *pp = e;
    while (t < e && isspace((unsigned char)*t)) t++;
    while (e > t && isspace((unsigned char)e[-1])) e--;
    *len = (size_t)(e - t);
    return t;
}

/* One objective number at *P, advancing past it (and past its title: see
 * title_after; *TITLE NULL when there is none). */
static bool one_objective(const char **pp, long *out, const char **title, size_t *tlen, const char **why) {
    const char *p = *pp;
    long v = 0;
    if (!isdigit((unsigned char)*p)) {
        *why = objectives_syntax();
        return false;
    }
    while (isdigit((unsigned char)*p)) {
        v = v * 10 + (*p++ - '0');
        if (v > 1000) v = 1000;
    }
    if (*p == '.' && p[1] == '0') { p += 2; while (*p == '0') p++; }   /* 7.0 from a spreadsheet */
    *title = title_after(&p, tlen);
    *pp = p;
    if (*p && !objective_sep(*p)) {
        *why = objectives_syntax();
        return false;
    }
    if (v < 1 || v > 23) {
        *why = _("el Pacto tiene 23 objetivos: cada objetivo debe ser un número del 1 al 23");
        return false;
    }
    *out = v;
    return true;
}

/* True when folded KEY is folded TITLE or its beginning in whole words. */
static bool title_prefix(const char *key, const char *title) {
    size_t n = strlen(key);
    return n && strncmp(title, key, n) == 0 && (title[n] == '\0' || title[n] == ' ');
}

/* issue 10, REC3: the title after objective V's number must be V's title
 * (Spanish or English, whole or its first words; case, accents and
 * punctuation ignored), else "7-15", "7:15", "3-5" or "7 — 15" lost the
 * second number in silence. Checked against TITLES (the objectives'
 * Matcher, ids = numbers); with none, no title is taken. */
static bool title_ok(const Matcher *titles, long v, const char *t, size_t len, Arena *a, const char **why) {
    bool ok = false;
    if (titles && len) {
        Arena tmp = ARENA_INIT;
        const char *key = text_valid_utf8(t, len) ? text_fold(&tmp, arena_strndup(&tmp, t, len)) : "";
        for (size_t i = 0; !ok && i < titles->n; i++)
            ok = titles->ids[i] == v && title_prefix(key, titles->folded[i]);
        arena_free(&tmp);
    }
    if (ok) return true;
    const char *name = titles ? matcher_name(titles, v) : NULL;
    *why = name && a
        ? arena_printf(a, _("tras el número %ld solo puede ir el título de ese objetivo («%ld — %s»); "
                            "varios objetivos se separan con «;» (p. ej. «7;15»)"), v, v, name)
        : _("tras el número de un objetivo solo puede ir su título; varios objetivos se separan con «;» "
            "(p. ej. «7;15»)");
    return false;
}

bool parse_objectives_titled(const char *s, const Matcher *titles, Arena *a, int *out, int max, int *n,
                             const char **why) {
    *n = 0;
    for (const char *p = s; *p;) {
        while (*p && objective_sep(*p)) p++;
        if (!*p) break;
        long v;
        const char *title;
        size_t tlen;
        if (!one_objective(&p, &v, &title, &tlen, why)) return false;
        if (title && !title_ok(titles, v, title, tlen, a, why)) return false;
        bool dup = false;
        for (int i = 0; i < *n; i++) dup = dup || out[i] == v;
        if (dup) continue;
        if (*n == max) { *why = _("demasiados objetivos"); return false; }
        out[(*n)++] = (int)v;
    }
    if (*n == 0) {
        *why = _("falta el objetivo (número del 1 al 23)");
        return false;
    }
    return true;
}

bool parse_objectives(const char *s, int *out, int max, int *n, const char **why) {
    return parse_objectives_titled(s, NULL, NULL, out, max, n, why);
}

/* The spellings nearly every file uses, without folding. */
static bool yes_no_fast(const char *s, int *out) {
    static const char *const yes[] = {"Sí", "Si", "sí", "si", "SÍ", "SI", NULL};
    static const char *const no[] = {"No", "no", "NO", "", NULL};
    for (int i = 0; yes[i]; i++) if (strcmp(s, yes[i]) == 0) { *out = 1; return true; }
    for (int i = 0; no[i]; i++) if (strcmp(s, no[i]) == 0) { *out = *s ? 0 : -1; return true; }
    return false;
}

/* Only an empty cell is "not stated": a mark that is no answer (✓, -, ?,
 * ., —) folds to nothing and is refused, never read as "sin dato". */
bool parse_yes_no(const char *s, int *out) {
    if (yes_no_fast(s, out)) return true;
    *out = -1;
    /* a sign or punctuation makes it no answer: "+1", "-0", "Sí." (issue
     * 10, hostile fault 9, helper REC2) */
    if (!text_valid_utf8(s, strlen(s)) || !text_is_word(s)) return false;
    Arena a = ARENA_INIT;
    const char *k = text_fold(&a, s);
    /* Sí and No in any case, with or without the accent, and 1 and 0:
     * the answers docs/interchange.md lists. A checklist's x, or yes,
     * true, s, n, is refused: an empty cell would be "not stated", not No,
     * so a ticked column cannot be read right (issue 10, helper REC). */
    static const char *const yes[] = {"si", "1", NULL};
    static const char *const no[] = {"no", "0", NULL};
    bool ok = false;
    for (int i = 0; !ok && yes[i]; i++) if (strcmp(k, yes[i]) == 0) { *out = 1; ok = true; }
    for (int i = 0; !ok && no[i]; i++) if (strcmp(k, no[i]) == 0) { *out = 0; ok = true; }
    arena_free(&a);
    return ok;
}

/* ---- numbers of people (issue 16, fault 1; helper F16A) ----
 * One reader for every entry point (CSV, XLSX, JSON text, the web form, the
 * API: they all reach action_parse), in the number style of the
 * database's pack (lang_decimal_mark, set when the database is opened):
 * the decimal mark never separates thousands; the other of ',' and '.'
 * does, as do a space (or U+00A0, U+202F, which the Informe writes) and
 * '\''. Mexico (decimal point): 1,500 / 1 500; Colombia (decimal comma):
 * 1.500 / 1 500. Nothing is guessed: «185.000» read as 185 under a pack
 * writing «185.000» for thousands was data lost. */

/* The length of the thousands separator at P (0 if none) and its kind in
 * *KIND (' ' for every space), TH being the mark that groups thousands. */
static size_t group_sep(const char *p, char th, char *kind) {
    *kind = ' ';
    if (*p == ' ') return 1;
    if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) return 2;                 /* U+00A0 */
    if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0xAF) return 3;
    *kind = *p;
    return *p == th || *p == '\'' ? 1 : 0;
}

/* The digits at P, plain (1500) or grouped by thousands with one kind of
 * separator, every group after the first of exactly three digits. Anything
 * else ("2,5", "1,,500", "1,000,00", ",5") is refused: a typo must not
 * become another number of people. Returns the end of the digits, or
 * NULL (*TOO_BIG when that is why); *GROUPED when a separator was read. */
static const char *grouped_digits(const char *p, char th, long long *v, bool *grouped, bool *too_big) {
    char sep = 0;
    int run = 0;                     /* digits since the start or the last separator */
    *v = 0;
    *grouped = *too_big = false;
    for (;;) {
        if (isdigit((unsigned char)*p)) {
            if (*v > 100000000000000LL) { *too_big = true; return NULL; }
            *v = *v * 10 + (*p++ - '0');
            run++;
            continue;
        }
        char kind;
        size_t n = group_sep(p, th, &kind);
        if (!n) break;
        if (run == 0 || (sep && kind != sep) || (*grouped ? run != 3 : run > 3)) return NULL;
        sep = kind;
        *grouped = true;
        run = 0;
        p += n;
    }
    if (run == 0 || (*grouped && run != 3)) return NULL;
    return p;
}

/* The message of a refused number, with an example in the pack's style;
 * valid until the thread's next call. */
static const char *count_refusal(char th) {
    static _Thread_local char msg[320];
    snprintf(msg, sizeof msg,
             _("debe ser un número entero de personas, sin texto ni decimales; los miles se separan con %s "
               "o espacio, en grupos de tres cifras (1%c500)"),
             th == ',' ? _("coma") : _("punto"), th);
    return msg;
}

/* «185.000» where '.' is the decimal mark: 185 by the pack's style, but
 * surely 185 000 people meant in the other one. Refused, the two readings
 * spelled out. */
static const char *count_ambiguous(long long v, char dec, char th) {
    static _Thread_local char msg[320];
    snprintf(msg, sizeof msg,
             _("es ambiguo: aquí «%c» es el separador decimal, no el de miles; escriba %lld000 o %lld%c000 "
               "si son miles de personas, o %lld si no"),
             dec, v, v, th, v);
    return msg;
}

bool parse_count(const char *s, long long *out, const char **why) {
    *out = -1;
    if (!*s) return true;
    char dec = lang_decimal_mark(), th = dec == '.' ? ',' : '.';
    const char *p = s;
    bool neg = false, grouped, too_big;
    if (*p == '-') { neg = true; p++; }
    long long v = 0;
    const char *end = grouped_digits(p, th, &v, &grouped, &too_big);
    if (!end) {
        *why = too_big ? _("número demasiado grande") : count_refusal(th);
        return false;
    }
    /* 120.0 from a spreadsheet (120,0 under a decimal comma): zeros after
     * the decimal mark, but not three after a lone group of up to three
     * digits, which the other style reads as thousands */
    size_t zeros = *end == dec ? strspn(end + 1, "0") : 0;
    if (*end == dec && !end[1 + zeros]) {
        if (zeros == 3 && !grouped && end - p <= 3 && v > 0) {
            *why = count_ambiguous(v, dec, th);
            return false;
        }
        end += 1 + zeros;
    }
    if (*end) {
        *why = count_refusal(th);
        return false;
    }
    if (neg && v > 0) {
        *why = _("no puede ser negativo");
        return false;
    }
    *out = v;
    return true;
}

/* ---- catalogs ---- */

/* The id TEXT names in M, or 0 with an error naming the nearest names. */
static int64_t match_one(const ActionCatalogs *c, Matcher *m, int field, const char *text, const char *what,
                         Arena *a, ActionErrors *errs) {
    if (strlen(text) > MAX_CATALOG_NAME) {
        action_error(errs, a, field, text, _("el valor es demasiado largo para ser un nombre del catálogo"));
        return 0;
    }
    int64_t id = m ? matcher_find(m, text) : 0;
    if (id) return id;
    Str msg = STR_INIT, sug = STR_INIT;
    str_puts(&msg, _(what));   /* translated here, on the error path only */
    if (m && matcher_suggest(m, text, 3, &sug) > 0)
        str_printf(&msg, _("; ¿quiso decir %s?"), str_cstr(&sug));
    else
        str_puts(&msg, c && c->unknown_hint ? _(c->unknown_hint) : _(" (vea 'pmm catalog')"));
    action_error(errs, a, field, text, str_cstr(&msg));
    str_free(&msg);
    str_free(&sug);
    return 0;
}

/* A list cell split on ';' or line breaks, each name matched; a name
 * given twice counts once. No cap: the array is as long as the list. */
static int64_t *match_list(const ActionCatalogs *c, Matcher *m, int field, const char *cell, const char *what,
                           Arena *a, ActionErrors *errs, int *n) {
    size_t seps = 1;
    for (const char *p = cell; *p; p++) seps += *p == ';' || *p == '\n';
    int64_t *ids = arena_alloc(a, seps * sizeof *ids);
    char *copy = arena_strdup(a, cell);
    *n = 0;
    for (char *save = NULL, *p = strtok_r(copy, ";\n", &save); p; p = strtok_r(NULL, ";\n", &save)) {
        p = text_trim(p);
        if (!*p) continue;
        int64_t id = match_one(c, m, field, p, what, a, errs);
        bool dup = false;
        for (int i = 0; i < *n; i++) dup = dup || ids[i] == id;
        if (id && !dup) ids[(*n)++] = id;
    }
    return ids;
}

/* ---- guiding principles (issue 13) ---- */

static bool principle_sep(char c) { return c == ';' || c == ',' || c == '/' || c == '\n'; }

const char *action_principle_name_problem(const char *name) {
    for (const char *p = name; *p; p++)
        if (principle_sep(*p))
            return _("lleva «/», «,» o «;», que separan los principios en una celda: la importación lo partiría "
                     "y nunca lo encontraría");
    if (*name && strspn(name, "0123456789 \t") == strlen(name))
        return _("es solo cifras: la importación lo lee como el número de un principio, no como un nombre");
    return NULL;
}

/* Adds principle V to OUT (ascending, a repeat once). */
static void principle_add(Action *out, int v) {
    int i = 0;
    while (i < out->nprin && out->principles[i] < v) i++;
    if (i < out->nprin && out->principles[i] == v) return;
    memmove(out->principles + i + 1, out->principles + i, (size_t)(out->nprin - i) * sizeof *out->principles);
    out->principles[i] = v;
    out->nprin++;
}

/* True when ITEM is numbers only (digits and spaces: "1 6 7" as
 * objectives are written); each is added, or an error names it. */
static bool principle_numbers(const char *item, const char *cell, Arena *a, Action *out, ActionErrors *errs) {
    if (strspn(item, "0123456789 \t") != strlen(item)) return false;
    for (const char *p = item; *p;) {
        while (*p == ' ' || *p == '\t') p++;
        if (!*p) break;
        long v = 0;
        while (isdigit((unsigned char)*p)) { v = v * 10 + (*p++ - '0'); if (v > 1000) v = 1000; }
        if (v < 1 || v > ACTION_NPRIN)
            action_error(errs, a, AF_PRINCIPIOS, cell,
                         _("el Pacto tiene 10 principios rectores: cada uno es un número del 1 al 10 o su nombre"));
        else
            principle_add(out, (int)v);
    }
    return true;
}

/* The cell V: items separated by principle_sep, each numbers or a name
 * the catalog knows (accents, case and punctuation ignored). No cap but
 * the ten principles: a repeat counts once. */
static void parse_principles_field(const ActionCatalogs *c, const char *v, Arena *a, Action *out,
                                   ActionErrors *errs) {
    out->principles = arena_alloc(a, ACTION_NPRIN * sizeof *out->principles);
    out->nprin = 0;
    char *copy = arena_strdup(a, v);
    for (char *p = copy; *p;) {
        char *e = p;
        while (*e && !principle_sep(*e)) e++;
        bool last = !*e;
        *e = '\0';
        char *item = text_trim(p);
        if (*item && !principle_numbers(item, v, a, out, errs)) {
            int64_t id = match_one(c, c->principles, AF_PRINCIPIOS, item, N_("principio rector desconocido"), a, errs);
            if (id >= 1 && id <= ACTION_NPRIN) principle_add(out, (int)id);
        }
        if (last) break;
        p = e + 1;
    }
}

/* ---- the validator ---- */

static void parse_objectives_field(const ActionCatalogs *c, const char *v, Arena *a, Action *out,
                                   ActionErrors *errs) {
    int objs[23];
    const char *why = NULL;
    if (!parse_objectives_titled(v, c->objectives, a, objs, 23, &out->nobj, &why)) {
        out->nobj = 0;
        action_error(errs, a, AF_OBJETIVOS, v, why);
        return;
    }
    out->objectives = arena_alloc(a, (size_t)out->nobj * sizeof *out->objectives);
    memcpy(out->objectives, objs, (size_t)out->nobj * sizeof *objs);
}

static void parse_yes_no_field(int f, const char *v, Arena *a, int *out, ActionErrors *errs) {
    if (!parse_yes_no(v, out)) action_error(errs, a, f, v, _("debe ser «Sí» o «No»"));
}

/* Field F of value V (already checked as text) into OUT. */
static void parse_field(const ActionCatalogs *c, int f, const char *v, Arena *a, Action *out,
                        ActionErrors *errs) {
    const char *why = NULL;
    switch (f) {
    case AF_FOLIO: out->folio = action_folio(a, v); break;
    case AF_NOMBRE: out->name = arena_strdup(a, v); break;
    case AF_DESCRIPCION: out->description = arena_strdup(a, v); break;
    case AF_RESULTADOS: out->results = arena_strdup(a, v); break;
    case AF_INSTITUCION:
        if (*v) out->institution_id = match_one(c, c->institutions, f, v, N_("institución desconocida"), a, errs);
        break;
    case AF_OBJETIVOS:
        if (*v) parse_objectives_field(c, v, a, out, errs);
        break;
    case AF_TIPO_ACCION:
        out->types = match_list(c, c->action_types, f, v, N_("tipo de acción desconocido"), a, errs, &out->ntypes);
        break;
    case AF_POBLACION:
        out->pops = match_list(c, c->populations, f, v, N_("población desconocida"), a, errs, &out->npops);
        break;
    case AF_ENFOQUE_GENERO: parse_yes_no_field(f, v, a, &out->gender_focus, errs); break;
    case AF_DISCAPACIDAD: parse_yes_no_field(f, v, a, &out->disability, errs); break;
    case AF_BENEFICIARIOS:
        if (!parse_count(v, &out->beneficiaries, &why)) action_error(errs, a, f, v, why);
        break;
    case AF_PRINCIPIOS: parse_principles_field(c, v, a, out, errs); break;
    case AF_CONTINUA_FOLIO: out->continues_folio = action_folio(a, v); break;
    case AF_CONTINUA_EDICION: out->continues_edition = arena_strdup(a, v); break;
    }
}

/* ---- line ends (issue 10, web fault 1; helper RECWEB) ----
 * A browser sends a textarea's line ends as CRLF, a file may hold lone
 * CRs: every entry point stores LF only, so that saving a form unchanged
 * changes nothing and an export reads the same as what was imported.
 * Returns V itself when it holds no CR, else a copy in A. */
static const char *lf_line_ends(const char *v, Arena *a) {
    if (!strchr(v, '\r')) return v;
    char *out = arena_strdup(a, v), *w = out;
    for (const char *p = v; *p; p++) {
        if (*p == '\r' && p[1] == '\n') continue;        /* CRLF: the LF follows */
        *w++ = *p == '\r' ? '\n' : *p;                    /* a lone CR */
    }
    *w = '\0';
    return out;
}

/* A byte that no trimmed text starts or ends with for sure: printable
 * ASCII other than space (the rest is left to text_trim). */
static bool plain_edge(char c) { return c > ' ' && c < 0x7f; }

const char *action_text(Arena *a, const char *v) {
    v = lf_line_ends(v ? v : "", a);
    size_t n = strlen(v);
    if (!n || (plain_edge(v[0]) && plain_edge(v[n - 1]))) return v;     /* the common case: no copy */
    return text_trim(arena_strdup(a, v));
}

bool action_parse(const ActionCatalogs *c, const char *const vals[AF__COUNT], Arena *a,
                  Action *out, ActionErrors *errs) {
    int before = errs->n;
    memset(out, 0, sizeof *out);
    out->gender_focus = out->disability = -1;
    out->beneficiaries = -1;
    out->folio = out->name = out->description = out->results = out->continues_folio = "";
    out->continues_edition = "";
    for (int f = 0; f < AF__COUNT; f++) {
        const char *v = action_text(a, vals[f]);
        if (action_field_check(&action_fields[f], f, v, a, errs)) parse_field(c, f, v, a, out, errs);
    }
    /* continua_edicion says where continua_folio's folio is: without a
     * folio it links nothing, and a value that says nothing is refused,
     * not dropped (issue 13, H13R4: an unknown edition passed unseen) */
    if (*out->continues_edition && !*out->continues_folio)
        action_error(errs, a, AF_CONTINUA_EDICION, out->continues_edition,
                     _("dice la edición del folio de «continua_folio», que está vacío: dé ese folio, o deje "
                       "vacía la edición"));
    return errs->n == before;
}

bool challenge_parse(const ActionCatalogs *c, const char *text, const char *category, Arena *a,
                     Challenge *out, ActionErrors *errs) {
    int before = errs->n;
    text = action_text(a, text);
    category = action_text(a, category);
    *out = (Challenge){"", 0, ""};
    if (action_field_check(&challenge_fields[CF_RETO], CF_RETO, text, a, errs))
        out->text = arena_strdup(a, text);
    if (action_field_check(&challenge_fields[CF_CATEGORIA], CF_CATEGORIA, category, a, errs) && *category) {
        out->category_id = match_one(c, c->categories, CF_CATEGORIA, category,
                                     N_("categoría de reto desconocida"), a, errs);
        const char *name = out->category_id ? matcher_name(c->categories, out->category_id) : NULL;
        out->category = arena_strdup(a, name ? name : category);
    }
    return errs->n == before;
}

/* ---- the serializer ---- */

static const char *yes_no_text(int v) { return v < 0 ? "" : v ? "Sí" : "No"; }

static const char *join_names(Arena *ar, const char *const *v, int n) {
    Str s = STR_INIT;
    for (int i = 0; i < n; i++) {
        if (i) str_putc(&s, ';');
        str_puts(&s, v && v[i] ? v[i] : "");
    }
    const char *r = arena_strdup(ar, str_cstr(&s));
    str_free(&s);
    return r;
}

void action_cells(const Action *a, Arena *ar, const char *cells[AF__COUNT]) {
    Str objs = STR_INIT;
    for (int i = 0; i < a->nobj; i++) str_printf(&objs, "%s%d", i ? ";" : "", a->objectives[i]);
    cells[AF_FOLIO] = a->folio ? a->folio : "";
    cells[AF_INSTITUCION] = a->institution ? a->institution : "";
    cells[AF_OBJETIVOS] = arena_strdup(ar, str_cstr(&objs));
    cells[AF_NOMBRE] = a->name ? a->name : "";
    cells[AF_DESCRIPCION] = a->description ? a->description : "";
    cells[AF_TIPO_ACCION] = join_names(ar, a->type_names, a->ntypes);
    cells[AF_POBLACION] = join_names(ar, a->pop_codes, a->npops);
    cells[AF_ENFOQUE_GENERO] = yes_no_text(a->gender_focus);
    cells[AF_DISCAPACIDAD] = yes_no_text(a->disability);
    cells[AF_BENEFICIARIOS] = a->beneficiaries < 0 ? "" : arena_printf(ar, "%lld", a->beneficiaries);
    cells[AF_RESULTADOS] = a->results ? a->results : "";
    Str prin = STR_INIT;
    for (int i = 0; i < a->nprin; i++) str_printf(&prin, "%s%d", i ? ";" : "", a->principles[i]);
    cells[AF_PRINCIPIOS] = arena_strdup(ar, str_cstr(&prin));
    cells[AF_CONTINUA_FOLIO] = a->continues_folio ? a->continues_folio : "";
    cells[AF_CONTINUA_EDICION] = a->continues_edition ? a->continues_edition : "";
    str_free(&prin);
    str_free(&objs);
}

static json_t *names_json(const char *const *v, int n) {
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(arr, json_string(v && v[i] ? v[i] : ""));
    return arr;
}

static json_t *tristate_json(int v) { return v < 0 ? json_null() : json_boolean(v); }

/* The JSON value of field F of A: lists as arrays, Sí/No as booleans, a
 * number as a number, "not stated" as null. */
static json_t *field_json(const Action *a, int f, const char *cell) {
    switch (action_fields[f].type) {
    case FT_OBJECTIVES: {
        json_t *arr = json_array();
        for (int i = 0; i < a->nobj; i++) json_array_append_new(arr, json_integer(a->objectives[i]));
        return arr;
    }
    case FT_CATALOG_LIST:
        return f == AF_TIPO_ACCION ? names_json(a->type_names, a->ntypes) : names_json(a->pop_codes, a->npops);
    case FT_YES_NO: return tristate_json(f == AF_ENFOQUE_GENERO ? a->gender_focus : a->disability);
    case FT_COUNT: return a->beneficiaries < 0 ? json_null() : json_integer(a->beneficiaries);
    case FT_PRINCIPLES: {
        json_t *arr = json_array();
        for (int i = 0; i < a->nprin; i++) json_array_append_new(arr, json_integer(a->principles[i]));
        return arr;
    }
    default: return json_string(cell);
    }
}

/* The English names of the keys of action_to_json, as /api/v1/actions/{id}
 * and the list's summary name them; one table, so that the API's campos=
 * takes either vocabulary (issue 14 round 2, fault 6). */
static const char *const json_keys_en[ACTION_NJSON_KEYS] = {
    [AF_FOLIO] = "folio", [AF_INSTITUCION] = "institution", [AF_OBJETIVOS] = "objectives",
    [AF_NOMBRE] = "name", [AF_DESCRIPCION] = "description", [AF_TIPO_ACCION] = "action_types",
    [AF_POBLACION] = "population", [AF_ENFOQUE_GENERO] = "gender_focus", [AF_DISCAPACIDAD] = "disability",
    [AF_BENEFICIARIOS] = "beneficiaries", [AF_RESULTADOS] = "results", [AF_PRINCIPIOS] = "guiding_principles",
    [AF_CONTINUA_FOLIO] = "continues_folio", [AF_CONTINUA_EDICION] = "continues_edition",
    [AF__COUNT] = "status", [AF__COUNT + 1] = "challenges",
};

const char *action_json_key(int i, bool english) {
    if (i < 0 || i >= ACTION_NJSON_KEYS) return NULL;
    if (english) return json_keys_en[i];
    return i < AF__COUNT ? action_fields[i].name : i == AF__COUNT ? "estado" : "retos";
}

int action_json_key_find(const char *key) {
    for (int i = 0; i < ACTION_NJSON_KEYS; i++)
        if (strcmp(action_json_key(i, false), key) == 0 || strcmp(json_keys_en[i], key) == 0) return i;
    return -1;
}

json_t *action_to_json(const Action *a) {
    Arena ar = ARENA_INIT;
    const char *cells[AF__COUNT];
    action_cells(a, &ar, cells);
    json_t *o = json_object();
    for (int f = 0; f < AF__COUNT; f++) json_object_set_new(o, action_fields[f].name, field_json(a, f, cells[f]));
    if (a->status) json_object_set_new(o, action_json_key(AF__COUNT, false), json_string(a->status));
    json_t *retos = json_array();
    for (int i = 0; i < a->nchallenges; i++) {
        const Challenge *c = &a->challenges[i];
        json_array_append_new(retos, json_pack("{s:s, s:s?}", "reto", c->text ? c->text : "", "categoria",
                                               c->category && *c->category ? c->category : NULL));
    }
    json_object_set_new(o, action_json_key(AF__COUNT + 1, false), retos);
    arena_free(&ar);
    return o;
}

/* ---- reading JSON ---- */

static void json_type_error(ActionErrors *errs, Arena *a, int field, const char *key, const char *want) {
    char msg[256];
    snprintf(msg, sizeof msg, _("«%s»: el valor JSON no es del tipo esperado (%s)"), key, _(want));
    action_error(errs, a, field, NULL, msg);
}

/* One scalar of a list (or a lone value) as text, or false: an integer
 * where NUMBERS, a string otherwise. A JSON file says what type a value
 * is: "7" is no objective and "si" no boolean (issue 10, helper REC); the
 * text rules are for the text cells of CSV and XLSX. */
static bool json_scalar_text(json_t *v, Str *out, bool numbers) {
    if (!numbers && json_is_string(v)) { str_puts(out, json_string_value(v)); return true; }
    if (numbers && json_is_integer(v)) { str_printf(out, "%lld", (long long)json_integer_value(v)); return true; }
    return false;
}

/* The text of field F from JSON value V (NULL or null: empty). */
static bool field_from_json(int f, json_t *v, Str *out) {
    str_clear(out);
    if (!v || json_is_null(v)) return true;
    switch (action_fields[f].type) {
    case FT_OBJECTIVES:
    case FT_CATALOG_LIST: {
        bool numbers = action_fields[f].type == FT_OBJECTIVES;
        if (!json_is_array(v)) return json_scalar_text(v, out, numbers);
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) {
            if (i) str_putc(out, ';');
            if (!json_scalar_text(e, out, numbers)) return false;
        }
        return true;
    }
    case FT_YES_NO:
        if (json_is_boolean(v)) { str_puts(out, json_is_true(v) ? "Sí" : "No"); return true; }
        return false;
    case FT_COUNT:
        return json_scalar_text(v, out, true);
    case FT_PRINCIPLES: {      /* numbers or names: [1, 6] or ["Derechos humanos"] */
        if (!json_is_array(v)) return json_scalar_text(v, out, json_is_integer(v));
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) {
            if (i) str_putc(out, ';');
            if (!json_scalar_text(e, out, json_is_integer(e))) return false;
        }
        return true;
    }
    default:
        return json_scalar_text(v, out, false);
    }
}

static const char *field_json_type(int f) {
    switch (action_fields[f].type) {
    case FT_OBJECTIVES: return N_("una lista de números del 1 al 23");
    case FT_CATALOG_LIST: return N_("una lista de textos");
    case FT_YES_NO: return N_("true, false o null");
    case FT_COUNT: return N_("un número entero o null");
    case FT_PRINCIPLES: return N_("una lista de números del 1 al 10 o de nombres");
    default: return N_("un texto o null");
    }
}

/* The keys of a record that are not interchange values: read by the
 * caller when it wants them (the state, the version of a stale form). */
static bool reserved_key(const char *k) {
    return strcmp(k, "estado") == 0 || strcmp(k, "version") == 0 || strcmp(k, "id") == 0;
}

static bool challenges_from_json(json_t *retos, Arena *a, const char ***texts, const char ***cats,
                                 int *nch, ActionErrors *errs) {
    if (!json_is_array(retos)) {
        json_type_error(errs, a, -1, "retos", N_("una lista de objetos {\"reto\", \"categoria\"}"));
        return false;
    }
    size_t n = json_array_size(retos), i;
    *texts = arena_alloc(a, (n + 1) * sizeof **texts);
    *cats = arena_alloc(a, (n + 1) * sizeof **cats);
    bool ok = true;
    json_t *r;
    json_array_foreach(retos, i, r) {
        json_t *t = json_object_get(r, "reto"), *c = json_object_get(r, "categoria");
        const char *k;
        json_t *val;
        bool bad = !json_is_object(r) || !json_is_string(t) || (c && !json_is_null(c) && !json_is_string(c));
        if (json_is_object(r))
            json_object_foreach(r, k, val) bad = bad || (strcmp(k, "reto") != 0 && strcmp(k, "categoria") != 0);
        if (bad) {
            json_type_error(errs, a, -1, arena_printf(a, "retos[%zu]", i),
                            N_("un objeto {\"reto\": texto, \"categoria\": texto o null}"));
            ok = false;
            continue;
        }
        (*texts)[*nch] = arena_strdup(a, json_string_value(t));
        (*cats)[(*nch)++] = arena_strdup(a, json_is_string(c) ? json_string_value(c) : "");
    }
    return ok;
}

bool action_from_json(json_t *obj, Arena *a, const char *vals[AF__COUNT], const char ***texts,
                      const char ***cats, int *nch, ActionErrors *errs) {
    int before = errs->n;
    *nch = 0;
    *texts = *cats = NULL;
    for (int f = 0; f < AF__COUNT; f++) vals[f] = "";
    if (!json_is_object(obj)) {
        action_error(errs, a, -1, NULL, _("cada acción debe ser un objeto JSON"));
        return false;
    }
    const char *key;
    json_t *v;
    Str cell = STR_INIT;
    json_object_foreach(obj, key, v) {
        int f = 0;
        while (f < AF__COUNT && strcmp(action_fields[f].name, key) != 0) f++;
        if (f < AF__COUNT && field_from_json(f, v, &cell)) vals[f] = arena_strdup(a, str_cstr(&cell));
        else if (f < AF__COUNT) json_type_error(errs, a, f, key, field_json_type(f));
        else if (strcmp(key, "retos") == 0) { if (!json_is_null(v)) challenges_from_json(v, a, texts, cats, nch, errs); }
        else if (!reserved_key(key))
            action_error(errs, a, -1, key, arena_printf(a, _("«%s»: campo desconocido"), key));
    }
    str_free(&cell);
    return errs->n == before;
}

/* ---- CSV ---- */

/* A spreadsheet runs a cell that starts with one of these as a formula. */
static bool formula_start(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* True when V, past its leading apostrophes, starts like a formula: then
 * the writer adds one apostrophe, and the reader takes one away. */
static bool guarded_shape(const char *v) {
    while (*v == '\'') v++;
    return formula_start(*v);
}

void csv_cell(Str *out, const char *v, bool last) {
    v = v ? v : "";
    size_t n = strlen(v);
    bool guard = guarded_shape(v);
    bool quote = strpbrk(v, ",\"\r\n") != NULL ||
                 (n && (v[0] == ' ' || v[n - 1] == ' ' || v[0] == '\t' || v[n - 1] == '\t'));
    if (quote) str_putc(out, '"');
    if (guard) str_putc(out, '\'');
    for (const char *p = v; *p; p++) {
        if (*p == '"') str_putc(out, '"');
        str_putc(out, *p);
    }
    if (quote) str_putc(out, '"');
    str_putc(out, last ? '\n' : ',');
}

char *csv_cell_restore(char *v) {
    if (v[0] == '\'' && guarded_shape(v + 1)) memmove(v, v + 1, strlen(v));
    return v;
}

/* issue 14 (helper D14): a CSV pmm writes may lead each row with the
 * edition (EDITION non-NULL), so that a file read alone says which
 * edition it is of; the import checks it (ingest/import.c). */
static void edition_cell(Str *out, const char *edition) {
    if (edition) csv_cell(out, edition, false);
}

static void header(Str *out, const ActionField *f, int n, bool with_edition) {
    edition_cell(out, with_edition ? ACTION_EDITION_COLUMN : NULL);
    for (int i = 0; i < n; i++) csv_cell(out, f[i].name, i + 1 == n);
}

void action_csv_header(Str *out, bool with_edition) { header(out, action_fields, AF__COUNT, with_edition); }
void challenge_csv_header(Str *out, bool with_edition) {
    header(out, challenge_fields, CF__COUNT, with_edition);
}

void action_csv_row(Str *out, const Action *a, const char *edition, Arena *ar) {
    const char *cells[AF__COUNT];
    action_cells(a, ar, cells);
    edition_cell(out, edition);
    for (int f = 0; f < AF__COUNT; f++) csv_cell(out, cells[f], f + 1 == AF__COUNT);
}

void challenge_csv_rows(Str *out, const Action *a, const char *edition) {
    for (int i = 0; i < a->nchallenges; i++) {
        edition_cell(out, edition);
        csv_cell(out, a->folio, false);
        csv_cell(out, a->challenges[i].text, false);
        csv_cell(out, a->challenges[i].category, true);
    }
}
