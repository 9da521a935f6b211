"""Reads the figures printed in a pmm HTML document and recounts each one
from the database, independently of pmm: every number carries a
data-filter (docs/report.md), and here each filter is turned into SQL."""
import html.parser
import re
import sqlite3
from urllib.parse import parse_qs


class Mark:
    def __init__(self, tag, cls, attrs, chart):
        self.tag, self.cls, self.attrs, self.chart = tag, cls, attrs, chart
        self.text = ""

    @property
    def filter(self):
        return self.attrs.get("data-filter", "")

    @property
    def value(self):
        return int(self.attrs["data-value"])


class Doc(html.parser.HTMLParser):
    """The marks of a document, the ids of its headings and charts, and its
    text (without the charts) for reading sentences."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.marks, self.open, self.headings, self.charts = [], [], [], {}
        self.svg = None
        self.svg_parts = {}
        self.text_parts = []
        self.tags = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "svg":
            self.svg = a.get("id")
            self.charts[self.svg] = {"title": None, "desc": None}
        if tag in ("h2", "h3", "h4") and "id" in a:
            self.headings.append(a["id"])
        cls = a.get("class", "")
        if "data-filter" in a:
            m = Mark(tag, cls, a, self.svg)
            self.marks.append(m)
            if tag in ("span", "tspan"):
                self.open.append(m)
        if tag in ("title", "desc") and self.svg:
            self.svg_parts["cur"] = tag

    def handle_endtag(self, tag):
        if tag in ("span", "tspan") and self.open:
            self.open.pop()
        if tag == "svg":
            self.svg = None
        if tag in ("title", "desc"):
            self.svg_parts.pop("cur", None)
        if tag in ("p", "h2", "h3", "h4", "td", "th", "dd", "dt"):
            self.text_parts.append("\n")

    def handle_data(self, data):
        for m in self.open:
            m.text += data
        cur = self.svg_parts.get("cur")
        if cur and self.svg and self.charts[self.svg][cur] is None:
            self.charts[self.svg][cur] = data
        if not self.svg:
            self.text_parts.append(data)

    @property
    def text(self):
        return "".join(self.text_parts)


# issue 12 (UN style): counts of one to nine in running text are words
WORDS = {w: i + 1 for i, w in enumerate("one two three four five six seven eight nine".split())}
WORDS.update({w: i + 2 for i, w in enumerate("dos tres cuatro cinco seis siete ocho nueve".split())})
WORDS.update({"un": 1, "una": 1, "uno": 1, "zero": 0, "cero": 0})


def number(text):
    """'1 234' or '1,234' or '54 %' or '54 per cent' -> 1234 / 54; a count
    in words ('three', 'Una') -> 3 / 1."""
    if text.strip().lower() in WORDS:
        return WORDS[text.strip().lower()]
    digits = re.sub(r"[\s\u00a0\u202f,%]", "", text.replace("per cent", ""))   # F12: UN style in English text
    return int(digits)


class Counter:
    """Counts, with plain SQL of its own, what a filter names."""

    def __init__(self, db, status="validada"):
        self.con = sqlite3.connect(db)
        self.status = status

    def edition(self, name):
        return self.con.execute("SELECT id FROM edition WHERE name = ?", (name,)).fetchone()[0]

    def count(self, flt):
        q = parse_qs(flt, keep_blank_values=True)
        measure = q.pop("medida")[0]
        ed = self.edition(q.pop("edicion")[0])
        where, args = ["a.edition_id = ?", "a.status = ?"], [ed, self.status]

        def one(key):
            return q[key][0] if key in q else None

        if one("tipo") is not None:
            where.append("i.type = ?")
            args.append(one("tipo"))
        if one("institucion") is not None:
            # the Informe's marks name the institution by its id (issue 16,
            # verification round 3, F16D); a person types its acronym
            where.append("(i.id = ? OR i.acronym = ?)" if one("institucion").isdigit() else "i.acronym = ?")
            args.extend([one("institucion")] * (2 if one("institucion").isdigit() else 1))
        if one("estado") is not None:
            where.append("i.state = ?")
            args.append(one("estado"))
        if one("objetivo") is not None:
            where.append("EXISTS (SELECT 1 FROM action_objective x WHERE x.action_id = a.id AND x.objective = ?)")
            args.append(int(one("objetivo")))
        if one("tipo_accion") is not None:
            where.append("EXISTS (SELECT 1 FROM action_action_type x JOIN action_type t ON t.id = x.action_type_id"
                         " WHERE x.action_id = a.id AND t.id = ?)")
            args.append(int(one("tipo_accion")))   # the id, as the list takes it (issue 13 round 2, F13)
        if one("poblacion") is not None:
            p = one("poblacion")
            cond = ("EXISTS (SELECT 1 FROM action_population x JOIN population p ON p.id = x.population_id"
                    " WHERE x.action_id = a.id AND p.code = ?)")
            if p == "no_aplica":
                cond = "(%s OR NOT EXISTS (SELECT 1 FROM action_population x WHERE x.action_id = a.id))" % cond
            where.append(cond)
            args.append(p)
        if one("principio") is not None:   # issue 13 (F13): a guiding principle, or "alguno": any
            p = one("principio")
            where.append("EXISTS (SELECT 1 FROM action_principle x WHERE x.action_id = a.id%s)"
                         % ("" if p == "alguno" else " AND x.principle = ?"))
            if p != "alguno":
                args.append(int(p))
        if one("retos") == "ninguno":   # issue 12: actions that reported no challenge
            where.append("NOT EXISTS (SELECT 1 FROM challenge c WHERE c.action_id = a.id)")
        for key, col in (("genero", "gender_focus"), ("discapacidad", "disability")):
            v = one(key)
            if v is not None:
                where.append({"si": "a.%s = 1", "no": "a.%s = 0", "sin_dato": "a.%s IS NULL"}[v] % col)
        base = "FROM action a JOIN institution i ON i.id = a.institution_id WHERE " + " AND ".join(where)
        if measure == "acciones":
            sql = "SELECT count(*) " + base
        elif measure == "beneficiarios":   # issue 12: the people the actions declare
            sql = "SELECT coalesce(sum(a.beneficiaries), 0) " + base
        elif measure == "instancias":
            sql = "SELECT count(DISTINCT a.institution_id) " + base
        elif measure == "estados":
            sql = "SELECT count(DISTINCT i.state) " + base + " AND i.type = 'EF' AND i.state IS NOT NULL"
        elif measure in ("vinculos", "objetivos"):
            what = "count(*)" if measure == "vinculos" else "count(DISTINCT ao.objective)"
            sql = ("SELECT %s FROM action a JOIN institution i ON i.id = a.institution_id"
                   " JOIN action_objective ao ON ao.action_id = a.id WHERE " % what) + " AND ".join(where)
        elif measure == "menciones_poblacion":
            sql = ("SELECT (SELECT count(*) FROM action_population x WHERE x.action_id IN (SELECT a.id %s))"
                   " + (SELECT count(*) %s AND NOT EXISTS (SELECT 1 FROM action_population x"
                   " WHERE x.action_id = a.id))" % (base, base))
            args = args + args
        elif measure in ("retos", "categorias"):
            cats = q.get("categoria")
            cw = ""
            if cats is not None:
                # a comma list is any of its categories («Otros retos», issue 13 round 3, F13C)
                cats = [k for c in cats for k in c.split(",")]
                # ids, «ninguna» the unclassified, as the list takes them (issue 13 round 3, F13B)
                named = [int(c) for c in cats if c != "ninguna"]
                parts = []
                if named:
                    parts.append("k.id IN (%s)" % ",".join("?" * len(named)))
                    args += named
                if "ninguna" in cats:
                    parts.append("c.category_id IS NULL")
                cw = " AND (" + " OR ".join(parts) + ")"
            what = "count(*)" if measure == "retos" else "count(DISTINCT c.category_id)"
            sql = ("SELECT %s FROM challenge c JOIN action a ON a.id = c.action_id"
                   " JOIN institution i ON i.id = a.institution_id"
                   " LEFT JOIN challenge_category k ON k.id = c.category_id WHERE " % what) + " AND ".join(where) + cw
        else:
            raise AssertionError("unknown measure %r in %r" % (measure, flt))
        return self.con.execute(sql, args).fetchone()[0]


def check_marks(doc, counter):
    """Every figure, percentage, reference and difference of DOC against
    the database; returns the list of problems."""
    bad = []
    cache = {}

    def count(f):
        if f not in cache:
            cache[f] = counter.count(f)
        return cache[f]

    for m in doc.marks:
        f = m.filter
        if m.tag in ("rect", "path"):
            if m.value != count(f):
                bad.append("chart mark %s: %d != %d" % (f, m.value, count(f)))
            continue
        if "fig" == m.cls:
            if number(m.text) != m.value or m.value != count(f):
                bad.append("figure %r (%s): value %d, counted %d" % (m.text, f, m.value, count(f)))
        elif "pct" == m.cls:
            base = int(m.attrs["data-base"])
            if m.value != count(f):
                bad.append("percentage %s: value %d, counted %d" % (f, m.value, count(f)))
            exact = 100.0 * m.value / base if base else 0
            if abs(number(m.text) - exact) >= 1:
                bad.append("percentage %r of %d/%d" % (m.text, m.value, base))
        elif "ref" == m.cls:
            claim = m.attrs.get("data-claim")
            if m.value != count(f):
                bad.append("reference %s: value %d, counted %d" % (f, m.value, count(f)))
            if claim == "zero" and count(f) != 0:
                bad.append("claims no actions for %s, there are %d" % (f, count(f)))
            if claim == "nonzero" and count(f) == 0:
                bad.append("claims actions for %s, there are none" % f)
            if claim in ("max", "min"):
                siblings = [count(re.sub(r"objetivo=\d+", "objetivo=%d" % o, f)) for o in range(1, 24)]
                want = max(siblings) if claim == "max" else min(siblings)
                if claim == "min" and count(f) != want:
                    bad.append("claims %s is the least (%d), the least is %d" % (f, count(f), want))
                if claim == "max" and count(f) < sorted(siblings)[-3]:
                    bad.append("claims %s among the most (%d), top are %s" % (f, count(f), sorted(siblings)[-3:]))
        elif "diff" == m.cls:
            got = count(f) - count(m.attrs["data-minus"])
            if number(m.text) != m.value or got != m.value:
                bad.append("difference %r: %s - %s = %d" % (m.text, f, m.attrs["data-minus"], got))
    return bad
