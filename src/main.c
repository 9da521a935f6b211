/*
 * pmm: the follow-up of the Global Compact for Safe, Orderly and Regular
 * Migration (Pacto Mundial para la Migración), in one program.
 *
 *   pmm [--db FILE] COMMAND [ARGS]
 *
 * Each command is a function cmd_NAME in src/cli/; the table below is the
 * whole list, with each command's help (docs/cli.md).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "util/errtext.h"
#include "util/i18n.h"

/* ---- The command table: the one home of every command's help ----
 * Each entry: the name, the function, the forms of its arguments (one per
 * line, after "pmm NAME"), a one-line summary, its options (ArgOption: the
 * parser, --help, the man page and the bash completion all read them) and
 * examples. Texts are Spanish, marked N_() for po/en.po. A new command is
 * one entry here (and its cmd_NAME in src/cli/). */

#define OPT_EDITION {"--edition", NULL, NULL, N_("EDICIÓN"), N_("la edición (el ejercicio) con la que se trabaja")}
#define OPT_REVISION {"--revision", NULL, NULL, "N|live", \
    N_("la revisión publicada N, o live: las filas de la edición como están ahora")}
#define OPT_LANG {"--lang", NULL, NULL, "es|en", \
    N_("el idioma de lo que escribe el comando, en todo formato, y de sus mensajes (por omisión, el documento va " \
       "en el del paquete de país, o es)")}
#define OPT_ALL {"--all", NULL, NULL, NULL, N_("cuenta todas las acciones, no solo las validadas")}
#define OPT_OUTPUT {"--output", "-o", NULL, N_("ARCHIVO"), N_("el archivo que se escribe; - es la salida estándar")}
#define OPT_INSTITUTION(h) {"--institution", NULL, "--institucion", N_("SIGLAS"), h}
#define OPT_OTHERS {"--others-threshold", NULL, "--otros-umbral", "N", \
    N_("las categorías con menos de N acciones se agrupan en «Otros» (por omisión, el umbral del paquete " \
       "de país, o 13)")}
#define OPT_SMTP {"--smtp", NULL, NULL, "smtp://SERVIDOR:PUERTO", \
    N_("el servidor de correo (smtp:// o smtps://; también $PMM_SMTP)")}
#define OPT_MAIL_FROM {"--mail-from", NULL, NULL, N_("DIRECCION"), \
    N_("el remitente de los mensajes (también $PMM_MAIL_FROM)")}
#define OPT_RETRY_BASE {"--mail-retry-base", NULL, NULL, N_("SEGUNDOS"), \
    N_("espera antes de reintentar un envío fallido; se duplica en cada intento (1 a 86400)")}
#define OPT_END {NULL, NULL, NULL, NULL, NULL}

static const ArgOption no_options[] = {OPT_END};

static const ArgOption edition_options[] = {
    {"--from", NULL, "--desde", N_("AAAA-MM"), N_("add, new, set: primer mes del periodo que se informa (o --period)")},
    {"--to", NULL, "--hasta", N_("AAAA-MM"), N_("add, new, set: último mes del periodo que se informa (o --period)")},
    {"--period", NULL, NULL, N_("AAAA-MM:AAAA-MM"), N_("add, new, set: el periodo que se informa, DESDE:HASTA")},
    {"--deadline", NULL, NULL, N_("AAAA-MM-DD"), N_("new, set: la fecha límite de captura")},
    {"--state", NULL, "--estado", "abierta|en_revision|publicada",
     N_("set: el nuevo estado; publicada crea una revisión")},
    {"--note", NULL, "--nota", N_("TEXTO"), N_("set, reopen: una nota para el registro de revisiones")},
    {"--preamble", NULL, "--preambulo", N_("ARCHIVO"),
     N_("set: el preámbulo propio del Informe (texto UTF-8, párrafos separados por una línea en blanco)")},
    {"--preamble-default", NULL, "--preambulo-default", NULL, N_("set: vuelve al preámbulo generado")},
    {"--issuer", NULL, "--emisor", N_("TEXTO"), N_("set: quien emite el Informe (vacío: lo quita)")},
    {"--country", NULL, "--pais", N_("TEXTO"), N_("set: el país del pie de imprenta")},
    {"--place", NULL, "--lugar", N_("TEXTO"), N_("set: el lugar del pie de imprenta")},
    {"--license", NULL, "--licencia", N_("TEXTO"), N_("set: la licencia con que se publica el Informe")},
    {"--issuer-en", NULL, "--emisor-en", N_("TEXTO"), N_("set: quien emite el Informe, en inglés (el Informe en inglés)")},
    {"--country-en", NULL, "--pais-en", N_("TEXTO"), N_("set: el país del pie de imprenta, en inglés")},
    {"--place-en", NULL, "--lugar-en", N_("TEXTO"), N_("set: el lugar del pie de imprenta, en inglés")},
    {"--emblem", NULL, "--emblema", N_("ARCHIVO.png"),
     N_("set: el emblema de la portada (PNG de hasta 512 KiB y 4096 píxeles por lado; vacío: lo quita)")},
    {"--synthetic", NULL, "--sintetica", "yes|sí|no",   /* sí, si: parse_yes_no (t12 #14) */
     N_("set: marca la edición como ejemplo sintético, cuyas cifras no son reales (yes o sí), o lo quita (no)")},
    OPT_END,
};

