/* The collection campaign on the web (issue 11): editions created with
 * their period and deadline by the administrador; the capture template
 * downloaded and uploaded by an institution's focal point; and the
 * coordinators' board of who has and has not reported (also as JSON). */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/campaign.h"
#include "ingest/import.h"
#include "ingest/template_edition.h"
#include "render/xlsx_template.h"
#include "store/campaign_store.h"
#include "util/diag.h"
#include "util/i18n.h"
#include "util/text.h"
#include "web/limits.h"
#include "web/web.h"

/* ---- editions: created and given a period and deadline (administrador) ---- */

/* A form value trimmed of surrounding white space, "" when absent. */
static const char *field(Req *r, const char *name) {
    const char *v = req_form(r, name);
    return text_trim(arena_strdup(&r->a, v ? v : ""));
}

/* The period and deadline of the form, each checked by the campaign's
 * rules (core/campaign.c); the first refusal, or NULL. */
static const char *campaign_fields(Req *r, const char **start, const char **end, const char **deadline) {
    *start = field(r, "desde");
    *end = field(r, "hasta");
    *deadline = field(r, "limite");
    const char *why = edition_period_check(*start, *end);
    return why ? why : edition_deadline_check(*deadline);
}

static bool admin_only(Req *r) {
    if (has_role(r, ROLE_ADMINISTRADOR)) return true;
    page_error(r, 403, _("Solo un administrador puede hacer esto."));
    return false;
}

/* POST /admin/ediciones: nombre, desde, hasta (AAAA-MM), limite (AAAA-MM-DD). */
void page_admin_edition_new(Req *r) {
    if (!admin_only(r)) return;
    const char *start, *end, *deadline, *name = req_form(r, "nombre");
    name = name ? name : "";
    const char *why = edition_name_check(name);
    if (why)   /* the name echoed on one line, its character named (issue 12, N1) */
        why = arena_printf(&r->a, _("«%s» no sirve como nombre de edición: %s"), text_one_line(&r->a, name), why);
    else why = campaign_fields(r, &start, &end, &deadline);
    if (why) {
        page_error(r, 422, why);
        return;
    }
    Edition e;
    bool exists = false, ok = store_begin(r->st);
    /* issue 10, hostile fault 7 (helper REC2): also a name that only looks the same */
    if (ok && store_edition_alike(r->st, name, &e)) exists = true;
    ok = ok && !exists && store_edition_create(r->st, name, start, end, &e) &&
         store_edition_set_campaign(r->st, e.id, start, end, deadline) &&
         store_audit_add(r->st, r->user.id, 0, arena_printf(&r->a, "edición %s creada", name), NULL,
                         arena_printf(&r->a, "{\"desde\": \"%s\", \"hasta\": \"%s\", \"limite\": \"%s\"}",
                                      start, end, deadline)) &&
         store_commit(r->st);
    if (!ok) {
        store_rollback(r->st);
        page_error(r, exists ? 409 : 500, exists ? _("Ya existe una edición con ese nombre.")
                                                 : _("No se pudo crear la edición."));
        return;
    }
    req_redirect(r, "/admin");
}

/* POST /admin/ediciones/E/campana: the period and deadline of E. */
void page_admin_edition_campaign(Req *r) {
    if (!admin_only(r)) return;
    Edition e;
    const char *start, *end, *deadline;
    if (!store_edition_find(r->st, r->args[0], &e)) {
        page_error(r, 404, _("No existe esa edición."));
        return;
    }
    const char *why = campaign_fields(r, &start, &end, &deadline);
    if (why) {
        page_error(r, 422, why);
        return;
    }
    /* issue 10, hostile fault 5 (helper REC2): a published edition's period
     * is part of its Informe, frozen as its actions are (the one check, in
     * the write's transaction) */
    const char *frozen = NULL;
    bool ok = store_begin(r->st) && store_edition_accepts_changes(r->st, e.id, &frozen) &&
              store_edition_set_campaign(r->st, e.id, start, end, deadline) &&
              store_audit_add(r->st, r->user.id, 0, arena_printf(&r->a, "edición %s: periodo y fecha límite", e.name),
                              NULL, arena_printf(&r->a, "{\"desde\": \"%s\", \"hasta\": \"%s\", \"limite\": \"%s\"}",
                                                 start, end, deadline)) &&
              store_commit(r->st);
    if (!ok) {
        store_rollback(r->st);
        if (frozen) page_error(r, 409, frozen);
        else page_error(r, 500, _("No se pudo guardar el periodo."));
        return;
    }
    req_redirect(r, "/admin");
}

