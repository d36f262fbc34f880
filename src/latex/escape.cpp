#include "latex/escape.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <unordered_map>

#include "text/utf8.h"

namespace cvpress {
namespace {

bool is_line_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029;
}

bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

// ---------------------------------------------------------------- text

// The LaTeX command that prints one of TeX's special characters, or nullptr.
const char* special_char_command(char32_t cp) {
  switch (cp) {
    case '\\':
      return "\\textbackslash{}";
    case '{':
      return "\\{";
    case '}':
      return "\\}";
    case '$':
      return "\\$";
    case '&':
      return "\\&";
    case '#':
      return "\\#";
    case '%':
      return "\\%";
    case '_':
      return "\\_";
    case '^':
      return "\\textasciicircum{}";
    case '~':
      return "\\textasciitilde{}";
    case 0x200B:  // a soft break in an over-long word: breakable, no width
      return "\\hskip0bp\\relax ";
    default:
      return nullptr;
  }
}

// Pairs that TeX's font ligatures (tex-text mapping, OT1/T1 ligature tables)
// would merge into one glyph: -- `` '' !` ?` << >> ,,
bool could_ligate(char32_t prev, char32_t cp) {
  switch (cp) {
    case '-':
      return prev == '-';
    case '`':
      return prev == '`' || prev == '!' || prev == '?';
    case '\'':
      return prev == '\'';
    case '<':
      return prev == '<';
    case '>':
      return prev == '>';
    case ',':
      return prev == ',';
    default:
      return false;
  }
}

// ---------------------------------------------------------------- math

enum class MathKind {
  Symbol,    // takes no argument
  Op,        // large or named operator: may be followed by \limits
  Limits,    // \limits, \nolimits
  Arg1,      // one argument: fonts, accents, \operatorname
  Arg2,      // \frac
  Sqrt,      // [optional] then one argument
  Left,      // \left: a delimiter, then a matching \right
  Right,     // \right: a delimiter
  Delim,     // \big... : a delimiter
  Not,       // \not: one symbol
  Delimiter  // a delimiter symbol (also usable as a Symbol)
};

const std::unordered_map<std::string_view, MathKind>& math_commands() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string_view, MathKind>;
    const auto add = [t](MathKind kind, std::initializer_list<std::string_view> names) {
      for (auto name : names) t->emplace(name, kind);
    };
    add(MathKind::Symbol,
        {// Greek
         "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta",
         "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "varpi", "rho", "varrho",
         "sigma", "varsigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega", "Gamma",
         "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
         // binary operators
         "cdot", "times", "pm", "mp", "div", "ast", "star", "circ", "bullet", "cap", "cup", "uplus",
         "sqcap", "sqcup", "vee", "wedge", "lor", "land", "setminus", "wr", "diamond", "oplus",
         "ominus", "otimes", "oslash", "odot", "dagger", "ddagger", "amalg",
         // relations
         "leq", "le", "geq", "ge", "neq", "ne", "approx", "sim", "simeq", "cong", "equiv", "propto",
         "ll", "gg", "subset", "supset", "subseteq", "supseteq", "sqsubseteq", "sqsupseteq", "in",
         "ni", "notin", "mid", "parallel", "perp", "prec", "succ", "preceq", "succeq", "asymp",
         "doteq", "models", "vdash", "dashv", "bowtie", "smile", "frown",
         // arrows
         "to", "gets", "rightarrow", "leftarrow", "leftrightarrow", "Rightarrow", "Leftarrow",
         "Leftrightarrow", "longrightarrow", "longleftarrow", "longleftrightarrow",
         "Longrightarrow", "Longleftarrow", "Longleftrightarrow", "mapsto", "longmapsto", "iff",
         "nearrow", "searrow", "swarrow", "nwarrow", "hookleftarrow", "hookrightarrow",
         "leftharpoonup", "rightharpoonup", "leftharpoondown", "rightharpoondown",
         // miscellaneous symbols
         "infty", "partial", "nabla", "forall", "exists", "neg", "lnot", "emptyset", "ell", "hbar",
         "Re", "Im", "aleph", "wp", "prime", "angle", "triangle", "top", "bot", "surd", "imath",
         "jmath", "colon", "ldotp", "cdotp", "ldots", "cdots", "vdots", "ddots", "dots",
         // spacing and math styles
         "quad", "qquad", "displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle"});
    add(MathKind::Delimiter, {"langle", "rangle", "lfloor", "rfloor", "lceil", "rceil", "lbrace",
                              "rbrace", "vert", "Vert", "backslash", "uparrow", "downarrow",
                              "updownarrow", "Uparrow", "Downarrow", "Updownarrow"});
    add(MathKind::Op,
        {"sum",    "prod",     "coprod",  "int",       "oint",     "bigcap",   "bigcup", "bigsqcup",
         "bigvee", "bigwedge", "bigodot", "bigotimes", "bigoplus", "biguplus", "arccos", "arcsin",
         "arctan", "arg",      "cos",     "cosh",      "cot",      "coth",     "csc",    "deg",
         "det",    "dim",      "exp",     "gcd",       "hom",      "inf",      "ker",    "lg",
         "lim",    "liminf",   "limsup",  "ln",        "log",      "max",      "min",    "Pr",
         "sec",    "sin",      "sinh",    "sup",       "tan",      "tanh"});
    add(MathKind::Limits, {"limits", "nolimits"});
    add(MathKind::Arg1,
        {"mathrm",       "mathbf",    "mathsf",    "mathit",    "mathtt",   "mathcal", "mathnormal",
         "operatorname", "hat",       "check",     "breve",     "acute",    "grave",   "tilde",
         "bar",          "vec",       "dot",       "ddot",      "mathring", "widehat", "widetilde",
         "overline",     "underline", "overbrace", "underbrace"});
    add(MathKind::Arg2, {"frac"});
    add(MathKind::Sqrt, {"sqrt"});
    add(MathKind::Left, {"left"});
    add(MathKind::Right, {"right"});
    add(MathKind::Delim, {"big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl",
                          "biggr", "Biggl", "Biggr", "bigm", "Bigm", "biggm", "Biggm"});
    add(MathKind::Not, {"not"});
    return t;
  }();
  return *table;
}

