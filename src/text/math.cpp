#include "text/math.h"

#include <optional>
#include <unordered_map>

#include "text/utf8.h"

namespace cvpress {
namespace {

// ---------------------------------------------------------------- alphabets

// unicode-math's math alphabets (loaded with mathrm=sym, mathbf=sym, ...):
// what a letter or digit becomes inside \mathbf{...} and the others.
enum class Alphabet { Default, Upright, Bold, Sans, Mono, Italic, Calligraphic };

char32_t latin(char c, char32_t capital, char32_t small) {
  return c >= 'A' && c <= 'Z' ? capital + static_cast<char32_t>(c - 'A')
                              : small + static_cast<char32_t>(c - 'a');
}

// Italic letters: U+1D44E..; h is the Planck constant U+210E, outside the block.
char32_t italic_latin(char c) { return c == 'h' ? 0x210E : latin(c, 0x1D434, 0x1D44E); }

char32_t script_latin(char c) {  // \mathcal: the holes of the block are letterlike symbols
  switch (c) {
    case 'B':
      return 0x212C;
    case 'E':
      return 0x2130;
    case 'F':
      return 0x2131;
    case 'H':
      return 0x210B;
    case 'I':
      return 0x2110;
    case 'L':
      return 0x2112;
    case 'M':
      return 0x2133;
    case 'R':
      return 0x211B;
    case 'e':
      return 0x212F;
    case 'g':
      return 0x210A;
    case 'o':
      return 0x2134;
    default:
      return latin(c, 0x1D49C, 0x1D4B6);
  }
}

char32_t letter(char c, Alphabet a) {
  switch (a) {
    case Alphabet::Upright:
      return static_cast<unsigned char>(c);
    case Alphabet::Bold:
      return latin(c, 0x1D400, 0x1D41A);
    case Alphabet::Sans:
      return latin(c, 0x1D5A0, 0x1D5BA);
    case Alphabet::Mono:
      return latin(c, 0x1D670, 0x1D68A);
    case Alphabet::Calligraphic:  // capitals only, as unicode-math's \symcal
      return c >= 'A' && c <= 'Z' ? script_latin(c) : italic_latin(c);
    case Alphabet::Default:
    case Alphabet::Italic:
      return italic_latin(c);
  }
  return static_cast<unsigned char>(c);
}

char32_t digit(char c, Alphabet a) {
  const auto d = static_cast<char32_t>(c - '0');
  switch (a) {
    case Alphabet::Bold:
      return 0x1D7CE + d;
    case Alphabet::Sans:
      return 0x1D7E2 + d;
    case Alphabet::Mono:
      return 0x1D7F6 + d;
    default:
      return static_cast<char32_t>(c);
  }
}

// Greek as TeX sets it: small letters italic, capitals upright (unicode-math's
// math-style=TeX); \mathbf gives bold upright, \mathrm upright, \mathit italic.
char32_t greek(char32_t c, Alphabet a) {
  const bool capital = c >= 0x391 && c <= 0x3A9;
  const auto offset = [&](char32_t capital_start, char32_t small_start) -> char32_t {
    if (capital) return capital_start + (c - 0x391);
    if (c >= 0x3B1 && c <= 0x3C9) return small_start + (c - 0x3B1);
    // the variant forms after omega in each block: ϵ ϑ ϰ ϕ ϱ ϖ
    static constexpr char32_t kVariants[] = {0x3F5, 0x3D1, 0x3F0, 0x3D5, 0x3F1, 0x3D6};
    for (char32_t k = 0; k < 6; ++k)
      if (kVariants[k] == c) return small_start + 0x1A + k;
    return c;
  };
  switch (a) {
    case Alphabet::Upright:
      return c;
    case Alphabet::Bold:
      return offset(0x1D6A8, 0x1D6C2);
    case Alphabet::Italic:
      return offset(0x1D6E2, 0x1D6FC);
    default:  // Default, and the alphabets without Greek (sans, mono, calligraphic)
      return capital ? c : offset(0x1D6E2, 0x1D6FC);
  }
}

// ---------------------------------------------------------------- commands

enum class Cmd {
  Symbol,   // no argument: a character of its class
  Greek,    // a Greek letter, styled by the alphabet
  LargeOp,  // \sum, \int ...: may take \limits
  NamedOp,  // \sin, \lim ...: upright letters, may take \limits
  Limits,   // \limits, \nolimits
  Font,     // \mathrm ... : one argument in an alphabet
  OperatorName,
  Accent,  // one argument under a combining mark
  Over,    // \overline, \underline
  Brace,   // \overbrace, \underbrace
  Frac,
  Sqrt,
  Left,
  Right,
  Big,  // \big( ...
  Not,
  Space,
  StyleCmd,
  Delimiter,  // a delimiter symbol, also usable as a symbol
};

struct Command {
  Cmd cmd;
  char32_t cp = 0;
  MathClass cls = MathClass::Ord;
  double value = 0;  // Space: mu; Big: size; StyleCmd: style; Font: alphabet; Over/Brace: under;
                     // Accent: 1 when it grows with its base
  MathAtom::Unit unit = MathAtom::Unit::Mu;  // Space: text glue (\quad) or mu glue
};

using Table = std::unordered_map<std::string_view, Command>;

const Table& commands() {
  static const Table* table = [] {
    auto* t = new Table;
    const auto add = [t](std::string_view name, Cmd cmd, char32_t cp = 0,
                         MathClass cls = MathClass::Ord, double value = 0) {
      t->emplace(name, Command{cmd, cp, cls, value});
    };
    // Greek (the code point before styling)
    const std::pair<std::string_view, char32_t> greek_letters[] = {
        {"alpha", 0x3B1},   {"beta", 0x3B2},       {"gamma", 0x3B3}, {"delta", 0x3B4},
        {"epsilon", 0x3F5}, {"varepsilon", 0x3B5}, {"zeta", 0x3B6},  {"eta", 0x3B7},
        {"theta", 0x3B8},   {"vartheta", 0x3D1},   {"iota", 0x3B9},  {"kappa", 0x3BA},
        {"lambda", 0x3BB},  {"mu", 0x3BC},         {"nu", 0x3BD},    {"xi", 0x3BE},
        {"pi", 0x3C0},      {"varpi", 0x3D6},      {"rho", 0x3C1},   {"varrho", 0x3F1},
        {"sigma", 0x3C3},   {"varsigma", 0x3C2},   {"tau", 0x3C4},   {"upsilon", 0x3C5},
        {"phi", 0x3D5},     {"varphi", 0x3C6},     {"chi", 0x3C7},   {"psi", 0x3C8},
        {"omega", 0x3C9},   {"Gamma", 0x393},      {"Delta", 0x394}, {"Theta", 0x398},
        {"Lambda", 0x39B},  {"Xi", 0x39E},         {"Pi", 0x3A0},    {"Sigma", 0x3A3},
        {"Upsilon", 0x3A5}, {"Phi", 0x3A6},        {"Psi", 0x3A8},   {"Omega", 0x3A9}};
    for (const auto& [name, cp] : greek_letters) add(name, Cmd::Greek, cp);

    const std::pair<std::string_view, char32_t> binary[] = {
        {"cdot", 0x22C5},    {"times", 0xD7},   {"pm", 0xB1},         {"mp", 0x2213},
        {"div", 0xF7},       {"ast", 0x2217},   {"star", 0x22C6},     {"circ", 0x2218},
        {"bullet", 0x2219},  {"cap", 0x2229},   {"cup", 0x222A},      {"uplus", 0x228E},
        {"sqcap", 0x2293},   {"sqcup", 0x2294}, {"vee", 0x2228},      {"wedge", 0x2227},
        {"lor", 0x2228},     {"land", 0x2227},  {"setminus", 0x2216}, {"wr", 0x2240},
        {"diamond", 0x22C4}, {"oplus", 0x2295}, {"ominus", 0x2296},   {"otimes", 0x2297},
        {"oslash", 0x2298},  {"odot", 0x2299},  {"dagger", 0x2020},   {"ddagger", 0x2021},
        {"amalg", 0x2A3F}};
    for (const auto& [name, cp] : binary) add(name, Cmd::Symbol, cp, MathClass::Bin);

    const std::pair<std::string_view, char32_t> relations[] = {{"leq", 0x2264},
                                                               {"le", 0x2264},
                                                               {"geq", 0x2265},
                                                               {"ge", 0x2265},
                                                               {"neq", 0x2260},
                                                               {"ne", 0x2260},
                                                               {"approx", 0x2248},
                                                               {"sim", 0x223C},
                                                               {"simeq", 0x2243},
                                                               {"cong", 0x2245},
                                                               {"equiv", 0x2261},
                                                               {"propto", 0x221D},
                                                               {"ll", 0x226A},
                                                               {"gg", 0x226B},
                                                               {"subset", 0x2282},
                                                               {"supset", 0x2283},
                                                               {"subseteq", 0x2286},
                                                               {"supseteq", 0x2287},
                                                               {"sqsubseteq", 0x2291},
                                                               {"sqsupseteq", 0x2292},
                                                               {"in", 0x2208},
                                                               {"ni", 0x220B},
                                                               {"notin", 0x2209},
                                                               {"mid", 0x2223},
                                                               {"parallel", 0x2225},
                                                               {"perp", 0x27C2},
                                                               {"prec", 0x227A},
                                                               {"succ", 0x227B},
                                                               {"preceq", 0x2AAF},
                                                               {"succeq", 0x2AB0},
                                                               {"asymp", 0x224D},
                                                               {"doteq", 0x2250},
                                                               {"models", 0x22A7},
                                                               {"vdash", 0x22A2},
                                                               {"dashv", 0x22A3},
                                                               {"bowtie", 0x22C8},
                                                               {"smile", 0x2323},
                                                               {"frown", 0x2322},
                                                               {"to", 0x2192},
                                                               {"gets", 0x2190},
                                                               {"rightarrow", 0x2192},
                                                               {"leftarrow", 0x2190},
                                                               {"leftrightarrow", 0x2194},
                                                               {"Rightarrow", 0x21D2},
                                                               {"Leftarrow", 0x21D0},
                                                               {"Leftrightarrow", 0x21D4},
                                                               {"longrightarrow", 0x27F6},
                                                               {"longleftarrow", 0x27F5},
                                                               {"longleftrightarrow", 0x27F7},
                                                               {"Longrightarrow", 0x27F9},
                                                               {"Longleftarrow", 0x27F8},
                                                               {"Longleftrightarrow", 0x27FA},
                                                               {"mapsto", 0x21A6},
                                                               {"longmapsto", 0x27FC},
                                                               {"iff", 0x27FA},
                                                               {"nearrow", 0x2197},
                                                               {"searrow", 0x2198},
                                                               {"swarrow", 0x2199},
                                                               {"nwarrow", 0x2196},
                                                               {"hookleftarrow", 0x21A9},
                                                               {"hookrightarrow", 0x21AA},
                                                               {"leftharpoonup", 0x21BC},
                                                               {"rightharpoonup", 0x21C0},
                                                               {"leftharpoondown", 0x21BD},
                                                               {"rightharpoondown", 0x21C1}};
    for (const auto& [name, cp] : relations) add(name, Cmd::Symbol, cp, MathClass::Rel);

    const std::pair<std::string_view, char32_t> ordinary[] = {
        {"infty", 0x221E},    {"partial", 0x1D715}, {"nabla", 0x2207}, {"forall", 0x2200},
        {"exists", 0x2203},   {"neg", 0xAC},        {"lnot", 0xAC},    {"emptyset", 0x2205},
        {"ell", 0x2113},      {"hbar", 0x210F},     {"Re", 0x211C},    {"Im", 0x2111},
        {"aleph", 0x2135},    {"wp", 0x2118},       {"prime", 0x2032}, {"angle", 0x2220},
        {"triangle", 0x25B3}, {"top", 0x22A4},      {"bot", 0x22A5},   {"surd", 0x221A},
        {"imath", 0x1D6A4},   {"jmath", 0x1D6A5},   {"vdots", 0x22EE}, {"ddots", 0x22F1}};
    for (const auto& [name, cp] : ordinary) add(name, Cmd::Symbol, cp);
    add("colon", Cmd::Symbol, ':', MathClass::Punct);
    add("ldotp", Cmd::Symbol, '.', MathClass::Punct);
    add("cdotp", Cmd::Symbol, 0x22C5, MathClass::Punct);
    add("ldots", Cmd::Symbol, 0x2026, MathClass::Inner);
    add("cdots", Cmd::Symbol, 0x22EF, MathClass::Inner);
    add("dots", Cmd::Symbol, 0x2026, MathClass::Inner);

    t->emplace("quad", Command{Cmd::Space, 0, MathClass::Ord, 18, MathAtom::Unit::Em});
    t->emplace("qquad", Command{Cmd::Space, 0, MathClass::Ord, 36, MathAtom::Unit::Em});
    add("displaystyle", Cmd::StyleCmd, 0, MathClass::Ord, static_cast<int>(MathStyle::Display));
    add("textstyle", Cmd::StyleCmd, 0, MathClass::Ord, static_cast<int>(MathStyle::Text));
    add("scriptstyle", Cmd::StyleCmd, 0, MathClass::Ord, static_cast<int>(MathStyle::Script));
    add("scriptscriptstyle", Cmd::StyleCmd, 0, MathClass::Ord,
        static_cast<int>(MathStyle::ScriptScript));

    add("langle", Cmd::Delimiter, 0x27E8, MathClass::Open);
    add("rangle", Cmd::Delimiter, 0x27E9, MathClass::Close);
    add("lfloor", Cmd::Delimiter, 0x230A, MathClass::Open);
    add("rfloor", Cmd::Delimiter, 0x230B, MathClass::Close);
    add("lceil", Cmd::Delimiter, 0x2308, MathClass::Open);
    add("rceil", Cmd::Delimiter, 0x2309, MathClass::Close);
    add("lbrace", Cmd::Delimiter, '{', MathClass::Open);
    add("rbrace", Cmd::Delimiter, '}', MathClass::Close);
    add("vert", Cmd::Delimiter, '|');
    add("Vert", Cmd::Delimiter, 0x2016);
    add("backslash", Cmd::Delimiter, '\\');
    add("uparrow", Cmd::Delimiter, 0x2191, MathClass::Rel);
    add("downarrow", Cmd::Delimiter, 0x2193, MathClass::Rel);
    add("updownarrow", Cmd::Delimiter, 0x2195, MathClass::Rel);
    add("Uparrow", Cmd::Delimiter, 0x21D1, MathClass::Rel);
    add("Downarrow", Cmd::Delimiter, 0x21D3, MathClass::Rel);
    add("Updownarrow", Cmd::Delimiter, 0x21D5, MathClass::Rel);

    const std::pair<std::string_view, char32_t> large[] = {
        {"sum", 0x2211},      {"prod", 0x220F},     {"coprod", 0x2210},  {"int", 0x222B},
        {"oint", 0x222E},     {"bigcap", 0x22C2},   {"bigcup", 0x22C3},  {"bigsqcup", 0x2A06},
        {"bigvee", 0x22C1},   {"bigwedge", 0x22C0}, {"bigodot", 0x2A00}, {"bigotimes", 0x2A02},
        {"bigoplus", 0x2A01}, {"biguplus", 0x2A04}};
    for (const auto& [name, cp] : large) add(name, Cmd::LargeOp, cp, MathClass::Op);
    for (std::string_view name :
         {"arccos", "arcsin", "arctan", "arg",    "cos",    "cosh", "cot", "coth",
          "csc",    "deg",    "det",    "dim",    "exp",    "gcd",  "hom", "inf",
          "ker",    "lg",     "lim",    "liminf", "limsup", "ln",   "log", "max",
          "min",    "Pr",     "sec",    "sin",    "sinh",   "sup",  "tan", "tanh"})
      add(name, Cmd::NamedOp, 0, MathClass::Op);
    add("limits", Cmd::Limits, 0, MathClass::Ord, 1);
    add("nolimits", Cmd::Limits, 0, MathClass::Ord, -1);

    const std::pair<std::string_view, Alphabet> fonts[] = {
        {"mathrm", Alphabet::Upright},    {"mathbf", Alphabet::Bold},
        {"mathsf", Alphabet::Sans},       {"mathit", Alphabet::Italic},
        {"mathtt", Alphabet::Mono},       {"mathcal", Alphabet::Calligraphic},
        {"mathnormal", Alphabet::Default}};
    for (const auto& [name, alphabet] : fonts)
      add(name, Cmd::Font, 0, MathClass::Ord, static_cast<int>(alphabet));
    add("operatorname", Cmd::OperatorName, 0, MathClass::Op);

    const std::pair<std::string_view, char32_t> accents[] = {
        {"hat", 0x302},   {"check", 0x30C}, {"breve", 0x306},   {"acute", 0x301},
        {"grave", 0x300}, {"tilde", 0x303}, {"bar", 0x304},     {"vec", 0x20D7},
        {"dot", 0x307},   {"ddot", 0x308},  {"mathring", 0x30A}};
    for (const auto& [name, cp] : accents) add(name, Cmd::Accent, cp);
    add("widehat", Cmd::Accent, 0x302, MathClass::Ord, 1);
    add("widetilde", Cmd::Accent, 0x303, MathClass::Ord, 1);
    add("overline", Cmd::Over, 0, MathClass::Ord, 0);
    add("underline", Cmd::Over, 0, MathClass::Ord, 1);
    add("overbrace", Cmd::Brace, 0x23DE, MathClass::Op, 0);
    add("underbrace", Cmd::Brace, 0x23DF, MathClass::Op, 1);
    add("frac", Cmd::Frac);
    add("sqrt", Cmd::Sqrt);
    add("left", Cmd::Left);
    add("right", Cmd::Right);
    // \big( is Ord; \bigl( opens, \bigr) closes, \bigm| relates.
    const std::string_view bigs[4][4] = {{"big", "bigl", "bigr", "bigm"},
                                         {"Big", "Bigl", "Bigr", "Bigm"},
                                         {"bigg", "biggl", "biggr", "biggm"},
                                         {"Bigg", "Biggl", "Biggr", "Biggm"}};
    const MathClass big_classes[4] = {MathClass::Ord, MathClass::Open, MathClass::Close,
                                      MathClass::Rel};
    for (int size = 0; size < 4; ++size)
      for (int k = 0; k < 4; ++k) add(bigs[size][k], Cmd::Big, 0, big_classes[k], size + 1);
    add("not", Cmd::Not);
    return t;
  }();
  return *table;
}

// Control symbols: spacing (in mu), and characters TeX would otherwise treat
// specially.
std::optional<Command> control_symbol(char c) {
  switch (c) {
    case ',':
      return Command{Cmd::Space, 0, MathClass::Ord, 3};
    case ':':
    case '>':
      return Command{Cmd::Space, 0, MathClass::Ord, 4};
    case ';':
      return Command{Cmd::Space, 0, MathClass::Ord, 5};
    case '!':
      return Command{Cmd::Space, 0, MathClass::Ord, -3};
    case ' ':
      return Command{Cmd::Space, 0, MathClass::Ord, 6, MathAtom::Unit::WordSpace};
    case '{':
      return Command{Cmd::Delimiter, '{', MathClass::Open};
    case '}':
      return Command{Cmd::Delimiter, '}', MathClass::Close};
    case '|':
      return Command{Cmd::Delimiter, 0x2016, MathClass::Ord};
    case '%':
      return Command{Cmd::Symbol, '%', MathClass::Ord};
    case '#':
      return Command{Cmd::Symbol, '#', MathClass::Ord};
    case '&':
      return Command{Cmd::Symbol, '&', MathClass::Ord};
    case '$':
      return Command{Cmd::Symbol, '$', MathClass::Ord};
    case '_':
      return Command{Cmd::Symbol, '_', MathClass::Ord};
    default:
      return std::nullopt;
  }
}

// A negated relation as one character, where Unicode has it.
char32_t negated(char32_t c) {
  switch (c) {
    case '=':
      return 0x2260;
    case '<':
      return 0x226E;
    case '>':
      return 0x226F;
    case 0x2264:
      return 0x2270;
    case 0x2265:
      return 0x2271;
    case 0x2208:
      return 0x2209;
    case 0x220B:
      return 0x220C;
    case 0x2261:
      return 0x2262;
    case 0x223C:
      return 0x2241;
    case 0x2248:
      return 0x2249;
    case 0x2243:
      return 0x2244;
    case 0x2245:
      return 0x2247;
    case 0x2282:
      return 0x2284;
    case 0x2283:
      return 0x2285;
    case 0x2286:
      return 0x2288;
    case 0x2287:
      return 0x2289;
    case 0x227A:
      return 0x2280;
    case 0x227B:
      return 0x2281;
    case 0x2223:
      return 0x2224;
    case 0x2225:
      return 0x2226;
    case 0x2192:
      return 0x219B;
    case 0x2190:
      return 0x219A;
    case 0x21D2:
      return 0x21CF;
    case 0x21D4:
      return 0x21CE;
    default:
      return 0;
  }
}

// An ASCII character in math: its code point and class.
MathAtom char_atom(char c, Alphabet a) {
  MathAtom atom;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
    atom.symbol = letter(c, a);
  } else if (c >= '0' && c <= '9') {
    atom.symbol = digit(c, a);
  } else {
    atom.symbol = static_cast<unsigned char>(c);
    switch (c) {
      case '+':
        atom.cls = MathClass::Bin;
        break;
      case '-':
        atom.cls = MathClass::Bin, atom.symbol = 0x2212;
        break;
      case '*':
        atom.cls = MathClass::Bin, atom.symbol = 0x2217;
        break;
      case '=':
      case '<':
      case '>':
      case ':':
        atom.cls = MathClass::Rel;
        break;
      case ',':
      case ';':
        atom.cls = MathClass::Punct;
        break;
      case '(':
      case '[':
        atom.cls = MathClass::Open;
        break;
      case ')':
      case ']':
      case '!':  // `?` is ordinary, as unicode-math has it
        atom.cls = MathClass::Close;
        break;
      default:
        break;
    }
  }
  return atom;
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Printable ASCII that TeX takes as an ordinary math character.
bool plain_char_allowed(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u < 0x20 || u >= 0x7F) return false;
  return c != '%' && c != '#' && c != '&' && c != '$' && c != '~' && c != '\\';
}

struct Token {
  enum Type { Char, Word, Symbol, End } type = End;
  std::string_view text;  // the character, or the command name without backslash
};

// ---------------------------------------------------------------- parser

class Parser {
 public:
  explicit Parser(std::string_view tex) : s_(tex) {}

