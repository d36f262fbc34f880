// The math layout: TeX's rules with the MATH table of the style's math font
// (DejaVu Math TeX Gyre), checked against the font's own constants.
#include <catch2/catch.hpp>

#include <algorithm>

#include "layout/math_layout.h"
#include "layout/paragraph.h"
#include "test_style_fixture.h"
#include "text/font_book.h"
#include "text/math.h"

using namespace cvpress;

namespace {

constexpr double kSize = 10;
constexpr double kPt = 72.0 / 72.27;  // a TeX point in bp

// HarfBuzz's numbers of the MATH constants used here.
enum Constant {
  kScriptPercentScaleDown = 0,
  kAxisHeight = 5,
  kSubscriptShiftDown = 8,
  kSuperscriptShiftUp = 11,
  kSubSuperscriptGapMin = 15,
  kSpaceAfterScript = 17,
  kFractionNumeratorShiftUp = 32,
  kFractionNumeratorGapMin = 36,
  kFractionRuleThickness = 38,
  kFractionDenominatorGapMin = 39,
};

struct Math {
  FontBook fonts;
  int font = fonts.load(test::classic().math_font.file);

  MathBox set(const std::string& tex) {
    const MathParse parsed = parse_math(tex);
    INFO(tex << ": " << parsed.bad);
    REQUIRE(parsed.bad.empty());
    return typeset_math(parsed.list, fonts, font, kSize);
  }
  double width(const std::string& tex) { return set(tex).width; }
  // A MATH constant at `size`, in bp.
  double constant(Constant c, double size = kSize) {
    return fonts.math_constant(font, c) * size / fonts.units_per_em(font);
  }
  double top(const MathBox::Glyph& g) {  // of the glyph's ink, y downwards
    return g.y - fonts.extents(font, g.id).ascent * g.size / fonts.units_per_em(font);
  }
  double bottom(const MathBox::Glyph& g) {
    return g.y + fonts.extents(font, g.id).descent * g.size / fonts.units_per_em(font);
  }
  double mu() { return kSize * 1.0001 / 18; }  // unicode-math's family 2 is 1.0001 times larger
};

Span span(std::string text, SpanKind kind = SpanKind::Text) {
  Span out;
  out.text = std::move(text);
  out.kind = kind;
  return out;
}

std::u32string text_of(const MathBox& box) {
  std::u32string out;
  for (const MathBox::Glyph& g : box.glyphs) out += g.chars;
  return out;
}

const MathBox::Glyph& glyph_of(const MathBox& box, char32_t c) {
  const auto it = std::find_if(box.glyphs.begin(), box.glyphs.end(), [c](const MathBox::Glyph& g) {
    return g.chars == std::u32string(1, c);
  });
  REQUIRE(it != box.glyphs.end());
  return *it;
}

}  // namespace

TEST_CASE("math: a superscript rises and a subscript drops, at script size", "[math]") {
  Math m;
  const double script = m.fonts.math_constant(m.font, kScriptPercentScaleDown) / 100.0 * kSize;

  const MathBox sup = m.set("x^2");
  REQUIRE(sup.glyphs.size() == 2);
  const MathBox::Glyph& two = sup.glyphs[1];
  CHECK(two.size == Approx(script));
  CHECK(two.id != m.fonts.math_glyph(m.font, '2', 0));  // the font's script-size (ssty) form
  CHECK(two.y == Approx(-m.constant(kSuperscriptShiftUp) * 1.0001));
  // after the nucleus and its italic correction; the script is followed by SpaceAfterScript
  const double x = m.width("x");
  CHECK(two.x == Approx(x));
  CHECK(sup.width ==
        Approx(x + m.fonts.nominal_advance(m.font, two.id) * script / m.fonts.units_per_em(m.font) +
               m.constant(kSpaceAfterScript)));

  const MathBox sub = m.set("x_i");
  const MathBox::Glyph& i = glyph_of(sub, U'\U0001D456');
  CHECK(i.y >= m.constant(kSubscriptShiftDown) - 1e-9);
  // a subscript starts at the nucleus's advance, without its italic correction
  CHECK(i.x == Approx(m.fonts.nominal_advance(m.font, sub.glyphs[0].id) * kSize /
                      m.fonts.units_per_em(m.font)));

  // both: the superscript is the italic correction further right, and they keep apart
  const MathBox both = m.set("x_i^2");
  const MathBox::Glyph& i2 = glyph_of(both, U'\U0001D456');
  const MathBox::Glyph& two2 = glyph_of(both, U'2');
  CHECK(two2.x - i2.x == Approx(m.fonts.italic_correction(m.font, both.glyphs[0].id) * kSize /
                                m.fonts.units_per_em(m.font))
                             .margin(1e-9));
  CHECK(m.top(i2) - m.bottom(two2) >= m.constant(kSubSuperscriptGapMin) - 1e-9);
}

