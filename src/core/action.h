#ifndef PMM_ACTION_H
#define PMM_ACTION_H
/*
 * The action: the one home of what an action is (docs/HACKING.md, "The
 * action module"). Its fields, their limits and their messages are in one
 * table here; one validator turns the interchange values of an action
 * (docs/interchange.md) into an Action, and one serializer writes an Action
 * back as those values. Every entry point (CSV/XLSX/JSON import, the web
 * form, the API) goes through action_parse(); every output (pmm export, the
 * public downloads, the API's body) goes through action_cells() or
 * action_to_json(). A field added to the table is added everywhere.
 *
 * Nothing here caps a list: objectives, action types, populations and
 * challenges are arrays of any length, allocated in the caller's arena.
 */
#include <stdbool.h>
#include <stdint.h>
#include <jansson.h>
#include "core/match.h"
#include "util/arena.h"
#include "util/str.h"

/* The fields of the interchange format, in its column order. */
typedef enum {
    AF_FOLIO, AF_INSTITUCION, AF_OBJETIVOS, AF_NOMBRE, AF_DESCRIPCION, AF_TIPO_ACCION,
    AF_POBLACION, AF_ENFOQUE_GENERO, AF_DISCAPACIDAD, AF_BENEFICIARIOS, AF_RESULTADOS,
    AF_PRINCIPIOS,     /* issue 13: last, so that older files keep their column order */
    AF_CONTINUA_FOLIO, /* issue 13 (F13): the folio, in the previous edition, of the action it continues */
    AF_CONTINUA_EDICION, /* issue 13 (R13B): the edition of that folio ("" the previous one) */
    AF__COUNT
} ActionFieldId;

/* The fields of a challenge row (retos.csv, the sheet «Retos»). */
typedef enum { CF_FOLIO, CF_RETO, CF_CATEGORIA, CF__COUNT } ChallengeFieldId;

typedef enum {
    FT_KEY,            /* a short identifier (folio) */
    FT_TEXT,           /* one line of text */
    FT_LONGTEXT,       /* paragraphs */
    FT_CATALOG,        /* one name of a catalog */
    FT_CATALOG_LIST,   /* names of a catalog separated by ';' */
    FT_OBJECTIVES,     /* numbers 1-23 separated by ';', the principal first */
    FT_YES_NO,         /* Sí / No / empty (not stated) */
    FT_COUNT,          /* a whole number of people, or empty */
    FT_PRINCIPLES,     /* guiding principles 1-10, by number or name, separated by ';' */
} FieldType;

typedef struct {
    const char *name;        /* column of the interchange format and JSON key */
    const char *label;       /* es-MX, marked N_(): translate with _() */
    FieldType type;
    size_t max;              /* bytes of text (0 = no text limit) */
    bool required;
    const char *aliases;     /* other headers a spreadsheet may use, ';'-separated */
    const char *help;        /* es-MX, marked N_(): what to write (template notes, forms) */
    const char *catalog;     /* the downloadable catalog that decodes its values (its file
                              * name without extension, docs/open-data.md), or NULL; issue 14 */
} ActionField;

extern const ActionField action_fields[AF__COUNT];
extern const ActionField challenge_fields[CF__COUNT];

typedef struct {
    const char *text;
    int64_t category_id;     /* 0 = not classified */
    const char *category;    /* its glossary name, "" when not classified (JSON: null) */
} Challenge;

