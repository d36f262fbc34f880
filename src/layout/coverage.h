// Glyph coverage: which characters of a Document the style's fonts cannot
// draw. Reported before writing, so a missing glyph is never a silent box.
#pragma once

#include <string>
#include <vector>

#include "model/document.h"
#include "style/style.h"

namespace cvpress {

class FontBook;

struct MissingGlyph {
  char32_t ch = 0;
  std::string field;  // "title", "highlight", ...
  SourceLoc loc;
  std::string font;  // the family and style that lacks it
};

// One report per character and field; in reading order.
std::vector<MissingGlyph> find_missing_glyphs(const Document& doc, const Style& style,
                                              FontBook& fonts);

// "U+4E2D '中' in highlight (cv.yaml:12:9): not in Charis SIL Regular".
std::string describe(const MissingGlyph& missing);

}  // namespace cvpress
