/* The dashboard's map of the subnational units (issue 14): the chart
 * render/map.c lays out from the pack's boundary file, as SVG, and always the table of every
 * unit, the accessible alternative and the home of a unit without a shape.
 * A pack without a boundary file shows the table alone, without the
 * column that says whether a unit is drawn. */
#include "render/map.h"
#include "web/web.h"
#include <string.h>
#include "util/i18n.h"

void dashboard_map(Req *r, const Edition *e) {
    MapInput m;
    MapShapes sh;
    if (!map_input(r->st, &r->a, e, "mapa-unidades", &m, &sh)) {
        str_html(&r->out, "<section aria-labelledby=\"h-mapa\"><h2 id=\"h-mapa\">%s</h2><p class=\"notice\">%s</p>"
                          "</section>", _("Mapa"), _("No se pudo leer el mapa de este paquete de país."));
        return;
    }
    if (!m.n || !*m.type) return;      /* a pack without subnational units or type has nothing to map */
    str_html(&r->out, "<section class=\"map\" aria-labelledby=\"h-mapa\"><h2 id=\"h-mapa\">%s</h2>", m.title);
    if (m.shapes) {
        /* the chart layer's map (as in the Informe and `pmm chart mapa`),
         * without its drawn title: the heading above says it, and the SVG's
         * <title> still names it */
        Chart *c = map_chart(&m, &r->a, strcmp(i18n_lang(), "en") == 0 ? LANG_EN : LANG_ES, m.title, true);
        Chart untitled = *c;
        untitled.title = "";
        /* nor its drawn note (the units without a shape, the boundaries'
         * credit): text 10 units high in a 640-wide drawing is 5 px on a
         * phone; under the figure, as the page's text, it is read at any
         * width (issue 14 round 2, fault 3) */
        untitled.note = NULL;
        Scene sc;
        chart_layout(&untitled, &r->a, &sc);
        sc.chart = c;
        str_puts(&r->out, "<figure>");
        chart_svg(&sc, &r->out);
        str_puts(&r->out, "<figcaption class=\"note\">");
        if (c->note && *c->note) str_html(&r->out, "<span class=\"map-credit\">%s</span> ", c->note);
        str_html(&r->out, "%s</figcaption></figure>",
                 _("Cada unidad lleva a la lista de las acciones de su gobierno; el gris claro con borde punteado "
                   "indica que no hay acciones. La tabla dice lo mismo en cifras."));
    }
    if (!m.shapes) {
        /* no boundary file, no map: the units' table is the section, not
         * the data of a map that is not there (issue 16, hostile fault 16) */
        str_puts(&r->out, "<div class=\"scroll\">");
        map_table(&m, &r->out);
        str_puts(&r->out, "</div></section>");
        return;
    }
    str_html(&r->out, "<details class=\"map-data\"><summary>%s</summary><div class=\"scroll\">",
             _("Tabla de datos del mapa"));
    map_table(&m, &r->out);
    str_puts(&r->out, "</div></details></section>");
}