TEST_CASE("math: a fraction centres its rule on the axis, its parts clear of it", "[math]") {
  Math m;
  const MathBox f = m.set("\\frac{1}{2}");
  REQUIRE(f.rules.size() == 1);
  const MathBox::Rule& rule = f.rules[0];
  CHECK(rule.height == Approx(m.constant(kFractionRuleThickness) * 0.9999));
  CHECK(rule.y + rule.height / 2 == Approx(-m.constant(kAxisHeight) * 1.0001));
  const MathBox::Glyph& num = glyph_of(f, U'1');
  const MathBox::Glyph& den = glyph_of(f, U'2');
  const double script = 0.8 * kSize;
  CHECK(num.size == Approx(script));
  CHECK(den.size == Approx(script));
  CHECK(num.y <= -m.constant(kFractionNumeratorShiftUp) * 1.0001 + 1e-9);
  CHECK(rule.y - m.bottom(num) >= m.constant(kFractionNumeratorGapMin, script) - 1e-9);
  CHECK(m.top(den) - (rule.y + rule.height) >=
        m.constant(kFractionDenominatorGapMin, script) - 1e-9);
  // the rule spans the wider part; \nulldelimiterspace (1.2 pt) either side
  CHECK(rule.x == Approx(1.2 * kPt));
  CHECK(f.width == Approx(rule.width + 2 * 1.2 * kPt));
  CHECK(f.height >= -rule.y);
}

TEST_CASE("math: \\left( \\right) grow with what they enclose", "[math]") {
  Math m;
  const MathBox small = m.set("\\left(x\\right)");
  const MathBox tall = m.set("\\left(\\frac{\\frac{a}{b}}{c}\\right)");
  const MathBox taller = m.set("\\left(\\frac{\\frac{\\frac{a}{b}}{c}}{d}\\right)");
  const auto paren_span = [&](const MathBox& box, double x) {
    double top = 1e9, bottom = -1e9;
    for (const MathBox::Glyph& g : box.glyphs) {
      if (g.x != x || g.size != kSize) continue;
      top = std::min(top, m.top(g));
      bottom = std::max(bottom, m.bottom(g));
    }
    return std::pair(top, bottom);
  };
  const auto [s_top, s_bottom] = paren_span(small, 0);
  const auto [t_top, t_bottom] = paren_span(tall, 0);
  const auto [u_top, u_bottom] = paren_span(taller, 0);
  CHECK(small.glyphs.front().id == m.fonts.math_glyph(m.font, '(', 0));
  CHECK(tall.glyphs.front().id != small.glyphs.front().id);  // a larger variant
  CHECK(t_bottom - t_top > s_bottom - s_top);
  CHECK(u_bottom - u_top > t_bottom - t_top);
  // centred on the axis, covering (nearly: \delimiterfactor 901) the fraction
  const double axis = -m.constant(kAxisHeight) * 1.0001;
  CHECK((t_top + t_bottom) / 2 == Approx(axis).margin(0.05));
  CHECK(t_bottom - t_top >= 0.9 * (tall.height + tall.depth) - 1e-9);
  // the tallest is assembled from pieces; only the first says "("
  int pieces = 0;
  for (const MathBox::Glyph& g : taller.glyphs) pieces += g.x == 0;
  CHECK(pieces >= 3);
  const std::u32string chars = text_of(taller);
  CHECK(chars.front() == U'(');
  CHECK(std::count(chars.begin(), chars.end(), U'(') == 1);
}

