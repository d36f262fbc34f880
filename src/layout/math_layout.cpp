// TeX's math typesetting (The TeXbook, Appendix G) as XeTeX applies it to an
// OpenType MATH font: mlist_to_hlist's two passes over a list of atoms, with
// the constructions of its make_* procedures. The names follow TeX's, so a
// reader can hold this file beside tex.web or xetex.web; where XeTeX takes a
// value from the font it was last given a character in (its `cur_f`), so does
// this file (`fetched_`), since that decides some gaps inside fractions.
#include "layout/math_layout.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

#include "text/font_book.h"

namespace cvpress {
namespace {

// The OpenType MATH constants this file reads, by their index in the table.
enum Constant : int {
  kScriptPercentScaleDown = 0,
  kScriptScriptPercentScaleDown = 1,
  kDisplayOperatorMinHeight = 3,
  kAxisHeight = 5,
  kAccentBaseHeight = 6,
  kSubscriptShiftDown = 8,
  kSubscriptTopMax = 9,
  kSubscriptBaselineDropMin = 10,
  kSuperscriptShiftUp = 11,
  kSuperscriptShiftUpCramped = 12,
  kSuperscriptBottomMin = 13,
  kSuperscriptBaselineDropMax = 14,
  kSubSuperscriptGapMin = 15,
  kSuperscriptBottomMaxWithSubscript = 16,
  kSpaceAfterScript = 17,
  kUpperLimitGapMin = 18,
  kUpperLimitBaselineRiseMin = 19,
  kLowerLimitGapMin = 20,
  kLowerLimitBaselineDropMin = 21,
  kStackGapMin = 26,
  kFractionNumeratorShiftUp = 32,
  kFractionNumeratorDisplayStyleShiftUp = 33,
  kFractionDenominatorShiftDown = 34,
  kFractionDenominatorDisplayStyleShiftDown = 35,
  kFractionNumeratorGapMin = 36,
  kFractionNumDisplayStyleGapMin = 37,
  kFractionRuleThickness = 38,
  kFractionDenominatorGapMin = 39,
  kFractionDenomDisplayStyleGapMin = 40,
  kRadicalVerticalGap = 49,
  kRadicalDisplayStyleVerticalGap = 50,
  kRadicalRuleThickness = 51,
  kRadicalKernBeforeDegree = 53,
  kRadicalKernAfterDegree = 54,
  kRadicalDegreeBottomRaisePercent = 55,
};

// TeX's parameters as LaTeX sets them, in bp (a TeX pt is 1/72.27 in).
constexpr double kPt = 72.0 / 72.27;
constexpr double kNullDelimiterSpace = 1.2 * kPt;
constexpr double kDelimiterShortfall = 5 * kPt;
constexpr int kDelimiterFactor = 901;
// unicode-math loads the math font again as TeX's family 2 at 1.0001 and as
// family 3 at 0.9999 of the size (to tell the families apart), and TeX reads
// its parameters from those: mu, axis and shifts from 2, rule thickness and
// limit gaps from 3.
constexpr double kSymbolsScale = 1.0001, kExtensionScale = 0.9999;

// TeX's styles as numbers: D 0, D' 1, T 2, T' 3, S 4, S' 5, SS 6, SS' 7
// (odd: cramped).
constexpr int kText = 2, kScript = 4, kScriptScript = 6;  // and display 0
int cramped(int s) { return 2 * (s / 2) + 1; }
int sub_style(int s) { return 2 * (s / 4) + kScript + 1; }
int sup_style(int s) { return 2 * (s / 4) + kScript + s % 2; }
int num_style(int s) { return s + 2 - 2 * (s / 6); }
int denom_style(int s) { return 2 * (s / 2) + 1 + 2 - 2 * (s / 6); }
int size_of(int s) { return s < kScript ? 0 : s < kScriptScript ? 1 : 2; }  // text, script, ss

// Noad types: TeX's eight classes (MathClass's order), then the noads that
// space as ordinary ones, then the delimiters of \left ... \right.
enum Type {
  kOrd,
  kOp,
  kBin,
  kRel,
  kOpen,
  kClose,
  kPunct,
  kInner,
  kRadical,
  kAccent,
  kOver,
  kUnder,
  kLeft,
  kRight
};

// The spacing between neighbours (TeX's math_spacing): rows the left atom's
// class, columns the right one's; 0 none, 1 thin unless in script styles,
// 2 thin, 3 medium unless in script styles, 4 thick unless in script styles.
constexpr const char* kSpacing =
    "02340001"
    "22*40001"
    "33**3**3"
    "44*04004"
    "00*00000"
    "02340001"
    "11*11111"
    "12341011";

// A box: its contents placed around its reference point (y downwards).
struct Box {
  double width = 0, height = 0, depth = 0;
  bool empty = true;  // TeX's list_ptr = null: nothing to centre in rebox
  std::vector<MathBox::Glyph> glyphs;
  std::vector<MathBox::Rule> rules;