// Control symbols allowed in math: spacing, escaped braces and specials.
bool allowed_math_symbol(char c) {
  switch (c) {
    case ',':
    case '!':
    case ';':
    case ':':
    case '>':
    case ' ':
    case '{':
    case '}':
    case '|':
    case '%':
    case '#':
    case '&':
    case '$':
    case '_':
      return true;
    default:
      return false;
  }
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

struct MathToken {
  enum Type { Char, Word, Symbol, End } type = End;
  std::string_view text;  // the character, or the command name without backslash
};

// A recursive-descent check of a TeX math list. It does not typeset; it makes
// sure TeX will neither run anything outside the allow-list nor stop with an
// error (unbalanced groups, missing arguments, double scripts, bad \left).
class MathChecker {
 public:
  explicit MathChecker(std::string_view tex) : s_(tex) {}

  // Returns the offending command or character, or "" when the math is fine.
  std::string run() {
    if (s_.find("^^") != std::string_view::npos) return "^^";
    list(Until::End);
    return bad_;
  }

 private:
  enum class Until { End, Brace, Bracket };

  std::string_view s_;
  std::size_t pos_ = 0;
  std::string bad_;

  bool fail(std::string what) {
    if (bad_.empty()) bad_ = what.empty() ? std::string("?") : std::move(what);
    return false;
  }

  static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  void skip_spaces() {
    while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
  }

  MathToken peek() {
    skip_spaces();
    if (pos_ >= s_.size()) return {};
    if (s_[pos_] != '\\') return {MathToken::Char, s_.substr(pos_, utf8_lead_length(s_, pos_))};
    std::size_t end = pos_ + 1;
    if (end >= s_.size()) return {MathToken::Symbol, {}};  // a trailing backslash
    if (!is_ascii_letter(s_[end]))
      return {MathToken::Symbol, s_.substr(end, utf8_lead_length(s_, end))};
    while (end < s_.size() && is_ascii_letter(s_[end])) ++end;
    return {MathToken::Word, s_.substr(pos_ + 1, end - pos_ - 1)};
  }

  MathToken take() {
    MathToken t = peek();
    if (t.type == MathToken::Char) pos_ += t.text.size();
    if (t.type == MathToken::Symbol) pos_ += 1 + t.text.size();
    if (t.type == MathToken::Word) pos_ += 1 + t.text.size();
    return t;
  }

  static std::string spelled(const MathToken& t) {
    if (t.type == MathToken::Char) return std::string(t.text);
    if (t.type == MathToken::End) return "end of math";
    return "\\" + std::string(t.text);
  }

  static bool plain_char_allowed(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7F) return false;
    switch (c) {
      case '%':
      case '#':
      case '&':
      case '$':
      case '~':
      case '\\':
        return false;
      default:
        return true;
    }
  }

  std::optional<MathKind> kind_of(std::string_view name) const {
    const auto& table = math_commands();
    const auto it = table.find(name);
    if (it == table.end()) return std::nullopt;
    return it->second;
  }

  // A delimiter after \left, \right or \big.
  bool delimiter() {
    const MathToken t = take();
    if (t.type == MathToken::Char) {
      static constexpr std::string_view kDelims = "()[]|/.<>";
      if (kDelims.find(t.text[0]) != std::string_view::npos) return true;
    } else if (t.type == MathToken::Symbol) {
      if (t.text == "{" || t.text == "}" || t.text == "|") return true;
    } else if (t.type == MathToken::Word) {
      if (kind_of(t.text) == MathKind::Delimiter) return true;
    }
    return fail(spelled(t));
  }

  // One math field: a character, a {group} or a command with its arguments.
  bool argument() {
    const MathToken t = peek();
    if (t.type == MathToken::Char) {
      const char c = t.text[0];
      if (c == '{') {
        take();
        return list(Until::Brace);
      }
      if (c == '}' || c == '^' || c == '_' || !plain_char_allowed(c)) return fail(spelled(t));
      take();
      return true;
    }
    if (t.type == MathToken::Symbol) {
      take();
      return allowed_math_symbol(t.text.empty() ? '\\' : t.text[0]) ? true : fail(spelled(t));
    }
    if (t.type == MathToken::Word) {
      const auto kind = kind_of(t.text);
      if (!kind) return fail(spelled(t));
      switch (*kind) {
        case MathKind::Symbol:
        case MathKind::Delimiter:
        case MathKind::Op:
        case MathKind::Arg1:
        case MathKind::Arg2:
        case MathKind::Sqrt:
          return command();
        default:
          return fail(spelled(t));
      }
    }
    return fail(spelled(t));
  }

  // A command and its arguments; the command token has not been taken yet.
  bool command() {
    const MathToken t = take();
    const auto kind = kind_of(t.text);
    if (!kind) return fail(spelled(t));
    switch (*kind) {
      case MathKind::Symbol:
      case MathKind::Delimiter:
      case MathKind::Op:
        return true;
      case MathKind::Arg1:
        return argument();
      case MathKind::Arg2:
        return argument() && argument();
      case MathKind::Sqrt:
        if (peek().type == MathToken::Char && peek().text == "[") {
          take();
          if (!list(Until::Bracket)) return false;
        }
        return argument();
      case MathKind::Delim:
        return delimiter();
      case MathKind::Not: {
        const MathToken next = peek();
        if (next.type == MathToken::Char && next.text != "{" && next.text != "}" &&
            plain_char_allowed(next.text[0]) && next.text != "^" && next.text != "_") {
          take();
          return true;
        }
        if (next.type == MathToken::Word && kind_of(next.text) == MathKind::Symbol) {
          take();
          return true;
        }
        return fail(spelled(next));
      }
      default:  // \left, \right and \limits are handled by list()
        return fail(spelled(t));
    }
  }

  // A math list up to `until`; the opening brace or bracket has been taken.
  bool list(Until until) {
    int open_lefts = 0;
    bool superscript = false, subscript = false, prime = false, after_op = false;
    const auto new_atom = [&] { superscript = subscript = prime = after_op = false; };
    for (;;) {
      const MathToken t = peek();
      if (t.type == MathToken::End) {
        if (until == Until::Brace) return fail("{");
        if (until == Until::Bracket) return fail("[");
        return open_lefts == 0 ? true : fail("\\left");
      }
      if (t.type == MathToken::Char) {
        const char c = t.text[0];
        if (c == '}' || (c == ']' && until == Until::Bracket)) {
          if ((c == '}') != (until == Until::Brace)) return fail(spelled(t));
          if (open_lefts != 0) return fail("\\left");
          take();
          return true;
        }
        if (c == '^' || c == '_') {
          take();
          if (c == '^' && superscript) return fail("^");
          if (c == '_' && subscript) return fail("_");
          (c == '^' ? superscript : subscript) = true;
          after_op = false;
          if (!argument()) return false;
          continue;
        }
        if (c == '\'') {
          take();
          if (superscript) return fail("'");
          prime = true;
          continue;
        }
        if (c == '{') {
          take();
          if (!list(Until::Brace)) return false;
          new_atom();
          continue;
        }
        if (!plain_char_allowed(c)) return fail(spelled(t));
        take();
        new_atom();
        continue;
      }
      if (t.type == MathToken::Symbol) {
        take();
        if (t.text.empty() || !allowed_math_symbol(t.text[0])) return fail(spelled(t));
        if (t.text != "," && t.text != "!" && t.text != ";" && t.text != ":" && t.text != ">" &&
            t.text != " ")
          new_atom();
        continue;
      }
      // a control word
      const auto kind = kind_of(t.text);
      if (!kind) return fail(spelled(t));
      if (*kind == MathKind::Limits) {
        take();
        if (!after_op) return fail(spelled(t));
        continue;
      }
      if (*kind == MathKind::Left) {
        take();
        if (!delimiter()) return false;
        ++open_lefts;
        new_atom();
        continue;
      }
      if (*kind == MathKind::Right) {
        take();
        if (open_lefts == 0) return fail(spelled(t));
        if (!delimiter()) return false;
        --open_lefts;
        new_atom();
        continue;
      }
      const bool is_op = *kind == MathKind::Op || t.text == "operatorname";
      if (!command()) return false;
      new_atom();
      after_op = is_op;
    }
  }
};

}  // namespace