/* The administrador's forms, on /admin: a new edition, and the period and
 * deadline of each existing one (E, N of them). */
void campaign_admin_forms(Req *r, const Edition *eds, int n) {
    Str *o = &r->out;
    str_html(o, "<h2>%s</h2><form method=\"post\" action=\"/admin/ediciones\" class=\"edition-form\">",
             _("Nueva edición"));
    csrf_field(r);
    str_html(o, "<p><label for=\"ne-nombre\">%s</label><input id=\"ne-nombre\" name=\"nombre\" required maxlength=\"64\"></p>"
                "<p><label for=\"ne-desde\">%s</label><input id=\"ne-desde\" name=\"desde\" type=\"month\" placeholder=\"AAAA-MM\"></p>"
                "<p><label for=\"ne-hasta\">%s</label><input id=\"ne-hasta\" name=\"hasta\" type=\"month\" placeholder=\"AAAA-MM\"></p>"
                "<p><label for=\"ne-limite\">%s</label><input id=\"ne-limite\" name=\"limite\" type=\"date\"></p>"
                "<p><button type=\"submit\">%s</button></p></form>",
             _("Nombre"), _("Periodo: mes de inicio"), _("Periodo: mes de fin"), _("Fecha límite de entrega"),
             _("Crear edición"));
    if (!n) return;
    str_html(o, "<h2>%s</h2>", _("Periodo y fecha límite de cada edición"));
    for (int i = 0; i < n; i++) {
        char deadline[16];
        store_edition_deadline(r->st, eds[i].id, deadline);
        str_html(o, "<form method=\"post\" action=\"/admin/ediciones/%s/campana\" class=\"inline campaign\">", eds[i].name);
        csrf_field(r);
        str_html(o, "<strong>%s</strong> <label>%s <input name=\"desde\" type=\"month\" value=\"%s\"></label> "
                    "<label>%s <input name=\"hasta\" type=\"month\" value=\"%s\"></label> "
                    "<label>%s <input name=\"limite\" type=\"date\" value=\"%s\"></label> "
                    "<button type=\"submit\">%s</button> <a href=\"/campana/%s\">%s</a></form>",
                 eds[i].name, _("desde"), eds[i].period_start, _("hasta"), eds[i].period_end, _("límite"), deadline,
                 _("Guardar"), eds[i].name, _("Avance de la campaña"));
    }
}

/* ---- the template of the focal point's institution ---- */

/* The editions open for submissions, oldest first (issue 11, helper CAMP2:
 * several may be open at once, and a workbook goes to the one it is for). */
typedef struct {
    Arena *a;
    Edition *v;
    int n, cap;
} OpenEds;

static void add_open(void *ctx, const Edition *e, long n) {
    (void)n;
    OpenEds *o = ctx;
    if (strcmp(e->state, "abierta") != 0) return;
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 4;
        Edition *v = arena_alloc(o->a, sizeof *v * (size_t)o->cap);
        if (o->n) memcpy(v, o->v, sizeof *v * (size_t)o->n);
        o->v = v;
    }
    o->v[o->n++] = *e;
}

/* The open editions into O, or false having answered (none is open). */
static bool open_editions(Req *r, OpenEds *o) {
    *o = (OpenEds){.a = &r->a};
    store_edition_list(r->st, add_open, o);
    if (!o->n) {
        page_error(r, 409, _("No hay ninguna edición abierta para recibir acciones."));
        return false;
    }
    return true;
}

