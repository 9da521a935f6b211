#include <string.h>
#include "analysis/figures_json.h"
#include "store/demo_store.h"
#include "util/i18n.h"
#include "util/lang.h"
#include "util/text.h"

static json_t *yes_no(const long v[3]) {
    return json_pack("{s:I, s:I, s:I}", "si", (json_int_t)v[FIG_YES], "no",
                     (json_int_t)v[FIG_NO], "sin_dato", (json_int_t)v[FIG_UNKNOWN]);
}

/* issue 13: the guiding principles {"1".."10": actions} and the IMRF
 * roundtables {"1".."4": {"actions": n, "objectives": [..]}}. */
static void what_the_un_asks(json_t *root, const Figures *f) {
    json_t *gp = json_object(), *rt = json_object();
    char key[4];
    for (int p = 1; p <= FIG_NPRIN; p++) {
        snprintf(key, sizeof key, "%d", p);
        json_object_set_new(gp, key, json_integer(f->by_principle[p]));
    }
    for (int r = 1; r <= FIG_NROUNDTABLES; r++) {
        json_t *objs = json_array();
        for (int o = 1; o <= FIG_NOBJ; o++)
            if (f->roundtable[o] == r) json_array_append_new(objs, json_integer(o));
        snprintf(key, sizeof key, "%d", r);
        json_object_set_new(rt, key, json_pack("{s:I, s:o}", "actions", (json_int_t)f->by_roundtable[r],
                                               "objectives", objs));
    }
    json_object_set_new(root, "guiding_principles", gp);
    json_object_set_new(root, "actions_with_principles", json_integer(f->with_principles));
    json_object_set_new(root, "by_roundtable", rt);
}

json_t *figures_to_json(const Figures *f) {
    json_t *root = json_object();
    json_object_set_new(root, "schema", json_string("pmm-figures/1"));
    json_object_set_new(root, "edition", json_string(f->edition));
    json_object_set_new(root, "period", json_pack("{s:s, s:s}", "start", f->period_start,
                                                  "end", f->period_end));
    json_object_set_new(root, "scope", json_string(f->all_statuses ? "all" : "validated"));
    /* F14C (issue 14 fault 7, issue 13): a synthetic example says so before its figures */
    json_object_set_new(root, "synthetic", json_boolean(f->synthetic));
    if (f->synthetic) json_object_set_new(root, "notice", json_string(example_notice_text(NULL)));
    json_object_set_new(root, "actions", json_integer(f->actions));
    json_object_set_new(root, "objective_links", json_integer(f->objective_links));
    json_object_set_new(root, "institutions", json_integer(f->institutions));
    json_object_set_new(root, "states", json_integer(f->states));

    json_t *bt = json_object(), *it = json_object();
    for (int t = 0; t < f->ntypes; t++) {
        json_object_set_new(bt, f->types[t].code, json_integer(f->by_type[t]));
        json_object_set_new(it, f->types[t].code, json_integer(f->inst_by_type[t]));
    }
    json_object_set_new(root, "by_reporter_type", bt);
    json_object_set_new(root, "institutions_by_reporter_type", it);

    json_t *bo = json_object();
    for (int o = 1; o <= FIG_NOBJ; o++) {
        json_t *cell = json_object();
        json_object_set_new(cell, "total", json_integer(f->by_obj[o]));
        for (int t = 0; t < f->ntypes; t++)
            json_object_set_new(cell, f->types[t].code, json_integer(f->by_obj_type[o][t]));
        char key[4];
        snprintf(key, sizeof key, "%d", o);
        json_object_set_new(bo, key, cell);
    }
    json_object_set_new(root, "by_objective", bo);

    json_t *pop = json_object();
    for (int p = 0; p < f->npops; p++)
        json_object_set_new(pop, f->pops[p].code, json_integer(f->by_pop[p]));
    json_object_set_new(root, "population", pop);
    json_object_set_new(root, "gender_focus", yes_no(f->gender));
    json_object_set_new(root, "disability", yes_no(f->disability));

    json_t *ch = json_object(), *bc = json_object(), *bct = json_object();
    json_object_set_new(ch, "total", json_integer(f->challenges));
    json_object_set_new(ch, "unclassified", json_integer(f->unclassified));
    for (int c = 0; c < f->ncats; c++) {
        json_object_set_new(bc, f->cats[c].code, json_integer(f->by_cat[c]));
        json_t *byt = json_object();
        for (int t = 0; t < f->ntypes; t++)
            json_object_set_new(byt, f->types[t].code, json_integer(f->by_cat_type[c][t]));
        json_object_set_new(bct, f->cats[c].code, byt);
    }
    json_object_set_new(ch, "actions_with_challenges", json_integer(f->with_challenges));
    json_object_set_new(ch, "by_category", bc);
    json_object_set_new(ch, "by_category_and_reporter_type", bct);
    json_object_set_new(root, "challenges", ch);
    json_object_set_new(root, "beneficiaries", json_integer(f->beneficiaries));
    json_object_set_new(root, "actions_with_beneficiaries", json_integer(f->with_beneficiaries));
    what_the_un_asks(root, f);
    return root;
}

static double pct(long part, long whole) { return whole ? 100.0 * (double)part / (double)whole : 0; }

/* The one writer of the text table's cells: S in WIDTH columns, to the
 * left or to the right, padded by the columns S shows as (text_width), not
 * its bytes: «Σ», two bytes, and a pack's non-ASCII type code («GADÑ»)
 * stay in line with the numbers (issue 16, verification fault 3). */
