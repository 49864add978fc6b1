"""Compare a workbook with its marked-up copy through openpyxl (what a checker will do).

usage: check.py INPUT OUTPUT EXPECT.json
EXPECT: {"front": [names], "marks": [[sheet, "F12", "FFC7CE", "comment part"]],
         "links": [[front sheet, "G2", "'许可'!F12"]], "values": {sheet: {"B2": "new"}}}
Prints one line per problem and exits 1 if any.
"""
import json
import sys

import openpyxl

inp, out, expect = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3], encoding="utf-8"))
a = openpyxl.load_workbook(inp)
b = openpyxl.load_workbook(out)
problems = []
front = expect["front"]
if b.sheetnames != front + a.sheetnames:
    problems.append(f"sheets {b.sheetnames} != {front + a.sheetnames}")
for name in a.sheetnames:
    sa, sb = a[name], b[name]
    if sa.sheet_state != sb.sheet_state:
        problems.append(f"{name}: state {sa.sheet_state} -> {sb.sheet_state}")
    if getattr(sa, "freeze_panes", None) != getattr(sb, "freeze_panes", None):
        problems.append(f"{name}: freeze {sa.freeze_panes} -> {sb.freeze_panes}")
    if not hasattr(sa, "merged_cells"):
        continue
    if sorted(map(str, sa.merged_cells.ranges)) != sorted(map(str, sb.merged_cells.ranges)):
        problems.append(f"{name}: merged ranges differ")
    for k, d in sa.column_dimensions.items():
        if d.width != sb.column_dimensions[k].width:
            problems.append(f"{name}: width of {k} {d.width} -> {sb.column_dimensions[k].width}")
    for k, d in sa.row_dimensions.items():
        if d.hidden != sb.row_dimensions[k].hidden:
            problems.append(f"{name}: row {k} hidden {d.hidden} -> {sb.row_dimensions[k].hidden}")
    dva = [(str(v.sqref), v.type, v.formula1) for v in sa.data_validations.dataValidation]
    dvb = [(str(v.sqref), v.type, v.formula1) for v in sb.data_validations.dataValidation]
    if dva != dvb:
        problems.append(f"{name}: data validations {dva} -> {dvb}")
    new_values = expect.get("values", {}).get(name, {})
    for row in sa.iter_rows():
        for c in row:
            cb = sb[c.coordinate]
            want = new_values.get(c.coordinate, c.value)
            if cb.value != want:
                problems.append(f"{name}!{c.coordinate}: value {c.value!r} -> {cb.value!r} (want {want!r})")
            if c.number_format != cb.number_format:
                problems.append(f"{name}!{c.coordinate}: number format {c.number_format} -> {cb.number_format}")
            if c.font.b != cb.font.b:
                problems.append(f"{name}!{c.coordinate}: bold changed")
            if c.comment is not None and (cb.comment is None or not cb.comment.text.startswith(c.comment.text)):
                problems.append(f"{name}!{c.coordinate}: their comment lost")
    for coord, v in new_values.items():
        if sb[coord].value != v:
            problems.append(f"{name}!{coord}: value {sb[coord].value!r}, want {v!r}")
for sheet, cell, rgb, text in expect["marks"]:
    c = b[sheet][cell]
    fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == "solid" else None
    if fill != "FF" + rgb:
        problems.append(f"{sheet}!{cell}: fill {fill}, want FF{rgb}")
    if text and (c.comment is None or text not in c.comment.text):
        problems.append(f"{sheet}!{cell}: comment {c.comment.text if c.comment else None!r} lacks {text!r}")
for sheet, cell, location in expect.get("links", []):
    h = b[sheet][cell].hyperlink
    if h is None or h.location != location:
        problems.append(f"{sheet}!{cell}: link {h.location if h else None!r}, want {location!r}")
if front:
    s = b[front[0]]
    if s.freeze_panes != "A2":
        problems.append(f"{front[0]}: freeze {s.freeze_panes}")
    if not s.auto_filter.ref:
        problems.append(f"{front[0]}: no autofilter")
    if s.page_setup.orientation != "landscape" or str(s.page_setup.paperSize) != "9":
        problems.append(f"{front[0]}: page setup {s.page_setup.orientation} {s.page_setup.paperSize}")
    if b.active.title != front[0]:
        problems.append(f"active sheet {b.active.title}")
    if s.print_title_rows != "$1:$1":
        problems.append(f"{front[0]}: print titles {s.print_title_rows}")
    if not s["A1"].font.b:
        problems.append(f"{front[0]}: header not bold")
    selected = [ws.title for ws in b.worksheets if ws.sheet_view.tabSelected]
    if selected != [front[0]]:
        problems.append(f"selected tabs {selected}")
for name, scope in [(n, s) for s in a.sheetnames if hasattr(a[s], "defined_names") for n in a[s].defined_names]:
    if name not in b[scope].defined_names:
        problems.append(f"defined name {name} of {scope} lost")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
