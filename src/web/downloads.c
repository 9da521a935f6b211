/* Downloads of a published edition: the Informe Ejecutivo (HTML, PDF) as
 * `pmm report` writes it, and the data of its validated actions in the
 * interchange format (CSV, JSON). Public downloads hold validated actions
 * only, like every public page, and read the edition's latest published
 * revision; each earlier revision stays downloadable under /rN/. */
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "analysis/narrative.h"
#include "render/compendio.h"
#include "render/report_html.h"
#include "render/report_pdf.h"
#include "render/docx.h"
#include "render/export.h"
#include "render/xlsx_template.h"
#include "store/report_store.h"
#include "util/i18n.h"
#include "util/mem.h"
#include "web/opendata.h"
#include "web/web.h"

/* acciones.csv, retos.csv or acciones.json (WHICH 0, 1, 2) of E: its
 * validated actions in the interchange format, written by the same
 * serializer as `pmm export`, so that each imports back with `pmm import`. */
static bool data_file(Req *r, const Edition *e, int which) {
    Str err = STR_INIT;
    bool ok;
    if (which < 2) {
        ok = export_csv_str(r->st, e, EXPORT_VALIDATED, which == 0 ? &r->out : NULL,
                            which == 1 ? &r->out : NULL, &err);
    } else {
        json_t *doc = export_json_doc(r->st, e, EXPORT_VALIDATED, &err);
        char *z = doc ? json_dumps(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER) : NULL;
        ok = z != NULL;
        if (z) str_puts(&r->out, z);
        str_putc(&r->out, '\n');
        free(z);
        json_decref(doc);
    }
    str_free(&err);
    return ok;
}

/* buenas-practicas.csv|json of E (issue 13): its good practices in the
 * Repository of Practices' fields, as `pmm export --good-practices`. */
static bool practices_file(Req *r, const Edition *e, const char *format) {
    Str err = STR_INIT;
    bool ok = export_practices(r->st, e, format, &r->out, &err);
    str_free(&err);
    return ok;
}

/* acciones.xlsx of E (issue 14): its validated actions in the workbook of
 * `pmm export --format xlsx`, written by the same writer, through a
 * temporary file (libxlsxwriter writes files). */
static bool data_workbook(Req *r, const Edition *e) {
    char path[] = "/tmp/pmm-datos-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return false;
    close(fd);
    Str err = STR_INIT;
    XlsxTemplateOpts o = {.edition = e, .with_actions = true, .validated_only = true};
    bool ok = xlsx_template_write(r->st, &o, path, &err);
    FILE *in = ok ? fopen(path, "rb") : NULL;
    char buf[65536];
    size_t n;
    while (in && (n = fread(buf, 1, sizeof buf, in)) > 0) str_append(&r->out, buf, n);
    ok = ok && in && !ferror(in);
    if (in) fclose(in);
    unlink(path);
    str_free(&err);
    return ok;
}

/* D as a PDF (or with PDF false a DOCX) into OUT, through a temporary
 * file. issue 13 (R13): shared with the voluntary review's download. */
bool web_doc_file(Doc *d, bool pdf, Str *out) {
    char path[] = "/tmp/pmm-informe-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return false;
    close(fd);
    /* doc_pdf resets cairo's and fontconfig's static state when done,
     * which no other thread may be using meanwhile (the DOCX's charts are
     * drawn by cairo too). */
    static pthread_mutex_t pdf_lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&pdf_lock);
    bool ok = pdf ? doc_pdf(d, path) : doc_docx(d, path);
    pthread_mutex_unlock(&pdf_lock);
    FILE *in = ok ? fopen(path, "rb") : NULL;
    char buf[65536];
    size_t n;
    while (in && (n = fread(buf, 1, sizeof buf, in)) > 0) str_append(out, buf, n);
    ok = ok && in && !ferror(in);
    if (in) fclose(in);
    unlink(path);
    return ok;
}

/* The Informe Ejecutivo (or with COMPENDIO the Compendio General) of E,
 * from its validated actions, as `pmm report` / `pmm compendio` write it. */
