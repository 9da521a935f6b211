"""Fill po/en.po from po/pmm.pot with translations from a dict file (msgid -> msgstr)."""
import ast, re, sys
pot, out, trfile = sys.argv[1], sys.argv[2], sys.argv[3]
tr = ast.literal_eval(open(trfile).read())
def entries(text):
    blocks = text.split("\n\n")
    for b in blocks:
        lines = b.strip("\n").split("\n")
        comments = [l for l in lines if l.startswith("#")]
        rest = [l for l in lines if not l.startswith("#")]
        if not rest: continue
        mid, cur, flags = [], None, [l for l in comments if l.startswith("#,")]
        parts = {"msgid": [], "msgstr": []}
        for l in rest:
            m = re.match(r'^(msgid|msgstr) (".*")$', l)
            if m: cur = m.group(1); parts[cur].append(ast.literal_eval(m.group(2)))
            elif l.startswith('"'): parts[cur].append(ast.literal_eval(l))
        yield comments, "".join(parts["msgid"]), "".join(parts["msgstr"])
def q(s):
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return '"' + s + '"'
old = {}
try:
    for c, i, s in entries(open(out).read()):
        if i and s: old[i] = s
except FileNotFoundError:
    pass
res = ['# English messages of pmm.', 'msgid ""', 'msgstr ""',
       '"Project-Id-Version: pmm\\n"', '"Language: en\\n"', '"MIME-Version: 1.0\\n"',
       '"Content-Type: text/plain; charset=UTF-8\\n"', '"Content-Transfer-Encoding: 8bit\\n"',
       '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', '']
missing = 0
for c, i, s in entries(open(pot).read()):
    if not i: continue
    t = tr.get(i) or old.get(i) or ""
    if not t: missing += 1
    res += [l for l in c if l.startswith("#:") or l.startswith("#,")]
    res += ["msgid " + q(i), "msgstr " + q(t), ""]
open(out, "w").write("\n".join(res))
print("missing", missing)