typedef struct {
    int64_t id, edition_id, institution_id;
    int64_t version;         /* bumped by every write; a stale form carries an old one */
    const char *folio, *name, *description, *results;
    const char *status;      /* borrador | enviada | validada | devuelta */
    const char *comment;     /* the reviewer's, when returned */
    int *objectives;         /* objectives[0] is the principal objective */
    int nobj;
    int64_t *types, *pops;   /* catalog ids, catalog order */
    int ntypes, npops;
    int gender_focus, disability;      /* 1, 0, -1 = not stated */
    long long beneficiaries;           /* -1 = not stated */
    Challenge *challenges;
    int nchallenges;
    int *principles;         /* the GCM guiding principles it serves, 1-10, ascending */
    int nprin;
    /* issue 13 (T13): the action of the previous edition a new one
     * continues (0: none); the web form's, linked when the action is
     * created (pages_trend.c), not a column of the interchange format */
    int64_t continues_id;
    /* issue 13 (F13): the folio of that action as the interchange column
     * continua_folio gives it ("" none); read from the store for every
     * output, resolved by the import and the API (trend_store.h) */
    const char *continues_folio;
    /* issue 13 (R13B): the edition of that action, the column
     * continua_edicion ("" on input: the previous edition) */
    const char *continues_edition;
    /* issue 13 (F1316): an edit removes the link it has (a PUT's
     * "continua_folio": "" or null, the edit form's «Quitar el enlace») */
    bool continues_drop;
    /* What the store adds for display (NULL when not read from it). */
    const char *edition, *edition_state;
    const char *institution, *institution_name, *reporter_type, *reporter_type_name, *state_name;
    const char **type_names, **pop_codes, **pop_names;
    const char *created_at, *updated_at;
} Action;

/* The catalogs a value is matched against (names, acronyms, aliases,
 * folded as core/match.h does). Loaded by the caller. */
typedef struct {
    Matcher *institutions, *action_types, *populations, *categories;
    Matcher *objectives;     /* titles es/en, id = number; NULL: numbers only (no title) */
    Matcher *principles;     /* the guiding principles' names, id = number; NULL: numbers only */
    /* issue 13 round 2 (F13): where the names are, said after an unknown
     * one without a near name (untranslated, N_); NULL: the CLI's «(vea
     * 'pmm catalog')». The platform names its catalog endpoint. */
    const char *unknown_hint;
} ActionCatalogs;

typedef struct {
    int field;               /* AF_* (or CF_* for a challenge); -1: the whole row */
    const char *value;       /* what was given, or NULL */
    const char *message;     /* a translated sentence, es-MX first */
} ActionError;

typedef struct {
    ActionError *v;
    int n, cap;
} ActionErrors;              /* grows in the arena given to the parser */

/* Checks the interchange values VALS (text, as a CSV cell holds them: empty
 * for absent) with every rule of action_fields and fills OUT; each fault
 * is added to ERRS. True when there was none. Strings of OUT live in A. */
bool action_parse(const ActionCatalogs *c, const char *const vals[AF__COUNT], Arena *a,
                  Action *out, ActionErrors *errs);
/* The same for one challenge: its text and category as written. */
bool challenge_parse(const ActionCatalogs *c, const char *text, const char *category, Arena *a,
                     Challenge *out, ActionErrors *errs);

/* Checks one text value V of field F (numbered ID in ERRS): valid UTF-8,
 * present when required, within F's byte limit. The first step of
 * action_parse, for callers that check a value the parser does not (the
 * folio of a challenge row). */
bool action_field_check(const ActionField *f, int id, const char *v, Arena *a, ActionErrors *errs);
/* The text value V as every entry point stores it (issue 10, REC3: the
 * JSON reader kept what the others strip): LF line ends, no white space
 * (ASCII's or Unicode's) at either end. action_parse and challenge_parse
 * apply it to every value; V itself when nothing changes, else a copy in A. */
const char *action_text(Arena *a, const char *v);
/* The folio V as it is stored and compared, in A: in Unicode's composed
 * form (NFC) and trimmed (action_text), so that "CAFé" typed either way is one folio (issue 10,
 * hostile fault 6). action_parse applies it; a reader of a folio alone
 * (a challenge row) calls it. */
const char *action_folio(Arena *a, const char *v);
/* The key under which two folios of an edition are one (action.folio_key,
 * the SQL function pmm_folio_key, the import's repeat check), in A:
 * text_key (case, width) with every dash look-alike (U+2010-U+2015,
 * U+2212, U+FE58, U+FE63, U+FF0D) folded to '-' (issue 10, round 3). */