static bool publication(Req *r, const Edition *e, bool compendio, bool pdf) {
    Figures *f = xcalloc(1, sizeof *f);
    ReportData rd;
    memset(&rd, 0, sizeof rd);
    bool ok = store_figures(r->st, e, false, f) && store_report_data(r->st, e, false, &rd);
    if (ok) {
        Doc d;
        ReportOptions o = {.lang = LANG_ES, .otros_umbral = -1};   /* the pack's (issue 16) */
        ok = store_pack_lang(r->st, &o.lang);        /* the pack's language (issue 16) */
        doc_init(&d, o.lang);
        if (compendio) {
            Compendio *c = compendio_begin(&d, f, &rd);
            ok = store_compendio_actions(r->st, e, false, compendio_action, c);
            compendio_end(c);
        } else {
            Imprint imp;      /* issue 12: the edition's imprint */
            Highlights hl;    /* and the programs named under each objective */
            ok = store_imprint(r->st, e, &d.arena, &imp) && store_highlights(r->st, e, false, &d.arena, &hl);
            o.imprint = &imp;
            o.highlights = &hl;
            /* issue 13 (T13): «Comparación con la edición anterior», the one the reader sees */
            Figures *pf = xcalloc(1, sizeof *pf);
            Edition prev;
            bool has_prev = false;
            ok = ok && trend_previous_figures(r, e, &prev, pf, &has_prev);
            o.previous = has_prev ? pf : NULL;
            if (ok) report_build(&d, f, &rd, &o);
            free(pf);
        }
        if (!ok) {
            /* nothing to write */
        } else if (!pdf) {
            doc_html(&d, &r->out);
        } else {
            ok = web_doc_file(&d, true, &r->out);
        }
        doc_free(&d);
    }
    report_data_free(&rd);
    free(f);
    return ok;
}

/* The open-data files of E beside the data (issue 14): the data package,
 * the license, the catalogs. True when FILE was one of them. */
static bool open_data_file(Req *r, const Edition *e, const char *file) {
    if (strcmp(file, "datapackage.json") == 0) opendata_package(r, e);
    else if (strcmp(file, "licencia.txt") == 0) opendata_license_text(r, e);
    else return opendata_catalog(r, file);
    return true;
}

/* Sends FILE of E (an edition, or a revision of one); TAG names it in the
 * file name ("2024" or "2024-r1"). */
static void download(Req *r, const Edition *e, const char *file, const char *tag) {
    static const struct {
        const char *name, *ctype;
    } files[] = {
        {"informe.html", "text/html; charset=utf-8"},
        {"informe.pdf", "application/pdf"},
        {"compendio.html", "text/html; charset=utf-8"},
        {"compendio.pdf", "application/pdf"},
        {"acciones.csv", "text/csv; charset=utf-8"},
        {"retos.csv", "text/csv; charset=utf-8"},
        {"acciones.json", "application/json"},
        {"acciones.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {"buenas-practicas.csv", "text/csv; charset=utf-8"},     /* issue 13 */
        {"buenas-practicas.json", "application/json"},
        {NULL, NULL},
    };
    int k = 0;
    while (files[k].name && strcmp(files[k].name, file) != 0) k++;
    if (!files[k].name && open_data_file(r, e, file)) return;
    if (!files[k].name) {
        page_error(r, 404, _("No existe ese archivo."));
        return;
    }
    bool ok = k <= 3 ? publication(r, e, k >= 2, k % 2 == 1) : k <= 6 ? data_file(r, e, k - 4)
            : k == 7 ? data_workbook(r, e) : practices_file(r, e, k == 8 ? "csv" : "json");
    if (!ok) {
        page_error(r, 500, _("No se pudo producir el archivo."));
        return;
    }
    r->ctype = files[k].ctype;
    /* The Informe is one self-contained file with its own <style>: it may
     * use inline style, and still runs no script at all. */
    if (k == 0 || k == 2)
        r->csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                 "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    req_set_header(r, "Content-Disposition",   /* F14A: the name is the package's path for its files */
                   arena_printf(&r->a, "%s; filename=\"%s\"", k == 0 || k == 2 ? "inline" : "attachment",
                                opendata_download_name(r, tag, files[k].name)));
}

/* GET /descargas/EDICION/ARCHIVO: the latest revision the public sees
 * (staff: the working edition, which may not be published yet). */
void page_download(Req *r) {
    Edition e;
    bool found = edition_for_reader(r, r->args[0], is_staff(r), &e);
    /* issue 14: /descargas/catalogos/F, the catalogs as they are now */
    if (!found && strcmp(r->args[0], "catalogos") == 0) {
        if (!opendata_catalog(r, r->args[1])) page_error(r, 404, _("No existe ese archivo."));
        return;
    }
    if (!found) {
        page_error(r, 404, _("No existe una edición publicada con ese nombre."));
        return;
    }
    download(r, &e, r->args[1], e.name);
}

/* GET /descargas/EDICION/rN/ARCHIVO: revision N, as it was published. */
void page_download_revision(Req *r) {
    Edition e;
    const char *rv = r->args[1];
    char *end = NULL;
    long n = rv[0] == 'r' && rv[1] >= '1' && rv[1] <= '9' ? strtol(rv + 1, &end, 10) : 0;
    if (n < 1 || n > 1000000 || *end || !store_edition_revision(r->st, r->args[0], (int)n, &e)) {
        page_error(r, 404, _("No existe esa revisión publicada de la edición."));
        return;
    }
    download(r, &e, r->args[2], arena_printf(&r->a, "%s-r%ld", e.name, n));
}
