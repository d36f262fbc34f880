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

  // ---- OpenType MATH (for fonts that have the table); all in font units.
  bool has_math(int font) const;
  // The MATH table's constant number `which` (HarfBuzz's hb_ot_math_constant_t
  // order: 0 ScriptPercentScaleDown ... 55 RadicalDegreeBottomRaisePercent).
  int math_constant(int font, int which) const;
  // The glyph of `c` as a math character: shaped alone, with the script-size
  // variants `ssty` (0 none, 1 script, 2 script-script) as XeTeX loads them.
  std::uint32_t math_glyph(int font, char32_t c, int ssty);
  int italic_correction(int font, std::uint32_t glyph) const;
  // Where an accent over the glyph is centred (half the advance when the
  // font does not say).
  int top_accent_attachment(int font, std::uint32_t glyph) const;
  struct Extents {
    int ascent = 0, descent = 0;  // above and below the baseline, descent positive
  };
  Extents extents(int font, std::uint32_t glyph) const;
  // The glyph's larger variants, smallest first (the glyph itself first),
  // vertical or horizontal, each with its advance in that direction.
  struct Variant {
    std::uint32_t glyph = 0;
    int advance = 0;
  };
  std::vector<Variant> math_variants(int font, std::uint32_t glyph, bool vertical) const;
  // The parts of the glyph's extensible form (empty when it has none).
  struct Part {
    std::uint32_t glyph = 0;
    int start_connector = 0, end_connector = 0, full_advance = 0;
    bool extender = false;
  };
  std::vector<Part> math_assembly(int font, std::uint32_t glyph, bool vertical) const;
  int min_connector_overlap(int font, bool vertical) const;
  // The glyph's cut-in kerning at `corner` (0 top right, 1 top left, 2 bottom
  // right, 3 bottom left) for a script whose edge is at `height`.
  int math_kerning(int font, std::uint32_t glyph, int corner, int height) const;

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
