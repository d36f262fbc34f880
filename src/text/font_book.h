// FontBook: the fonts of one run, loaded once, and HarfBuzz shaping with
// kerning on and ligatures off. Shaped words are cached in font units, so
// measuring the same word again (the fitter's passes) costs a lookup.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "layout/page.h"
#include "text/utf8.h"

namespace cvpress {

class FontBook {
 public:
  FontBook();
  ~FontBook();
  FontBook(const FontBook&) = delete;
  FontBook& operator=(const FontBook&) = delete;

  // Index of the font in `file`, loading it on first use. Throws
  // std::runtime_error when the file cannot be read as a font.
  int load(const std::string& file);

  const std::string& file(int font) const;
  const std::vector<std::string>& files() const { return files_; }
  double units_per_em(int font) const;

  // Glyphs of `text` (one font run, no line breaks) at `size` bp.
  std::vector<Glyph> shape(int font, std::string_view text, double size);
  double width(int font, std::string_view text, double size);
  double space_width(int font, double size);

  // Whether the font maps `c` to a glyph.
  bool has_char(int font, char32_t c) const;

  // The glyph's advance without kerning, in font units (for the PDF /W).
  int nominal_advance(int font, std::uint32_t glyph) const;

 private:
  struct Font;
  struct ShapedGlyph {
    std::uint32_t id;
    std::int32_t advance;  // font units, kerning included
    std::u32string chars;
  };
  const std::vector<ShapedGlyph>& shape_units(int font, std::string_view text);

  std::vector<std::unique_ptr<Font>> fonts_;
  std::vector<std::string> files_;
};

}  // namespace cvpress
