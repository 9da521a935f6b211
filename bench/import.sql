-- The same two files imported by the sqlite3 shell into tables of their
-- columns, in WAL mode with synchronous=NORMAL as pmm runs (bench/run.sh).
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE acciones(folio TEXT, institucion TEXT, objetivos TEXT, nombre TEXT,
  descripcion TEXT, tipo_accion TEXT, poblacion TEXT, enfoque_genero TEXT,
  discapacidad TEXT, beneficiarios TEXT, resultados TEXT);
CREATE TABLE retos(folio TEXT, reto TEXT, categoria TEXT);
.mode csv
.import --skip 1 :dir/acciones.csv acciones
.import --skip 1 :dir/retos.csv retos