std::string escape_text(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size() + utf8.size() / 8);
  char32_t prev = 0;  // the last character written literally, 0 after a command
  for (std::size_t i = 0; i < utf8.size();) {
    const auto cp = next_code_point(utf8, i);
    if (!cp) continue;
    if (is_line_space(*cp)) {
      if (out.empty() || out.back() != ' ') out += ' ';
      prev = ' ';
      continue;
    }
    if (is_control(*cp)) continue;
    if (const char* command = special_char_command(*cp)) {
      out += command;
      prev = 0;
      continue;
    }
    if (could_ligate(prev, *cp)) out += "{}";
    append_utf8(out, *cp);
    prev = *cp;
  }
  return out;
}

std::string escape_url(std::string_view url) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(url.size());
  for (const char ch : url) {
    const auto byte = static_cast<unsigned char>(ch);
    if (byte < 0x20 || byte == 0x7F) continue;
    switch (ch) {
      case '#':
      case '%':
      case '&':
      case '_':
      case '~':
      case '$':
        out += '\\';
        out += ch;
        continue;
      case ' ':
      case '\\':
      case '{':
      case '}':
      case '^':
      case '"':
      case '<':
      case '>':
      case '|':
      case '`':
        break;  // percent-encoded below
      default:
        if (byte < 0x80) {
          out += ch;
          continue;
        }
    }
    out += "\\%";
    out += kHex[byte >> 4];
    out += kHex[byte & 0x0F];
  }
  return out;
}

std::string check_math(std::string_view tex, std::string* bad_command) {
  std::string bad = MathChecker(tex).run();
  if (bad_command) *bad_command = bad;
  if (!bad.empty()) return {};
  std::string out(tex);
  for (char& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out;
}

}  // namespace cvpress