TEST_CASE("math: TeX's spaces around operators, relations and punctuation", "[math]") {
  Math m;
  const double a = m.width("a"), b = m.width("b");
  CHECK(m.width("a+b") == Approx(a + m.width("+") + b + 2 * 4 * m.mu()));  // medium
  CHECK(m.width("a=b") == Approx(a + m.width("=") + b + 2 * 5 * m.mu()));  // thick
  CHECK(m.width("a,b") == Approx(a + m.width(",") + b + 3 * m.mu()));      // thin after
  CHECK(m.width("-a") == Approx(m.width("-") + a));                        // unary: none
  CHECK(m.width("a\\qquad b") == Approx(a + b + 2 * kSize));               // 2 em
  CHECK(m.width("a\\!b") == Approx(a + b - 3 * m.mu()));
  CHECK(m.width("\\sin x") == Approx(m.width("\\sin") + 3 * m.mu() + m.width("x")));
  // none in script styles
  const MathBox s = m.set("x^{a+b}");
  const MathBox::Glyph& plus = glyph_of(s, U'+');
  const MathBox::Glyph& sa = glyph_of(s, U'\U0001D44E');
  const double script = 0.8 * kSize;
  const double a_width =
      (m.fonts.nominal_advance(m.font, sa.id) + m.fonts.italic_correction(m.font, sa.id)) * script /
      m.fonts.units_per_em(m.font);
  CHECK(plus.x - sa.x == Approx(a_width));
}

TEST_CASE("math: letters extract as written; alphabets map as unicode-math's", "[math]") {
  Math m;
  CHECK(text_of(m.set("\\mathrm{softmax}")) == U"softmax");
  CHECK(text_of(m.set("\\operatorname{softmax}(x)")) == U"softmax(\U0001D465)");
  CHECK(text_of(m.set("\\mathbf{Q}\\mathbf{K}^{\\mathsf{T}}")) ==
        U"\U0001D410\U0001D40A\U0001D5B3");
  CHECK(text_of(m.set("\\alpha+\\Gamma")) == U"\U0001D6FC+\u0393");
  // \mathbf{K}_0: the script belongs to K, as with unicode-math's \symbf
  const MathBox k = m.set("\\mathbf{K}_0");
  CHECK(glyph_of(k, U'0').y > 0);
}

TEST_CASE("math: a formula is one unbreakable piece of its line", "[math][linebreak]") {
  FontBook fonts;
  const Style& s = test::classic();
  const RichText text{span("before "), span("\\frac{\\beta}{1-\\beta} = f(x)", SpanKind::Math),
                      span(" after")};
  const InlineStyle in{s.body, s.text_color, s.link_color};
  std::vector<Word> words = shape_words(text, in, s, fonts);
  REQUIRE(words.size() == 3);
  REQUIRE(words[1].pieces.size() == 1);
  const Piece& piece = words[1].pieces[0];
  REQUIRE(piece.math);
  CHECK(piece.font == fonts.load(s.math_font.file));
  CHECK(piece.width == Approx(piece.math->width));
  CHECK(words[1].width == Approx(piece.math->width));

  // narrower than the formula: it stands whole on a line of its own
  const std::vector<Line> lines = break_lines(words, piece.width / 2, fonts);
  REQUIRE(lines.size() == 3);
  CHECK(lines[1].words[0].pieces[0].math);

  // drawn: the math font's glyphs on baselines of their own, and the fraction's rule
  std::vector<GlyphRun> runs;
  std::vector<Rule> rules;
  std::vector<LinkArea> links;
  const std::vector<Line> one = break_lines(words, 1000, fonts);
  render_line(one[0], 0, 10, 3, fonts, runs, rules, links);
  REQUIRE(rules.size() == 1);
  bool raised = false, lowered = false;
  std::u32string math_text;
  for (const GlyphRun& run : runs) {
    if (run.font != piece.font) continue;
    raised |= run.y < 0;
    lowered |= run.y > 0;
    for (const Glyph& g : run.glyphs) math_text += g.chars;
  }
  CHECK(raised);
  CHECK(lowered);
  CHECK(math_text.find(U"\U0001D6FD") != std::u32string::npos);  // mathematical italic beta
  CHECK(rules[0].x > fonts.width(fonts.load(s.faces[0].file), "before", s.body.size));
}

TEST_CASE("math the parser refuses is set as its source text", "[math]") {
  FontBook fonts;
  const Style& s = test::classic();
  const RichText text{span("\\input{x}", SpanKind::Math)};
  const InlineStyle in{s.body, s.text_color, s.link_color};
  const std::vector<Word> words = shape_words(text, in, s, fonts);
  REQUIRE(words.size() == 1);
  CHECK_FALSE(words[0].pieces[0].math);
  CHECK(words[0].pieces[0].text == "\\input{x}");
  CHECK(words[0].pieces[0].font == fonts.load(s.faces[0].file));
}
