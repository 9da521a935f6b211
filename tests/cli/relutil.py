"""Helpers of the reliability tests: synthetic editions from bench/gen,
SQLite's integrity check, and the rows an edition holds."""
import csv
import os
import sqlite3
import subprocess
import sys

GEN = os.environ.get("PMM_GEN") or sys.exit("PMM_GEN is not set (run through meson test)")


def generate(directory, n, seed=1):
    """Writes acciones.csv and retos.csv of N actions; returns their paths
    and the number of challenges."""
    subprocess.run([GEN, "-n", str(n), "--seed", str(seed), "-o", directory], check=True,
                   capture_output=True)
    acc, ret = os.path.join(directory, "acciones.csv"), os.path.join(directory, "retos.csv")
    with open(ret, newline="", encoding="utf-8") as f:
        nret = sum(1 for _ in csv.reader(f)) - 1
    return acc, ret, nret


def integrity(db):
    """The problems PRAGMA integrity_check reports ([] when it says ok)."""
    con = sqlite3.connect(db)
    try:
        return [line for (line,) in con.execute("PRAGMA integrity_check").fetchall()
                if line != "ok"]
    finally:
        con.close()


def edition_rows(db):
    """{edition: (actions, challenges, objective links)} of every edition."""
    con = sqlite3.connect(db)
    try:
        out = {}
        for (name, eid) in con.execute("SELECT name, id FROM edition").fetchall():
            a = con.execute("SELECT count(*) FROM action WHERE edition_id = ?", (eid,)).fetchone()[0]
            c = con.execute("SELECT count(*) FROM challenge c JOIN action a ON a.id = c.action_id"
                            " WHERE a.edition_id = ?", (eid,)).fetchone()[0]
            o = con.execute("SELECT count(*) FROM action_objective o JOIN action a"
                            " ON a.id = o.action_id WHERE a.edition_id = ?", (eid,)).fetchone()[0]
            out[name] = (a, c, o)
        return out
    finally:
        con.close()