/* The open edition called NAME, or NULL. */
static const Edition *open_named(const OpenEds *o, const char *name) {
    for (int i = 0; name && i < o->n; i++)
        if (strcmp(o->v[i].name, name) == 0) return &o->v[i];
    return NULL;
}

/* The newest open edition: the last, as store_edition_list orders (by period). */
static const Edition *newest_open(const OpenEds *o) { return &o->v[o->n - 1]; }

static bool enlace_only(Req *r) {
    if (has_role(r, ROLE_ENLACE)) return true;
    if (!r->logged && strcmp(r->method, "GET") == 0) auth_login_redirect(r);
    else page_error(r, 403, _("Solo el enlace de una instancia descarga y sube su plantilla."));
    return false;
}

/* A file name made of the letters, digits, '-' and '_' of S. */
static const char *safe_name(Req *r, const char *s) {
    char *v = arena_strdup(&r->a, s);
    for (char *p = v; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            *p = '_';
    return v;
}

/* Reads the whole file at PATH into R's answer. */
static bool slurp(Req *r, const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) str_append(&r->out, buf, n);
    bool ok = !ferror(f);
    fclose(f);
    return ok;
}

static const char *tmp_dir(void) {
    const char *t = getenv("TMPDIR");
    return t && *t ? t : "/tmp";
}

/* GET /plantilla: the workbook of `pmm template` for the open edition,
 * with the enlace's institution filled and locked. */
void page_template(Req *r) {
    if (!enlace_only(r)) return;
    OpenEds open;
    if (!open_editions(r, &open)) return;
    /* ?edicion=E: the template of another open edition (the upload page links each) */
    const char *want = req_query(r, "edicion");
    const Edition *pick = want ? open_named(&open, want) : newest_open(&open);
    if (!pick) {
        page_error(r, 404, _("Esa edición no está abierta para recibir acciones."));
        return;
    }
    Edition ed = *pick;
    char *dir = arena_printf(&r->a, "%s/pmm-plantilla-XXXXXX", tmp_dir());
    if (!mkdtemp(dir)) {
        page_error(r, 500, _("No se pudo preparar la plantilla."));
        return;
    }
    char *path = arena_printf(&r->a, "%s/plantilla.xlsx", dir);
    XlsxTemplateOpts o = {.edition = &ed, .institution = r->user.institution};
    Str err = STR_INIT;
    str_clear(&r->out);
    bool ok = xlsx_template_write(r->st, &o, path, &err) && slurp(r, path);
    unlink(path);
    rmdir(dir);
    if (!ok) {
        page_error(r, 500, err.len ? str_cstr(&err) : _("No se pudo preparar la plantilla."));
        str_free(&err);
        return;
    }
    str_free(&err);
    r->no_cache = true;
    r->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    web_disposition(r, true, arena_printf(&r->a, "plantilla-%s-%s.xlsx", safe_name(r, r->user.institution),
                                          safe_name(r, ed.name)));
}

/* One open edition's line of the upload page: its deadline and template.
 * The newest's deadline is #deadline; ONLY: no other edition is open. */
static void open_line(Req *r, const Edition *ed, bool only, bool newest) {
    Str *o = &r->out;
    char deadline[16];
    store_edition_deadline(r->st, ed->id, deadline);
    str_html(o, "<p>%s <strong>%s</strong>.", _("Edición abierta:"), ed->name);
    if (*deadline && newest) str_html(o, " %s: <strong id=\"deadline\">%s</strong>.", _("Fecha límite de entrega"), deadline);
    else if (*deadline) str_html(o, " %s: <strong>%s</strong>.", _("Fecha límite de entrega"), deadline);
    if (only)
        str_html(o, " <a href=\"/plantilla\" download>%s</a></p>", _("Descargar la plantilla de su instancia (Excel)"));
    else {
        str_puts(o, " <a href=\"/plantilla?edicion=");
        str_url(o, ed->name);              /* percent-encoded: nothing left to escape */
        str_html(o, "\" download>%s</a></p>", _("Descargar la plantilla de esta edición (Excel)"));
    }
}

