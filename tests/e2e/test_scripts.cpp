// Every script and every formula: a CV with accents, Greek, CJK, Hangul, an
// emoji, symbols and math builds with --strict, and its text extracts the
// same from the direct PDF and from the XeLaTeX and LuaLaTeX PDFs.
#include <catch2/catch.hpp>

#include "support.h"

using namespace cvpress::test;

namespace {

// Strings of tests/fixtures/scripts/intl.yaml that each PDF must give back.
const std::vector<std::string> kExtracted = {
    "Łukasiewicz-Müller 王小明",
    "Ingénieur — “GPU” kernels ≤ 5 µs, x² + y³",
    "北京 · Zürich",
    "我是一名编译器工程师，专注于 GPU 内核。 한국어 텍스트. Ελληνικά: αβγ → ∞ ≈ ∑",
    "Emoji: 🚀 and math",
    "华为",
    "研究员",
    "上海",
    "2020 夏",
    "Curly ‘quotes’ – dashes — and superscript⁴ digits ₂.",
};

std::string built_intl() {
  static const std::string dir = [] {
    const std::string d = scratch_dir("scripts");
    const Run r = run_cvpress("build " + quote(source_dir() + "/tests/fixtures/scripts/intl.yaml") +
                              " --strict -o " + quote(d));
    INFO(r.out);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("missing glyph") == std::string::npos);
    return d;
  }();
  return dir;
}

void check_text(const std::string& pdf) {
  const std::string text = pdf_text(pdf);
  INFO(pdf << ":\n" << text);
  for (const std::string& s : kExtracted) CHECK(text.find(s) != std::string::npos);
}

}  // namespace

TEST_CASE("scripts: mixed-script text extracts exactly from the direct PDF", "[e2e][scripts]") {
  const std::string dir = built_intl();
  check_text(dir + "/intl-full.pdf");
  // Each fallback font that draws a character is embedded and subset.
  const Run fonts = run("pdffonts " + quote(dir + "/intl-full.pdf"));
  for (const char* name :
       {"DejaVuSerif", "DroidSansFallback", "NanumGothic", "Symbola", "DejaVuMathTeXGyre"}) {
    INFO(fonts.out);
    CHECK(fonts.out.find(std::string("+") + name) != std::string::npos);
  }
}

TEST_CASE("scripts: XeLaTeX and LuaLaTeX set the same text in the same fonts",
          "[e2e][scripts][tex]") {
  const std::string dir = built_intl();
  for (const char* engine : {"xelatex", "lualatex"}) {
    REQUIRE(have_tool(engine));
    std::string log;
    const std::string pdf = compile_tex(dir + "/intl-full.tex", engine, &log);
    INFO(engine << "\n" << log);
    REQUIRE_FALSE(pdf.empty());
    CHECK(pdf_pages(pdf) == pdf_pages(dir + "/intl-full.pdf"));
    check_text(pdf);
    const Run fonts = run("pdffonts " + quote(pdf));
    INFO(fonts.out);
    for (const char* name : {"DroidSansFallback", "NanumGothic", "Symbola"})
      CHECK(fonts.out.find(name) != std::string::npos);
  }
}