  void put(const Box& b, double x, double y) {
    for (MathBox::Glyph g : b.glyphs) {
      g.x += x;
      g.y += y;
      glyphs.push_back(std::move(g));
    }
    for (MathBox::Rule r : b.rules) {
      r.x += x;
      r.y += y;
      rules.push_back(r);
    }
    empty = false;
  }
};

// One item of a horizontal list.
struct Node {
  enum class Type { Glyph, Box, Kern };
  Type type = Type::Kern;
  double width = 0, height = 0, depth = 0;
  double shift = 0;         // Box: moved down by this much
  std::uint32_t glyph = 0;  // Glyph
  double size = 0;          // Glyph: its font size
  std::u32string chars;     // Glyph
  std::shared_ptr<const Box> box;
};
using HList = std::vector<Node>;

Node kern(double width) {
  Node n;
  n.width = width;
  return n;
}

Node box_node(Box b, double shift = 0) {
  Node n;
  n.type = Node::Type::Box;
  n.width = b.width;
  n.height = b.height;
  n.depth = b.depth;
  n.shift = shift;
  n.box = std::make_shared<const Box>(std::move(b));
  return n;
}

// TeX's hpack at natural width.
Box hpack(const HList& list) {
  Box out;
  double x = 0;
  for (const Node& n : list) {
    out.empty = false;
    if (n.type == Node::Type::Glyph) {
      if (n.glyph != 0) out.glyphs.push_back({n.glyph, n.size, x, 0, n.chars});
      out.height = std::max(out.height, n.height);
      out.depth = std::max(out.depth, n.depth);
    } else if (n.type == Node::Type::Box) {
      out.put(*n.box, x, n.shift);
      out.height = std::max(out.height, n.height - n.shift);
      out.depth = std::max(out.depth, n.depth + n.shift);
    }
    x += n.width;
  }
  out.width = x;
  return out;
}

// A box as a list of one node, packed again unless that changes nothing
// (TeX's clean_box on a sub_box).
Box clean(const Node& n) {
  if (n.type == Node::Type::Box && n.shift == 0) return *n.box;
  return hpack({n});
}

// TeX's rebox: `b` centred in a box of width `w`.
Box rebox(Box b, double w) {
  if (b.width == w || b.empty) {
    b.width = w;
    return b;
  }
  Box out;
  out.put(b, (w - b.width) / 2, 0);
  out.width = w;
  out.height = b.height;
  out.depth = b.depth;
  return out;
}

// A list of one character without scripts: TeX's math_char field.
const MathAtom* single_char(const MathList& list) {
  if (list.size() != 1) return nullptr;
  const MathAtom& a = list[0];
  if (a.kind != MathAtom::Kind::Symbol || a.negated || a.has_sup || a.has_sub) return nullptr;
  return &a;
}

bool is_char(const MathAtom& a) { return a.kind == MathAtom::Kind::Symbol && !a.negated; }

// One element of a math list during mlist_to_hlist.
struct Item {
  enum class Kind { Noad, Glue, Style };
  Kind kind = Kind::Noad;
  int type = kOrd;
  const MathAtom* atom = nullptr;  // the nucleus and scripts (none for kLeft, kRight)
  char32_t delimiter = 0;          // kLeft, kRight (0: the null delimiter)
  double glue = 0;                 // Glue: its width, once known
  int style = kText;               // Style
  bool has_box = false;            // the nucleus has been made a box (TeX's sub_box)
  Node box;
  bool limits = false;        // an operator with its limits set: `hlist` is final
  bool scripts_done = false;  // an accent took the scripts into its nucleus
  HList hlist;
};

struct Fence {
  char32_t left = 0, right = 0;
};

class Typesetter {
 public:
  Typesetter(FontBook& fonts, int font, double size, double word_space)
      : fonts_(fonts),
        font_(font),
        upem_(fonts.units_per_em(font)),
        word_space_(word_space),
        fetched_(size) {
    const auto percent = [&](Constant c, double fallback) {
      const int v = fonts_.math_constant(font_, c);
      return v > 0 ? v / 100.0 : fallback;
    };
    const double script = percent(kScriptPercentScaleDown, 0.7);
    const double script_script = percent(kScriptScriptPercentScaleDown, 0.5);
    sizes_[0] = size;
    sizes_[1] = size * script;
    sizes_[2] = size * script_script;
    // unicode-math loads the font with `ssty` below the midpoints between the
    // sizes of a 10 pt text, as \setmathfont computes them in the preamble.
    ssty_below_[0] = 10 * (1 + script) / 2;
    ssty_below_[1] = 10 * (script + script_script) / 2;
    script_space_ = param(kSpaceAfterScript, size);
  }

  Box formula(const MathList& list) { return hpack(mlist(list, kText)); }

 private:
  // ---------------------------------------------------------------- fonts

  double param(Constant c, double size) const {
    return fonts_.math_constant(font_, c) * size / upem_;
  }
  // From the font of the characters, and of families 2 and 3 (TeX's mathsy
  // and mathex parameters).
  double at(Constant c, int size) const { return param(c, sizes_[size]); }
  double sy(Constant c, int size) const { return param(c, sizes_[size] * kSymbolsScale); }
  double ex(Constant c, int size) const { return param(c, sizes_[size] * kExtensionScale); }
  double cur(Constant c) const { return param(c, fetched_); }  // from XeTeX's cur_f
  double axis(int size) const { return sy(kAxisHeight, size); }
  double mu(int style) const { return sizes_[size_of(style)] * kSymbolsScale / 18; }
  double units(int v, double size) const { return v * size / upem_; }

  int ssty(double size) const {
    const double pt = size / kPt;
    return pt >= ssty_below_[0] ? 0 : pt >= ssty_below_[1] ? 1 : 2;
  }

