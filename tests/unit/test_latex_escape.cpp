#include <catch2/catch.hpp>

#include <string>

#include "latex/escape.h"
#include "text/uri.h"

using cvpress::check_math;
using cvpress::escape_text;
using cvpress::escape_url;
using cvpress::link_uri;

TEST_CASE("escape_text turns every TeX special character into a command", "[latex]") {
  CHECK(escape_text("\\") == "\\textbackslash{}");
  CHECK(escape_text("{") == "\\{");
  CHECK(escape_text("}") == "\\}");
  CHECK(escape_text("$") == "\\$");
  CHECK(escape_text("&") == "\\&");
  CHECK(escape_text("#") == "\\#");
  CHECK(escape_text("^") == "\\textasciicircum{}");
  CHECK(escape_text("_") == "\\_");
  CHECK(escape_text("~") == "\\textasciitilde{}");
  CHECK(escape_text("%") == "\\%");
  CHECK(escape_text("R&D: 100% of $5 #1 a_b ~x^2") ==
        "R\\&D: 100\\% of \\$5 \\#1 a\\_b \\textasciitilde{}x\\textasciicircum{}2");
}

TEST_CASE("escape_text keeps apart pairs that a TeX ligature could merge", "[latex]") {
  CHECK(escape_text("a--b") == "a-{}-b");
  CHECK(escape_text("---") == "-{}-{}-");
  CHECK(escape_text("``quoted''") == "`{}`quoted'{}'");
  CHECK(escape_text("!` ?`") == "!{}` ?{}`");
  CHECK(escape_text("<<a>> ,,b") ==
        "<{}<a>{}> ,{},"
        "b");
  // Single characters and other punctuation pass unchanged.
  CHECK(escape_text("a-b <c> |d| \"e\" 'f' `g`") == "a-b <c> |d| \"e\" 'f' `g`");
}

TEST_CASE("escape_text neutralises TeX commands and broken groups", "[latex]") {
  CHECK(escape_text("\\input{/etc/passwd}") == "\\textbackslash{}input\\{/etc/passwd\\}");
  CHECK(escape_text("\\write18{rm -rf /}") == "\\textbackslash{}write18\\{rm -rf /\\}");
  CHECK(escape_text("\\end{document}") == "\\textbackslash{}end\\{document\\}");
  CHECK(escape_text("}{") == "\\}\\{");
  CHECK(escape_text("trailing\\") == "trailing\\textbackslash{}");
  CHECK(escape_text("^^5cinput") == "\\textasciicircum{}\\textasciicircum{}5cinput");
  CHECK(escape_text("\\catcode`\\@=11") == "\\textbackslash{}catcode`\\textbackslash{}@=11");
  // No output of escape_text contains an unescaped special character.
  const std::string all = escape_text("\\{}$&#^_~% \\\\ {{ }}");
  for (std::size_t i = 0; i < all.size(); ++i) {
    const char c = all[i];
    if (c == '$' || c == '&' || c == '#' || c == '%' || c == '_')
      CHECK((i > 0 && all[i - 1] == '\\'));
    CHECK(c != '^');
    CHECK(c != '~');
  }
}

TEST_CASE("escape_text drops control characters and folds white space", "[latex]") {
  CHECK(escape_text(std::string("a\0b", 3)) == "ab");
  CHECK(escape_text("a\x01\x1b\x7f"
                    "b") == "ab");
  CHECK(escape_text("a\u0085b") == "ab");  // C1 control (NEL)
  CHECK(escape_text("line one\nline two\r\n\tend") == "line one line two end");
  CHECK(escape_text("a    b") == "a b");
  CHECK(escape_text("a\n\nb") == "a b");  // a blank line would be \par
  CHECK(escape_text(" edge ") == " edge ");
}

