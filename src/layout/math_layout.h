// Math layout: a parsed formula (text/math.h) -> one box of positioned
// glyphs and rules, set the way XeTeX sets the same formula with
// unicode-math and the same OpenType MATH font (TeX's rules for atoms,
// spacing, scripts, fractions, radicals and delimiters, with the font's MATH
// constants and glyph variants), so that a line holding a formula breaks in
// both backends at the same place.
//
// Sizes follow the LaTeX writer's preamble: scripts at the font's
// ScriptPercentScaleDown of the text size, script-scripts at its
// ScriptScriptPercentScaleDown; glyphs take the font's `ssty` variants where
// unicode-math switches to them (below the midpoints between the sizes of a
// 10 pt text, as unicode-math computes them when \setmathfont runs); thin,
// medium and thick spaces are 3, 4 and 5 mu without stretch; a script is
// followed by the font's SpaceAfterScript (\scriptspace).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "text/math.h"

namespace cvpress {

class FontBook;

struct MathBox {
  struct Glyph {
    std::uint32_t id = 0;
    double size = 0;
    double x = 0, y = 0;  // the glyph's origin from the box's, y downwards
    std::u32string chars;
  };
  struct Rule {
    double x = 0, y = 0, width = 0, height = 0;  // y: top edge, downwards
  };
  double width = 0, height = 0, depth = 0;  // height above the baseline, depth below
  std::vector<Glyph> glyphs;
  std::vector<Rule> rules;
};

// `font`: a FontBook font with a MATH table; `size`: the text's size in bp
// (the formula is set in text style, as $...$ in a paragraph);
// `word_space`: the text font's interword space, for `\ ` (0: 6 mu).
MathBox typeset_math(const MathList& formula, FontBook& fonts, int font, double size,
                     double word_space = 0);

}  // namespace cvpress