  Node glyph(std::uint32_t id, double size, std::u32string chars) const {
    Node n;
    n.type = Node::Type::Glyph;
    n.glyph = id;
    n.size = size;
    n.chars = std::move(chars);
    n.width = units(fonts_.nominal_advance(font_, id), size);
    const FontBook::Extents e = fonts_.extents(font_, id);
    n.height = units(e.ascent, size);
    n.depth = units(e.descent, size);
    return n;
  }

  // TeX's fetch: the character's glyph in the font of `size`.
  Node fetch(char32_t c, int size) {
    fetched_ = sizes_[size];
    const std::uint32_t id = fonts_.math_glyph(font_, c, ssty(sizes_[size]));
    if (id == 0) return kern(0);  // missing from the font: reported elsewhere
    return glyph(id, sizes_[size], std::u32string(1, c));
  }

  double italic(const Node& g) const {
    return g.type == Node::Type::Glyph ? units(fonts_.italic_correction(font_, g.glyph), g.size)
                                       : 0;
  }

  // ---------------------------------------------------------------- lists

  std::vector<Item> items_of(const MathList& list, const Fence* fence, bool as_ord) const {
    std::vector<Item> items;
    if (fence) {
      Item left;
      left.type = kLeft;
      left.delimiter = fence->left;
      items.push_back(left);
    }
    for (const MathAtom& atom : list) {
      Item item;
      item.atom = &atom;
      switch (atom.kind) {
        case MathAtom::Kind::Space:
          item.kind = Item::Kind::Glue;
          break;
        case MathAtom::Kind::Style:
          item.kind = Item::Kind::Style;
          item.style = 2 * static_cast<int>(atom.style);
          break;
        case MathAtom::Kind::Symbol:
          // \not over a character is an accent (unicode-math's \notaccent)
          item.type = atom.negated ? kAccent : static_cast<int>(atom.cls);
          break;
        case MathAtom::Kind::Group:
        case MathAtom::Kind::BigDelim:
          item.type = static_cast<int>(atom.cls);
          break;
        case MathAtom::Kind::Fraction:  // LaTeX's \frac: {...\over...}, an ordinary group
          item.type = kOrd;
          break;
        case MathAtom::Kind::Radical:  // with an index, LaTeX's \root: boxes and kerns
          item.type = atom.has_index ? kOrd : kRadical;
          break;
        case MathAtom::Kind::Accent:
          item.type = kAccent;
          break;
        case MathAtom::Kind::Overline:
          item.type = atom.under ? kUnder : kOver;
          break;
        case MathAtom::Kind::Brace:  // unicode-math: \mathop{accent}\limits
          item.type = kOp;
          break;
        case MathAtom::Kind::Fenced:
          item.type = kInner;
          break;
      }
      if (as_ord && item.kind == Item::Kind::Noad) item.type = kOrd;
      items.push_back(item);
    }
    if (fence) {
      Item right;
      right.type = kRight;
      right.delimiter = fence->right;
      items.push_back(right);
    }
    return items;
  }

  // TeX's clean_box of a field: a box in style `style`.
  Box clean_box(const MathList& field, int style) {
    return hpack(mlist(field, style, nullptr, single_char(field) != nullptr));
  }

  // mlist_to_hlist: the list in style `style`, `fence` its \left and \right.
  HList mlist(const MathList& list, int style, const Fence* fence = nullptr, bool as_ord = false) {
    std::vector<Item> items = items_of(list, fence, as_ord);
    int cur_style = style;
    int r_type = kOp;  // before the first noad: a binary operator there is ordinary
    Item* r = nullptr;
    double max_h = 0, max_d = 0;

    for (Item& q : items) {
      if (q.kind == Item::Kind::Style) {
        cur_style = q.style;
        continue;
      }
      if (q.kind == Item::Kind::Glue) {
        // mu glue in the current style; \quad and `\ ` in the text font's units
        switch (q.atom->unit) {
          case MathAtom::Unit::Mu:
            q.glue = q.atom->space * mu(cur_style);
            break;
          case MathAtom::Unit::Em:
            q.glue = q.atom->space / 18 * sizes_[0];
            break;
          case MathAtom::Unit::WordSpace:
            q.glue = word_space_ > 0 ? word_space_ : q.atom->space * mu(cur_style);
            break;
        }
        continue;
      }
      if (q.type == kBin && (r_type == kBin || r_type == kOp || r_type == kRel || r_type == kOpen ||
                             r_type == kPunct || r_type == kLeft))
        q.type = kOrd;
      if (q.type == kRel || q.type == kClose || q.type == kPunct || q.type == kRight) {
        if (r_type == kBin) r->type = kOrd;
      }
      if (q.type != kLeft && q.type != kRight) {
        first_pass(q, cur_style);
        const Box z = hpack(q.hlist);
        max_h = std::max(max_h, z.height);
        max_d = std::max(max_d, z.depth);
      }
      r = &q;
      r_type = q.type;
      if (r_type == kRight) {
        r_type = kLeft;
        cur_style = style;
      }
    }
    if (r_type == kBin) r->type = kOrd;

    // The second pass: spacing between the noads.
    HList out;
    cur_style = style;
    int prev = -1;
    for (Item& q : items) {
      if (q.kind == Item::Kind::Style) {
        cur_style = q.style;
        continue;
      }
      if (q.kind == Item::Kind::Glue) {
        out.push_back(kern(q.glue));
        continue;
      }
      int t = q.type;
      if (t == kRadical || t == kAccent || t == kOver || t == kUnder) t = kOrd;
      if (t == kLeft || t == kRight) {
        q.hlist = {left_right(q.delimiter, style, max_h, max_d)};
        cur_style = style;
        t = q.type == kLeft ? kOpen : kClose;
      }
      if (prev >= 0) {
        const double m = mu(cur_style);
        const bool script = cur_style >= kScript;
        double space = 0;
        switch (kSpacing[prev * 8 + t]) {
          case '1':
            space = script ? 0 : 3 * m;
            break;
          case '2':
            space = 3 * m;
            break;
          case '3':
            space = script ? 0 : 4 * m;
            break;
          case '4':
            space = script ? 0 : 5 * m;
            break;
          default:
            break;
        }
        if (space != 0) out.push_back(kern(space));
      }
      for (Node& n : q.hlist) out.push_back(std::move(n));
      prev = q.type == kRight ? kOpen : t;
    }
    return out;
  }