  MathParse run() {
    MathParse out;
    if (s_.find("^^") != std::string_view::npos) {
      out.bad = "^^";
      return out;
    }
    list(Until::End, out.list, Alphabet::Default);
    out.bad = bad_;
    if (!out.bad.empty()) out.list.clear();
    return out;
  }

 private:
  enum class Until { End, Brace, Bracket, Right };

  std::string_view s_;
  std::size_t pos_ = 0;
  std::string bad_;
  char32_t right_ = 0;  // the delimiter of the \right that ended a Right list

  bool fail(std::string what) {
    if (bad_.empty()) bad_ = what.empty() ? std::string("?") : std::move(what);
    return false;
  }

  void skip_spaces() {
    while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
  }

  Token peek() {
    skip_spaces();
    if (pos_ >= s_.size()) return {};
    if (s_[pos_] != '\\') return {Token::Char, s_.substr(pos_, utf8_lead_length(s_, pos_))};
    std::size_t end = pos_ + 1;
    if (end >= s_.size()) return {Token::Symbol, {}};  // a trailing backslash
    if (!is_ascii_letter(s_[end]))
      return {Token::Symbol, s_.substr(end, utf8_lead_length(s_, end))};
    while (end < s_.size() && is_ascii_letter(s_[end])) ++end;
    return {Token::Word, s_.substr(pos_ + 1, end - pos_ - 1)};
  }

