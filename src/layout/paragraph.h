// Inline layout: rich text -> shaped words -> greedy ragged-right lines.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "layout/math_layout.h"
#include "layout/page.h"
#include "model/rich_text.h"
#include "style/style.h"

namespace cvpress {

class FontBook;

// One same-font piece of a word, or a typeset formula (`math`; `text` then
// holds its TeX source and `font` the math font).
struct Piece {
  int font = 0;
  double size = 10;
  Color color;
  std::string text;
  std::string link;
  double width = 0;
  std::shared_ptr<const MathBox> math;
};

struct Word {
  std::vector<Piece> pieces;
  double width = 0;
  double space_after = 0;  // the following space's width (its own font), 0 at the end
  int space_font = 0;
};

struct Line {
  std::vector<Word> words;
  double width = 0;  // natural width, without a trailing space
};

// How a paragraph's text is set: its base face, size and colours, and the
// faces the spans switch to.
struct InlineStyle {
  TextStyle text;
  Color color;
  Color link_color;
};

// U+200B ZERO WIDTH SPACE: a break opportunity of no width. The layout puts
// them into words too long for their line (with_soft_breaks), and both
// backends break there as they break at spaces.
inline constexpr std::string_view kSoftBreak = "\xE2\x80\x8B";

// The face a span is set in when its paragraph's face is `base`.
Face span_face(const Span& span, Face base);

// Splits rich text into shaped words (breaks only at spaces). A formula is
// typeset (layout/math_layout.h) into one piece that never breaks; one the
// math parser refuses is set as its source text, as the LaTeX writer prints it.
std::vector<Word> shape_words(const RichText& text, const InlineStyle& style, const Style& s,
                              FontBook& fonts);

// Greedy line breaking: a word goes on the line when the natural width up to
// and including it is at most `width`; a word wider than `width` is cut, and
// its index in `words` is added to `cut` when given.
std::vector<Line> break_lines(std::vector<Word> words, double width, FontBook& fonts,
                              std::vector<size_t>* cut = nullptr);

// Glyph runs, rules (of formulas) and link areas of a line set at (x, 0) on
// its baseline; a formula's runs sit on baselines of their own. The link
// areas reach `ascent` above the baseline and `descent` below.
void render_line(const Line& line, double x, double ascent, double descent, FontBook& fonts,
                 std::vector<GlyphRun>& runs, std::vector<Rule>& rules,
                 std::vector<LinkArea>& links);

}  // namespace cvpress
