// Shaping, line breaking, page breaking and keep-with-next.
#include <catch2/catch.hpp>

#include <sstream>

#include "layout/layout.h"
#include "layout/paragraph.h"
#include "style/fonts.h"
#include "test_style_fixture.h"
#include "text/font_book.h"

using namespace cvpress;

namespace {

const Style& style() { return test::classic(); }

int regular(FontBook& fonts) { return fonts.load(style().faces[0].file); }

std::vector<Line> lines_of(const std::string& text, double width, FontBook& fonts) {
  InlineStyle in{style().body, style().text_color, style().link_color};
  return break_lines(shape_words(plain(text), in, style(), fonts), width, fonts);
}

std::string line_text(const Line& line) {
  std::string out;
  for (const Word& w : line.words) {
    if (!out.empty()) out += ' ';
    for (const Piece& p : w.pieces) out += p.text;
  }
  return out;
}

}  // namespace

TEST_CASE("shaping kerns and keeps ligatures off", "[shaping]") {
  FontBook fonts;
  // Charis SIL has no kerning pairs; Lato has.
  Style lato = classic_style();
  for (FontFace& face : lato.faces) face.family = "Lato";
  REQUIRE(resolve_fonts(lato).empty());
  const int kerned = fonts.load(lato.faces[0].file);
  // Kerning on: "AV" is narrower than "A" and "V" apart.
  CHECK(fonts.width(kerned, "AV", 10) <
        fonts.width(kerned, "A", 10) + fonts.width(kerned, "V", 10));
  const int f = regular(fonts);
  // Ligatures off: "fi" stays two glyphs, each standing for its letter.
  const std::vector<Glyph> fi = fonts.shape(f, "fi", 10);
  REQUIRE(fi.size() == 2);
  CHECK(fi[0].chars == U"f");
  CHECK(fi[1].chars == U"i");
  // Widths scale with the size.
  CHECK(fonts.width(f, "Hello", 20) == Approx(2 * fonts.width(f, "Hello", 10)));
  CHECK(fonts.space_width(f, 10) > 1.5);
  CHECK(fonts.space_width(f, 10) < 4);
}

TEST_CASE("greedy breaking fills a line up to its exact width", "[linebreak]") {
  FontBook fonts;
  const int f = regular(fonts);
  const double two_words =
      fonts.width(f, "alpha", 10) + fonts.space_width(f, 10) + fonts.width(f, "beta", 10);
  std::vector<Line> lines = lines_of("alpha beta gamma", two_words, fonts);
  REQUIRE(lines.size() == 2);
  CHECK(line_text(lines[0]) == "alpha beta");
  CHECK(lines[0].width == Approx(two_words));

  lines = lines_of("alpha beta gamma", two_words - 0.01, fonts);
  REQUIRE(lines.size() == 3);
  CHECK(line_text(lines[0]) == "alpha");
}

TEST_CASE("spaces collapse and never start or end a line", "[linebreak]") {
  FontBook fonts;
  std::vector<Line> lines = lines_of("  one   two\n three  ", 1000, fonts);
  REQUIRE(lines.size() == 1);
  CHECK(line_text(lines[0]) == "one two three");
}

TEST_CASE("a word longer than the line is cut at the line end", "[linebreak]") {
  FontBook fonts;
  const std::string word(200, 'x');
  const double width = 100;
  std::vector<Line> lines = lines_of("start " + word + " end", width, fonts);
  REQUIRE(lines.size() > 3);
  std::string joined;
  for (const Line& line : lines) {
    CHECK(line.width <= width + 1e-6);
    for (const Word& w : line.words)
      for (const Piece& p : w.pieces) joined += p.text;
  }
  CHECK(joined == "start" + word + "end");
}

namespace {

Document long_document(int sections, int items) {
  Document doc;
  doc.header.name = "Test Person";
  for (int s = 0; s < sections; ++s) {
    DocSection section;
    section.title = "Section " + std::to_string(s + 1);
    for (int b = 0; b < 3; ++b) {
      Block block;
      block.kind = BlockKind::Entry;
      block.title = plain("Entry " + std::to_string(b + 1));
      block.date = "2020 \xE2\x80\x93 2021";
      block.subtitle = plain("Subtitle");
      for (int i = 0; i < items; ++i) {
        block.items.push_back({plain("An item that is long enough to wrap onto a second line of "
                                     "the page, so that paragraphs have several lines in them."),
                               3,
                               {}});
      }
      section.blocks.push_back(block);
    }
    doc.sections.push_back(section);
  }
  return doc;
}

}  // namespace

TEST_CASE("pages break within the text area and keep titles with what follows", "[pagebreak]") {
  FontBook fonts;
  const Style& s = style();
  const Pages pages = layout(long_document(6, 4), s, fonts);
  REQUIRE(pages.pages.size() >= 3);
  for (const Page& page : pages.pages) {
    for (const GlyphRun& run : page.runs) {
      CHECK(run.y <= s.page_height - s.margin_bottom + 1e-6);
      CHECK(run.y >= s.margin_top);
      CHECK(run.x + run.width() <= s.page_width - s.margin_right + 1e-6);
    }
  }
  // Every section title has at least two more lines below it on its page.
  for (const OutlineEntry& title : pages.outline) {
    const Page& page = pages.pages[title.page];
    std::vector<double> baselines;
    for (const GlyphRun& run : page.runs) {
      if (run.y > title.y + 20 &&
          std::find(baselines.begin(), baselines.end(), run.y) == baselines.end())
        baselines.push_back(run.y);
    }
    INFO(title.title);
    CHECK(baselines.size() >= 2);
  }
}