char *action_folio_key(Arena *a, const char *folio);
/* Adds one error (MESSAGE is copied into A). */
void action_error(ActionErrors *errs, Arena *a, int field, const char *value, const char *message);
/* The one message (in A) for a folio that another action of the edition
 * holds, for the import, the form and the API alike; OWNER (its
 * institution's acronym) when the caller knows it, else NULL. */
const char *action_folio_taken(Arena *a, const char *folio, const char *owner);

/* The value parsers action_parse uses, for readers of one value. Each
 * returns false, with *WHY a translated reason, on a bad value. */
bool parse_objectives(const char *s, int *out, int max, int *n, const char **why);  /* no titles */
/* The same, where a number may be followed by its title ("7 — Abordar
 * ..."), checked against TITLES (see ActionCatalogs); a message naming the
 * title goes in A. */
bool parse_objectives_titled(const char *s, const Matcher *titles, Arena *a, int *out, int max, int *n,
                             const char **why);
bool parse_yes_no(const char *s, int *out);               /* 1, 0, or -1 if empty */
/* The GCM's guiding principles (para. 15), numbered 1-10 (issue 13). */
#define ACTION_NPRIN 10
/* Why the import could never find a principle by NAME (a name or alias
 * about to be saved), or NULL: NAME holds a separator of the cell
 * (principle_sep: the cell is split there), or is numbers only (read as
 * principle numbers). A translated phrase (issue 13 round 3, F13B). */
const char *action_principle_name_problem(const char *name);
bool parse_count(const char *s, long long *out, const char **why);  /* -1 if empty */

/* The interchange values of A, as the import reads them back. A must have
 * its display names (as the store reads it): institution is the acronym,
 * type_names and pop_codes the catalog names and codes. */
void action_cells(const Action *a, Arena *ar, const char *cells[AF__COUNT]);
/* A as a JSON object of the interchange format, its challenges as "retos". */
json_t *action_to_json(const Action *a);
/* issue 14 round 2, fault 6 (F14B): the keys of action_to_json, the
 * fields' in table order then "estado" and "retos" (ACTION_NJSON_KEYS of
 * them), each also by the English name the API's own answers give it
 * ("name", "status", "challenges"): key I in Spanish or ENGLISH, NULL
 * past the last; and the index of KEY in either vocabulary, or -1. */
#define ACTION_NJSON_KEYS (AF__COUNT + 2)
const char *action_json_key(int i, bool english);
int action_json_key_find(const char *key);
/* Reads a JSON object of the interchange format into VALS (and its "retos"
 * into *TEXTS / *CATS, *NCH of them), refusing unknown keys and values of
 * the wrong JSON type into ERRS. */
bool action_from_json(json_t *obj, Arena *a, const char *vals[AF__COUNT], const char ***texts,
                      const char ***cats, int *nch, ActionErrors *errs);

/* ---- CSV cells: the one writer of every CSV pmm writes ----
 * A cell is quoted when it holds a comma, a quote or a line break, or
 * starts or ends with a space or a tab. A cell that a spreadsheet would
 * run as a formula (it starts with = + - @, a tab or a carriage return,
 * after any apostrophes) gets one more apostrophe in front (OWASP, "CSV
 * injection"); csv_cell_restore removes exactly that one again, so that
 * export -> import gives back the text unchanged. */
void csv_cell(Str *out, const char *v, bool last);
/* The CSV text V as it was before csv_cell guarded it; in place. */
char *csv_cell_restore(char *v);
/* The column a CSV pmm writes leads with: the edition of each row
 * (issue 14, helper D14); the import checks it against its edition. */
#define ACTION_EDITION_COLUMN "edicion"
/* The header row of the acciones / retos CSV, from the tables, led by
 * ACTION_EDITION_COLUMN when WITH_EDITION. */
void action_csv_header(Str *out, bool with_edition);
void challenge_csv_header(Str *out, bool with_edition);
/* A's row of acciones.csv, and its rows of retos.csv, each led by
 * EDITION unless it is NULL. */
void action_csv_row(Str *out, const Action *a, const char *edition, Arena *ar);
void challenge_csv_rows(Str *out, const Action *a, const char *edition);

#endif