/* With several editions open, which one the upload goes to: by default the
 * one the workbook names (CHOSEN: the enlace's earlier choice, or NULL). */
static void edition_choice(Req *r, const OpenEds *open, const char *chosen) {
    Str *o = &r->out;
    str_html(o, "<p><label for=\"edicion\">%s</label><select id=\"edicion\" name=\"edicion\">"
                "<option value=\"\">%s</option>", _("Edición"), _("La que indica la plantilla"));
    for (int i = 0; i < open->n; i++)
        str_html(o, "<option value=\"%s\"%s>%s</option>", open->v[i].name,
                 chosen && strcmp(chosen, open->v[i].name) == 0 ? " selected" : "", open->v[i].name);
    str_html(o, "</select></p>");
}

static void upload_form(Req *r, const OpenEds *open, const char *chosen) {
    Str *o = &r->out;
    for (int i = 0; i < open->n; i++) open_line(r, &open->v[i], open->n == 1, i == open->n - 1);
    str_html(o, "<form method=\"post\" action=\"/plantilla/subir\" enctype=\"multipart/form-data\" class=\"upload\">");
    csrf_field(r);
    if (open->n > 1) edition_choice(r, open, chosen);
    str_html(o, "<p><label for=\"archivo\">%s</label><input id=\"archivo\" name=\"archivo\" type=\"file\" "
                "accept=\".xlsx\" required></p><p class=\"hint\">%s</p><p><button type=\"submit\">%s</button></p></form>",
             _("Plantilla llena (.xlsx)"),
             _("Máximo 1 MB. Las acciones se guardan como borradores de su instancia; revíselas y envíelas a revisión."),
             _("Subir plantilla"));
}

/* The refusal of an upload: every error with its sheet, row and column. */
static void upload_errors(Req *r, const DiagList *d) {
    Str *o = &r->out;
    str_html(o, "<div class=\"errors\" role=\"alert\" id=\"upload-errors\"><p>%s</p><table class=\"list\"><thead><tr>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th></tr></thead><tbody>",
             _("No se guardó nada: corrija estos errores y vuelva a subir el archivo."), _("Hoja"), _("Fila"),
             _("Columna"), _("Valor"), _("Error"));
    for (size_t i = 0; i < d->n; i++) {
        const Diag *g = &d->items[i];
        /* the file's name, a cell's value and the message quoting it are
         * what a person typed (t12 fault 7: isolated, %-s) */
        str_html(o, "<tr><td>%-s</td><td>", g->file ? g->file : "");
        if (g->line > 0) str_html(o, "%ld", g->line);
        str_html(o, "</td><td>%s%s%-s</td><td>%-s</td><td>%-s</td></tr>", g->letter ? g->letter : "",
                 g->letter && g->column ? " " : "", g->column ? g->column : "", g->value ? g->value : "", g->msg);
    }
    str_html(o, "</tbody></table>");
    if (d->total > d->n)
        str_html(o, "<p>%s %zu.</p>", _("Errores que no se muestran:"), d->total - d->n);
    str_html(o, "</div>");
}

/* Every warning the import gave, as `pmm import` prints them (issue 10,
 * REC3: the upload showed none of them). */
static void upload_warnings(Req *r, const DiagList *w) {
    if (!w->n) return;
    str_html(&r->out, "<div class=\"warnings\" role=\"status\" id=\"upload-warnings\"><p>%s</p><ul>",
             _("Avisos de la importación:"));
    for (size_t i = 0; i < w->n; i++) str_html(&r->out, "<li>%-s</li>", w->items[i].msg);
    str_html(&r->out, "</ul></div>");
}

/* Imports the upload of R (already in a temporary file at PATH) as drafts
 * of the enlace's institution: pmm import's own all-or-nothing import. */
