"""The whole Informe as a reader sees it, from `pmm report --format html`:
headings, paragraphs, notes, tables (cells joined by " | "), each chart as
its title and its summary for screen readers, glossary and annexes. The
contents list and the phone-sized copy of each chart are left out (they
repeat the headings and the charts), and so are the bars of 0 in a chart's
summary. With EMPHASIS, the value labels of the chart of actions by
objective set in bold (its «most» and «fewest» bars) follow its summary as
a line "  [negrita] 7: 32; 10: 4", each the objective and its label."""
import difflib
import html.parser
import os
import re


class InformeText(html.parser.HTMLParser):
    BLOCKS = {"h1": "", "h2": "# ", "h3": "## ", "h4": "### ", "p": "", "dt": "", "dd": "  ", "tr": ""}

    def __init__(self, text, emphasis=False):
        super().__init__(convert_charrefs=True)
        self.emphasis = emphasis
        self.lines, self.cur, self.cells = [], None, None
        self.skip = 0              # depth inside nav.toc or div.cn
        self.stack = []
        self.svg = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        hidden = (tag == "nav") or (tag == "div" and a.get("class") == "cn") or tag == "style" \
            or tag == "title" and not self.svg
        self.stack.append((tag, hidden))
        if hidden:
            self.skip += 1
        if self.skip:
            return
        if tag == "svg":
            self.svg = {"title": "", "desc": "", "bold": [], "label": "", "bars": a.get("id") == "grafica-objetivos"}
        elif self.svg is not None:
            if tag in ("title", "desc") and not self.svg[tag]:
                self.svg["cur"] = tag
            elif self.svg["bars"] and tag == "text" and a.get("font-size") == "11.0":
                if a.get("text-anchor") == "end":
                    # a line of a bar's label, "7. Reducir vulnerabilidades"
                    if self.svg.get("valued", True):
                        self.svg["label"], self.svg["valued"] = "", False
                    self.svg["cur"] = "label"
                else:
                    # a bar's value label; in bold, named by its objective
                    self.svg["valued"] = True
                    if a.get("font-weight") == "bold":
                        self.svg["bold"].append(self.svg.get("label", "").split(".")[0] + ": ")
                        self.svg["cur"] = "bold"
        elif tag == "tr":
            self.cells = []
        elif tag in ("td", "th"):
            self.cur = ""
        elif tag in self.BLOCKS:
            prefix = self.BLOCKS[tag]
            if tag == "p" and a.get("class") == "note":
                prefix = "[nota] "
            self.cur = prefix

    def handle_endtag(self, tag):
        while self.stack:
            t, hidden = self.stack.pop()
            if hidden:
                self.skip -= 1
            if t == tag:
                break
        if self.skip:
            return
        if tag == "svg" and self.svg is not None:
            self.lines.append("[gráfica] %s" % self.svg["title"])
            # bars of 0 are left out of the summary: a chart of 23
            # objectives would otherwise bury the few that have actions
            desc = self.svg["desc"].replace("\u00a0", "~")
            parts = [x for x in desc.split("; ") if not x.endswith(": 0 (0~%)")
                     and not x.endswith(": 0 (0%)")]
            self.lines.append("  %s" % "; ".join(parts))
            if self.emphasis and self.svg["bold"]:
                self.lines.append("  [negrita] %s" % "; ".join(x.replace("\u00a0", "~") for x in self.svg["bold"]))
            self.svg = None
        elif self.svg is not None:
            self.svg.pop("cur", None)
        elif tag in ("td", "th") and self.cells is not None:
            self.cells.append(self.cur.strip())
            self.cur = None
        elif tag == "tr" and self.cells is not None:
            self.lines.append(" | ".join(self.cells))
            self.cells = None
        elif tag in self.BLOCKS and self.cur is not None:
            self.lines.append(re.sub(r"\s+", " ", self.cur.replace("\u00a0", "~")).strip())
            self.cur = None

    def handle_data(self, data):
        if self.skip:
            return
        if self.svg is not None:
            cur = self.svg.get("cur")
            if cur == "bold":
                self.svg["bold"][-1] += data
            elif cur == "label":
                self.svg["label"] += data
            elif cur:
                self.svg[cur] += data
        elif self.cur is not None:
            self.cur += data

    @property
    def text(self):
        return "\n".join(self.lines) + "\n"


EXPECTED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected")
UPDATE = os.environ.get("PMM_UPDATE_EXPECTED") == "1"


def compare_expected(file, text, what):
    """TEXT against tests/cli/expected/FILE (rewritten with PMM_UPDATE_EXPECTED=1);
    WHAT names the text in the failure, which shows the unified diff."""
    path = os.path.join(EXPECTED, file)
    if UPDATE:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return
    want = open(path, encoding="utf-8").read()
    if text != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), text.splitlines(True),
                                            "expected/" + file, "pmm report"))
        raise AssertionError("%s differs from the expected text:\n%s" % (what, diff))
