// The loader on broken and hostile input: every problem is a located error,
// and time and memory stay bounded (load/yaml_loader.h, the limits).
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <string_view>

#include "layout/paragraph.h"
#include "load/json_resume.h"
#include "load/yaml_loader.h"
#include "test_style_fixture.h"
#include "text/font_book.h"

namespace cvpress {
namespace {

LoadResult load(std::string yaml) { return load_cv_text(std::move(yaml), "bad.yaml"); }

// The only error of `r`; fails the test when there is not exactly one.
const Diagnostic& only_error(const LoadResult& r) {
  INFO(r.diags.render(r.source));
  REQUIRE(r.diags.error_count() == 1);
  for (const Diagnostic& d : r.diags.all()) {
    if (d.severity == Severity::Error) return d;
  }
  FAIL("no error");
  return r.diags.all().front();
}

const Diagnostic* find(const LoadResult& r, std::string_view needle) {
  for (const Diagnostic& d : r.diags.all()) {
    if (d.message.find(needle) != std::string::npos) return &d;
  }
  return nullptr;
}

// Seconds that `fn` takes.
template <class Fn>
double seconds(Fn fn) {
  const auto start = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("bad input: a stray comma ends the parse at its place", "[loader][bad]") {
  // yaml-cpp 0.7.0's LoadAll loops for ever on these, allocating all the while.
  struct Case {
    const char* text;
    int line, col;
  };
  for (const Case& c : {Case{",", 1, 1}, Case{"{},", 1, 3}, Case{"[],", 1, 3}, Case{"\"x\",", 1, 4},
                        Case{"--- ,", 1, 5}, Case{"{}\n,\n", 2, 1}, Case{"!!str ,\n", 1, 7},
                        Case{"cv:\n  name: A\n---\n,\n", 4, 1}}) {
    INFO(c.text);
    LoadResult r;
    CHECK(seconds([&] { r = load(c.text); }) < 5);
    const Diagnostic& d = only_error(r);
    CHECK(d.message == "invalid YAML: a `,` outside `[ ]` or `{ }`");
    CHECK(d.loc.line == c.line);
    CHECK(d.loc.col == c.col);
  }
}

TEST_CASE("bad input: a quote that is never closed is an error at the quote", "[loader][bad]") {
  const LoadResult r = load("cv:\n  name: \"A B\n  headline: x\n");
  const Diagnostic& d = only_error(r);
  CHECK(d.message == "this quote is not closed: the text runs on to the end of the file");
  CHECK(d.loc.line == 2);
  CHECK(d.loc.col == 9);
  CHECK(d.hint.find("`\\\"`") != std::string::npos);

  const LoadResult s = load("cv:\n  name: A\n  headline: 'it''s\n");
  const Diagnostic& single = only_error(s);
  CHECK(single.loc.line == 3);
  CHECK(single.loc.col == 13);
  CHECK(single.hint.find("''") != std::string::npos);

  const LoadResult flow = load("cv: {name: \"A}\n");
  CHECK(only_error(flow).loc.col == 12);
  const LoadResult tagged = load("cv:\n  name: !!str \"A\n");
  CHECK(only_error(tagged).loc.col == 15);
  // Closed quotes, with escaped quotes inside, are fine.
  for (const char* fine : {"cv:\n  name: \"A \\\" B\"\n", "cv:\n  name: 'it''s'\n",
                           "cv:\n  name: \"A\n    B\"\n", "cv:\n  name: ''\n"}) {
    INFO(fine);
    CHECK_FALSE(load(fine).diags.has_errors());
  }
}

TEST_CASE("bad input: a value over 64 KiB is an error at the value", "[loader][bad]") {
  const LoadResult r =
      load("cv:\n  name: A\n  headline: " + std::string(kMaxValueBytes + 1, 'x') + "\n");
  const Diagnostic& d = only_error(r);
  CHECK(d.message == "this text is 65 KiB long; cvpress reads at most 64 KiB in one value");
  CHECK(d.loc.line == 3);
  CHECK(d.loc.col == 13);
  CHECK_FALSE(load("cv:\n  name: A\n  headline: " + std::string(kMaxValueBytes, 'x') + "\n")
                  .diags.has_errors());
}

TEST_CASE("bad input: text that runs on past 128 KiB is cut short, located", "[loader][bad]") {
  // One value that long, a quote not closed, a list in brackets that long:
  // yaml-cpp would hold all of it in memory at once.
  const LoadResult value = load("cv:\n  name: A\n  headline: " + std::string(200000, 'x') + "\n");
  const Diagnostic& d = only_error(value);
  CHECK(d.message == "the text from here runs on for more than 128 KiB without a break");
  CHECK(d.loc.line == 3);
  CHECK(d.loc.col == 13);

  std::string list = "cv:\n  name: A\n  sections:\n    s: [[";
  for (int i = 0; i < 60000; ++i) list += "ab, ";
  list += "x]]\n";
  const LoadResult long_list = load(list);
  const Diagnostic& l = only_error(long_list);
  CHECK(l.message.find("runs on for more than 128 KiB") != std::string::npos);
  CHECK(l.loc.line == 4);
  CHECK(l.loc.col == 8);

  std::string quote = "cv:\n  name: 'A\n";
  for (int i = 0; i < 20000; ++i) quote += "  headline: x\n";
  const LoadResult open_quote = load(quote);
  const Diagnostic& q = only_error(open_quote);
  CHECK(q.message.find("quote is not closed") != std::string::npos);
  CHECK(q.loc.line == 2);
  CHECK(q.loc.col == 9);
}

TEST_CASE("bad input: long lines and long lists stay fast", "[loader][bad]") {
  // Columns along one long line are counted once, not once per item.
  std::string flow = "cv:\n  name: A\n  sections:\n    s: [";
  for (int i = 0; i < 15000; ++i) flow += "a, ";
  flow += "a]\n";
  LoadResult r;
  CHECK(seconds([&] { r = load(flow); }) < 5);
  CHECK_FALSE(r.diags.has_errors());
  CHECK(r.cv.sections.at(0).entries.size() == 15001);
}

TEST_CASE("bad input: more than 50000 list items stop the reading", "[loader][bad]") {
  std::string many = "cv:\n  name: A\n  sections:\n    s:\n";
  for (std::size_t i = 0; i < kMaxItems + 10; ++i) many += "    - a\n";
  const LoadResult r = load(many);
  const Diagnostic& d = only_error(r);
  CHECK(d.message.find("more than 50000 list items") != std::string::npos);
  CHECK(d.loc.line == 5 + static_cast<int>(kMaxItems));
}

TEST_CASE("bad input: invalid UTF-8 is reported at the exact byte", "[loader][bad]") {
  // Two stray continuation bytes: a column each.
  const LoadResult r = load("cv:\n  name: Jo\xA0\x80 B\n");
  REQUIRE(r.diags.error_count() == 2);
  CHECK(r.diags.all()[0].message == "invalid UTF-8 byte 0xA0");
  CHECK(r.diags.all()[0].loc.col == 11);
  CHECK(r.diags.all()[1].message == "invalid UTF-8 byte 0x80");
  CHECK(r.diags.all()[1].loc.col == 12);
  // After a well-formed two-byte character, one column.
  const LoadResult after = load("cv:\n  name: \xC3\xB6\xFF\n");
  CHECK(after.diags.all().at(0).loc.col == 10);
  // The caret stands under the byte: each bad byte is shown as one `?`.
  const std::string shown = r.diags.render(r.source);
  CHECK(shown.find("  name: Jo?? B\n          ^\n") != std::string::npos);
  CHECK(shown.find("  name: Jo?? B\n           ^\n") != std::string::npos);
}

TEST_CASE("bad input: JSON columns count a bad byte as one character", "[loader][bad]") {
  const LoadResult r =
      load_json_resume_text("{\"basics\": {\"name\": \"\xA0\x80\", \"x\": 1}}", "bad.json");
  const Diagnostic* d = find(r, "UTF-8");
  REQUIRE(d != nullptr);
  CHECK(d->loc.col == 22);
}

TEST_CASE("bad input: locale.language other than English is a warning", "[loader][bad]") {
  const LoadResult german = load("cv:\n  name: A\nlocale:\n  language: german\n");
  CHECK_FALSE(german.diags.has_errors());
  const Diagnostic* d = find(german, "in English only");
  REQUIRE(d != nullptr);
  CHECK(d->severity == Severity::Warning);
  CHECK(d->loc.line == 4);
  CHECK(d->message.find("`language: german`") != std::string::npos);
  for (const char* english : {"english", "English", "en", "en-US"}) {
    INFO(english);
    CHECK(
        load(std::string("cv:\n  name: A\nlocale:\n  language: ") + english + "\n").diags.empty());
  }
}

TEST_CASE("bad input: a JSON Resume field too long to show is clipped in its comment",
          "[loader][bad]") {
  const std::string image = "data:image/png;base64," + std::string(300000, 'A');
  const JsonResumeYaml y = json_resume_to_yaml(
      "{\"basics\": {\"name\": \"A\", \"image\": \"" + image + "\"}}", "r.json");
  REQUIRE_FALSE(y.yaml.text.empty());
  CHECK(y.yaml.text.size() < 2000);
  CHECK(y.yaml.text.find("(300022 bytes in all)") != std::string::npos);
  CHECK_FALSE(load(y.yaml.text).diags.has_errors());
}

TEST_CASE("bad input: a 64 KiB word breaks fast, each line as full as it can be",
          "[linebreak][bad]") {
  // Narrow and wide letters mixed, so that no line is a multiple of one width.
  std::string word;
  for (std::size_t i = 0; word.size() < kMaxValueBytes; ++i) word += "iWm\xC3\xA9lx"[i * 7 % 6];
  FontBook fonts;
  const Style& style = test::classic();
  const InlineStyle in{style.body, style.text_color, style.link_color};
  const double width = 300;
  std::vector<Line> lines;
  CHECK(seconds([&] {
          lines = break_lines(shape_words(plain(word), in, style, fonts), width, fonts);
        }) < 10);
  REQUIRE(lines.size() > 100);
  const int font = fonts.load(style.faces[0].file);
  std::string joined;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    REQUIRE(lines[i].words.size() == 1);
    std::string text;
    for (const Piece& p : lines[i].words[0].pieces) text += p.text;
    CHECK(fonts.width(font, text, style.body.size) <= width + 1e-6);
    joined += text;
    if (i + 1 == lines.size()) break;
    // One more character would not fit.
    const std::string& next = lines[i + 1].words[0].pieces[0].text;
    const std::size_t length = (static_cast<unsigned char>(next[0]) >= 0xC0) ? 2 : 1;
    CHECK(fonts.width(font, text + next.substr(0, length), style.body.size) > width);
  }
  CHECK(joined == word);
}

}  // namespace cvpress
