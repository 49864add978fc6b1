#!/usr/bin/env python3
"""Build rules/laws/registry.tsv from a LawRefBook snapshot (python3 stdlib only).

Usage: build_law_registry.py LAWREFBOOK_DIR [OUT]   (OUT omitted: write to stdout)

One line per law file: title, key (title without 中华人民共和国), level, version date, valid-from,
expired flag (a newer version of the same title exists), and the articles. Articles are written in
order, separated by spaces, each as `N:k1k2…` — N the article number (`N+1` for 第N条之一), one
character per 款: `.` for a 款 without 项, else its 项 count in base 36 (1–9, a–z); `N:` is left
out (`k1…`) when it follows the previous article by one.
The law texts are not copied: the registry only says what exists.
"""
import os
import re
import sqlite3
import sys

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_number(s):
    """Chinese numeral (一千零二十三) to int; None when not a numeral."""
    if s.isdigit():
        return int(s)
    total, cur = 0, 0
    for c in s:
        if c in DIGITS:
            cur = DIGITS[c]
        elif c in UNITS:
            total += (cur or 1) * UNITS[c]
            cur = 0
        else:
            return None
    return total + cur


ARTICLE = re.compile(r"^第([零〇一二两三四五六七八九十百千]+)条(?:之([一二三四五六七八九十]+))?(?:\s|$)")
ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


def articles(path):
    """[(number, sub, [项 per 款])] of one Markdown law text."""
    out = []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    body = text.split("<!-- INFO END -->", 1)[-1]
    for raw in body.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith("<!--"):
            continue
        m = ARTICLE.match(line)
        if m:
            n = cn_number(m.group(1))
            sub = cn_number(m.group(2)) if m.group(2) else 0
            rest = line[m.end():].strip()
            # an article whose first line is itself a 项 list still has its first 款 empty
            out.append([n, sub, [1 if ITEM.match(rest) else 0]])
        elif out:
            if ITEM.match(line):
                out[-1][2][-1] += 1
            else:
                out[-1][2].append(0)
    return out


KUAN = ".123456789abcdefghijklmnopqrstuvwxyz"


def encode(arts):
    parts, prev = [], None
    for n, sub, kuan in arts:
        num = f"{n}+{sub}" if sub else str(n)
        implicit = prev is not None and sub == 0 and prev[1] == 0 and n == prev[0] + 1
        parts.append(("" if implicit else num + ":") + "".join(KUAN[min(k, 35)] for k in kuan))
        prev = (n, sub)
    return " ".join(parts)


HEADER_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def header_date(path):
    """The latest date in the header (above INFO END): the version when the index has none."""
    with open(path, encoding="utf-8") as f:
        head = f.read().split("<!-- INFO END -->", 1)[0]
    # 施行 (entry into force) is not a version: 民法典 was adopted 2020-05-28, in force 2021-01-01.
    lines = [l for l in head.splitlines() if "施行" not in l]
    dates = [f"{y}-{int(m):02d}-{int(d):02d}" for l in lines for y, m, d in HEADER_DATE.findall(l)]
    return max(dates) if dates else ""


def title_of(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# "):
                return line[2:].strip()
    return None


def rows(root):
    dbs = [(os.path.join(root, "db.sqlite3"), root)]
    dlc = os.path.join(root, "DLC")
    if os.path.isdir(dlc):
        for d in sorted(os.listdir(dlc)):
            if os.path.exists(os.path.join(dlc, d, "db.sqlite3")):
                dbs.append((os.path.join(dlc, d, "db.sqlite3"), os.path.join(dlc, d)))
    by_name = {}
    for d, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            if f.endswith(".md"):
                by_name.setdefault(f, []).append(os.path.join(d, f))
    merged = {}  # (title, version) -> row; a code split into parts (民法典's 编) is one law
    for db, base in dbs:
        con = sqlite3.connect(db)
        q = ("select l.name, l.level, l.publish, l.valid_from, l.expired, l.filename, c.folder "
             "from law l join category c on l.category_id = c.id")
        for name, level, publish, valid_from, expired, filename, folder in con.execute(q):
            if level in ("司法解释", "案例"):
                continue
            stem = filename or name
            names = [f"{stem}({publish}).md", f"{stem}.md"] if publish else [f"{stem}.md"]
            path = next((p for p in (os.path.join(base, folder, n) for n in names) if os.path.exists(p)), None)
            if path is None:  # an index row whose category names another folder than the file's
                path = next((by_name[n] for n in names if len(by_name.get(n, [])) == 1), [None])[0]
            if path is None:
                print(f"not found: {folder}/{names[0]}", file=sys.stderr)
                continue
            title = title_of(path) or name
            key = title.replace(" ", "").removeprefix("中华人民共和国")
            arts = articles(path)
            if not arts:
                continue
            row = merged.setdefault((title, publish or ""), [title, key, level, publish or "", valid_from or "", str(int(expired)), []])
            if not publish:
                row[3] = max(row[3], header_date(path))
            row[6].extend(arts)
        con.close()
    out = []
    for row in merged.values():
        row[6].sort(key=lambda a: (a[0], a[1]))
        out.append(tuple(row[:6]) + (encode(row[6]),))
    out.sort(key=lambda r: (r[1], r[3], r[0]))
    return out


def commit_of(root):
    try:
        with open(os.path.join(root, "SOURCE.md"), encoding="utf-8") as f:
            m = re.search(r"commit ([0-9a-f]{40}) \((\d{4}-\d{2}-\d{2})\)", f.read())
            return m.groups() if m else ("unknown", "unknown")
    except OSError:
        return ("unknown", "unknown")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    root = sys.argv[1]
    commit, date = commit_of(root)
    lines = [
        "# law registry — generated by scripts/build_law_registry.py; do not edit by hand",
        f"# source\tLawRefBook/Laws\t{commit}\t{date}",
        "# title\tkey\tlevel\tversion\tvalid_from\texpired\tarticles",
    ]
    lines += ["\t".join(r) for r in rows(root)]
    text = "\n".join(lines) + "\n"
    if len(sys.argv) > 2:
        with open(sys.argv[2], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