  // The first pass over a noad: its nucleus and scripts into q.hlist.
  void first_pass(Item& q, int cur_style) {
    double delta = 0;
    switch (q.type) {
      case kOp:
        delta = make_op(q, cur_style);
        if (q.limits) return;
        break;
      case kRadical:
        make_radical(q, cur_style);
        break;
      case kOver:
      case kUnder:
        make_over_under(q, cur_style);
        break;
      case kAccent:
        make_accent(q, cur_style);
        break;
      default:
        break;
    }
    const MathAtom& a = *q.atom;
    if (q.has_box) {
      q.hlist = {q.box};
    } else if (is_char(a)) {
      Node g = fetch(a.symbol, size_of(cur_style));
      delta = italic(g);
      q.hlist = {g};
      if (!a.has_sub && delta != 0) {
        q.hlist.push_back(kern(delta));
        delta = 0;
      }
    } else {
      q.hlist = {box_node(nucleus(q, cur_style))};
    }
    if (!q.scripts_done && (a.has_sup || a.has_sub)) make_scripts(q, delta, cur_style);
  }

  // A nucleus that is not one character, as a box (TeX's sub_mlist, packed).
  Box nucleus(const Item& q, int style) {
    const MathAtom& a = *q.atom;
    switch (a.kind) {
      case MathAtom::Kind::Fraction:
        return hpack({make_fraction(a, style)});
      case MathAtom::Kind::Fenced: {
        const Fence fence{a.left, a.right};
        return hpack(mlist(a.body, style, &fence));
      }
      case MathAtom::Kind::BigDelim:
        return big_delimiter(a);
      case MathAtom::Kind::Radical:
        return root(a, style);
      case MathAtom::Kind::Brace:
        return clean(accent_box(a.symbol, a.body, nullptr, style, true, a.under));
      default:
        return hpack(mlist(a.body, style));
    }
  }

  // The nucleus in a box, as TeX's clean_box(nucleus(q), style) makes it.
  Box clean_nucleus(const Item& q, int style) {
    if (q.has_box) return clean(q.box);
    if (is_char(*q.atom)) {
      HList list{fetch(q.atom->symbol, size_of(style))};
      if (const double d = italic(list[0]); d != 0) list.push_back(kern(d));
      return hpack(list);
    }
    return nucleus(q, style);
  }

  // ---------------------------------------------------------------- scripts

  // XeTeX's cut-in kerning between a glyph and the character of its script
  // (0 when the font has no MathKernInfo for them).
  double math_kern(const Node& base, const MathList& script, bool sup, double shift) {
    if (base.type != Node::Type::Glyph) return 0;
    const double size = base.size;
    std::uint32_t sg = 0;
    double s_height = 0, s_depth = 0;
    if (const MathAtom* c = single_char(script)) {
      // XeTeX fetches the script's character at the base's size
      sg = fonts_.math_glyph(font_, c->symbol, ssty(size));
      const FontBook::Extents e = fonts_.extents(font_, sg);
      s_height = units(e.ascent, size);
      s_depth = units(e.descent, size);
    }
    const auto to_units = [&](double v) { return static_cast<int>(std::lround(v * upem_ / size)); };
    const auto at = [&](int corner_base, int corner_script, double h) {
      const int height = to_units(h);
      return fonts_.math_kerning(font_, base.glyph, corner_base, height) +
             (sg ? fonts_.math_kerning(font_, sg, corner_script, height) : 0);
    };
    int k = 0;
    if (sup) {  // top right of the base against bottom left of the script
      k = std::min(at(0, 3, base.height), at(0, 3, -(s_depth + shift)));
    } else {  // bottom right of the base against top left of the script
      k = std::min(at(2, 1, s_height - shift), at(2, 1, -base.depth));
    }
    return units(k, size);
  }

