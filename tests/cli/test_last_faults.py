"""issue 10, the last faults a hostile tester found in the CLI, the import
and the store (helper REC). Each check names its fault (rows 14- of the
table in docs/reliability.md) and fails on the code before its fix."""
import json
import os
import sqlite3
from pmmtest import Scratch, ACTION_HEADER, check, eq, contains, done

ROW = "2024-0003,INM,7,Trabajo real,Descripción real,Capacitación,extranjeros,Sí,No,10,Resultado real"


def backup_side_file_names():
    """fault 17: a copy named like a -wal/-shm/-journal, or beside one."""
    s = Scratch()
    s.pmm("init", check=0)
    for name in ["copia.db-journal", "copia.db-wal", "copia.db-shm", s.db + "-journal"]:
        r = s.pmm("backup", name)
        eq(r.returncode, 1, "exit for %s\n%s" % (name, r.stdout))
        contains(r.stderr, "SQLite reserva")
        eq(os.path.exists(s.path(name)), False, name + " not written")
    s.write("vieja.db-journal", "", raw=b"x" * 512)
    r = s.pmm("backup", "vieja.db")
    eq(r.returncode, 1, "a stale -journal beside the copy\n" + r.stdout)
    contains(r.stderr, "vieja.db-journal")
    s.pmm("backup", "copia.db", check=0)
    s.close()


check("fault 17: pmm backup refuses -wal/-shm/-journal names and a stale journal beside the copy",
      backup_side_file_names)
done()