  Token take() {
    const Token t = peek();
    if (t.type == Token::Char) pos_ += t.text.size();
    if (t.type == Token::Symbol) pos_ += 1 + t.text.size();
    if (t.type == Token::Word) pos_ += 1 + t.text.size();
    return t;
  }

  static std::string spelled(const Token& t) {
    if (t.type == Token::Char) return std::string(t.text);
    if (t.type == Token::End) return "end of math";
    return "\\" + std::string(t.text);
  }

  static const Command* find(std::string_view name) {
    const auto it = commands().find(name);
    return it == commands().end() ? nullptr : &it->second;
  }

  // A delimiter after \left, \right or \big; 0 for the null delimiter `.`.
  bool delimiter(char32_t& out) {
    const Token t = take();
    if (t.type == Token::Char) {
      switch (t.text[0]) {
        case '(':
        case ')':
        case '[':
        case ']':
        case '|':
        case '/':
          out = static_cast<unsigned char>(t.text[0]);
          return true;
        case '<':
          out = 0x27E8;
          return true;
        case '>':
          out = 0x27E9;
          return true;
        case '.':
          out = 0;
          return true;
        default:
          break;
      }
    } else if (t.type == Token::Symbol && !t.text.empty()) {
      if (t.text == "{" || t.text == "}") {
        out = static_cast<unsigned char>(t.text[0]);
        return true;
      }
      if (t.text == "|") {
        out = 0x2016;
        return true;
      }
    } else if (t.type == Token::Word) {
      if (const Command* c = find(t.text); c && c->cmd == Cmd::Delimiter) {
        out = c->cp;
        return true;
      }
    }
    return fail(spelled(t));
  }

