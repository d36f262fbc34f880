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
//     margin_top + ascent(face) * size
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
// Header (alignment header_align; Center centres each line in the text
// width): name (name_text), headline (headline_text), tagline
// (tagline_text), contacts (contact_text, joined with " <separator> "), each
// present part after the previous with header_gap; then header_after.
//
// Section: section_before (not before the first section), the title line
// (section_text, accent colour), a rule from margin to margin of rule_width
// whose top edge is rule_offset below the title's baseline, section_after,
// then the blocks separated by block_gap.
//
// Entry block: head line = title (title_text) in a paragraph of width
// textwidth - (width(date) + date_gap) when there is a date, with the date
// (body) right-aligned on its first line. Subtitle line likewise with
// subtitle_text and the location (subtitle_text) on the right; present when
// either is non-empty. Then each paragraph (body) and each item, each after
// item_gap: items are body paragraphs indented by item_indent with the
// bullet mark at margin_left + bullet_offset on their first line.
// OneLine and Text: one body paragraph. Bullet: like an item. Numbered: the
// marker at margin_left, the paragraph indented by number_indent.
//
// Footer (Document::footer): "<name> — page N of M" in footer_text,
// centred, baseline footer_skip below page_height - margin_bottom.
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

// The document with a soft break (U+200B) between the characters of every
// word too wide for the line it is set in, so that both backends break it
// at the same places, filling each line, instead of overflowing the margin.
Document with_soft_breaks(const Document& doc, const Style& style, FontBook& fonts);

}  // namespace cvpress