  void make_scripts(Item& q, double delta, int cur_style) {
    const MathAtom& a = *q.atom;
    HList& p = q.hlist;
    const Node base = p.empty() ? Node() : p.front();
    double shift_up = 0, shift_down = 0;
    if (base.type != Node::Type::Glyph) {
      const Box z = hpack(p);
      const int t = cur_style < kScript ? 1 : 2;
      shift_up = z.height - sy(kSuperscriptBaselineDropMax, t);
      shift_down = z.depth + sy(kSubscriptBaselineDropMin, t);
    }
    const int size = size_of(cur_style);
    const double saved = fetched_;  // XeTeX's save_f around the scripts
    if (!a.has_sup) {
      Box x = clean_box(a.sub, sub_style(cur_style));
      fetched_ = saved;
      x.width += script_space_;
      shift_down = std::max(shift_down, sy(kSubscriptShiftDown, size));
      shift_down = std::max(shift_down, x.height - cur(kSubscriptTopMax));
      if (const double k = math_kern(base, a.sub, false, shift_down); k != 0) p.push_back(kern(k));
      p.push_back(box_node(std::move(x), shift_down));
      return;
    }
    Box x = clean_box(a.sup, sup_style(cur_style));
    fetched_ = saved;
    x.width += script_space_;
    shift_up = std::max(shift_up,
                        sy(cur_style % 2 ? kSuperscriptShiftUpCramped : kSuperscriptShiftUp, size));
    shift_up = std::max(shift_up, x.depth + cur(kSuperscriptBottomMin));
    if (!a.has_sub) {
      if (const double k = math_kern(base, a.sup, true, shift_up); k != 0) p.push_back(kern(k));
      p.push_back(box_node(std::move(x), -shift_up));
      return;
    }
    Box y = clean_box(a.sub, sub_style(cur_style));
    fetched_ = saved;
    y.width += script_space_;
    shift_down = std::max(shift_down, sy(kSubscriptShiftDown, size));
    double clr = cur(kSubSuperscriptGapMin) - ((shift_up - x.depth) - (y.height - shift_down));
    if (clr > 0) {
      shift_down += clr;
      clr = cur(kSuperscriptBottomMaxWithSubscript) - (shift_up - x.depth);
      if (clr > 0) {
        shift_up += clr;
        shift_down -= clr;
      }
    }
    const double sub_kern = math_kern(base, a.sub, false, shift_down);
    const double sup_kern = math_kern(base, a.sup, true, shift_up);
    if (sub_kern != 0) p.push_back(kern(sub_kern));
    // The superscript `delta` (the italic correction) right of the subscript,
    // both in one box on the subscript's baseline.
    const double sup_x = sup_kern + delta - sub_kern;
    Box v;
    v.width = std::max({0.0, x.width + sup_x, y.width});
    v.height = x.height + shift_up + shift_down;
    v.depth = y.depth;
    v.put(x, sup_x, -(shift_up + shift_down));
    v.put(y, 0, 0);
    p.push_back(box_node(std::move(v), shift_down));
  }

  // ---------------------------------------------------------------- operators

  double make_op(Item& q, int cur_style) {
    const MathAtom& a = *q.atom;
    const bool brace = a.kind == MathAtom::Kind::Brace;
    bool limits = brace || a.limits > 0 || (a.limits == 0 && cur_style < kText);
    double delta = 0;
    if (is_char(a)) {
      const int size = size_of(cur_style);
      Node g = fetch(a.symbol, size);
      Box x;
      bool assembled = false;
      if (cur_style < kText && g.type == Node::Type::Glyph) {
        // display style: a variant at least DisplayOperatorMinHeight tall
        const double h1 = std::max(cur(kDisplayOperatorMinHeight), (g.height + g.depth) * 5 / 4);
        bool found = false;
        for (const FontBook::Variant& v : fonts_.math_variants(font_, g.glyph, true)) {
          if (v.advance > 0) g = glyph(v.glyph, g.size, g.chars);
          if (units(v.advance, g.size) >= h1) {
            found = true;
            break;
          }
        }
        if (!found) {
          if (auto b = assembly(g.glyph, g.size, h1, false, g.chars)) {
            x = *b;
            assembled = true;
          }
        }
      }
      if (!assembled) {
        delta = italic(g);
        x = hpack({g});
        x.width = g.width;
        x.height = g.height;
        x.depth = g.depth;
      }
      if (a.has_sub && !limits) x.width -= delta;  // XeTeX takes the italic correction off
      const double shift = (x.height - x.depth) / 2 - axis(size);
      q.box = box_node(std::move(x), shift);
      q.has_box = true;
    }
    if (!limits) return delta;

    // Limits above and below.
    Box x = clean_box(a.sup, sup_style(cur_style));
    Box y = clean_nucleus(q, cur_style);
    Box z = clean_box(a.sub, sub_style(cur_style));
    const double w = std::max({x.width, y.width, z.width});
    x = rebox(std::move(x), w);
    y = rebox(std::move(y), w);
    z = rebox(std::move(z), w);
    const int size = size_of(cur_style);
    Box v;
    v.width = w;
    v.height = y.height;
    v.depth = y.depth;
    v.put(y, 0, 0);
    const double gap5 = ex(kStackGapMin, size);
    if (a.has_sup) {
      const double shift_up =
          std::max(ex(kUpperLimitBaselineRiseMin, size) - x.depth, ex(kUpperLimitGapMin, size));
      v.put(x, delta / 2, -(y.height + shift_up + x.depth));
      v.height += gap5 + x.height + x.depth + shift_up;
    }
    if (a.has_sub) {
      const double shift_down =
          std::max(ex(kLowerLimitBaselineDropMin, size) - z.height, ex(kLowerLimitGapMin, size));
      v.put(z, -delta / 2, y.depth + shift_down + z.height);
      v.depth += gap5 + z.height + z.depth + shift_down;
    }
    q.hlist = {box_node(std::move(v))};
    q.limits = true;
    return delta;
  }

  // ---------------------------------------------------------------- delimiters

