#include "latex/escape.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <unordered_map>

#include "text/math.h"
#include "text/uri.h"
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

std::string comment_text(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    const auto cp = next_code_point(utf8, i);
    if (!cp) continue;
    if (is_line_space(*cp) || is_control(*cp)) {
      out += ' ';
      continue;
    }
    append_utf8(out, *cp);
  }
  return out;
}

std::string escape_url(std::string_view url) {
  // Inside \href, hyperref turns \# \% \~ \& \_ and \\ into the characters
  // (even when the \href sits in another macro's argument, where it cannot
  // change catcodes); `\$` would print \TU\textdollar and `^^` is TeX's
  // character code notation, so $ and ^ come as \string$ and \string^;
  // braces, which must stay balanced in the source, as the kernel's
  // \@charlb and \@charrb. Compiled and read back by tests/e2e.
  std::string out;
  const std::string uri = link_uri(url);
  out.reserve(uri.size() + uri.size() / 8);
  for (const char ch : uri) {
    switch (ch) {
      case '#':
      case '%':
      case '~':
      case '&':
      case '_':
      case '\\':
        out += '\\';
        out += ch;
        break;
      case '$':
      case '^':
        out += "\\string";
        out += ch;
        break;
      case '{':
        out += "\\csname @charlb\\endcsname ";
        break;
      case '}':
        out += "\\csname @charrb\\endcsname ";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

std::string check_math(std::string_view tex, std::string* bad_command) {
  // The parser the layout typesets with decides what TeX may see.
  std::string bad = parse_math(tex).bad;
  if (bad_command) *bad_command = bad;
  if (!bad.empty()) return {};
  std::string out(tex);
  for (char& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out;
}

}  // namespace cvpress