static const ArgOption import_options[] = {
    OPT_EDITION,
    {"--challenges", NULL, "--retos", N_("ARCHIVO"),
     N_("el CSV de retos que acompaña a un CSV de acciones")},
    {"--status", NULL, NULL, "borrador|enviada|validada|devuelta",
     N_("el estado de las acciones importadas (validada por omisión)")},
    {"--check", NULL, "--dry-run", NULL, N_("solo comprueba el archivo: no guarda nada")},
    OPT_END,
};

static const ArgOption trend_options[] = {
    {"--editions", NULL, "--ediciones", "E1,E2,...",
     N_("las ediciones que se comparan, en ese orden (todas por omisión, ordenadas por periodo)")},
    {"--format", NULL, NULL, "text|json", N_("el formato de salida (text por omisión)")},
    OPT_LANG,
    OPT_OUTPUT,
    OPT_END,
};

static const ArgOption review_options[] = {   /* issue 13 (R13) */
    {"--from", NULL, "--desde", N_("EDICIÓN"), N_("la primera edición del periodo del examen")},
    {"--to", NULL, "--hasta", N_("EDICIÓN"), N_("la última edición del periodo del examen")},
    {"--review", NULL, "--examen", N_("NOMBRE"),
     N_("un examen guardado en la plataforma: su periodo y los textos de la unidad coordinadora")},
    {"--format", NULL, NULL, "html|pdf|docx", N_("el formato de salida (html por omisión)")},
    OPT_LANG,
    OPT_OUTPUT,
    OPT_END,
};

static const ArgOption report_options_table[] = {
    OPT_EDITION,
    OPT_REVISION,
    {"--format", NULL, NULL, "text|json|html|pdf|docx", N_("el formato de salida (text por omisión)")},
    OPT_LANG,
    OPT_OTHERS,
    OPT_ALL,
    OPT_OUTPUT,
    {"--preamble", NULL, "--preambulo", N_("ARCHIVO"), N_("guarda el preámbulo propio de la edición (no escribe el informe)")},
    {"--preamble-default", NULL, "--preambulo-default", NULL, N_("vuelve al preámbulo generado")},
    OPT_END,
};

static const ArgOption compendio_options[] = {
    OPT_EDITION,
    OPT_REVISION,
    {"--format", NULL, NULL, "html|pdf|docx", N_("el formato de salida (html por omisión)")},
    OPT_LANG,
    OPT_ALL,
    OPT_OUTPUT,
    OPT_END,
};

static const ArgOption chart_options[] = {
    OPT_EDITION,
    OPT_REVISION,
    OPT_LANG,
    OPT_OTHERS,
    OPT_ALL,
    {"--width", NULL, NULL, "360-640", N_("el ancho en puntos; menos de 640 da el formato para teléfono")},
    {"--format", NULL, NULL, "svg|png",
     N_("el formato (por omisión, el de la extensión de -o; sin ella, como en -o - o /dev/stdout, svg)")},
    {"--output", "-o", NULL, N_("ARCHIVO.svg|ARCHIVO.png"),
     N_("el archivo que se escribe, SVG o PNG según su extensión o --format; - es la salida estándar")},
    OPT_END,
};

static const ArgOption template_options[] = {
    OPT_EDITION,
    OPT_INSTITUTION(N_("la institución cuyo nombre ya trae la plantilla")),
    OPT_OUTPUT,
    OPT_END,
};

