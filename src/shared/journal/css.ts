// The journal's style sheet, for screens and for print: A4 pages, a page break before each
// chapter, photos and quotes never split across pages, links readable on paper.
export const JOURNAL_CSS = `
@page { size: A4; margin: 22mm 20mm 20mm 20mm; }
:root { --ink: #1f2328; --muted: #5b6470; --rule: #d0d4da; --lesson-color: #555; }
html { font-family: "Carnet Serif", "Noto Serif", "DejaVu Serif", Georgia, serif; font-size: 11pt; line-height: 1.5; color: var(--ink); }
body { margin: 0 auto; max-width: 46em; padding: 0 1.5em; hyphens: auto; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; break-after: avoid; page-break-after: avoid; }
h1 { font-size: 1.9em; margin: 0 0 0.6em; }
h2 { font-size: 1.25em; margin: 1.2em 0 0.3em; }
h3 { font-size: 1.1em; }
h4, h5, h6 { font-size: 1em; }
p { margin: 0.4em 0; orphans: 3; widows: 3; }
a { color: #0b5cad; }
@media print { body { max-width: none; padding: 0; } a { color: inherit; text-decoration: none; } }
.cover { min-height: 230mm; display: flex; flex-direction: column; justify-content: center; text-align: center; break-after: page; page-break-after: always; }
.cover-title { font-size: 2.6em; font-weight: 700; line-height: 1.2; margin: 0 0 0.6em; }
.cover-place, .cover-dates { font-size: 1.3em; color: var(--muted); margin: 0.2em 0; }
.cover-author { font-size: 1.2em; margin-top: 3em; }
.toc ol { list-style: none; padding: 0; margin: 0; }
.toc-part { font-weight: 700; margin-top: 1em; }
.toc-part ol { font-weight: 400; margin-top: 0.3em; }
.toc-single { font-weight: 700; margin-top: 1em; }
.toc-entry a { display: flex; align-items: baseline; gap: 0.4em; color: inherit; text-decoration: none; padding: 0.15em 0; }
.toc-title { flex: 0 1 auto; }
.toc-entry a::after { content: ""; order: 1; flex: 1 1 auto; border-bottom: 1px dotted var(--rule); min-width: 2em; }
.toc-page { order: 2; min-width: 2.5em; text-align: right; font-variant-numeric: tabular-nums; }
.chapter { break-before: page; page-break-before: always; }
@media screen { .chapter { margin-top: 3em; padding-top: 1.5em; border-top: 1px solid var(--rule); } }
.visit-facts { color: var(--muted); border-left: 3px solid var(--rule); padding-left: 0.8em; margin-bottom: 1.5em; }
.visit-facts p { margin: 0.15em 0; }
.visit-when { font-weight: 700; color: var(--ink); }
.label { font-variant: small-caps; }
.note { margin: 1.4em 0; }
.note h2, .note h4 { margin-top: 0; }
.note-meta { font-size: 0.85em; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; break-after: avoid; page-break-after: avoid; }
.note-tags { font-size: 0.85em; color: var(--muted); }
.note-tags span { margin-right: 0.6em; }
blockquote { margin: 0.6em 0; padding: 0.2em 0 0.2em 1em; border-left: 3px solid var(--rule); font-style: italic; break-inside: avoid; page-break-inside: avoid; }
.note-quote { font-size: 1.1em; border-left-color: var(--ink); }
.quote-speaker { text-align: right; color: var(--muted); margin-top: 0; }
ul, ol { padding-left: 1.4em; }
.checklist { list-style: none; padding-left: 0.2em; }
.checklist input { margin: 0 0.4em 0 0; vertical-align: -0.1em; }
figure.photo { margin: 1em 0; text-align: center; break-inside: avoid; page-break-inside: avoid; }
figure.photo img { max-width: 100%; max-height: 160mm; width: auto; height: auto; object-fit: contain; }
figcaption { font-size: 0.9em; color: var(--muted); font-style: italic; margin-top: 0.3em; }
.lesson h1 { border-bottom: 4px solid var(--lesson-color); padding-bottom: 0.2em; }
.lesson-description { font-size: 1.05em; color: var(--muted); }
.evidence { margin: 1em 0; break-inside: avoid; page-break-inside: avoid; }
.evidence blockquote { border-left-color: var(--lesson-color); }
.visit-heading { font-size: 1em; color: var(--muted); border-bottom: 1px solid var(--rule); padding-bottom: 0.15em; margin: 1.6em 0 0.5em; }
.visit-heading a { color: inherit; text-decoration: none; }
.unlinked-visits { margin-top: 2em; color: var(--muted); }
.unlinked-visits a { color: inherit; }
.reference { font-size: 0.9em; color: var(--muted); text-align: right; margin-top: 0.1em; }
.summary { margin-bottom: 0; }
.summary-title { font-weight: 700; margin-bottom: 0; break-after: avoid; page-break-after: avoid; }
.passage mark { background: none; color: inherit; font-weight: 700; }
.summary-lesson h2 { border-bottom: 3px solid var(--lesson-color); padding-bottom: 0.15em; }
.summary-lesson h2 a { color: inherit; text-decoration: none; }
.summary-lesson h3 { font-size: 1em; font-variant: small-caps; color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
.tag-index { list-style: none; padding: 0; columns: 2; column-gap: 2em; }
.tag-index li { break-inside: avoid; margin-bottom: 0.3em; }
.tag { font-weight: 700; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.9em; }
`;
