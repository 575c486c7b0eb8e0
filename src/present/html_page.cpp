#include "present/html_page.h"

namespace makerscore::detail {

namespace {

// One style sheet for every page: system fonts only (the page may not load any), Chinese faces first;
// tables scroll sideways on a phone; on paper, A4 with each scorecard on a page of its own and the
// charts' colours kept.
constexpr const char* kStyle = R"css(
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --panel: #f5f7fa; --accent: #0072b2; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5; font-size: 15px;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei",
    "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.6em; margin: 0.2em 0; }
h2 { font-size: 1.3em; margin: 1.6em 0 0.5em; padding-bottom: 0.2em; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05em; margin: 1.3em 0 0.4em; }
.en { color: var(--muted); font-weight: normal; font-size: 0.85em; }
.muted { color: var(--muted); }
.note { color: var(--muted); font-size: 0.85em; }
a { color: var(--accent); text-decoration: none; }
.facts { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
.fact { background: var(--panel); border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.fact b { display: block; font-size: 1.5em; }
.fact b .last-year { font-size: 0.7em; font-weight: 600; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
th .en { display: block; }
table.ratings th { white-space: nowrap; }
td.chart { width: 38%; min-width: 140px; vertical-align: middle; }
td.name, th.name { min-width: 13em; }
tr.level1 td { font-weight: 600; background: #fafbfc; }
tr.level2 td:first-child { padding-left: 1.6em; }
svg { display: block; }
svg.bar { width: 100%; height: 16px; }
.grade { display: inline-block; min-width: 1.8em; text-align: center; border-radius: 4px; padding: 0 6px;
  color: #fff; font-weight: 600; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 0.85em; margin: 6px 0; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 4px;
  vertical-align: -1px; }
.missing { color: #d55e00; font-weight: 600; }
td.named { white-space: normal; }
.who { font-size: 0.8em; margin-left: 0.4em; }
.who a { margin-right: 0.3em; }
.warning { border-left: 4px solid #d55e00; background: #fff4ec; padding: 6px 12px; margin: 10px 0; }
pre.trace { margin: 0; white-space: pre-wrap; word-break: break-word; font-size: 0.82em; line-height: 1.4;
  font-family: "Noto Sans Mono CJK SC", "WenQuanYi Micro Hei Mono", Menlo, Consolas, monospace; }
.radar { max-width: 380px; margin: 0 auto; }
svg.slope { width: 100%; max-width: 600px; height: auto; }
#ranking-table td.chart, #ranking-table th.chart { width: 16%; min-width: 80px; }
.two { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; align-items: start; }
section.scorecard { margin-top: 2.5em; border-top: 4px solid var(--accent); }
footer { margin-top: 3em; color: var(--muted); font-size: 0.8em; }
@media (max-width: 700px) {
  body { font-size: 14px; }
  main { padding: 10px; }
  .two { grid-template-columns: minmax(0, 1fr); }
  td.chart { min-width: 100px; }
  td.name, th.name { min-width: 8em; }
}
/* On a phone's screen a table of class "cards" reads as one card per row, each cell on a line of its own
   after its column's name (data-label), so that nothing needs scrolling sideways. */
@media screen and (max-width: 700px) {
  table.cards thead { display: none; }
  table.cards, table.cards tbody { display: block; width: 100%; }
  table.cards tr { display: flex; flex-wrap: wrap; gap: 0 16px; border: 1px solid var(--line); border-radius: 6px;
    margin: 8px 0; padding: 4px 10px; }
  table.cards td { display: flex; justify-content: space-between; gap: 8px; flex: 1 1 100%; border: none;
    padding: 1px 0; min-width: 0; text-align: right; }
  table.cards td::before { content: attr(data-label); color: var(--muted); text-align: left; font-weight: normal; }
  table.cards td.inline { flex: 0 1 auto; justify-content: flex-start; }
  table.cards td.chart, table.cards td.lead { flex-basis: 100%; width: 100%; }
  table.cards td.chart::before, table.cards td.lead::before { content: none; }
  table.cards td.lead { order: -1; font-weight: 600; text-align: left; }
  table.cards tr.level1 { background: #fafbfc; }
}
/* On A4: smaller type and tighter rows (a 32-makerspace overview in three pages), column heads in Chinese
   alone, names wrapping at word width rather than three characters, a table's header repeated on each page it runs over and never left
   alone at a page's foot, the radar beside the summary narrower so that nothing is clipped. */
@media print {
  body { font-size: 8.8pt; line-height: 1.3; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 1.5em; }
  h2 { margin: 0.9em 0 0.3em; }
  h3 { margin: 0.7em 0 0.25em; }
  .facts { margin: 6px 0; gap: 6px; }
  p, ul { margin: 0.3em 0; }
  ul { padding-left: 1.5em; }
  .fact { padding: 4px 10px; min-width: 90px; }
  .scroll { overflow: visible; }
  table { font-size: 1em; }
  th, td { padding: 1px 5px; }
  th .en { display: none; }  /* on paper the column heads in Chinese alone: one line, not three */
  th { word-break: keep-all; }  /* 排名 never splits into 排 / 名 */
  td.name, th.name { min-width: 12em; }
  td.chart { min-width: 60px; }
  #ranking-table td.chart, #ranking-table th.chart { min-width: 50px; width: 12%; }
  #ranking-table td.name { min-width: 11em; }
  svg.slope { max-width: 500px; }
  pre.trace { font-size: 0.9em; line-height: 1.3; }
  svg.bar { height: 11px; }
  thead { display: table-header-group; break-inside: avoid; break-after: avoid; }
  tr, .fact, svg, .warning, li { break-inside: avoid; }
  h2, h3, .legend { break-after: avoid; }
  .keep { break-inside: avoid; }
  .two { gap: 10px; }
  section.scorecard .two { grid-template-columns: 220px minmax(0, 1fr); }
  section.scorecard { break-before: page; border-top: none; margin-top: 0; }
  section.scorecard + section.scorecard, section.overview + section.scorecard { margin-top: 0; }
  a { color: inherit; }
  footer { margin-top: 1em; }
}
)css";

}  // namespace

std::string Html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string HtmlPage(const std::string& title, const std::string& body, const std::string& lang) {
  return "<!DOCTYPE html>\n<html lang=\"" + Html(lang) +
         "\">\n<head>\n<meta charset=\"utf-8\"/>\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n" +
         std::string(kGeneratorMarker) + "\n<title>" + Html(title) + "</title>\n<style>" + kStyle +
         "</style>\n</head>\n<body>\n<main>\n" + body + "</main>\n</body>\n</html>\n";
}

std::string Label(std::string_view chinese, std::string_view english) {
  return Html(chinese) + " <span class=\"en\" lang=\"en\">" + Html(english) + "</span>";
}

}  // namespace makerscore::detail
