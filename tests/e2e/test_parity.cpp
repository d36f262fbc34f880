// The LaTeX output compiles with XeLaTeX and LuaLaTeX to the pages the direct
// PDF has: same page count, same words in the same order, the same lines, in
// every built-in style. One TEST_CASE per style and engine, so that ctest
// runs them side by side.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <sstream>

#include "support.h"

using namespace cvpress::test;

namespace {

struct Case {
  std::string input;    // relative to the source tree
  std::string variant;  // full | onepage
  bool math;            // has $$...$$: its words differ until math is typeset
};

const std::vector<Case> cases = {
    {"cv.yaml", "onepage", false},
    {"cv.yaml", "full", true},
    {"tests/fixtures/features.yaml", "full", false},
};

// Builds `input` in `style` once per test process into a folder named after both.
std::string built(const std::string& input, const std::string& style) {
  static std::map<std::string, std::string> dirs;
  const std::string name = input.substr(input.rfind('/') + 1) + "-" + style;
  if (const auto found = dirs.find(name); found != dirs.end()) return found->second;
  const std::string dir = scratch_dir("parity-" + name);
  const Run r = run_cvpress("build " + quote(input) + " --style " + style + " -o " + quote(dir));
  INFO(r.out);
  REQUIRE(r.status == 0);
  return dirs[name] = dir;
}

// A character without its case (ASCII and Latin-1 letters): small caps
// extract as the letters written from the direct PDF and LuaTeX's, as
// capitals from XeTeX's, and synthesised ones as capitals from both TeX PDFs.
std::string folded(std::string c) {
  if (c.size() == 1 && c[0] >= 'A' && c[0] <= 'Z') c[0] = static_cast<char>(c[0] - 'A' + 'a');
  // MuPDF writes other characters as "&#xd3;"
  if (c.starts_with("&#x") && c.ends_with(";")) {
    const unsigned long code = std::stoul(c.substr(3, c.size() - 4), nullptr, 16);
    if (code >= 0xC0 && code <= 0xDE && code != 0xD7) {
      std::ostringstream lower;
      lower << "&#x" << std::hex << code + 0x20 << ";";
      c = lower.str();
    }
  }
  return c;
}

// The text lines of a PDF grouped by baseline (MuPDF gives each character's
// origin), each "page: characters left to right", spaces left out, case
// folded (see folded()). Unlike
// word boxes, baselines do not depend on the ascent and descent each engine
// writes into its font descriptors, so a date set in another font than its
// title stays on the title's line in every PDF.
std::vector<std::string> baseline_lines(const std::string& pdf) {
  struct Char {
    int page;
    double y, x;
    std::string c;
  };
  const Run r = run("mutool draw -q -F stext -o - " + quote(pdf));
  REQUIRE(r.status == 0);
  std::vector<Char> chars;
  int page = 0;
  const std::regex char_re(R"re(<char .* x="([-0-9.]+)" y="([-0-9.]+)" .*c="(.*)"/>)re");
  std::istringstream in(r.out);
  for (std::string row; std::getline(in, row);) {
    std::smatch m;
    if (row.rfind("<page ", 0) == 0) ++page;
    if (!std::regex_search(row, m, char_re)) continue;
    std::string c = m[3];
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"&lt;", "<"},
             {"&gt;", ">"},
             {"&quot;", "\""},
             {"&apos;", "'"},
             {"&amp;", "&"},
             // MuPDF reads the font's ToUnicode, where xdvipdfmx picks another code point
             // for a glyph two characters share (Lato: U+002D and U+2010); the text of
             // the XeLaTeX PDF is right all the same, through ActualText (pdftotext).
             {"&#x2010;", "-"},
             {"&#x2219;", "&#xb7;"}})
      if (c == from) c = to;
    if (c != " ") chars.push_back({page, std::stod(m[2]), std::stod(m[1]), folded(c)});
  }
  std::stable_sort(chars.begin(), chars.end(), [](const Char& a, const Char& b) {
    return a.page != b.page ? a.page < b.page : a.y < b.y;
  });
  std::vector<std::string> lines;
  for (size_t i = 0; i < chars.size();) {
    size_t j = i + 1;  // a line: baselines within 1bp of its first
    while (j < chars.size() && chars[j].page == chars[i].page && chars[j].y - chars[i].y < 1) ++j;
    std::sort(chars.begin() + static_cast<long>(i), chars.begin() + static_cast<long>(j),
              [](const Char& a, const Char& b) { return a.x < b.x; });
    std::string line = std::to_string(chars[i].page) + ": ";
    for (size_t k = i; k < j; ++k) line += chars[k].c;
    lines.push_back(line);
    i = j;
  }
  return lines;
}

std::string words(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line.substr(line.find(": ") + 2) + " ";
  return out;
}

void check_parity(const Case& c, const std::string& style, const std::string& engine) {
  const std::string dir = built(c.input, style);
  std::string stem = c.input.substr(c.input.rfind('/') + 1);
  stem = stem.substr(0, stem.rfind('.')) + "-" + c.variant;
  std::string log;
  const std::string tex_pdf = compile_tex(dir + "/" + stem + ".tex", engine, &log);
  INFO(c.input << " " << c.variant << " in style " << style << " with " << engine << "\n" << log);
  REQUIRE_FALSE(tex_pdf.empty());

  const std::string direct = dir + "/" + stem + ".pdf";
  if (c.variant == "onepage") CHECK(pdf_pages(direct) == 1);
  CHECK(pdf_pages(tex_pdf) == pdf_pages(direct));
  const std::vector<std::string> a = baseline_lines(direct), b = baseline_lines(tex_pdf);
  const size_t same = matching_lines(a, b);
  INFO("identical lines: " << same << " of " << a.size() << " / " << b.size());
  CHECK(same >= 0.95 * a.size());
  if (!c.math) {
    CHECK(same == a.size());
    CHECK(words(a) == words(b));
  }
}

void check_style(const std::string& style, const std::string& engine) {
  if (!have_tool(engine) || !have_tool("mutool")) {
    WARN(engine << " or mutool not installed: skipped");
    return;
  }
  for (const Case& c : cases) check_parity(c, style, engine);
}

}  // namespace

TEST_CASE("classic: XeLaTeX gives the direct PDF's pages and lines", "[e2e][tex][parity]") {
  check_style("classic", "xelatex");
}

TEST_CASE("classic: LuaLaTeX gives the direct PDF's pages and lines", "[e2e][tex][parity]") {
  check_style("classic", "lualatex");
}

TEST_CASE("modern: XeLaTeX gives the direct PDF's pages and lines", "[e2e][tex][parity]") {
  check_style("modern", "xelatex");
}

TEST_CASE("modern: LuaLaTeX gives the direct PDF's pages and lines", "[e2e][tex][parity]") {
  check_style("modern", "lualatex");
}

TEST_CASE("compact: XeLaTeX gives the direct PDF's pages and lines", "[e2e][tex][parity]") {
  check_style("compact", "xelatex");
}

TEST_CASE("compact: LuaLaTeX gives the direct PDF's pages and lines", "[e2e][tex][parity]") {
  check_style("compact", "lualatex");
}
