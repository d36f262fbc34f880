// Math: the TeX math that cvpress accepts in $$...$$, parsed into a tree.
//
// One parser serves both backends: the LaTeX writer passes a formula to TeX
// only when parse_math accepts it (nothing outside the allow-list can run),
// and the layout engine typesets the same tree (layout/math_layout.h). The
// tree holds what TeX would: atoms of the eight TeX classes, each with its
// nucleus and scripts, and every character already as the Unicode code point
// that unicode-math sets for it (x -> U+1D465 MATHEMATICAL ITALIC SMALL X,
// \mathbf{K} -> U+1D40A, - -> U+2212 MINUS SIGN, \alpha -> U+1D6FC).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cvpress {

// TeX's atom classes: they decide the spacing between neighbours.
enum class MathClass { Ord, Op, Bin, Rel, Open, Close, Punct, Inner };

// TeX's styles, as they apply to the parts of a formula (D, T, S, SS; each
// may be cramped: superscripts sit lower).
enum class MathStyle { Display, Text, Script, ScriptScript };

struct MathAtom;
using MathList = std::vector<MathAtom>;

struct MathAtom {
  enum class Kind {
    Symbol,    // one character: `symbol`
    Group,     // {...}, a font switch or \operatorname: `body`
    Fraction,  // \frac: `body` over `denominator`
    Radical,   // \sqrt: `body`, `index` when `has_index` ([n], may be empty)
    Accent,    // \hat, \vec, ...: `symbol` (a combining mark) over `body`
    Overline,  // \overline (`under`: \underline): a rule over `body`
    Brace,     // \overbrace (`under`: \underbrace): `symbol` over `body`
    Fenced,    // \left `left` `body` \right `right` (0: the null delimiter `.`)
    BigDelim,  // \big( ...: `symbol` at size `big` (1 big, 2 Big, 3 bigg, 4 Bigg)
    Space,     // \, \: \; \! \quad \qquad and `\ `: `space` in `unit`s
    Style,     // \displaystyle ...: `style` for what follows in the list
  };

  Kind kind = Kind::Symbol;
  MathClass cls = MathClass::Ord;
  char32_t symbol = 0;
  char32_t left = 0, right = 0;
  MathList body, denominator, index;
  int big = 0;
  double space = 0;
  MathStyle style = MathStyle::Text;
  bool under = false;  // Overline, Brace: below instead of above
  bool wide = false;   // Accent: grows with its base (\widehat, \widetilde)
  // Space: mu glue (\, is \mskip 3mu); glue in the text font's ems,
  // `space` / 18 of them (\quad is \hskip 1em); or its interword space (`\ `).
  enum class Unit { Mu, Em, WordSpace } unit = Unit::Mu;
  bool negated = false;  // Symbol: \not, when Unicode has no negated character
  int limits = 0;        // Op: 1 \limits, -1 \nolimits, 0 as the style says

  // Scripts; `has_*` tells an empty {} script from none.
  bool has_sup = false, has_sub = false;
  bool has_index = false;  // Radical: \sqrt[...]
  MathList sup, sub;
};

struct MathParse {
  MathList list;
  // Empty when the formula is accepted; else the first offending command or
  // character, as written ("\input", "%", "end of math", "\left").
  std::string bad;
};

// Parses TeX math. Accepted: letters, digits and ASCII punctuation other than
// % # & $ ~ \; the commands of the allow-list (Greek letters, operators,
// relations, arrows, dots, accents, \frac, \sqrt, \left \right, \big...,
// \mathrm-style fonts, \operatorname, \limits, \not, spacing, styles) with
// their arguments; balanced braces and \left/\right; at most one superscript
// and one subscript per atom. Anything else is refused with `bad` set.
MathParse parse_math(std::string_view tex);

// The characters of a parsed formula in reading order (scripts after their
// nucleus), for messages and coverage checks.
std::u32string math_chars(const MathList& list);

}  // namespace cvpress
