// The layout engine: Document + Style -> Pages. Knows nothing of PDF.
//
// The geometry below is the contract the LaTeX writer reproduces with TeX's
// own machinery, so both backends break lines and pages in the same places.
// All numbers are bp and come from the Style.
//
// Lines. Text is shaped with HarfBuzz (kern on, liga/clig off); a space is
// the U+0020 advance of its own font. Paragraphs are ragged right, broken
// greedily only at spaces: a word fits when the natural width of the line up
// to and including it is at most the line width. A word wider than a whole
// line is cut at the last character that fits (and continues on the next).
//
// Vertical model (TeX with \lineskiplimit=-\maxdimen and a fixed
// \baselineskip): every line has the baselineskip (`leading`) of its text
// style. The first line on a page has its baseline at
//     margin_top + max(ascent(body face) * body size, ascent(face) * size)
// (TeX: \topskip is the body's ascent; a taller first line pushes it down)
// Any later line has its baseline at
//     previous baseline + sum of the gaps between them + leading of the line.
// Gaps between blocks are discarded at the top of a page.
//
// Pages. A line fits when its baseline is at most page_height - margin_bottom
// (descenders may hang into the margin, as with a huge \maxdepth). Page
// breaks are greedy: the last allowed break before the first line that does
// not fit. A break is allowed between two lines except:
//   - between the lines of the header;
//   - after the first line and before the last line of a paragraph (so
//     paragraphs of 2-3 lines never split; TeX: \clubpenalty and
//     \widowpenalty 10000);
//   - between a section title and its first block, and after the first block
//     when that block is a one-liner kind (OneLine, Bullet, Numbered, Text, or
//     an Entry with only a head line);
//   - inside an entry's head (title and subtitle lines), after the head, and
//     after the first paragraph or item when the entry has no subtitle.
//
// Text styles. Every text is set in its TextStyle: face, size, leading, the
// style colour its role names (text, accent, muted; links in link_color),
// and its case: an uppercase style uppercases the text itself (text_case.h)
// before it is shaped, and the LaTeX writer emits the same uppercased text.
//
// Header (alignment header_align: each line left, centred or right-aligned
// in the text width): name (name_text), headline (headline_text), tagline
// (tagline_text), contacts (contact_text, joined with " <separator> "), each
// present part after the previous with header_gap; then header_after.
//
// Section: section_before (not before the first section), the title line
// (section_text), the rule (rule_width thick, rule_color, its top edge
// rule_offset below the title's baseline): Below, from margin to margin on
// the title's last line; After, on the last line from the end of the title
// plus rule_gap to the right margin (the title's last word keeps rule_gap
// after it on its line, so it breaks as if it were rule_gap wider); None.
// Then section_after and the blocks separated by block_gap.
//
// The content column: every block starts content_indent() from the left
// margin (date_column when dates are Left, else 0) and runs to the right
// margin; section titles and the header span the text width.
//
// Entry block: head line = title (title_text) in a paragraph of the content
// column, narrowed by width(date) + date_gap when there is a date on the
// right. The date (date_text) goes right-aligned on the title's first line
// (dates Right) or right-aligned in the date column, its right edge
// date_gap short of the content (dates Left). Subtitle line: subtitle_text
// with the location (location_text) right-aligned, narrowed likewise;
// present when either is non-empty. Then each paragraph (body) and each
// item, each after item_gap: items are body paragraphs indented by
// item_indent with the bullet mark (bullet_color) bullet_offset into the
// indent on their first line. OneLine and Text: one body paragraph.
// Bullet: like an item. Numbered: the marker at the content's start, the
// paragraph indented by number_indent.
//
// Footer (Document::footer): "<name> — page N of M" in footer_text (never
// uppercased), centred, baseline footer_skip below page_height - margin_bottom.
#pragma once

#include <memory>

#include "layout/page.h"
#include "model/document.h"
#include "style/style.h"

namespace cvpress {

class FontBook;

// Paragraphs already broken into lines, kept across layouts of documents in
// one style (only the gaps may differ): the fitter lays out many variants of
// one document and pays for shaping and line breaking once.
struct LayoutCache;
std::shared_ptr<LayoutCache> make_layout_cache();

Pages layout(const Document& doc, const Style& style, FontBook& fonts,
             LayoutCache* cache = nullptr);

// The same pages, measured only: their number, breaks, outline and
// content_bottom are layout()'s, but they hold no glyph runs, links or
// footer. For trial layouts (the fitter's), where copying the cached lines'
// glyphs would cost more than the rest of the layout.
Pages measure_layout(const Document& doc, const Style& style, FontBook& fonts, LayoutCache* cache);

// The document with a soft break (U+200B) between the characters of every
// word too wide for the line it is set in, so that both backends break it
// at the same places, filling each line, instead of overflowing the margin.
Document with_soft_breaks(const Document& doc, const Style& style, FontBook& fonts);

// The document with each entry's date and location that cannot stand on
// its head line moved under the title, as the first paragraphs of the entry
// (date, then location), set as body text: a date or location right-aligned
// beside a title when it is wider than half of the content column (less
// date_gap), a date in the left column when it would reach past the page's
// left edge. Otherwise the title would get no room at all.
Document with_wide_parts_moved(Document doc, const Style& style, FontBook& fonts);

// The document made ready for `style`: fallback fonts chosen for the
// characters its faces lack (text/fallback.h), over-wide dates and
// locations moved, then over-long words softened. Both backends take this
// document.
Document prepare_for_style(Document doc, const Style& style, FontBook& fonts);

}  // namespace cvpress
