#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>
#include <sys/statvfs.h>
#include "util/errtext.h"
#include "util/i18n.h"

/* The errno values a user meets reading and writing files, opening ports
 * and sending mail. */
static const char *errno_known(int e) {
    switch (e) {
    case ENOENT: return _("no existe el archivo o la carpeta");
    case EACCES: return _("permiso denegado");
    case EPERM: return _("operación no permitida");
    case ENOSPC: return _("el disco está lleno");
    case EDQUOT: return _("se agotó la cuota de disco");
    case EISDIR: return _("es una carpeta, no un archivo");
    case ENOTDIR: return _("una parte de la ruta no es una carpeta");
    case EROFS: return _("el sistema de archivos es de solo lectura");
    case EEXIST: return _("el archivo ya existe");
    case ENOTEMPTY: return _("la carpeta no está vacía");
    case EXDEV: return _("no se puede mover entre dos sistemas de archivos");
    case ENAMETOOLONG: return _("el nombre del archivo es demasiado largo");
    case ELOOP: return _("demasiados enlaces simbólicos en la ruta");
    case EMFILE: case ENFILE: return _("demasiados archivos abiertos");
    case EFBIG: return _("el archivo es demasiado grande");
    case ENOMEM: return _("no hay memoria suficiente");
    case EIO: return _("error de entrada o salida en el disco");
    case EBUSY: case ETXTBSY: return _("el archivo está en uso");
    case EPIPE: return _("el programa que leía la salida se cerró");
    case ENXIO: return _("no hay quien lea al otro lado (dispositivo o tubería sin lector)");
    case EINVAL: return _("argumento no válido");
    case EAGAIN: return _("recurso no disponible por ahora; vuelva a intentarlo");
    case EINTR: return _("la operación se interrumpió");
    case ECONNREFUSED: return _("la conexión fue rechazada");
    case ETIMEDOUT: return _("se agotó el tiempo de espera");
    case EADDRINUSE: return _("la dirección ya está en uso (¿otro servidor en ese puerto?)");
    case EADDRNOTAVAIL: return _("la dirección no es de esta máquina");
    case EHOSTUNREACH: case ENETUNREACH: return _("no se llega a ese servidor por la red");
    default: return NULL;
    }
}

const char *errtext(int errnum) {
    static _Thread_local char buf[200];
    const char *known = errno_known(errnum);
    if (known) return known;
    char sys[128];
    /* GNU strerror_r (_GNU_SOURCE): thread-safe, returns the text */
    snprintf(buf, sizeof buf, _("error del sistema %d (%s)"), errnum, strerror_r(errnum, sys, sizeof sys));
    return buf;
}

const char *errtext_sqlite_known(int code) {
    switch (code & 0xff) {
    case SQLITE_BUSY: case SQLITE_LOCKED:
        return _("otro programa la tiene bloqueada y no la liberó a tiempo");
    case SQLITE_FULL: return _("el disco está lleno");
    case SQLITE_READONLY:
        return _("es de solo lectura (revise los permisos del archivo y de su carpeta)");
    case SQLITE_IOERR: return _("falló la escritura en el disco (¿disco lleno o dañado?)");
    case SQLITE_CORRUPT: case SQLITE_NOTADB:
        return _("el archivo está dañado (vea 'pmm check' y 'pmm restore')");
    case SQLITE_CANTOPEN: return _("no se puede abrir el archivo de la base de datos (¿existe su carpeta? ¿hay permiso?)");
    case SQLITE_PERM: case SQLITE_AUTH: return _("permiso denegado");
    case SQLITE_NOMEM: return _("no hay memoria suficiente");
    case SQLITE_TOOBIG: return _("un dato es demasiado grande");
    case SQLITE_INTERRUPT: return _("la operación se interrumpió");
    case SQLITE_PROTOCOL: return _("otro programa cambió el bloqueo de la base de datos; vuelva a intentarlo");
    default: return NULL;
    }
}

const char *errtext_sqlite(int code) {
    const char *known = errtext_sqlite_known(code);
    return known ? known : sqlite3_errstr(code);
}

const char *errtext_sqlite_msg(int code, const char *msg) {
    const char *known = errtext_sqlite_known(code);
    return known ? known : msg;
}

const char *errtext_sqlite_db(sqlite3 *db) {
    return errtext_sqlite_msg(sqlite3_extended_errcode(db), sqlite3_errmsg(db));
}

bool disk_full_at(const char *path) {
    struct statvfs fs;
    if (statvfs(path, &fs) != 0) {          /* not there yet: its folder */
        char dir[4096];
        snprintf(dir, sizeof dir, "%s", path);
        char *slash = strrchr(dir, '/');
        if (slash) slash[slash == dir] = '\0';
        if (statvfs(slash ? dir : ".", &fs) != 0) return false;
    }
    return fs.f_bavail == 0;
}

int write_errno(const char *path, int err) {
    return err != ENOSPC && err != EDQUOT && disk_full_at(path) ? ENOSPC : err;
}

const char *errtext_zip(struct zip_error *ze) {
    if (zip_error_system_type(ze) == ZIP_ET_SYS && zip_error_code_system(ze))
        return errtext(zip_error_code_system(ze));
    return zip_error_strerror(ze);
}
