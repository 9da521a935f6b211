"""A minimal .xlsx writer for tests, with the standard library only, so a
test can build exactly the workbook it needs: shared or inline strings,
numbers, booleans, dates, rich text, missing cells, or broken parts."""
import zipfile
from xml.sax.saxutils import escape

CT = ('<?xml version="1.0" encoding="UTF-8"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      '</Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
             '</Relationships>')
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
# Cell format 1 shows a date (built-in format 14).
STYLES = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet %s><cellXfs count="2">'
          '<xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>' % NS)


class Rich:
    """A rich-text string: runs with their own formatting."""
    def __init__(self, *runs):
        self.runs = runs


class Date:
    """An Excel serial date, shown with a date format."""
    def __init__(self, serial):
        self.serial = serial


class Raw:
    """A cell written exactly as given (e.g. a shared-string index)."""
    def __init__(self, xml):
        self.xml = xml


def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def sheet_xml(rows, sst, inline=False):
    out = ['<?xml version="1.0" encoding="UTF-8"?><worksheet %s><sheetData>' % NS]
    for r, row in enumerate(rows, 1):
        out.append('<row r="%d">' % r)
        for c, v in enumerate(row):
            ref = "%s%d" % (col_letter(c), r)
            if v is None:
                continue
            if isinstance(v, Raw):
                out.append(v.xml.replace("@", ref))
            elif isinstance(v, bool):
                out.append('<c r="%s" t="b"><v>%d</v></c>' % (ref, v))
            elif isinstance(v, (int, float)):
                out.append('<c r="%s"><v>%r</v></c>' % (ref, v))
            elif isinstance(v, Date):
                out.append('<c r="%s" s="1"><v>%r</v></c>' % (ref, v.serial))
            elif isinstance(v, Rich):
                runs = "".join('<r><rPr><b/></rPr><t xml:space="preserve">%s</t></r>' % escape(t)
                               for t in v.runs)
                out.append('<c r="%s" t="inlineStr"><is>%s<rPh sb="0" eb="1"><t>FONETICA</t></rPh></is></c>'
                           % (ref, runs))
            elif inline:
                out.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(v)))
            else:
                if v not in sst:
                    sst[v] = len(sst)
                out.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, sst[v]))
        out.append('</row>')
    out.append('</sheetData></worksheet>')
    return "".join(out)


def write(path, sheets, inline=False, override=None, sst_xml=None, extra=None):
    """SHEETS: list of (name, rows). OVERRIDE: {part: text} replaces parts."""
    sst = {}
    parts = {}
    book = ['<?xml version="1.0" encoding="UTF-8"?><workbook %s %s><sheets>' % (NS, RNS)]
    rels = ['<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    for i, (name, rows) in enumerate(sheets, 1):
        book.append('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(name), i, i))
        rels.append('<Relationship Id="rId%d" Type="%sworksheet" Target="worksheets/sheet%d.xml"/>'
                    % (i, REL, i))
        parts["xl/worksheets/sheet%d.xml" % i] = sheet_xml(rows, sst, inline)
    n = len(sheets)
    rels.append('<Relationship Id="rId%d" Type="%sstyles" Target="styles.xml"/>' % (n + 1, REL))
    rels.append('<Relationship Id="rId%d" Type="%ssharedStrings" Target="sharedStrings.xml"/>'
                % (n + 2, REL))
    rels.append('</Relationships>')
    book.append('</sheets></workbook>')
    parts["xl/workbook.xml"] = "".join(book)
    parts["xl/_rels/workbook.xml.rels"] = "".join(rels)
    parts["xl/styles.xml"] = STYLES
    items = sorted(sst.items(), key=lambda kv: kv[1])
    parts["xl/sharedStrings.xml"] = sst_xml if sst_xml is not None else (
        '<?xml version="1.0" encoding="UTF-8"?><sst %s count="%d" uniqueCount="%d">%s</sst>'
        % (NS, len(items), len(items),
           "".join('<si><t xml:space="preserve">%s</t></si>' % escape(k) for k, _ in items)))
    parts.update(override or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", ROOT_RELS)
        for name, text in parts.items():
            if text is not None:
                z.writestr(name, text)
        for name, text in (extra or {}).items():
            z.writestr(name, text)
    return path