  // One math field (a character, a {group} or a command with its arguments),
  // appended to `out`.
  bool argument(MathList& out, Alphabet a) {
    const Token t = peek();
    if (t.type == Token::Char) {
      const char c = t.text[0];
      if (c == '{') {
        take();
        MathList group;
        if (!list(Until::Brace, group, a)) return false;
        out.push_back(group_atom(std::move(group)));
        return true;
      }
      if (c == '}' || c == '^' || c == '_' || !plain_char_allowed(c)) return fail(spelled(t));
      take();
      out.push_back(char_atom(c, a));
      return true;
    }
    if (t.type == Token::Symbol) {
      take();
      const auto sym = t.text.empty() ? std::nullopt : control_symbol(t.text[0]);
      if (!sym) return fail(spelled(t));
      out.push_back(simple_atom(*sym, a));
      return true;
    }
    if (t.type == Token::Word) {
      const Command* c = find(t.text);
      if (!c) return fail(spelled(t));
      switch (c->cmd) {
        case Cmd::Symbol:
        case Cmd::Greek:
        case Cmd::Delimiter:
        case Cmd::LargeOp:
        case Cmd::NamedOp:
        case Cmd::Font:
        case Cmd::OperatorName:
        case Cmd::Accent:
        case Cmd::Over:
        case Cmd::Brace:
        case Cmd::Frac:
        case Cmd::Sqrt:
        case Cmd::Space:
        case Cmd::StyleCmd:
          return command(out, a);
        default:
          return fail(spelled(t));
      }
    }
    return fail(spelled(t));
  }

