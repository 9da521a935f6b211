/*
 * pmm: the follow-up of the Global Compact for Safe, Orderly and Regular
 * Migration (Pacto Mundial para la Migración), in one program.
 *
 *   pmm [--db FILE] COMMAND [ARGS]
 *
 * Each command is a function cmd_NAME in src/cli/; this table is the whole
 * list, and `pmm help` prints it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "util/i18n.h"

const Command pmm_commands[] = {
    {"init", cmd_init, "", N_("crea la base de datos y carga los catálogos")},
    {"demo", cmd_demo, "", N_("carga la edición de demostración 2024")},
    {"edition", cmd_edition, "list | add NOMBRE [--desde AAAA-MM] [--hasta AAAA-MM] | "
     "new NOMBRE [--period AAAA-MM:AAAA-MM] [--deadline AAAA-MM-DD] | "
     "set NOMBRE [--estado abierta|en_revision|publicada [--nota TEXTO]] [--preambulo ARCHIVO | --preambulo-default] "
     "[--period AAAA-MM:AAAA-MM] [--deadline AAAA-MM-DD] "
     "[--emisor TEXTO] [--pais TEXTO] [--lugar TEXTO] [--licencia TEXTO] | "
     "reopen NOMBRE [--nota TEXTO] | revisions NOMBRE",
     N_("lista o crea ediciones (ejercicios)")},
    {"import", cmd_import,
     "--edition E acciones.csv|libro.xlsx|edicion.json [--retos retos.csv] [--status ESTADO] [--check]",
     N_("importa acciones y retos (todo o nada)")},
    {"report", cmd_report, "--edition E [--revision N|live] [--format json|text|html|pdf] [--lang es|en] [--otros-umbral N] [--all] [-o ARCHIVO] | --edition E --preamble ARCHIVO|--preamble-default",
     N_("cifras de una edición")},
    {"trend", cmd_trend, "[--editions E1,E2,...] [--format json|text] [--lang es|en] [-o ARCHIVO]",
     N_("cifras de varias ediciones lado a lado")},
    {"compendio", cmd_compendio, "--edition E [--revision N|live] [--format html|pdf] [--lang es|en] [--all] -o ARCHIVO",
     N_("el Compendio General: todas las acciones tal como se reportaron")},
    {"chart", cmd_chart, "NOMBRE --edition E [--revision N|live] [--lang es|en] [--all] [--width 360-640] -o ARCHIVO.svg|.png",
     N_("exporta una gráfica del informe")},
    {"catalog", cmd_catalog, "[objectives|reporter-types|states|institutions|action-types|"
     "populations|challenge-categories]", N_("muestra un catálogo de referencia")},
    {"template", cmd_template, "--edition E [--institution SIGLAS] -o plantilla.xlsx",
     N_("escribe la plantilla de Excel que llena una institución")},
    {"export", cmd_export, "--edition E --format xlsx|csv|json [-o ARCHIVO]",
     N_("exporta una edición en el formato de intercambio")},
    {"serve", cmd_serve, "[--listen 127.0.0.1] [--port 8080] [--threads N] [--access-log ARCHIVO|-] "
     "[--secure-cookies] [--timeout SEGUNDOS] [--max-per-ip N] [--trusted-proxy DIR[,DIR]] "
     "[--smtp smtp://SERVIDOR:PUERTO] [--mail-from DIRECCION] [--base-url URL] [--remind-days 7,1] "
     "[--mail-retry-base SEGUNDOS] [--mail-poll SEGUNDOS] [--busy-timeout SEGUNDOS] [--cache-mb MB] [--request-timeout SEGUNDOS]", N_("sirve la plataforma web")},
    {"user", cmd_user, "add NOMBRE --role administrador|coordinador|enlace [--institucion SIGLAS] "
     "[--nombre TEXTO] [--email DIRECCION] | set NOMBRE --email DIRECCION|\"\" | passwd NOMBRE | list | "
     "disable NOMBRE | enable NOMBRE | token NOMBRE [--label TEXTO] [--expires DÍAS] | tokens NOMBRE | "
     "revoke NOMBRE ID|--all",
     N_("cuentas de la plataforma web (la contraseña se lee de la entrada)")},
    {"mail", cmd_mail, "send-pending --smtp smtp://SERVIDOR:PUERTO [--mail-from DIRECCION]",
     N_("envía ahora el correo pendiente de la bandeja de salida")},
    {"backup", cmd_backup, "ARCHIVO [--force]",
     N_("copia consistente de la base de datos, aun con el servidor en marcha")},
    {"restore", cmd_restore, "COPIA",
     N_("reemplaza la base de datos por una copia (con el servidor detenido)")},
    {"check", cmd_check, "", N_("comprueba la integridad de la base de datos y de las cifras")},
    {NULL, NULL, NULL, NULL},
};

static void help(FILE *out) {
    fprintf(out, _("pmm %s: seguimiento del Pacto Mundial para la Migración\n\n"
                   "uso: pmm [--db ARCHIVO] COMANDO [ARGUMENTOS]\n\n"
                   "comandos:\n"), PMM_VERSION);
    for (const Command *c = pmm_commands; c->name; c++)
        fprintf(out, "  %-10s %s\n", c->name, _(c->summary));
    fprintf(out, _("\nLa base de datos es --db, o $PMM_DB, o «pmm.db».\n"
                   "'pmm help COMANDO' muestra el uso de un comando.\n"));
}

/* Issue 15: what a command printed reached its standard output (not a
 * full disk, `pmm check > /dev/full`): else it is said, and the exit is
 * a failure, whatever the command's own. */
static int output_written(int rc) {
    if (fflush(stdout) == 0 && !ferror(stdout)) return rc;
    int e = errno;
    fprintf(stderr, _("pmm: no se pudo escribir la salida: %s\n"),
            e == ENOSPC ? _("el disco está lleno") : e ? strerror(e) : _("error de escritura"));
    return rc == EXIT_OK ? EXIT_FAIL : rc;
}

int main(int argc, char **argv) {
    i18n_init();
    Global g = {getenv("PMM_DB") && *getenv("PMM_DB") ? getenv("PMM_DB") : "pmm.db"};
    /* --db may stand anywhere; take it out before the command sees argv. */
    int n = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) g.db_path = argv[++i];
        else if (strncmp(argv[i], "--db=", 5) == 0) g.db_path = argv[i] + 5;
        else argv[++n] = argv[i];
    }
    argc = n + 1;
    if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "-h") == 0) {
        if (argc >= 3) return cli_usage(argv[2]) == EXIT_USAGE ? EXIT_OK : EXIT_OK;
        help(stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    if (strcmp(argv[1], "version") == 0 || strcmp(argv[1], "--version") == 0) {
        printf("pmm %s\n", PMM_VERSION);
        return EXIT_OK;
    }
    for (const Command *c = pmm_commands; c->name; c++)
        if (strcmp(c->name, argv[1]) == 0) return output_written(c->fn(&g, argc - 2, argv + 2));
    fprintf(stderr, _("pmm: comando desconocido «%s»\n\n"), argv[1]);
    help(stderr);
    return EXIT_USAGE;
}