TEST_CASE("escape_text passes UTF-8 through and drops invalid bytes", "[latex]") {
  const std::string unicode = "Čech – Ärger — ünïcödé · 北京 • € ✓ 😀 ﬁ";
  CHECK(escape_text(unicode) == unicode);
  CHECK(escape_text("a\xC0\xAF"
                    "b") == "ab");  // overlong "/"
  CHECK(escape_text("a\xED\xA0\x80"
                    "b") == "ab");  // a surrogate
  CHECK(escape_text("a\xFF\xFE"
                    "b") == "ab");
  CHECK(escape_text("trunc\xE2\x82") == "trunc");
  CHECK(escape_text("a\u00A0b") == "a\u00A0b");  // no-break space stays a character
}

TEST_CASE("link_uri keeps printable ASCII and percent-encodes the rest", "[latex]") {
  CHECK(link_uri("https://example.com/a_b?x=1&y=2#top") == "https://example.com/a_b?x=1&y=2#top");
  CHECK(link_uri("http://x/{a}\\b^c$\"<>|`~%41") == "http://x/{a}\\b^c$\"<>|`~%41");
  CHECK(link_uri("http://x/a b") == "http://x/a%20b");
  CHECK(link_uri("http://x/é") == "http://x/%C3%A9");
  CHECK(link_uri("http://x/\n\t\x01y\x7F") == "http://x/y");
  // hyperref splits at the first `#`: a second one is encoded, an empty fragment dropped.
  CHECK(link_uri("http://x/a#b#c") == "http://x/a#b%23c");
  CHECK(link_uri("http://x/a#") == "http://x/a");
}

TEST_CASE("escape_url escapes what hyperref's \\href needs escaped", "[latex]") {
  CHECK(escape_url("https://example.com/a_b?x=1&y=2#top") ==
        "https://example.com/a\\_b?x=1\\&y=2\\#top");
  CHECK(escape_url("https://example.com/%7Euser/~me") == "https://example.com/\\%7Euser/\\~me");
  CHECK(escape_url("http://x/$5^2\\") == "http://x/\\string$5\\string^2\\\\");
  CHECK(escape_url("http://x/{a}") ==
        "http://x/\\csname @charlb\\endcsname a\\csname @charrb\\endcsname ");
  CHECK(escape_url("http://x/\"<>|`'") == "http://x/\"<>|`'");
  CHECK(escape_url("http://x/a bé") == "http://x/a\\%20b\\%C3\\%A9");
  // No raw special character survives: the only commands are the escapes.
  const std::string url = escape_url("\\input{/etc/passwd}}{^^5c%#~&_$\\");
  CHECK(url.find("^^") == std::string::npos);
  std::string rest = url;
  for (const char* escape : {"\\csname @charlb\\endcsname ", "\\csname @charrb\\endcsname ",
                             "\\string", "\\\\", "\\%", "\\#", "\\~", "\\&", "\\_"}) {
    for (size_t at = rest.find(escape); at != std::string::npos; at = rest.find(escape))
      rest.erase(at, std::string(escape).size());
  }
  CHECK(rest == "input/etc/passwd^^5c$");
}

namespace {

// The offending command, or "" when the math is accepted.
std::string rejected(const std::string& tex) {
  std::string bad = "unchanged";
  const std::string out = check_math(tex, &bad);
  if (bad.empty()) CHECK(!out.empty() == !tex.empty());
  return bad;
}

}  // namespace

TEST_CASE("check_math accepts ordinary formulas", "[latex]") {
  for (const char* tex : {
           "x^2 + y^2 = z^2",
           "\\alpha + \\beta \\leq \\Gamma",
           "O(n \\log n)",
           "\\frac{a}{b} \\cdot \\sqrt{2}",
           "\\frac12",
           "\\sqrt[3]{x}",
           "\\left( \\frac{x}{y} \\right)^{2}",
           "\\left\\{ x \\right.",
           "\\big( a \\big) \\Bigl[ b \\Bigr]",
           "\\sum_{i=1}^{n} i \\approx \\int_0^\\infty f",
           "\\sum\\limits_{k} a_k",
           "\\mathrm{FP8} \\times \\mathbf{A} \\to \\mathsf{B} \\neq \\mathit{c}",
           "\\operatorname{TopK}(x)",
           "a \\, b \\! c \\; d \\: e \\quad f \\qquad g",
           "\\{ a \\} \\| b \\|",
           "10^{-3} \\pm 0.5\\%",
           "f'(x) = x'^2",
           "\\hat{x} \\bar y \\vec{v} \\tilde{\\theta}",
           "\\partial_t u = \\nabla \\cdot \\nabla u",
           "\\ldots \\cdots \\infty \\sim \\equiv",
           "\\not= \\not\\in",
           "x_{i,j}^{(k)}",
           "\\langle a, b \\rangle",
       }) {
    INFO(tex);
    CHECK(rejected(tex) == "");
  }
  std::string bad = "stale";
  CHECK(check_math("a\nb", &bad) == "a b");
  CHECK(bad.empty());
  CHECK(check_math("x", nullptr) == "x");
}

