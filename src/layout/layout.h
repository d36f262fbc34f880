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
//     an Entry with only a title line);
//   - before the last block of a section when it is a one-liner kind (a list
//     never leaves its last item alone at the top of a page);
//   - inside an entry's head (title and subtitle lines), after the head,
//     after the first paragraph or item when the entry has no subtitle, and
//     before its last paragraph or item (which so never stands alone).
// Blocks and parts without text (blank) are left out and do not count.
// (TeX: \nobreak at the same places; a block's macro looks at the next
// command to know whether it is the last of its section or entry.)
//
// Text styles. Every text is set in its TextStyle: face, size, leading, the
// style colour its role names (text, accent, muted; links in link_color),
// and its case: an uppercase style uppercases the text itself (text_case.h)
// before it is shaped, and the LaTeX writer emits the same uppercased text;
// small caps are marked on the spans by with_small_caps() (the face's smcp,
// or lower-case letters as capitals at small_caps_scale of the size), after
// the fallback fonts are chosen, and both backends set the spans as marked.
//
// Header (alignment header_align: each line left, centred or right-aligned
// in the text width): name (name_text), headline (headline_text), tagline
// (tagline_text), contacts (contact_text, joined with " <separator> "; with
// contacts_with_headline, joined to the headline instead: header_lines()),
// each present part after the previous with header_gap; then header_after.
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
// column, narrowed by width(right part) + date_gap when something goes on
// its right; the subtitle line (subtitle_text, present when the subtitle is
// not blank) likewise. What goes right-aligned on each first line:
//   dates Right: the date (date_text) on the title line, the location
//     (location_text) on the subtitle line;
//   dates Below: the location on the title line, the date on the subtitle's;
//   dates Left: the date right-aligned in the date column, its right edge
//     date_gap short of the content; the location on the subtitle line.
// Without a subtitle line, the title line carries the location too: Right
// and Below set "<location> <separator> <date>" there (the separator and the
// date in date_text, a space of the date's font each side of the
// separator), Left the location alone. Then each paragraph (body) and each
// item, each after item_gap: items are body paragraphs indented by
// item_indent with the bullet mark (bullet_color) bullet_offset into the
// indent on their first line; an item's sub-bullets follow it, each after
// item_gap, one item_indent further in, with the nested_bullet mark.
// OneLine and Text: one body paragraph. Bullet: like an item. Numbered: the paragraph indented by number_indent,
// the marker right-aligned on its first line, number_gap short of the text.
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

// The lines of the header under the name, each set in its text style:
// headline_text, tagline_text and contact_text. With
// Style::contacts_with_headline, the contacts are joined to the headline
// (and `contacts` is empty). Both backends set these.
struct HeaderLines {
  RichText headline, tagline, contacts;
};
HeaderLines header_lines(const Header& header, const Style& style);

// The document with a soft break (U+200B) between the characters of every
// word too wide for the line it is set in, so that both backends break it
// at the same places, filling each line, instead of overflowing the margin.
// The paragraphs it breaks go into `cache`, which must be empty: a paragraph
// found there would not be counted for its cut words.
Document with_soft_breaks(const Document& doc, const Style& style, FontBook& fonts,
                          LayoutCache* cache = nullptr);

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
// document. `cache`: as with_soft_breaks() takes it.
Document prepare_for_style(Document doc, const Style& style, FontBook& fonts,
                           LayoutCache* cache = nullptr);

}  // namespace cvpress
