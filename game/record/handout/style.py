"""The stylesheet of the HTML handout: readable on screen, and laid out for A4 paper.

It is written into the page itself (no file or font to fetch). Print rules keep a turn,
a chart or a table row on one page where they can, repeat table headings, number the
pages and keep the sides' colour bars when printing.
"""

CSS = """
:root {
  --ink: #1d1d1f; --muted: #5b5b63; --rule: #d4d4da; --paper: #ffffff;
  --soft: #f4f5f7; --note: #fff6d6; --note-rule: #d9b400; --accent: #1f4e79;
}
* { box-sizing: border-box; }
html { background: var(--soft); }
body {
  margin: 0 auto; max-width: 52rem; padding: 2rem 2.5rem 3rem; background: var(--paper);
  color: var(--ink); font: 15px/1.5 "DejaVu Serif", "Liberation Serif", Georgia, serif;
}
h1, h2, h3, h4, .meta, table, figure, .chip, nav, .badge, .who, .label {
  font-family: "DejaVu Sans", "Liberation Sans", Helvetica, Arial, sans-serif;
}
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .2rem; color: var(--accent); }
h2 {
  font-size: 1.35rem; margin: 2.2rem 0 .8rem; padding-bottom: .25rem;
  border-bottom: 2px solid var(--accent); color: var(--accent);
}
h3 { font-size: 1.08rem; margin: 1.4rem 0 .5rem; }
h4 { font-size: .95rem; margin: .8rem 0 .3rem; color: var(--muted); }
p { margin: .45rem 0; }
.subtitle { font-size: 1.15rem; font-style: italic; margin: 0 0 .6rem; }
.meta { color: var(--muted); font-size: .88rem; margin: .2rem 0; }
nav { margin: 1rem 0 0; padding: .6rem 1rem; background: var(--soft); font-size: .9rem; }
nav ol { margin: 0; padding-left: 1.3rem; columns: 2; }
nav a { color: var(--accent); }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: .6rem 1rem; }
.side { border-left: 6px solid var(--rule); padding: .3rem .7rem; background: var(--soft); }
.side h4 { margin: 0 0 .2rem; color: var(--ink); font-size: 1rem; }
.side p { font-size: .9rem; margin: .2rem 0; }
.glyph {
  display: inline-block; min-width: 1.4em; text-align: center; margin-right: .35em;
  color: #fff; border-radius: 3px; font-weight: bold;
}
blockquote { margin: .5rem 0; padding: .2rem .9rem; border-left: 3px solid var(--rule); }
blockquote p { margin: .2rem 0; }
.source { color: var(--muted); font-size: .85rem; }
.turn { margin: 1.1rem 0 1.4rem; padding-top: .2rem; border-top: 1px solid var(--rule); }
.turn h3 { margin-top: .6rem; }
.badge {
  display: inline-block; font-size: .72rem; font-weight: normal; text-transform: uppercase;
  letter-spacing: .04em; padding: .05rem .4rem; margin-left: .5rem; border-radius: 3px;
  background: var(--accent); color: #fff; vertical-align: middle;
}
.faction { border-left: 5px solid var(--rule); padding: .15rem 0 .15rem .7rem; margin: .45rem 0; }
.who { font-weight: bold; font-size: .92rem; }
.who small { font-weight: normal; color: var(--muted); }
.faction ul { margin: .15rem 0; padding-left: 1.1rem; }
.faction li { margin: .1rem 0; }
.reason { color: var(--muted); font-size: .88rem; }
.why { font-style: italic; }
.why::before, .intent::before { content: "✎ "; font-style: normal; }
.intent { margin: .15rem 0; font-style: italic; }
.label { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.happened { margin: .3rem 0; padding-left: 1.1rem; }
.chip {
  display: inline-block; font-size: .8rem; padding: .05rem .45rem; margin: .1rem .25rem .1rem 0;
  border: 1px solid var(--rule); border-radius: 3px; background: var(--soft);
}
.escalated { font-size: .88rem; color: var(--muted); }
.note {
  background: var(--note); border-left: 4px solid var(--note-rule); padding: .35rem .8rem;
  margin: .5rem 0;
}
.note .label { color: #6b5800; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .84rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .25rem .45rem; vertical-align: top; }
th { text-align: left; background: var(--soft); }
table.ribbon td:first-child { width: 17%; } table.ribbon td:nth-child(2) { width: 33%; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: .4rem 1rem; }
figure { margin: 0; }
figure svg { display: block; width: 100%; height: auto; }
.wide { margin: .6rem 0; }
figcaption { font-size: .8rem; color: var(--muted); }
.headline {
  font-family: "DejaVu Sans", "Liberation Sans", Helvetica, Arial, sans-serif;
  font-size: 1.2rem; font-weight: bold; padding: .5rem .8rem; background: var(--soft);
  border-left: 6px solid var(--accent);
}
.swings li { margin: .3rem 0; }
.questions li { margin: .2rem 0 2.6rem; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .8rem; }
@page {
  size: A4; margin: 15mm 14mm 16mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; }
}
@media print {
  html { background: none; }
  body {
    max-width: none; padding: 0; font-size: 9.6pt; line-height: 1.4;
    -webkit-print-color-adjust: exact; print-color-adjust: exact;
  }
  nav { display: none; }
  h2 { break-after: avoid; margin-top: 1.2rem; }
  h3, h4, .label { break-after: avoid; }
  #timeline, #tracks, #questions { break-before: page; }
  .turn, figure, .side, .faction, .note, tr, blockquote, .headline { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  .questions li { margin-bottom: 3.2rem; }
}
"""