  // An extensible glyph built from its parts to at least `s` (XeTeX's
  // build_opentype_assembly); nothing when the glyph has no parts.
  std::optional<Box> assembly(std::uint32_t base, double size, double s, bool horizontal,
                              const std::u32string& chars) {
    const std::vector<FontBook::Part> parts = fonts_.math_assembly(font_, base, !horizontal);
    if (parts.empty()) return std::nullopt;
    // XeTeX reads the overlap for the horizontal direction in both
    const double min_o = units(fonts_.min_connector_overlap(font_, false), size);
    const auto len = [&](int v) { return units(v, size); };
    int n = -1;
    bool no_extenders = true;
    double s_max = 0;
    do {
      ++n;
      s_max = 0;
      double prev_o = 0;
      for (const FontBook::Part& part : parts) {
        const int copies = part.extender ? n : 1;
        if (part.extender) no_extenders = false;
        for (int j = 0; j < copies; ++j) {
          const double o = std::min({len(part.start_connector), min_o, prev_o});
          s_max += len(part.full_advance) - o;
          prev_o = len(part.end_connector);
        }
      }
    } while (s_max < s && !no_extenders && n < 1000);

    // The glyphs, with glue between them that may stretch from the largest
    // overlap the connectors allow to the least.
    struct Piece {
      Node glyph;
      double glue = 0, stretch = 0;  // before this glyph
    };
    std::vector<Piece> pieces;
    double prev_o = 0;
    for (const FontBook::Part& part : parts) {
      const int copies = part.extender ? n : 1;
      for (int j = 0; j < copies; ++j) {
        const double oo = std::min(len(part.start_connector), prev_o);
        const double o = std::min(oo, min_o);
        Piece piece{glyph(part.glyph, size, {}), 0, 0};
        if (oo > 0) {
          piece.glue = -oo;
          piece.stretch = oo - o;
        }
        pieces.push_back(std::move(piece));
        prev_o = len(part.end_connector);
      }
    }
    if (!pieces.empty()) pieces.front().glyph.chars = chars;
    double nat = 0, str = 0;
    for (const Piece& piece : pieces) {
      nat += (horizontal ? piece.glyph.width : piece.glyph.height + piece.glyph.depth) + piece.glue;
      str += piece.stretch;
    }
    const double set = s > nat && str > 0 ? std::min(s - nat, str) / str : 0;
    Box b;
    b.empty = false;
    double at = 0;  // horizontal: x of the next glyph; vertical: y of the stack's top
    for (size_t i = 0; i < pieces.size(); ++i) {
      const Node& g = pieces[i].glyph;
      const double glue = pieces[i].glue + pieces[i].stretch * set;
      if (horizontal) {
        at += glue;
        b.glyphs.push_back({g.glyph, g.size, at, 0, g.chars});
        at += g.width;
        if (i > 0) b.height = std::max(b.height, g.height);  // as XeTeX: not the first
        if (i > 0) b.depth = std::max(b.depth, g.depth);
      } else {
        at -= glue;
        b.glyphs.push_back({g.glyph, g.size, 0, at - g.depth, g.chars});
        at -= g.height + g.depth;
        b.width = std::max(b.width, g.width);
      }
    }
    if (horizontal)
      b.width = at;
    else
      b.height = -at;
    return b;
  }

  // TeX's var_delimiter: the smallest variant of `c` at least `v` tall,
  // centred on the axis; the null delimiter for c = 0.
  Node var_delimiter(char32_t c, int size, double v) {
    const double sz = sizes_[size];
    if (c == 0) {
      Box b;
      b.width = kNullDelimiterSpace;
      return box_node(std::move(b), -axis(size));
    }
    const std::uint32_t base = fonts_.math_glyph(font_, c, 0);
    if (base == 0) return box_node(Box(), 0);
    std::uint32_t best = base;
    double w = 0;
    bool found = false;
    for (const FontBook::Variant& variant : fonts_.math_variants(font_, base, true)) {
      const double u = units(variant.advance, sz);
      if (u > w) {
        best = variant.glyph;
        w = u;
        if (u >= v) {
          found = true;
          break;
        }
      }
    }
    Box b;
    std::optional<Box> assembled;
    if (!found) assembled = assembly(base, sz, v, false, std::u32string(1, c));
    if (assembled) {
      b = std::move(*assembled);
    } else {
      const Node g = glyph(best, sz, std::u32string(1, c));
      b.empty = false;
      b.glyphs.push_back({g.glyph, g.size, 0, 0, g.chars});
      b.width = g.width;
      b.height = g.height;
      b.depth = g.depth;
    }
    const double shift = (b.height - b.depth) / 2 - axis(size);
    return box_node(std::move(b), shift);
  }

  // TeX's make_left_right: a delimiter covering `max_h` and `max_d` around
  // the axis, as \delimiterfactor and \delimitershortfall ask.
  Node left_right(char32_t c, int style, double max_h, double max_d) {
    const int size = size_of(style);
    // In scaled points, as TeX divides them.
    const auto sp = [](double bp) { return std::llround(bp / kPt * 65536); };
    const long long axis_sp = sp(axis(size));
    long long delta2 = sp(max_d) + axis_sp;
    long long delta1 = sp(max_h) + sp(max_d) - delta2;
    delta1 = std::max(delta1, delta2);
    long long delta = delta1 / 500 * kDelimiterFactor;
    delta2 = delta1 + delta1 - sp(kDelimiterShortfall);
    delta = std::max(delta, delta2);
    return var_delimiter(c, size, static_cast<double>(delta) / 65536 * kPt);
  }