static void cell(FILE *out, const char *s, size_t width, bool left) {
    size_t w = text_width(s);
    if (left) fputs(s, out);
    for (; w < width; w++) fputc(' ', out);
    if (!left) fputs(s, out);
}

static void num_cell(FILE *out, long v, size_t width) {
    char b[32];
    snprintf(b, sizeof b, "%ld", v);
    cell(out, b, width, false);
}

void figures_print_text(const Figures *f, const char *units, FILE *out) {
    bool en = strcmp(i18n_lang(), "en") == 0;
    const char *scope = f->all_statuses ? _(", todas las acciones") : _(", acciones validadas");
    if (*f->period_start && *f->period_end) {
        /* issue 14, fault 13 (F14A): the months as the web writes them (lang_month, as web_month) */
        Str period = STR_INIT;            /* the one rule (lang_period, N6) */
        lang_period(&period, en ? LANG_EN : LANG_ES, f->period_start, f->period_end);
        fprintf(out, _("Edición %s (%s)%s\n"), f->edition, str_cstr(&period), scope);
        str_free(&period);
    } else                              /* issue 11: no "( a )" without a period */
        fprintf(out, _("Edición %s%s\n"), f->edition, scope);
    if (f->synthetic) fprintf(out, "%s\n", example_notice_text(NULL));      /* F14C: before any figure */
    /* the pack's word for its units (issue 12), never a country's in code */
    Arena a = ARENA_INIT;
    const char *u = units && *units ? text_capitalize(&a, units) : _("Unidades subnacionales");
    fprintf(out, _("Acciones: %ld   Vínculos con objetivos: %ld   Instancias: %ld   %s: %ld\n"), f->actions,
            f->objective_links, f->institutions, u, f->states);
    arena_free(&a);
    fputc('\n', out);
    cell(out, _("Obj."), 5, true);
    for (int t = 0; t < f->ntypes; t++) cell(out, f->types[t].code, 6, false);
    cell(out, _("Total"), 7, false);
    fputc('\n', out);
    long col[FIG_MAX_TYPES] = {0};
    for (int o = 1; o <= FIG_NOBJ; o++) {
        char n[8];
        snprintf(n, sizeof n, "%d", o);
        cell(out, n, 5, true);
        for (int t = 0; t < f->ntypes; t++) {
            num_cell(out, f->by_obj_type[o][t], 6);
            col[t] += f->by_obj_type[o][t];
        }
        num_cell(out, f->by_obj[o], 7);
        fputc('\n', out);
    }
    cell(out, "Σ", 5, true);
    for (int t = 0; t < f->ntypes; t++) num_cell(out, col[t], 6);
    num_cell(out, f->objective_links, 7);
    fputs("\n\n", out);
    fprintf(out, _("Acciones por tipo de reportante:"));
    for (int t = 0; t < f->ntypes; t++) fprintf(out, " %s %ld", f->types[t].code, f->by_type[t]);
    fprintf(out, _("\nPoblación atendida:"));
    for (int p = 0; p < f->npops; p++)
        fprintf(out, " %s %ld (%.0f %%)", en ? f->pops[p].name_en : f->pops[p].name_es, f->by_pop[p],
                pct(f->by_pop[p], f->actions));
    fprintf(out, _("\nEnfoque de género: %ld sí (%.0f %%), %ld no, %ld sin dato\n"), f->gender[FIG_YES],
            pct(f->gender[FIG_YES], f->actions), f->gender[FIG_NO], f->gender[FIG_UNKNOWN]);
    fprintf(out, _("Atención a personas con discapacidad: %ld sí (%.0f %%), %ld no, %ld sin dato\n"),
            f->disability[FIG_YES], pct(f->disability[FIG_YES], f->actions), f->disability[FIG_NO],
            f->disability[FIG_UNKNOWN]);
    fprintf(out, _("Retos: %ld (%ld sin clasificar)\n"), f->challenges, f->unclassified);
    for (int c = 0; c < f->ncats; c++)
        if (f->by_cat[c]) fprintf(out, "  %4ld  %s\n", f->by_cat[c], en ? f->cats[c].name_en : f->cats[c].code);
    Str b = STR_INIT, w = STR_INIT;      /* issue 16 (P16): the pack's number style, as the Informe */
    lang_int(&b, en ? LANG_EN : LANG_ES, f->beneficiaries);
    lang_int(&w, en ? LANG_EN : LANG_ES, f->with_beneficiaries);
    fprintf(out, ngettext("Personas beneficiarias declaradas: %s (en %s acción)\n",
                          "Personas beneficiarias declaradas: %s (en %s acciones)\n",
                          (unsigned long)f->with_beneficiaries),
            str_cstr(&b), str_cstr(&w));
    str_free(&b);
    str_free(&w);
    fprintf(out, ngettext("Principios rectores (%ld acción los señala):\n",
                          "Principios rectores (%ld acciones los señalan):\n", (unsigned long)f->with_principles),
            f->with_principles);
    for (int p = 1; p <= FIG_NPRIN; p++)
        fprintf(out, "  %2d %4ld  %s\n", p, f->by_principle[p],
                en ? f->principles[p].name_en : f->principles[p].name_es);
    fprintf(out, _("Mesas redondas del Foro de Examen de la Migración Internacional:"));
    for (int r = 1; r <= FIG_NROUNDTABLES; r++) fprintf(out, " %d: %ld", r, f->by_roundtable[r]);
    fputc('\n', out);
}