static const ArgOption export_options[] = {
    OPT_EDITION,
    OPT_REVISION,   /* F16D: a published revision's actions and good practices */
    {"--format", NULL, NULL, "xlsx|csv|json", N_("el formato (xlsx por omisión); csv escribe también ARCHIVO-retos.csv")},
    {"--good-practices", NULL, "--buenas-practicas", NULL,
     N_("exporta las buenas prácticas de la edición en los campos del Repositorio de Prácticas de la ONU "
        "(json por omisión, o csv)")},
    OPT_OUTPUT,
    OPT_END,
};

static const ArgOption serve_options[] = {
    {"--listen", NULL, NULL, N_("DIRECCION"), N_("la dirección IPv4 en que escucha (127.0.0.1 por omisión)")},
    {"--port", NULL, NULL, "0-65535", N_("el puerto (8080 por omisión; 0: uno libre, que se dice al arrancar)")},
    {"--threads", NULL, NULL, "1-32", N_("cuántas solicitudes se atienden a la vez")},
    {"--access-log", NULL, NULL, N_("ARCHIVO|-"), N_("la bitácora de accesos; - es la salida de errores (por omisión)")},
    {"--secure-cookies", NULL, NULL, NULL, N_("cookies solo por HTTPS (detrás de un proxy con TLS)")},
    {"--timeout", NULL, NULL, "1-3600", N_("cuántos segundos puede estar inactiva una conexión")},
    {"--max-per-ip", NULL, NULL, "0-100000", N_("conexiones simultáneas por dirección; 0: sin límite")},
    {"--trusted-proxy", NULL, NULL, N_("DIR[,DIR]"),
     N_("proxies cuyo X-Forwarded-For se cree (también $PMM_TRUSTED_PROXY)")},
    OPT_SMTP,
    OPT_MAIL_FROM,
    {"--base-url", NULL, NULL, "URL", N_("la dirección pública de la plataforma, para los enlaces de los correos")},
    {"--remind-days", NULL, NULL, "7,1", N_("días antes de la fecha límite en que se envía un recordatorio")},
    OPT_RETRY_BASE,
    {"--mail-poll", NULL, NULL, N_("SEGUNDOS"), N_("cada cuánto se revisa la bandeja de salida (1 a 3600)")},
    {"--busy-timeout", NULL, NULL, N_("SEGUNDOS"),
     N_("cuánto espera una escritura a que otro programa libere la base de datos (1 a 600)")},
    {"--cache-mb", NULL, NULL, "MB", N_("la memoria para páginas públicas en caché; 0: sin caché")},
    {"--request-timeout", NULL, NULL, N_("SEGUNDOS"), N_("el tiempo total de una solicitud (1 a 86400)")},
    OPT_END,
};

static const ArgOption user_options[] = {
    {"--role", NULL, "--rol", "administrador|coordinador|enlace", N_("add: el rol de la cuenta")},
    OPT_INSTITUTION(N_("add: la institución de un enlace (vea 'pmm catalog institutions')")),
    {"--name", NULL, "--nombre", N_("TEXTO"), N_("add: el nombre de la persona")},
    {"--email", NULL, NULL, N_("DIRECCION"), N_("add, set: la dirección de correo (\"\" la quita)")},
    {"--label", NULL, NULL, N_("TEXTO"), N_("token: para qué es el token")},
    {"--expires", NULL, NULL, N_("DÍAS"), N_("token: días de validez (90 por omisión)")},
    {"--all", NULL, NULL, NULL, N_("revoke: revoca todos los tokens de la cuenta")},
    OPT_END,
};

static const ArgOption mail_options[] = {OPT_SMTP, OPT_MAIL_FROM, OPT_RETRY_BASE, OPT_END};

static const ArgOption backup_options[] = {
    {"--force", NULL, NULL, NULL, N_("reemplaza el archivo si ya existe")},
    OPT_END,
};

static const ArgOption help_options[] = {
    {"--man", NULL, NULL, NULL, N_("escribe la página de manual pmm(1) en formato roff")},
    {"--completion", NULL, NULL, NULL, N_("escribe el guion de autocompletado para bash")},
    OPT_END,
};

/* issue 16: the country pack, a folder (docs/packs.md) */
static const ArgOption init_options[] = {
    {"--pack", NULL, "--paquete", N_("CARPETA"),
     N_("carga el paquete de país de CARPETA en vez del que trae pmm (solo en una base de datos sin paquete)")},
    OPT_END,
};