  // A {group}: one atom; a group of a single plain character is that
  // character (TeX does the same, so that it keeps its italic correction).
  static MathAtom group_atom(MathList body) {
    if (body.size() == 1 && body[0].kind == MathAtom::Kind::Symbol &&
        body[0].cls == MathClass::Ord && !body[0].has_sup && !body[0].has_sub)
      return std::move(body[0]);
    MathAtom atom;
    atom.kind = MathAtom::Kind::Group;
    atom.body = std::move(body);
    return atom;
  }

  static MathAtom simple_atom(const Command& c, Alphabet a) {
    MathAtom atom;
    atom.cls = c.cls;
    if (c.cmd == Cmd::Space) {
      atom.kind = MathAtom::Kind::Space;
      atom.space = c.value;
      atom.unit = c.unit;
    } else if (c.cmd == Cmd::StyleCmd) {
      atom.kind = MathAtom::Kind::Style;
      atom.style = static_cast<MathStyle>(static_cast<int>(c.value));
    } else {
      atom.symbol = c.cmd == Cmd::Greek ? greek(c.cp, a) : c.cp;
    }
    return atom;
  }

  // Upright letters as one operator (\sin, \operatorname{...}).
  static MathAtom operator_atom(MathList letters) {
    MathAtom atom;
    atom.kind = MathAtom::Kind::Group;
    atom.cls = MathClass::Op;
    atom.body = std::move(letters);
    return atom;
  }

