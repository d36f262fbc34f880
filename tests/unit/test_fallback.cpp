// Font fallback: which font draws each character, and how text is split
// into runs of one font (text/fallback.h).
#include <catch2/catch.hpp>

#include "model/document.h"
#include "test_style_fixture.h"
#include "text/fallback.h"
#include "text/font_book.h"

using namespace cvpress;
using cvpress::test::classic;

namespace {

// classic's fallback chain: DejaVu Serif, Droid Sans Fallback, NanumGothic, Symbola.
constexpr int kDejaVu = 1, kDroid = 2, kNanum = 3, kSymbola = 4;

Document doc_with(const std::string& text) {
  Document doc;
  doc.header.name = "Name";
  Block block;
  block.kind = BlockKind::Text;
  block.paragraphs = {plain(text)};
  doc.sections.push_back({"Section", {block}});
  return doc;
}

FallbackMap map_of(const std::string& text) {
  FontBook fonts;
  return choose_fallbacks(doc_with(text), classic(), fonts);
}

int font_of(const FallbackMap& map, char32_t c) {
  const auto found = map.find(c);
  return found == map.end() ? 0 : found->second;
}

}  // namespace

TEST_CASE("fallback: the style's own faces keep what they have", "[fallback]") {
  // Charis SIL has Latin with accents, curly quotes, dashes, µ, super- and
  // subscript digits, arrows and relations.
  const FallbackMap map = map_of("Łukasiewicz-Müller “quoted” – — γ µ x² ₂ ≤ → ∞");
  CHECK(map.empty());
}

TEST_CASE("fallback: each character goes to the first font that has it", "[fallback]") {
  const FallbackMap map = map_of("王小明 한국어 🚀 Α");
  CHECK(font_of(map, U'Α') == kDejaVu);   // U+0391 GREEK CAPITAL ALPHA: not in Charis SIL
  CHECK(font_of(map, U'王') == kDroid);   // CJK: Droid Sans Fallback
  CHECK(font_of(map, U'한') == kNanum);   // Hangul: not in Droid, in NanumGothic
  CHECK(font_of(map, U'🚀') == kSymbola);  // beyond the BMP: Symbola
  CHECK(font_of(map, U' ') == 0);
}

TEST_CASE("fallback: upper-case text styles are covered as they set the text", "[fallback]") {
  // α is in Charis SIL, its capital is not: a style that sets a field in
  // capitals needs the capital's fallback.
  const FallbackMap map = map_of("α");
  CHECK(font_of(map, U'α') == 0);
  CHECK(font_of(map, U'Α') == kDejaVu);
}

TEST_CASE("fallback: a character no font has stays in the style's face", "[fallback]") {
  // U+13000 EGYPTIAN HIEROGLYPH A001: in none of the fonts, so the
  // missing-glyph check reports it against the style's face.
  const FallbackMap map = map_of("\xF0\x93\x80\x80");
  CHECK(map.empty());
}

TEST_CASE("fallback: text splits into runs of one font, spaces staying put", "[fallback]") {
  const FallbackMap map = {{U'王', kDroid}, {U'小', kDroid}, {U'≤', kDejaVu}};
  RichText text = {Span{"My name is 王小 ≤ 5", SpanKind::Text, true, false, "", 0}};
  const RichText runs = with_fallback(text, map);
  REQUIRE(runs.size() == 4);
  CHECK(runs[0].text == "My name is ");
  CHECK(runs[0].fallback == 0);
  CHECK(runs[1].text == "王小 ");  // the space goes with the run it is in
  CHECK(runs[1].fallback == kDroid);
  CHECK(runs[2].text == "≤ ");
  CHECK(runs[2].fallback == kDejaVu);
  CHECK(runs[3].text == "5");
  CHECK(runs[3].fallback == 0);
  for (const Span& run : runs) CHECK(run.bold);  // the span's style carries over
}

TEST_CASE("fallback: math spans are left to the math font", "[fallback]") {
  const FallbackMap map = {{U'≤', kDejaVu}};
  const RichText text = {Span{"a \\leq b ≤", SpanKind::Math, false, false, "", 0}};
  const RichText runs = with_fallback(text, map);
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].kind == SpanKind::Math);
  CHECK(runs[0].fallback == 0);
}

TEST_CASE("fallback: dates, locations and section titles are covered", "[fallback]") {
  Document doc = doc_with("plain");
  doc.sections[0].title = "履歴";
  Block entry;
  entry.kind = BlockKind::Entry;
  entry.title = plain("Entry");
  entry.date = "2020 夏";
  entry.location = "上海";
  doc.sections[0].blocks.push_back(entry);
  FontBook fonts;
  const FallbackMap map = choose_fallbacks(doc, classic(), fonts);
  for (char32_t c : {U'履', U'歴', U'夏', U'上', U'海'}) CHECK(font_of(map, c) == kDroid);
}
