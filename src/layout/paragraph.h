// Inline layout: rich text -> shaped words -> greedy ragged-right lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "layout/page.h"
#include "model/rich_text.h"
#include "style/style.h"

namespace cvpress {

class FontBook;

// One same-font piece of a word.
struct Piece {
  int font = 0;
  double size = 10;
  Color color;
  std::string text;
  std::string link;
  double width = 0;
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

// Splits rich text into shaped words (breaks only at spaces).
std::vector<Word> shape_words(const RichText& text, const InlineStyle& style, const Style& s,
                              FontBook& fonts);

// Greedy line breaking: a word goes on the line when the natural width up to
// and including it is at most `width`; a word wider than `width` is cut, and
// its pieces' texts, each with a soft break (kSoftBreak) where it was cut,
// are added to `cut` when given.
std::vector<Line> break_lines(std::vector<Word> words, double width, FontBook& fonts,
                              std::vector<std::string>* cut = nullptr);

// Glyph runs and link areas of a line set at (x, 0) on its baseline.
void render_line(const Line& line, double x, double ascent, double descent, FontBook& fonts,
                 std::vector<GlyphRun>& runs, std::vector<LinkArea>& links);

// Readable text for a math span until math is typeset: TeX commands for
// Greek letters and symbols become characters, layout commands vanish.
std::string math_to_text(const std::string& tex);

}  // namespace cvpress