  // A command and its arguments, appended to `out` as one atom; the command
  // token has not been taken yet.
  bool command(MathList& out, Alphabet a) {
    const Token t = take();
    const Command* c = find(t.text);
    if (!c) return fail(spelled(t));
    switch (c->cmd) {
      case Cmd::Symbol:
      case Cmd::Greek:
      case Cmd::Delimiter:
      case Cmd::Space:
      case Cmd::StyleCmd:
        out.push_back(simple_atom(*c, a));
        return true;
      case Cmd::LargeOp: {
        MathAtom atom = simple_atom(*c, a);
        out.push_back(atom);
        return true;
      }
      case Cmd::NamedOp: {
        MathList letters;
        for (const char ch : t.text) letters.push_back(char_atom(ch, Alphabet::Upright));
        out.push_back(operator_atom(std::move(letters)));
        return true;
      }
      case Cmd::Font: {
        // unicode-math's \symbf{...} (what \mathbf is with mathbf=sym) only
        // remaps the letters: its atoms join the list, and a script after it
        // goes to the last of them.
        MathList body;
        if (!argument(body, static_cast<Alphabet>(static_cast<int>(c->value)))) return false;
        if (body.size() == 1 && body[0].kind == MathAtom::Kind::Group &&
            body[0].cls == MathClass::Ord && !body[0].has_sup && !body[0].has_sub) {
          MathList inner = std::move(body[0].body);
          body = std::move(inner);
        }
        for (MathAtom& atom : body) out.push_back(std::move(atom));
        return true;
      }
      case Cmd::OperatorName: {
        MathList body;
        if (!argument(body, Alphabet::Upright)) return false;
        MathAtom atom = operator_atom(std::move(body));
        atom.limits = -1;
        out.push_back(std::move(atom));
        return true;
      }
      case Cmd::Accent:
      case Cmd::Over:
      case Cmd::Brace: {
        MathAtom atom;
        atom.kind = c->cmd == Cmd::Accent ? MathAtom::Kind::Accent
                    : c->cmd == Cmd::Over ? MathAtom::Kind::Overline
                                          : MathAtom::Kind::Brace;
        atom.cls = c->cls;
        atom.symbol = c->cp;
        atom.under = c->cmd != Cmd::Accent && c->value != 0;
        atom.wide = c->cmd == Cmd::Accent && c->value != 0;
        if (!argument(atom.body, a)) return false;
        out.push_back(std::move(atom));
        return true;
      }
      case Cmd::Frac: {
        MathAtom atom;
        atom.kind = MathAtom::Kind::Fraction;
        if (!argument(atom.body, a) || !argument(atom.denominator, a)) return false;
        out.push_back(std::move(atom));
        return true;
      }
      case Cmd::Sqrt: {
        MathAtom atom;
        atom.kind = MathAtom::Kind::Radical;
        if (peek().type == Token::Char && peek().text == "[") {
          take();
          if (!list(Until::Bracket, atom.index, a)) return false;
          atom.has_index = true;
        }
        if (!argument(atom.body, a)) return false;
        out.push_back(std::move(atom));
        return true;
      }
      case Cmd::Big: {
        MathAtom atom;
        atom.kind = MathAtom::Kind::BigDelim;
        atom.cls = c->cls;
        atom.big = static_cast<int>(c->value);
        if (!delimiter(atom.symbol)) return false;
        out.push_back(std::move(atom));
        return true;
      }
      case Cmd::Not: {
        const Token next = peek();
        MathAtom atom;
        atom.cls = MathClass::Rel;
        if (next.type == Token::Char && next.text != "{" && next.text != "}" &&
            plain_char_allowed(next.text[0]) && next.text != "^" && next.text != "_") {
          take();
          atom = char_atom(next.text[0], a);
        } else if (const Command* n = next.type == Token::Word ? find(next.text) : nullptr;
                   n && (n->cmd == Cmd::Symbol || n->cmd == Cmd::Greek)) {
          take();
          atom = simple_atom(*n, a);
        } else {
          return fail(spelled(next));
        }
        atom.cls = MathClass::Rel;
        if (const char32_t one = negated(atom.symbol)) {
          atom.symbol = one;
        } else {
          atom.negated = true;
        }
        out.push_back(std::move(atom));
        return true;
      }
      default:  // \left, \right and \limits are handled by list()
        return fail(spelled(t));
    }
  }

