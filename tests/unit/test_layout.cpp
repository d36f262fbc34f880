// Shaping, line breaking, page breaking and keep-with-next.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <sstream>

#include "layout/layout.h"
#include "layout/paragraph.h"
#include "style/fonts.h"
#include "style/text_case.h"
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

// `text` without its soft breaks, and how many it has.
std::string without_soft(std::string text) {
  for (size_t at; (at = text.find(kSoft)) != std::string::npos;) text.erase(at, kSoft.size());
  return text;
}
size_t soft_breaks(const std::string& text) {
  return (text.size() - without_soft(text).size()) / kSoft.size();
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

// The runs of the line whose baseline is `y` on page `p`, left to right, as
// (x, text) pairs.
std::vector<std::pair<double, std::string>> runs_at(const Pages& pages, size_t p, double y) {
  std::vector<std::pair<double, std::string>> out;
  for (const GlyphRun& run : pages.pages[p].runs) {
    if (std::abs(run.y - y) > 1e-6) continue;
    std::u32string text;
    for (const Glyph& g : run.glyphs) text += g.chars;
    out.emplace_back(run.x, encode_utf8(text));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The baseline of the first run whose text starts with `prefix`.
double baseline_of(const Pages& pages, const std::string& prefix) {
  for (const GlyphRun& run : pages.pages[0].runs) {
    std::u32string text;
    for (const Glyph& g : run.glyphs) text += g.chars;
    if (encode_utf8(text).starts_with(prefix)) return run.y;
  }
  FAIL("no run starts with " << prefix);
  return 0;
}

double right_edge(const Pages& pages, const std::string& prefix) {
  for (const GlyphRun& run : pages.pages[0].runs) {
    std::u32string text;
    for (const Glyph& g : run.glyphs) text += g.chars;
    if (encode_utf8(text).starts_with(prefix)) return run.x + run.width();
  }
  FAIL("no run starts with " << prefix);
  return 0;
}

Document one_entry(const std::string& subtitle, const std::string& location) {
  Document doc;
  Block b;
  b.kind = BlockKind::Entry;
  b.title = plain("A talk");
  b.date = "2025";
  b.subtitle = plain(subtitle);
  b.location = location;
  b.items.push_back({plain("What it was about."), 3, {}});
  doc.sections.push_back({"Talks", {b}});
  return doc;
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
  // Soft breaks where the layout cut it (only inside the b's: "the" and the
  // first b's fill the first line), and nowhere else.
  CHECK(first[0].text == "the");
  CHECK(without_soft(first[1].text) == bs + " and the other");
  CHECK(soft_breaks(first[1].text) >= 2);
  CHECK(soft_breaks(first[1].text) <= 6);
  // "the" is no longer soft wherever it occurs: "other" never breaks as "ot|her".
  CHECK(soft.sections[0].blocks[1].paragraphs == other.paragraphs);
  CHECK(soft.header.contacts[0] == plain("Town"));
  const std::string url = "https://example.org/" + std::string(200, 'c');
  REQUIRE(soft.header.contacts[1].size() == 1);
  CHECK(without_soft(soft.header.contacts[1][0].text) == url);
  CHECK(soft_breaks(soft.header.contacts[1][0].text) >= 1);
  CHECK(soft_breaks(soft.header.contacts[1][0].text) <= 3);
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

TEST_CASE("a location without a subtitle goes on the title line, no line of its own", "[layout]") {
  FontBook fonts;
  Style s = style();
  const double right = s.page_width - s.margin_right;
  SECTION("dates right: the place, the separator and the date, right-aligned") {
    const Pages pages = layout(one_entry("", "Berlin"), s, fonts);
    const double y = baseline_of(pages, "A");
    const auto line = runs_at(pages, 0, y);
    REQUIRE(line.size() == 4);  // title, place (italic), separator, date
    CHECK(line[1].second == "Berlin");
    CHECK(line[2].second == "\u00B7");
    CHECK(line[3].second == "2025");
    CHECK(right_edge(pages, "2025") == Approx(right));
    // A space of the date's font each side of the separator.
    const int regular = fonts.load(s.faces[0].file);
    const double space = fonts.space_width(regular, s.date_text.size);
    CHECK(line[2].first == Approx(right_edge(pages, "Berlin") + space));
    CHECK(line[3].first == Approx(right_edge(pages, "\u00B7") + space));
    // The item follows right under the title.
    CHECK(baseline_of(pages, "What") == Approx(y + s.item_gap.value + s.body.leading));
  }
  SECTION("dates below: the place right of the title, the date right of the subtitle") {
    s.dates = DatePlacement::Below;
    const Pages pages = layout(one_entry("Invited", "Berlin"), s, fonts);
    CHECK(baseline_of(pages, "Berlin") == Approx(baseline_of(pages, "A")));
    CHECK(baseline_of(pages, "2025") == Approx(baseline_of(pages, "Invited")));
    CHECK(right_edge(pages, "2025") == Approx(right));
  }
  SECTION("dates left: the date in its column, the place right of the title") {
    s.dates = DatePlacement::Left;
    s.date_column = 70;
    const Pages pages = layout(one_entry("", "Berlin"), s, fonts);
    const double y = baseline_of(pages, "A");
    CHECK(baseline_of(pages, "Berlin") == Approx(y));
    CHECK(right_edge(pages, "Berlin") == Approx(right));
    CHECK(right_edge(pages, "2025") == Approx(s.margin_left + 70 - s.date_gap));
  }
}

TEST_CASE("numbers are right-aligned, number_gap short of their text", "[layout]") {
  FontBook fonts;
  Document doc;
  DocSection list{"Steps", {}};
  for (int n = 1; n <= 10; ++n) {
    Block b;
    b.kind = BlockKind::Numbered;
    b.marker = std::to_string(n) + ".";
    b.paragraphs = {plain("Step " + std::to_string(n) + ".")};
    list.blocks.push_back(b);
  }
  doc.sections = {list};
  const Style& s = style();
  const Pages pages = layout(doc, s, fonts);
  const double edge = s.margin_left + s.number_indent - s.number_gap;
  CHECK(right_edge(pages, "1.") == Approx(edge));
  CHECK(right_edge(pages, "10.") == Approx(edge));
}

TEST_CASE("small caps: the font's own or synthesised, extracting as the letters written",
          "[layout][smallcaps]") {
  FontBook fonts;
  Document doc;
  Block b;
  b.kind = BlockKind::Text;
  b.paragraphs = {plain("x")};
  doc.sections = {{"Selected Projects", {b}}};
  Style s = style();
  s.section_text.text_case = TextCase::SmallCaps;
  const auto title = [&](const Style& st) {
    const Pages pages = layout(doc, st, fonts);
    return runs_at(pages, 0, baseline_of(pages, "S"));
  };
  SECTION("Charis SIL has smcp: one run of its small capitals") {
    REQUIRE(s.faces[static_cast<int>(Face::Bold)].small_caps);
    const auto line = title(s);
    REQUIRE(line.size() == 1);
    CHECK(line[0].second == "Selected Projects");
    // Other glyphs than the plain face's, at the same size.
    const int plain_bold = fonts.load(s.faces[static_cast<int>(Face::Bold)].file);
    const Pages pages = layout(doc, s, fonts);
    const GlyphRun& run = pages.pages[0].runs.front();
    CHECK(run.font != plain_bold);
    CHECK(run.size == s.section_text.size);
    CHECK(run.glyphs[1].id != fonts.shape(plain_bold, "e", 12).front().id);
  }
  SECTION("without smcp: lower-case letters as capitals at small_caps_scale of the size") {
    for (int f = 0; f < kTextFaceCount; ++f) s.faces[static_cast<size_t>(f)].small_caps = false;
    s.small_caps_scale = 0.75;
    const Pages pages = layout(doc, s, fonts);
    std::map<std::string, const GlyphRun*> runs;  // by text
    for (const GlyphRun& run : pages.pages[0].runs) {
      std::u32string text;
      for (const Glyph& g : run.glyphs) text += g.chars;
      if (run.y == pages.pages[0].runs.front().y) runs[encode_utf8(text)] = &run;
    }
    REQUIRE(runs.count("S"));
    REQUIRE(runs.count("elected"));  // extracts as written ...
    REQUIRE(runs.count("rojects"));
    CHECK(runs["S"]->size == s.section_text.size);
    CHECK(runs["elected"]->size == Approx(0.75 * s.section_text.size));
    const int plain_bold = fonts.load(s.faces[static_cast<int>(Face::Bold)].file);
    // ... drawn with capitals, in a font of its own in the PDF (for ToUnicode)
    CHECK(runs["elected"]->glyphs[0].id == fonts.shape(plain_bold, "E", 12).front().id);
    CHECK(runs["elected"]->font != plain_bold);
  }
}

TEST_CASE("an over-long word gets soft breaks only where it is cut", "[linebreak]") {
  FontBook fonts;
  Document doc;
  Block b;
  b.kind = BlockKind::Text;
  const std::string word = "https://example.org/" + std::string(150, 'x');
  b.paragraphs = {plain("see " + word + " now")};
  doc.sections = {{"Links", {b}}};
  const Document soft = with_soft_breaks(doc, style(), fonts);
  const std::string text = soft.sections[0].blocks[0].paragraphs[0][0].text;
  size_t breaks = 0;
  for (size_t at = text.find(kSoftBreak); at != std::string::npos;
       at = text.find(kSoftBreak, at + 1))
    ++breaks;
  const Pages pages = layout(doc, style(), fonts);
  const Pages softened = layout(soft, style(), fonts);
  // One break per line the word runs onto, and the same lines either way.
  CHECK(breaks >= 1);
  CHECK(breaks <= 3);
  CHECK(softened.pages[0].runs.size() >= pages.pages[0].runs.size());
  std::string unsoftened = text;
  for (size_t at = unsoftened.find(kSoftBreak); at != std::string::npos;
       at = unsoftened.find(kSoftBreak))
    unsoftened.erase(at, kSoftBreak.size());
  CHECK(unsoftened == "see " + word + " now");
}

TEST_CASE("small caps leave code, links and fallback runs as written", "[smallcaps]") {
  Style s = style();
  for (int f = 0; f < kTextFaceCount; ++f) s.faces[static_cast<size_t>(f)].small_caps = false;
  const auto span = [](std::string text, SpanKind kind = SpanKind::Text) {
    Span out;
    out.text = std::move(text);
    out.kind = kind;
    return out;
  };
  Span link = span("mail");
  link.link = "mailto:x@example.org";
  Span fallback = span("ab");
  fallback.fallback = 1;
  const RichText out = with_small_caps({span("Ab1 c"), link, span("x_y", SpanKind::Code), fallback},
                                       s, Face::Regular);
  std::vector<std::pair<std::string, SmallCaps>> got;
  for (const Span& span : out) got.emplace_back(span.text, span.small_caps);
  const std::vector<std::pair<std::string, SmallCaps>> want = {
      {"A", SmallCaps::None},      {"b", SmallCaps::Synthetic}, {"1 ", SmallCaps::None},
      {"c", SmallCaps::Synthetic}, {"mail", SmallCaps::None},   {"x_y", SmallCaps::None},
      {"ab", SmallCaps::None}};
  CHECK(got == want);
  // A face with its own small capitals marks whole spans.
  s.faces[0].small_caps = true;
  const RichText own = with_small_caps({span("Ab1 c")}, s, Face::Regular);
  REQUIRE(own.size() == 1);
  CHECK(own[0].small_caps == SmallCaps::OpenType);
}