  // \big( and its larger kin, as amsmath (which unicode-math loads) makes
  // them: {\left( \vcenter to k\big@size{} \right.} in text style, with no
  // null delimiter space, k = 1, 1.5, 2, 2.5; \big@size is 1.2 times the
  // height plus depth of `(`.
  Box big_delimiter(const MathAtom& a) {
    static constexpr double kFactors[] = {1, 1.5, 2, 2.5};
    const Node paren = glyph(fonts_.math_glyph(font_, '(', ssty(sizes_[0])), sizes_[0], {});
    const double total = kFactors[std::clamp(a.big, 1, 4) - 1] * 1.2 *
                         (std::max(paren.height, 0.0) + std::max(paren.depth, 0.0));
    Box vcenter;  // TeX's make_vcenter: centred on the axis
    vcenter.height = axis(0) + total / 2;
    vcenter.depth = total - vcenter.height;
    Node d =
        left_right(a.symbol, kText, std::max(vcenter.height, 0.0), std::max(vcenter.depth, 0.0));
    if (a.symbol == 0) d.width = 0;          // \big. has no \nulldelimiterspace either
    Node right = box_node(Box(), -axis(0));  // \right. without \nulldelimiterspace
    return hpack({d, box_node(vcenter), right});
  }

  // ---------------------------------------------------------------- constructions

  Node make_fraction(const MathAtom& a, int cur_style) {
    const int size = size_of(cur_style);
    const double t = ex(kFractionRuleThickness, size);
    Box x = clean_box(a.body, num_style(cur_style));
    Box z = clean_box(a.denominator, denom_style(cur_style));
    if (x.width < z.width)
      x = rebox(std::move(x), z.width);
    else
      z = rebox(std::move(z), x.width);
    const bool display = cur_style < kText;
    double shift_up =
        sy(display ? kFractionNumeratorDisplayStyleShiftUp : kFractionNumeratorShiftUp, size);
    double shift_down = sy(
        display ? kFractionDenominatorDisplayStyleShiftDown : kFractionDenominatorShiftDown, size);
    const double delta = t / 2;
    const double a_h = axis(size);
    const double delta1 = cur(display ? kFractionNumDisplayStyleGapMin : kFractionNumeratorGapMin) -
                          ((shift_up - x.depth) - (a_h + delta));
    const double delta2 =
        cur(display ? kFractionDenomDisplayStyleGapMin : kFractionDenominatorGapMin) -
        ((a_h - delta) - (z.height - shift_down));
    if (delta1 > 0) shift_up += delta1;
    if (delta2 > 0) shift_down += delta2;

    Box v;
    v.width = x.width;
    v.height = shift_up + x.height;
    v.depth = z.depth + shift_down;
    v.put(x, 0, -shift_up);
    v.rules.push_back({0, -(a_h + delta), x.width, t});
    v.put(z, 0, shift_down);
    // null delimiters either side
    Box null;
    null.width = kNullDelimiterSpace;
    return box_node(hpack({box_node(null, -a_h), box_node(std::move(v)), box_node(null, -a_h)}));
  }

  // The radical sign over the nucleus in style `style`, with its rule.
  Box radical(const MathList& body, int style) {
    const int size = size_of(style);
    const double t = at(kRadicalRuleThickness, size);
    Box x = clean_box(body, cramped(style));
    double clr = at(style < kText ? kRadicalDisplayStyleVerticalGap : kRadicalVerticalGap, size);
    const Node y = var_delimiter(0x221A, size, x.height + x.depth + clr + t);
    // The sign's top is the rule's top; its height becomes the rule's.
    const double sign_depth = y.height + y.depth - t;
    const double delta = sign_depth - (x.height + x.depth + clr);
    if (delta > 0) clr += delta / 2;
    const double top = -(x.height + clr + t);  // of the rule and the sign
    Box out;
    out.put(*y.box, 0, top + y.height);
    out.rules.push_back({y.width, top, x.width, t});
    out.put(x, y.width, 0);
    out.width = y.width + x.width;
    out.height = -top + t;  // XeTeX's overbar: a rule thickness of space above the rule
    out.depth = std::max(x.depth, top + t + sign_depth);
    return out;
  }

  void make_radical(Item& q, int cur_style) {
    q.box = box_node(radical(q.atom->body, cur_style));
    q.has_box = true;
  }

  // \sqrt[n]{...}: unicode-math's \r@@t, the index raised before the sign.
  Box root(const MathAtom& a, int style) {
    const int uncramped = 2 * (style / 2);
    const Box sign = radical(a.body, uncramped);
    const Box index = clean_box(a.index, kScriptScript);
    // The kerns are the font's at the 10 pt unicode-math loaded it at, scaled
    // for script styles.
    const double scale = sizes_[size_of(uncramped)] / sizes_[0];
    const double raise = (sign.height - sign.depth) *
                         fonts_.math_constant(font_, kRadicalDegreeBottomRaisePercent) / 100;
    return hpack({kern(param(kRadicalKernBeforeDegree, 10 * kPt) * scale), box_node(index, -raise),
                  kern(param(kRadicalKernAfterDegree, 10 * kPt) * scale), box_node(sign)});
  }

  void make_over_under(Item& q, int cur_style) {
    const double t = ex(kFractionRuleThickness, size_of(cur_style));
    Box out;
    if (q.type == kOver) {
      const Box x = clean_box(q.atom->body, cramped(cur_style));
      out.put(x, 0, 0);
      out.rules.push_back({0, -(x.height + 3 * t + t), x.width, t});
      out.width = x.width;
      out.height = x.height + 5 * t;
      out.depth = x.depth;
    } else {
      const Box x = clean_box(q.atom->body, cur_style);
      out.put(x, 0, 0);
      out.rules.push_back({0, x.depth + 3 * t, x.width, t});
      out.width = x.width;
      out.height = x.height;
      out.depth = x.depth + 4 * t + t;
    }
    q.box = box_node(std::move(out));
    q.has_box = true;
  }