static void upload_import(Req *r, const Edition *ed, const char *path, const OpenEds *open, const char *chosen) {
    ImportStats stats;
    memset(&stats, 0, sizeof stats);
    DiagList d;
    diag_init(&d);
    DiagList warn;
    diag_init(&warn);
    const char *name = r->upload_name && *r->upload_name ? r->upload_name : "plantilla.xlsx";
    import_warnings_to(&warn);
    bool ok = import_xlsx_for(r->st, ed, path, name, r->user.institution_id, r->user.id, status_name(AS_BORRADOR),
                              &stats, &d);
    import_warnings_to(NULL);
    page_begin(r, _("Subir la plantilla"));
    upload_warnings(r, &warn);
    if (ok) {
        str_html(&r->out, "<div class=\"done\" role=\"status\" id=\"upload-done\" data-created=\"%ld\" data-replaced=\"%ld\">"
                          "<p>%s</p><ul><li>%s: %ld</li><li>%s: %ld</li><li>%s: %ld</li></ul>"
                          "<p><a href=\"/acciones?edicion=%s&amp;situacion=borrador\">%s</a></p></div>",
                 stats.inserted, stats.updated, _("Se guardó la plantilla."), _("Acciones nuevas (borradores)"),
                 stats.inserted, _("Acciones reemplazadas"), stats.updated, _("Retos"), stats.challenges, ed->name,
                 _("Ver sus borradores"));
    } else if (store_write_busy(r->st)) {
        /* another process holds the database: nothing is wrong with the
         * file (issue 10, hostile fault 5: it was 422) */
        r->status = 503;
        req_set_header(r, "Retry-After", WEB_BUSY_RETRY_AFTER);
        str_html(&r->out, "<div class=\"errors\" role=\"alert\" id=\"upload-busy\"><p>%s</p></div>",
                 _("La base de datos está ocupada por otro proceso y no se guardó nada. Vuelva a subir el "
                   "mismo archivo en unos momentos."));
    } else {
        r->status = 422;
        if (!d.n) diag_add(&d, name, 0, NULL, NULL, "%s", _("No se pudo leer el archivo."));
        upload_errors(r, &d);
    }
    upload_form(r, open, chosen);
    page_end(r);
    diag_free(&d);
    diag_free(&warn);
}

/* An upload refused before its rows are read: MSG, or the errors in D. */
static void upload_refused(Req *r, const OpenEds *open, const char *chosen, const char *msg, const DiagList *d) {
    page_begin(r, _("Subir la plantilla"));
    r->status = 422;
    if (msg)
        str_html(&r->out, "<div class=\"errors\" role=\"alert\" id=\"upload-errors\"><p>%s</p></div>", msg);
    else
        upload_errors(r, d);
    upload_form(r, open, chosen);
    page_end(r);
}

/* The edition an upload goes to, or NULL having answered. The one the
 * workbook names (the template writes it) must be open and agree with the
 * enlace's CHOSEN one; a workbook that names none (made by hand, or from a
 * template older than the mark) goes to the chosen one, or the only one open. */
static const Edition *upload_target(Req *r, const OpenEds *open, const char *chosen, const char *path) {
    const char *name = r->upload_name && *r->upload_name ? r->upload_name : "plantilla.xlsx";
    DiagList d;
    diag_init(&d);
    Str named = STR_INIT;
    const Edition *to = NULL;
    const char *why = NULL;
    if (!xlsx_template_edition(path, name, &named, &d)) {
        upload_refused(r, open, chosen, NULL, &d);
    } else if (named.len && !(to = open_named(open, str_cstr(&named)))) {
        why = arena_printf(&r->a, _("Esta plantilla es de la edición «%s», que no está abierta para recibir "
                                    "acciones. Descargue la plantilla de una edición abierta y copie en ella sus filas."),
                           str_cstr(&named));
    } else if (named.len && chosen && strcmp(chosen, to->name) != 0) {
        why = arena_printf(&r->a, _("Esta plantilla es de la edición «%s», no de la edición «%s» que eligió. "
                                    "Elija «%s» o suba la plantilla de la edición «%s»."),
                           to->name, chosen, to->name, chosen);
        to = NULL;
    } else if (!named.len && chosen && !(to = open_named(open, chosen))) {
        why = arena_printf(&r->a, _("La edición «%s» no está abierta para recibir acciones."), chosen);
    } else if (!named.len && !chosen && open->n > 1) {
        why = _("Este libro no dice de qué edición es (no es una plantilla descargada de esta página, o es "
                "anterior): elija la edición en la lista.");
    } else if (!named.len && !chosen) {
        to = newest_open(open);
    }
    if (why) upload_refused(r, open, chosen, why, NULL);
    str_free(&named);
    diag_free(&d);
    return to;
}