TEST_CASE("check_math rejects anything outside the allow-list", "[latex]") {
  CHECK(rejected("\\input{/etc/passwd}") == "\\input");
  CHECK(rejected("\\write18{touch /tmp/x}") == "\\write");
  CHECK(rejected("x \\def\\a{b}") == "\\def");
  CHECK(rejected("\\catcode`\\@=11") == "\\catcode");
  CHECK(rejected("\\csname input\\endcsname") == "\\csname");
  CHECK(rejected("\\end{document}") == "\\end");
  CHECK(rejected("\\expandafter x") == "\\expandafter");
  CHECK(rejected("\\immediate") == "\\immediate");
  CHECK(rejected("\\text{x}") == "\\text");
  CHECK(rejected("a \\\\ b") == "\\\\");
  CHECK(rejected("x \\") == "\\");
  CHECK(rejected("x^^5cinput") == "^^");
  CHECK(rejected("a % comment") == "%");
  CHECK(rejected("a # b") == "#");
  CHECK(rejected("a & b") == "&");
  CHECK(rejected("a $ b") == "$");
  CHECK(rejected("a ~ b") == "~");
  CHECK(rejected("α + 1") == "α");
  CHECK(rejected(std::string("a\x01") + "b") == "\x01");
}

TEST_CASE("check_math rejects math TeX could not typeset", "[latex]") {
  CHECK(rejected("}{") == "}");
  CHECK(rejected("{x") == "{");
  CHECK(rejected("x}") == "}");
  CHECK(rejected("\\left( x") == "\\left");
  CHECK(rejected("x \\right)") == "\\right");
  CHECK(rejected("{\\left( x} \\right)") == "\\left");
  CHECK(rejected("\\left x") == "x");
  CHECK(rejected("x^") == "end of math");
  CHECK(rejected("x_}") == "}");
  CHECK(rejected("x^2^3") == "^");
  CHECK(rejected("x_1_2") == "_");
  CHECK(rejected("x^2'") == "'");
  CHECK(rejected("\\frac{a}") == "end of math");
  CHECK(rejected("\\sqrt[3") == "[");
  CHECK(rejected("\\big x") == "x");
  CHECK(rejected("a \\limits") == "\\limits");
  CHECK(rejected("x^\\left(") == "\\left");
}

TEST_CASE("comment_text keeps a comment on one line of valid UTF-8", "[latex]") {
  // yaml-cpp turns YAML's "\N" into a lone 0x85 byte: malformed, dropped.
  CHECK(cvpress::comment_text("Bad\x85name") == "Badname");
  CHECK(cvpress::comment_text("a\nb\rc\td\x01"
                              "e\x7F"
                              "f") == "a b c d e f");
  // NEL, LINE and PARAGRAPH SEPARATOR: line ends to some editors.
  CHECK(cvpress::comment_text("a\xC2\x85z \xE2\x80\xA8y\xE2\x80\xA9x") == "a z  y x");
  CHECK(cvpress::comment_text("Łukasiewicz-Müller — CV % \\input{x}") ==
        "Łukasiewicz-Müller — CV % \\input{x}");
  CHECK(cvpress::comment_text("\xF0\x9F\x98\x80 \xC3\x28 \xED\xA0\x80") == "\xF0\x9F\x98\x80 ( ");
}