  // A math list up to `until`; the opening brace, bracket or \left has been
  // taken.
  bool list(Until until, MathList& out, Alphabet a) {
    bool superscript = false, subscript = false, after_op = false;
    int primes = 0;
    std::size_t target = 0;  // the atom scripts attach to: out[target - 1]; 0: none
    const auto new_atom = [&] {
      finish_primes(out, target, primes);
      superscript = subscript = after_op = false;
      target = out.size();
    };
    // The atom the next script goes to: the last one, unless a space or
    // style came after it (TeX then starts an empty atom).
    const auto script_target = [&]() -> MathAtom& {
      if (target == 0 || target != out.size()) {
        out.emplace_back();
        out.back().kind = MathAtom::Kind::Group;
        target = out.size();
      }
      return out[target - 1];
    };
    for (;;) {
      const Token t = peek();
      if (t.type == Token::End) {
        if (until == Until::Brace) return fail("{");
        if (until == Until::Bracket) return fail("[");
        if (until == Until::Right) return fail("\\left");
        new_atom();
        return true;
      }
      if (t.type == Token::Char) {
        const char c = t.text[0];
        if (c == '}' || (c == ']' && until == Until::Bracket)) {
          if (until == Until::Right) return fail("\\left");
          if ((c == '}') != (until == Until::Brace)) return fail(spelled(t));
          take();
          new_atom();
          return true;
        }
        if (c == '^' || c == '_') {
          take();
          if (c == '^' && superscript) return fail("^");
          if (c == '_' && subscript) return fail("_");
          (c == '^' ? superscript : subscript) = true;
          after_op = false;
          MathAtom& base = script_target();
          MathList script;
          if (!argument(script, a)) return false;
          MathList& into = c == '^' ? base.sup : base.sub;
          (c == '^' ? base.has_sup : base.has_sub) = true;
          for (MathAtom& s : script) into.push_back(std::move(s));
          continue;
        }
        if (c == '\'') {
          take();
          if (superscript) return fail("'");
          script_target();
          ++primes;
          continue;
        }
        if (c == '{') {
          take();
          MathList group;
          if (!list(Until::Brace, group, a)) return false;
          new_atom();
          out.push_back(group_atom(std::move(group)));
          target = out.size();
          continue;
        }
        if (!plain_char_allowed(c)) return fail(spelled(t));
        take();
        new_atom();
        out.push_back(char_atom(c, a));
        target = out.size();
        continue;
      }
      if (t.type == Token::Symbol) {
        take();
        const auto sym = t.text.empty() ? std::nullopt : control_symbol(t.text[0]);
        if (!sym) return fail(spelled(t));
        if (sym->cmd != Cmd::Space) new_atom();
        out.push_back(simple_atom(*sym, a));
        if (sym->cmd != Cmd::Space) target = out.size();
        continue;
      }
      // a control word
      const Command* cmd = find(t.text);
      if (!cmd) return fail(spelled(t));
      if (cmd->cmd == Cmd::Limits) {
        take();
        if (!after_op) return fail(spelled(t));
        out[target - 1].limits = static_cast<int>(cmd->value);
        continue;
      }
      if (cmd->cmd == Cmd::Left) {
        take();
        MathAtom fenced;
        fenced.kind = MathAtom::Kind::Fenced;
        fenced.cls = MathClass::Inner;
        if (!delimiter(fenced.left)) return false;
        if (!list(Until::Right, fenced.body, a)) return false;
        fenced.right = right_;
        new_atom();
        out.push_back(std::move(fenced));
        target = out.size();
        continue;
      }
      if (cmd->cmd == Cmd::Right) {
        take();
        if (until != Until::Right) return fail(spelled(t));
        if (!delimiter(right_)) return false;
        new_atom();
        return true;
      }
      const bool is_op =
          cmd->cmd == Cmd::LargeOp || cmd->cmd == Cmd::NamedOp || cmd->cmd == Cmd::OperatorName;
      const bool is_space = cmd->cmd == Cmd::Space || cmd->cmd == Cmd::StyleCmd;
      if (!is_space) new_atom();
      if (!command(out, a)) return false;
      if (!is_space) target = out.size();
      after_op = is_op;
    }
  }