/* F14B: a file the upload cannot read as a workbook, refused with what to
 * do on this page («súbalo»), not the import's «importe»: a spreadsheet
 * of another format (import_format_unread), or anything that is no zip
 * (a template saved as CSV: the page takes only .xlsx). False having answered. */
static bool upload_is_workbook(Req *r, const OpenEds *open, const char *chosen, const char *path) {
    const char *how = _("ábralo en Excel o LibreOffice, use «Guardar como» → «Libro de Excel (.xlsx)» y "
                        "suba el .xlsx");
    const char *name = r->upload_name && *r->upload_name ? r->upload_name : "plantilla.xlsx";
    const char *what = import_format_unread(path);
    if (!what && r->upload_len >= 4 && memcmp(r->upload, "PK\x03\x04", 4) == 0) return true;
    DiagList d;             /* listed as the reader's errors are: the file, and «No se guardó nada» */
    diag_init(&d);
    if (what) diag_add(&d, name, 0, NULL, NULL, "%s: %s", what, how);
    else
        diag_add(&d, name, 0, NULL, NULL, _("no es un libro de Excel (.xlsx) (si guardó la plantilla como CSV o "
                                            "texto, esta página no la lee): %s. Un archivo CSV lo importa la "
                                            "coordinación con «pmm import»"), how);
    upload_refused(r, open, chosen, NULL, &d);
    diag_free(&d);
    return false;
}

/* GET /plantilla/subir: the form; POST: the filled workbook. */
void page_template_upload(Req *r) {
    if (!enlace_only(r)) return;
    OpenEds open;
    if (!open_editions(r, &open)) return;
    r->no_cache = true;
    if (strcmp(r->method, "POST") != 0) {
        page_begin(r, _("Subir la plantilla"));
        upload_form(r, &open, NULL);
        page_end(r);
        return;
    }
    const char *chosen = req_form(r, "edicion");    /* "": the one the workbook names */
    if (chosen && !*chosen) chosen = NULL;
    if (!r->upload || !r->upload_len) {
        page_error(r, 422, _("Elija el archivo de la plantilla llena (.xlsx)."));
        return;
    }
    char *path = arena_printf(&r->a, "%s/pmm-subida-XXXXXX.xlsx", tmp_dir());
    int fd = mkstemps(path, 5);
    bool written = fd >= 0 && write(fd, r->upload, r->upload_len) == (ssize_t)r->upload_len;
    if (fd >= 0) close(fd);
    const Edition *ed = NULL;
    if (!written) page_error(r, 500, _("No se pudo recibir el archivo."));
    else if (upload_is_workbook(r, &open, chosen, path) && (ed = upload_target(r, &open, chosen, path)))
        upload_import(r, ed, path, &open, chosen);
    if (fd >= 0) unlink(path);
}

/* ---- the board ---- */

typedef enum { SORT_SIGLAS, SORT_NOMBRE, SORT_PENDIENTE, SORT_ACTIVIDAD, SORT__COUNT } BoardSort;
static const char *const sort_names[SORT__COUNT] = {"siglas", "nombre", "pendiente", "actividad"};

typedef struct {
    ProgressRow *rows;
    int n;
    Edition ed;
    char deadline[16];
    bool has_days;
    long days;
} Board;

static bool reported(const ProgressRow *p) { return p->count[AS_ENVIADA] + p->count[AS_VALIDADA] > 0; }