const Command pmm_commands[] = {
    {.name = "init", .fn = cmd_init, .usage = N_("[--pack CARPETA]"), .options = init_options,
     .summary = N_("crea la base de datos y carga los catálogos"),
     .examples = (const Example[]){{N_("crea pmm.db, o la pone al día"), "pmm init"},
                                   {N_("una base de datos con el paquete de país de una carpeta"),
                                    "pmm --db gt.db init --pack paquetes/gt"}, {0}}},
    {.name = "demo", .fn = cmd_demo, .usage = "", .options = no_options,
     .summary = N_("carga la edición de demostración 2024"),
     .examples = (const Example[]){{N_("una base de datos aparte para la demostración"), "pmm --db demo.db demo"}, {0}}},
    {.name = "edition", .fn = cmd_edition, .options = edition_options,
     .words = "list add new set reopen revisions",
     .usage = N_("list\n"
                 "add NOMBRE [--period AAAA-MM:AAAA-MM | --from AAAA-MM --to AAAA-MM]\n"
                 "new NOMBRE [--period AAAA-MM:AAAA-MM] [--deadline AAAA-MM-DD]\n"
                 "set NOMBRE [--state abierta|en_revision|publicada [--note TEXTO]] "
                 "[--preamble ARCHIVO | --preamble-default] [--period AAAA-MM:AAAA-MM] [--deadline AAAA-MM-DD] "
                 "[--issuer TEXTO] [--country TEXTO] [--place TEXTO] [--license TEXTO] "
                 "[--issuer-en TEXTO] [--country-en TEXTO] [--place-en TEXTO] [--emblem ARCHIVO.png] "
                 "[--synthetic yes|sí|no]\n"
                 "reopen NOMBRE [--note TEXTO]\n"
                 "revisions NOMBRE"),
     .summary = N_("lista o crea ediciones (ejercicios)"),
     .examples = (const Example[]){
         {N_("crea la edición 2026 con su periodo y su fecha límite"),
          "pmm edition new 2026 --period 2026-01:2026-12 --deadline 2027-02-28"},
         {N_("publica la edición 2025"), "pmm edition set 2025 --state publicada --note \"Informe final\""},
         {N_("marca la edición 2025 como ejemplo sintético: todo lo que la muestra lo dice"),
          "pmm edition set 2025 --synthetic yes"},
         {0}}},
    {.name = "import", .fn = cmd_import, .options = import_options,
     .usage = N_("--edition EDICIÓN acciones.csv|libro.xlsx|edicion.json [--challenges retos.csv] "
                 "[--status ESTADO] [--check]"),
     .summary = N_("importa acciones y retos (todo o nada)"),
     .examples = (const Example[]){
         {N_("importa un CSV de acciones y su CSV de retos"),
          "pmm import --edition 2025 acciones.csv --challenges retos.csv"},
         {N_("comprueba un libro de Excel lleno sin guardar nada"), "pmm import --edition 2025 plantilla.xlsx --check"},
         {0}}},
    {.name = "report", .fn = cmd_report, .required = "--edition", .options = report_options_table,
     .usage = N_("--edition EDICIÓN [--revision N|live] [--format text|json|html|pdf|docx] [--lang es|en] "
                 "[--others-threshold N] [--all] [-o ARCHIVO]\n"
                 "--edition EDICIÓN --preamble ARCHIVO | --preamble-default"),
     .summary = N_("cifras de una edición"),
     .examples = (const Example[]){
         {N_("las cifras, como texto"), "pmm report --edition 2024"},
         {N_("el Informe Ejecutivo en PDF, en inglés"), "pmm report --edition 2024 --format pdf --lang en -o informe.pdf"},
         {0}}},
    {.name = "trend", .fn = cmd_trend, .options = trend_options,
     .usage = N_("[--editions E1,E2,...] [--format text|json] [--lang es|en] [-o ARCHIVO]"),
     .summary = N_("cifras de varias ediciones lado a lado"),
     .examples = (const Example[]){
         {N_("todas las ediciones, como texto"), "pmm trend"},
         {N_("dos ediciones en JSON"), "pmm trend --editions 2023-ejemplo,2024 --format json -o tendencia.json"},
         {0}}},
    {.name = "review", .fn = cmd_review, .required = "--from|--review --to|--review", .options = review_options,
     .usage = N_("--from EDICIÓN --to EDICIÓN | --review NOMBRE [--format html|pdf|docx] [--lang es|en] -o ARCHIVO"),
     .summary = N_("borrador del examen voluntario del Pacto Mundial para un periodo de ediciones"),
     .examples = (const Example[]){
         {N_("el borrador de 2023-ejemplo a 2024, en DOCX"),
          "pmm review --from 2023-ejemplo --to 2024 --format docx -o examen.docx"},
         /* issue 14, fault 14: every example runs on the demo, which has no saved review (--review NOMBRE) */
         {N_("el mismo borrador en inglés, en PDF"),
          "pmm review --from 2023-ejemplo --to 2024 --format pdf --lang en -o review.pdf"},
         {0}}},
    {.name = "compendio", .fn = cmd_compendio, .required = "--edition", .options = compendio_options,
     .usage = N_("--edition EDICIÓN [--revision N|live] [--format html|pdf|docx] [--lang es|en] [--all] -o ARCHIVO"),
     .summary = N_("el Compendio General: todas las acciones tal como se reportaron"),
     .examples = (const Example[]){
         {N_("el Compendio en PDF"), "pmm compendio --edition 2024 --format pdf -o compendio-2024.pdf"}, {0}}},
    {.name = "chart", .fn = cmd_chart, .required = "--edition", .options = chart_options, .words = "",
     .usage = N_("NOMBRE --edition EDICIÓN [--revision N|live] [--lang es|en] [--others-threshold N] [--all] "
                 "[--width 360-640] [--format svg|png] -o ARCHIVO.svg|ARCHIVO.png"),
     .summary = N_("exporta una gráfica del informe"),
     .examples = (const Example[]){
         {N_("la gráfica de retos, en SVG"), "pmm chart retos --edition 2024 -o retos.svg"},
         {N_("la de tipos de acción, para un teléfono"), "pmm chart tipos --edition 2024 --width 360 -o tipos.png"},
         {0}}},
    {.name = "catalog", .fn = cmd_catalog, .options = no_options,
     .words = "objectives reporter-types states institutions action-types populations challenge-categories principles",
     .usage = "[objectives|reporter-types|states|institutions|action-types|populations|challenge-categories|principles]",
     .summary = N_("muestra un catálogo de referencia"),
     .examples = (const Example[]){
         {N_("las instituciones, separadas por tabuladores"), "pmm catalog institutions"},
         /* round 3, fault 8: the names of the downloads and of the API are taken too (docs/cli.md) */
         {N_("un catálogo también por el nombre de su descarga (tipos-accion.csv) o de la API (tipos_accion)"),
          "pmm catalog tipos-accion"},
         {0}}},
    {.name = "template", .fn = cmd_template, .required = "--edition --output", .options = template_options,
     .usage = N_("--edition EDICIÓN [--institution SIGLAS] -o plantilla.xlsx"),
     .summary = N_("escribe la plantilla de Excel que llena una institución"),
     .examples = (const Example[]){
         {N_("la plantilla del INM para la edición 2025"), "pmm template --edition 2025 --institution INM -o plantilla.xlsx"},
         {0}}},
    {.name = "export", .fn = cmd_export, .required = "--edition", .options = export_options,
     .usage = N_("--edition EDICIÓN [--revision N|live] [--format xlsx|csv|json] -o ARCHIVO\n"
                 "--good-practices --edition EDICIÓN [--revision N|live] [--format json|csv] [-o ARCHIVO]"),
     .summary = N_("exporta una edición en el formato de intercambio"),
     .examples = (const Example[]){
         {N_("la edición en un libro de Excel"), "pmm export --edition 2024 -o edicion.xlsx"},
         {N_("en JSON, a la salida estándar"), "pmm export --edition 2024 --format json -o -"},
         {N_("las buenas prácticas, en CSV"), "pmm export --good-practices --edition 2024 --format csv -o bp.csv"},
         {0}}},
    {.name = "serve", .fn = cmd_serve, .options = serve_options,
     .usage = N_("[--listen 127.0.0.1] [--port 0-65535] [--threads 1-32] [--access-log ARCHIVO|-] "
                 "[--secure-cookies] [--timeout 1-3600] [--max-per-ip 0-100000] [--trusted-proxy DIR[,DIR]] "
                 "[--smtp smtp://SERVIDOR:PUERTO] [--mail-from DIRECCION] [--base-url URL] [--remind-days 7,1] "
                 "[--mail-retry-base SEGUNDOS] [--mail-poll SEGUNDOS] [--busy-timeout SEGUNDOS] [--cache-mb MB] "
                 "[--request-timeout SEGUNDOS]"),
     .summary = N_("sirve la plataforma web"),
     .examples = (const Example[]){
         {N_("en el puerto 8080 de esta máquina"), "pmm serve"},
         {N_("detrás de un proxy con TLS, con correo"),
          "pmm serve --secure-cookies --trusted-proxy 127.0.0.1 --smtp smtp://mail.example.org:587 "
          "--mail-from pmm@example.org --base-url https://pmm.example.org"},
         {0}}},
    {.name = "user", .fn = cmd_user, .options = user_options,
     .words = "add set passwd list disable enable token tokens revoke",
     .usage = N_("add NOMBRE --role administrador|coordinador|enlace [--institution SIGLAS] [--name TEXTO] "
                 "[--email DIRECCION]\n"
                 "set NOMBRE --email DIRECCION|\"\"\n"
                 "passwd NOMBRE\n"
                 "list\n"
                 "disable NOMBRE | enable NOMBRE\n"
                 "token NOMBRE [--label TEXTO] [--expires DÍAS]\n"
                 "tokens NOMBRE\n"
                 "revoke NOMBRE ID|--all"),
     .summary = N_("cuentas de la plataforma web (la contraseña se lee de la entrada)"),
     .examples = (const Example[]){
         {N_("una cuenta de enlace del INM; la contraseña se lee de la entrada"),
          "pmm user add ana --role enlace --institution INM --email ana@inm.example.org"},
         {N_("un token de API de 30 días"), "pmm user token enlace.inm --label tablero --expires 30"},
         {0}}},
    {.name = "mail", .fn = cmd_mail, .options = mail_options, .words = "send-pending",
     .usage = N_("send-pending --smtp smtp://SERVIDOR:PUERTO [--mail-from DIRECCION]"),
     .summary = N_("envía ahora el correo pendiente de la bandeja de salida"),
     .examples = (const Example[]){
         {N_("vacía la bandeja de salida"), "pmm mail send-pending --smtp smtp://mail.example.org:587"}, {0}}},
    {.name = "backup", .fn = cmd_backup, .options = backup_options,
     .usage = N_("ARCHIVO [--force]"),
     .summary = N_("copia consistente de la base de datos, aun con el servidor en marcha"),
     .examples = (const Example[]){{N_("copia la base de datos en copia.db"), "pmm backup copia.db"}, {0}}},
    {.name = "restore", .fn = cmd_restore, .options = no_options,
     .usage = N_("COPIA"),
     .summary = N_("reemplaza la base de datos por una copia (con el servidor detenido)"),
     .examples = (const Example[]){{N_("vuelve a la copia copia.db"), "pmm restore copia.db"}, {0}}},
    {.name = "check", .fn = cmd_check, .usage = "", .options = no_options,
     .summary = N_("comprueba la integridad de la base de datos y de las cifras"),
     .examples = (const Example[]){{N_("comprueba pmm.db"), "pmm check"}, {0}}},
    {.name = "help", .fn = cmd_help, .options = help_options, .words = "@commands",
     .usage = N_("[COMANDO]\n--man\n--completion"),
     .summary = N_("muestra la ayuda de pmm o de un comando"),
     .examples = (const Example[]){
         {N_("la ayuda de pmm import"), "pmm help import"},
         {N_("lee la página de manual sin instalarla"), "pmm help --man | man -l -"},
         {0}}},
    {.name = "version", .fn = cmd_version, .usage = "", .options = no_options, .words = "",
     .summary = N_("muestra la versión de pmm"),
     .examples = (const Example[]){{N_("la versión"), "pmm --version"}, {0}}},
    {0},
};

/* Issue 15: what a command printed reached its standard output (not a
 * full disk, `pmm check > /dev/full`): else it is said, and the exit is
 * a failure, whatever the command's own. */
static int output_written(int rc) {
    if (fflush(stdout) == 0 && !ferror(stdout)) return rc;
    int e = errno;
    fprintf(stderr, _("pmm: no se pudo escribir la salida: %s\n"), e ? errtext(e) : _("error de escritura"));
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
    if (argc < 2) {                      /* no command: a usage error */
        cli_help_all(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) name = "help";
    if (strcmp(name, "--version") == 0) name = "version";
    const Command *c = cli_command(name);
    if (!c) {
        fprintf(stderr, _("pmm: comando desconocido «%s»\n\n"), argv[1]);
        cli_help_all(stderr);
        return EXIT_USAGE;
    }
    if (args_wants_help(argc - 2, argv + 2, c->options)) {
        cli_early_lang(c, argc - 2, argv + 2);     /* `--lang en --help`: the help in English (H14R4, d) */
        cli_help(stdout, c);
        return output_written(EXIT_OK);
    }
    return output_written(cli_run(c, &g, argc - 2, argv + 2));   /* issue 14: names the command, usage */
}