  // x' and x'' take their primes as the first superscript characters.
  static void finish_primes(MathList& out, std::size_t target, int& primes) {
    if (primes == 0 || target == 0) return;
    // One character for up to four primes; more are single primes 1.5 mu
    // apart (unicode-math's \__um_nprimes).
    static constexpr char32_t kPrimes[] = {0x2032, 0x2033, 0x2034, 0x2057};
    MathAtom& base = out[target - 1];
    MathList marks;
    for (int i = 0; i < (primes <= 4 ? 1 : primes); ++i) {
      if (i > 0) {
        MathAtom kern;
        kern.kind = MathAtom::Kind::Space;
        kern.space = -1.5;
        marks.push_back(kern);
      }
      MathAtom mark;
      mark.symbol = kPrimes[primes <= 4 ? primes - 1 : 0];
      marks.push_back(mark);
    }
    for (MathAtom& s : base.sup) marks.push_back(std::move(s));
    base.sup = std::move(marks);
    base.has_sup = true;
    primes = 0;
  }
};

void collect(const MathList& list, std::u32string& out) {
  for (const MathAtom& atom : list) {
    if (atom.left) out += atom.left;
    if (atom.symbol) out += atom.symbol;
    if (atom.negated) out += U'\u0338';
    collect(atom.index, out);
    collect(atom.body, out);
    collect(atom.denominator, out);
    if (atom.right) out += atom.right;
    collect(atom.sup, out);
    collect(atom.sub, out);
  }
}

}  // namespace

MathParse parse_math(std::string_view tex) { return Parser(tex).run(); }

std::u32string math_chars(const MathList& list) {
  std::u32string out;
  collect(list, out);
  return out;
}

}  // namespace cvpress