/* Late: nothing submitted or validated, and the deadline near or past. */
static bool is_late(const Board *b, const ProgressRow *p) {
    return b->has_days && b->days <= CAMPAIGN_LATE_DAYS && !reported(p);
}

static int by_siglas(const void *a, const void *b) {
    return strcasecmp(((const ProgressRow *)a)->siglas, ((const ProgressRow *)b)->siglas);
}
static int by_nombre(const void *a, const void *b) {
    return strcmp(((const ProgressRow *)a)->nombre, ((const ProgressRow *)b)->nombre);
}
/* Those with nothing submitted first, then by what is still to review. */
static int by_pending(const void *a, const void *b) {
    const ProgressRow *x = a, *y = b;
    if (reported(x) != reported(y)) return reported(x) ? 1 : -1;
    return by_siglas(a, b);
}
/* The least recent activity first (none at all before any). */
static int by_activity(const void *a, const void *b) {
    int c = strcmp(((const ProgressRow *)a)->last, ((const ProgressRow *)b)->last);
    return c ? c : by_siglas(a, b);
}

/* The staff's board of EN, read once; false having answered. */
static bool board_load(Req *r, const char *en, Board *b) {
    if (!r->logged) {
        page_error(r, 401, _("Entre con su cuenta."));
        return false;
    }
    if (!is_staff(r)) {
        page_error(r, 403, _("Solo coordinadores y administradores ven el avance de la campaña."));
        return false;
    }
    memset(b, 0, sizeof *b);
    if (!store_edition_find(r->st, en, &b->ed)) {
        page_error(r, 404, _("No existe esa edición."));
        return false;
    }
    store_edition_deadline(r->st, b->ed.id, b->deadline);
    char today[11];
    campaign_today(today);
    b->has_days = campaign_days_left(b->deadline, today, &b->days);
    if (!store_campaign_progress(r->st, b->ed.id, &r->a, &b->rows, &b->n)) {
        page_error(r, 500, _("No se pudo consultar el avance."));
        return false;
    }
    return true;
}

static void board_head(Req *r, const Board *b, BoardSort sort) {
    static const char *const labels[SORT__COUNT] = {N_("Siglas"), N_("Instancia"), N_("Sin enviar primero"),
                                                    N_("Actividad más antigua primero")};
    Str *o = &r->out;
    if (!*b->deadline) str_html(o, "<p id=\"days-left\">%s</p>", _("La edición no tiene fecha límite."));
    else if (b->days >= 0)
        str_html(o, "<p id=\"days-left\" data-days=\"%ld\">%s %s: %ld %s.</p>", b->days, _("Fecha límite"),
                 b->deadline, b->days, b->days == 1 ? _("día restante") : _("días restantes"));
    else
        str_html(o, "<p id=\"days-left\" data-days=\"%ld\" class=\"late\">%s %s: %s %ld %s.</p>", b->days,
                 _("Fecha límite"), b->deadline, _("vencida hace"), -b->days, -b->days == 1 ? _("día") : _("días"));
    str_html(o, "<nav class=\"sort\" aria-label=\"%s\">%s ", _("Orden"), _("Ordenar por:"));
    for (int k = 0; k < SORT__COUNT; k++) {
        if (k == (int)sort) str_html(o, "<strong>%s</strong> ", _(labels[k]));
        else {
            str_html(o, "<a href=\"/campana/");
            str_url(o, b->ed.name);
            str_html(o, "?orden=%s\">%s</a> ", sort_names[k], _(labels[k]));
        }
    }
    str_html(o, "</nav>");
}