  // An accent `c` over (or under) `body`, TeX's make_math_accent. `scripts`:
  // the atom whose scripts go under the accent with a one-character body.
  Node accent_box(char32_t c, const MathList& body, const MathAtom* scripts, int cur_style,
                  bool wide, bool bottom) {
    const int size = size_of(cur_style);
    fetched_ = sizes_[size];  // fetch(accent_chr)
    const double f_size = sizes_[size];
    // Where the accent goes: the body's top-accent attachment when it is one
    // character, else its middle.
    std::optional<double> s;
    const MathAtom* one = single_char(body);
    if (!bottom && one) {
      const Node g = fetch(one->symbol, size);
      if (g.type == Node::Type::Glyph)
        s = units(fonts_.top_accent_attachment(font_, g.glyph), g.size);
    }
    Box x = clean_box(body, cramped(cur_style));
    const double w = x.width;
    double h = x.height;
    double delta = bottom ? 0 : std::min(h, param(kAccentBaseHeight, f_size));
    if (scripts && one && (scripts->has_sup || scripts->has_sub)) {
      MathAtom with_scripts = *one;
      with_scripts.cls = MathClass::Ord;
      with_scripts.has_sup = scripts->has_sup;
      with_scripts.has_sub = scripts->has_sub;
      with_scripts.sup = scripts->sup;
      with_scripts.sub = scripts->sub;
      x = hpack(mlist({with_scripts}, cur_style));
      delta += x.height - h;
      h = x.height;
    }
    // The accent glyph, a wider variant or an assembly for a growing one.
    const std::u32string chars(1, c);
    const std::uint32_t base = fonts_.math_glyph(font_, c, ssty(f_size));
    std::uint32_t id = base;
    Box y;
    std::optional<double> sa;
    if (id == 0) {
      y.empty = false;
    } else {
      bool assembled = false;
      if (wide) {
        bool exhausted = true;
        for (const FontBook::Variant& v : fonts_.math_variants(font_, id, false)) {
          const double w2 = units(v.advance, f_size);
          if (w2 > 0 && w2 <= w) id = v.glyph;
          if (w2 >= w) {
            exhausted = false;
            break;
          }
        }
        if (exhausted) {
          if (auto b = assembly(base, f_size, w, true, chars)) {
            y = std::move(*b);
            assembled = true;
          }
        }
      }
      if (!assembled) {
        const Node g = glyph(id, f_size, chars);
        y.empty = false;
        y.glyphs.push_back({g.glyph, g.size, 0, 0, g.chars});
        y.width = g.width;
        y.height = g.height;
        y.depth = g.depth;
        sa = units(fonts_.top_accent_attachment(font_, id), f_size);
      }
    }
    if (bottom)
      y.height = std::max(y.height, 0.0);
    else
      y.depth = std::max(y.depth, 0.0);
    const double offset = (bottom || !s ? w / 2 : *s) - (sa ? *sa : y.width / 2);
    Box out;
    out.width = x.width;
    if (bottom) {
      // the accent right under the body, the body on the baseline
      out.put(x, 0, 0);
      out.put(y, offset, x.depth + y.height);
      out.height = x.height;
      out.depth = x.depth + y.height + y.depth;
    } else {
      out.put(y, offset, -h + delta - y.depth);
      out.put(x, 0, 0);
      out.height = std::max(h, y.height + y.depth - delta + h);
      out.depth = x.depth;
    }
    return box_node(std::move(out));
  }

  void make_accent(Item& q, int cur_style) {
    const MathAtom& a = *q.atom;
    const bool negation = a.kind == MathAtom::Kind::Symbol;  // \not: U+0338 over the character
    MathList base;
    if (negation) {
      MathAtom c = a;
      c.negated = c.has_sup = c.has_sub = false;
      c.sup.clear();
      c.sub.clear();
      base.push_back(std::move(c));
    }
    const MathList& body = negation ? base : a.body;
    // the scripts of an accented character go under the accent
    q.scripts_done = single_char(body) && (a.has_sup || a.has_sub);
    q.box = accent_box(negation ? 0x338 : a.symbol, body, q.scripts_done ? &a : nullptr, cur_style,
                       negation || a.wide, false);
    q.has_box = true;
  }

  FontBook& fonts_;
  int font_;
  double upem_;
  double word_space_;
  double sizes_[3] = {10, 7, 5};  // text, script, script-script sizes, bp
  double ssty_below_[2] = {8.5,
                           6};  // pt: script glyphs below the first, script-script below the second
  double script_space_ = 0;
  double fetched_;  // the size of the font XeTeX fetched a character from last (its cur_f)
};

}  // namespace

MathBox typeset_math(const MathList& formula, FontBook& fonts, int font, double size,
                     double word_space) {
  Typesetter t(fonts, font, size, word_space);
  const Box b = t.formula(formula);
  MathBox out;
  out.width = b.width;
  out.height = b.height;
  out.depth = b.depth;
  out.glyphs = b.glyphs;
  for (const MathBox::Rule& r : b.rules) out.rules.push_back(r);
  return out;
}

}  // namespace cvpress
