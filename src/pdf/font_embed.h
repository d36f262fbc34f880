// Subsetting and the PDF font dictionary of one TrueType font.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace cvpress {

class FontBook;

// Glyphs a document uses from one font, with the text each stands for.
using GlyphUse = std::map<std::uint32_t, std::u32string>;

// The font program reduced to `glyphs` (glyph ids unchanged), as bytes.
std::string subset_font(const std::string& file, const GlyphUse& glyphs);

// What a PDF font descriptor says of a font, in 1000ths of the em.
struct FontInfo {
  std::string postscript_name;  // "CharisSIL-Bold"
  double upem = 1000;
  double bbox[4] = {0, 0, 0, 0};
  double ascent = 0, descent = 0, cap_height = 0;
  double italic_angle = 0;
  std::uint32_t glyph_count = 0;
};

FontInfo font_info(const std::string& file);

// A ToUnicode CMap for an Identity-H font: each code (a glyph id, or the code
// of a glyph for another text) with the text it stands for.
std::string to_unicode_cmap(const GlyphUse& codes);

// A six-letter subset tag derived from the glyph set (deterministic).
std::string subset_tag(const std::string& font_name, const GlyphUse& glyphs);

}  // namespace cvpress