static void board_row(Req *r, const Board *b, const ProgressRow *p) {
    Str *o = &r->out;
    bool late = is_late(b, p);
    str_html(o, "<tr class=\"%s\" data-siglas=\"%s\"><th scope=\"row\"><abbr title=\"%s\">%s</abbr>%s</th><td>",
             late ? "late" : "", p->siglas, p->nombre, p->siglas, late ? _(" (atrasada)") : "");
    for (int k = 0; k < p->nenlaces; k++) str_html(o, "%s%-s", k ? ", " : "", p->enlaces[k]);
    if (!p->nenlaces) str_html(o, "<em>%s</em>", _("sin enlace"));
    long total = 0;
    for (int k = 0; k < AS__COUNT; k++) total += p->count[k];
    str_html(o, "</td><td>%s</td><td>%ld</td><td>%ld</td><td>%ld</td><td>%ld</td><td>%s</td></tr>",
             total ? "" : _("ninguna aún"), p->count[AS_BORRADOR], p->count[AS_ENVIADA], p->count[AS_DEVUELTA],
             p->count[AS_VALIDADA], *p->last ? p->last : "—");
}

/* GET /campana/E[?orden=siglas|nombre|pendiente|actividad] */
void page_board(Req *r) {
    if (!r->logged) {
        auth_login_redirect(r);          /* back here, with the sort asked, after the login */
        return;
    }
    Board b;
    if (!board_load(r, r->args[0], &b)) return;
    const char *v = req_query(r, "orden");
    BoardSort sort = SORT_SIGLAS;
    for (int k = 0; v && k < SORT__COUNT; k++)
        if (strcmp(v, sort_names[k]) == 0) sort = (BoardSort)k;
    if (v && strcmp(v, sort_names[sort]) != 0) {
        page_error(r, 400, _("Orden desconocido: use siglas, nombre, pendiente o actividad."));
        return;
    }
    static int (*const cmp[SORT__COUNT])(const void *, const void *) = {by_siglas, by_nombre, by_pending,
                                                                        by_activity};
    if (b.n) qsort(b.rows, (size_t)b.n, sizeof *b.rows, cmp[sort]);
    r->no_cache = true;
    char title[160];
    snprintf(title, sizeof title, _("Avance de la campaña: edición %s"), b.ed.name);
    page_begin(r, title);
    board_head(r, &b, sort);
    str_html(&r->out, "<table class=\"list board\" id=\"board\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
             _("Instancia"), _("Enlaces"), _("Acciones"), _("Borrador"), _("Enviada"), _("Devuelta"), _("Validada"),
             _("Última actividad"));
    for (int i = 0; i < b.n; i++) board_row(r, &b, &b.rows[i]);
    str_html(&r->out, "</tbody></table>");
    page_end(r);
}

/* GET /api/v1/editions/E/progress (coordinador or administrador). */
void api_progress(Req *r) {
    if (!web_query_check(r, NULL, true, NULL)) return;     /* F14B: as every API endpoint */
    Board b;
    if (!board_load(r, r->args[0], &b)) return;
    json_t *list = json_array();
    for (int i = 0; i < b.n; i++) {
        const ProgressRow *p = &b.rows[i];
        json_t *enl = json_array();
        for (int k = 0; k < p->nenlaces; k++) json_array_append_new(enl, json_string(p->enlaces[k]));
        json_t *o = json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:o, s:b, s:o}", "siglas", p->siglas, "nombre",
                              p->nombre, "borrador", (json_int_t)p->count[AS_BORRADOR], "enviada",
                              (json_int_t)p->count[AS_ENVIADA], "devuelta", (json_int_t)p->count[AS_DEVUELTA],
                              "validada", (json_int_t)p->count[AS_VALIDADA], "ultima_actividad",
                              *p->last ? json_string(p->last) : json_null(), "atrasada", is_late(&b, p),
                              "enlaces", enl);
        json_array_append_new(list, o);
    }
    json_t *root = json_pack("{s:s, s:o, s:o, s:o}", "edition", b.ed.name, "deadline",
                             *b.deadline ? json_string(b.deadline) : json_null(), "days_left",
                             b.has_days ? json_integer(b.days) : json_null(), "institutions", list);
    char *s = json_dumps(root, JSON_PRESERVE_ORDER);
    json_decref(root);
    r->no_cache = true;
    r->ctype = "application/json";
    str_clear(&r->out);
    if (s) str_puts(&r->out, s);
    else str_fail(&r->out);           /* F15B: no memory for the text: 503, never an empty «{}» */
    free(s);
}
