// Font fallback: which font draws each character. A character that one of the
// style's text faces lacks is drawn by the first fallback font whose Regular
// face has it (Style::fallbacks, e.g. DejaVu Serif for arrows and math
// symbols, Droid Sans Fallback for CJK). The choice is made once per
// document (choose_fallbacks) and stored in it; both backends then set every
// text as with_fallback splits it, so they use the same font for every
// character by construction.
#pragma once

#include "model/document.h"
#include "model/rich_text.h"
#include "style/style.h"

namespace cvpress {

class FontBook;

// The characters of the document, of the style's own strings (bullet,
// separator) and of the footer that need a fallback font, each with the
// first that has it. A character no font has is left out: it stays in the
// style's face, where the missing-glyph check reports it.
FallbackMap choose_fallbacks(const Document& doc, const Style& style, FontBook& fonts);

// The document with its fallback map chosen.
Document with_fallback_fonts(Document doc, const Style& style, FontBook& fonts);

// `text` with every run of characters that `map` gives one fallback font in a
// span of its own, whose `fallback` names it. Spaces, soft breaks and
// combining marks stay in the run they are in. Math spans are left alone.
RichText with_fallback(const RichText& text, const FallbackMap& map);

}  // namespace cvpress