TEST_CASE("the footer numbers the pages", "[pagebreak]") {
  FontBook fonts;
  Document doc = long_document(4, 4);
  doc.footer = true;
  const Pages pages = layout(doc, style(), fonts);
  REQUIRE(pages.pages.size() >= 2);
  const GlyphRun& last = pages.pages.back().runs.back();
  std::u32string text;
  for (const Glyph& g : last.glyphs) text += g.chars;
  const std::string n = std::to_string(pages.pages.size());
  CHECK(encode_utf8(text).find("page " + n + " of " + n) != std::string::npos);
}

namespace {

const std::string kSoft(kSoftBreak);

// `text` with a soft break between its characters (ASCII only).
std::string all_soft(const std::string& text) {
  std::string out;
  for (char c : text) out += (out.empty() ? "" : kSoft) + c;
  return out;
}

// The words of a page's lines, each line's runs joined: what a reader sees.
std::vector<std::string> page_lines(const Pages& pages) {
  std::vector<std::string> lines;
  double y = -1;
  for (const Page& page : pages.pages) {
    for (const GlyphRun& run : page.runs) {
      std::u32string text;
      for (const Glyph& g : run.glyphs) text += g.chars;
      if (run.y != y) lines.emplace_back();
      lines.back() += encode_utf8(text);
      y = run.y;
    }
  }
  return lines;
}

}  // namespace

TEST_CASE("only the words that were cut get soft breaks", "[linebreak]") {
  FontBook fonts;
  const std::string bs(300, 'b');
  Document doc;
  doc.header.name = "Name";
  doc.header.contacts = {plain("Town"), plain("https://example.org/" + std::string(200, 'c')),
                         plain("the other")};
  DocSection section;
  section.title = "About";
  Block cut;
  RichText text = plain("the");
  text[0].bold = true;
  append(text, plain(bs + " and the other"));
  cut.paragraphs = {text};
  Block other;
  std::string others;
  for (int i = 0; i < 40; ++i) others += "other the bathe ";
  other.paragraphs = {plain(others)};
  section.blocks = {cut, other};
  doc.sections = {section};

  const Document soft = with_soft_breaks(doc, style(), fonts);
  // The cut word, across its bold and regular spans; not its neighbours.
  const RichText& first = soft.sections[0].blocks[0].paragraphs[0];
  REQUIRE(first.size() == 2);
  CHECK(first[0].text == all_soft("the"));
  CHECK(first[1].text == kSoft + all_soft(bs) + " and the other");
  // "the" is no longer soft wherever it occurs: "other" never breaks as "ot|her".
  CHECK(soft.sections[0].blocks[1].paragraphs == other.paragraphs);
  CHECK(soft.header.contacts[0] == plain("Town"));
  CHECK(soft.header.contacts[1] == plain(all_soft("https://example.org/" + std::string(200, 'c'))));
  CHECK(soft.header.contacts[2] == plain("the other"));
  for (const std::string& line : page_lines(layout(soft, style(), fonts))) {
    if (line.find("bathe") == std::string::npos) continue;  // a line of the second paragraph
    INFO(line);
    std::istringstream words(line);
    for (std::string word; words >> word;)
      CHECK((word == "other" || word == "the" || word == "bathe"));
  }
  // Nothing left to cut: softening again changes nothing.
  CHECK(with_soft_breaks(soft, style(), fonts).sections[0].blocks[0].paragraphs[0] == first);
}

TEST_CASE("a date or location too wide for the head line moves under the title", "[layout]") {
  FontBook fonts;
  Block entry;
  entry.kind = BlockKind::Entry;
  entry.title = plain("Title");
  entry.date = "2020 \xE2\x80\x93 2021";
  entry.location = "Kraków";
  entry.paragraphs = {plain("Summary.")};
  Block wide = entry;
  wide.date = std::string(40, 'x') + " " + std::string(40, 'y');
  wide.location = "Somewhere " + std::string(60, 'z');
  Document doc;
  doc.sections = {DocSection{"Work", {entry, wide}}};

  const Document moved = with_wide_parts_moved(doc, style(), fonts);
  const Block& kept = moved.sections[0].blocks[0];
  CHECK(kept.date == entry.date);
  CHECK(kept.location == entry.location);
  CHECK(kept.paragraphs == entry.paragraphs);
  const Block& under = moved.sections[0].blocks[1];
  CHECK(under.date.empty());
  CHECK(under.location.empty());
  CHECK(under.paragraphs ==
        std::vector<RichText>{plain(wide.date), plain(wide.location), plain("Summary.")});
  // The title keeps its line: one line of head, however wide the date was.
  const Pages pages = layout(moved, style(), fonts);
  for (const std::string& line : page_lines(pages)) CHECK(line.size() > 1);
}
