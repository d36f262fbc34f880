// What the direct PDF offers a reader: links, outline, metadata, reading
// order, page sizes, and no glyph silently missing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

#include "support.h"

using namespace cvpress::test;

namespace {

const std::string& features() {
  static const std::string dir = [] {
    const std::string out = scratch_dir("features");
    const Run r = run_cvpress("build tests/fixtures/features.yaml -o " + quote(out));
    INFO(r.out);
    REQUIRE(r.status == 0);
    return out;
  }();
  return dir;
}

std::string full_pdf() { return features() + "/features-full.pdf"; }

// Writes `yaml` as NAME.yaml into a fresh scratch folder NAME and runs
// `cvpress build NAME.yaml ARGS -o out` there; returns the folder, and what
// cvpress said in `messages` when given.
std::string build_yaml(const std::string& name, const std::string& yaml, const std::string& args,
                       std::string* messages = nullptr) {
  const std::string dir = scratch_dir(name);
  write_file(dir + "/" + name + ".yaml", yaml);
  const Run r = run_cvpress("build " + name + ".yaml " + args + " -o out", dir);
  INFO(r.out);
  REQUIRE(r.status == 0);
  if (messages) *messages = r.out;
  return dir;
}

}  // namespace

TEST_CASE("every URL, DOI, arXiv id and e-mail is a link", "[e2e][pdf]") {
  const std::string urls = run("pdfinfo -url " + quote(full_pdf())).out;
  for (const char* url :
       {"mailto:zofia@example.org", "https://zofia.example.org", "https://github.com/zofia-lm",
        "https://doi.org/10.1145/3192366.3192379", "https://arxiv.org/abs/2503.01873",
        "mailto:office@example.org", "https://doi.org/10.1145/3656382",
        "https://example.org/a/very/long/path/that/keeps/going/", "tel:+442079460000",
        "https://arxiv.org/abs/hep-th/9901001", "https://arxiv.org/abs/2604.22312",
        "mailto:desk@example.org"}) {
    INFO(url);
    CHECK(urls.find(url) != std::string::npos);
  }
  // Nothing else: no link on "e.g.", "v1.2.3" or "3.14".
  CHECK(std::count(urls.begin(), urls.end(), '\n') == 13 + 1);
}

TEST_CASE("the outline has one entry per section, in order", "[e2e][pdf]") {
  INFO("mutool is not installed: `make test` installs it");
  REQUIRE(have_tool("mutool"));
  const std::string outline = run("mutool show " + quote(full_pdf()) + " outline").out;
  size_t at = 0;
  for (const char* title : {"\"Summary\"", "\"Experience\"", "\"Publications\"", "\"Skills\""}) {
    INFO(title << " in " << outline);
    const size_t found = outline.find(title, at);
    REQUIRE(found != std::string::npos);
    at = found;
  }
}

TEST_CASE("metadata: title, author, subject, keywords, creator", "[e2e][pdf]") {
  const std::string info = run("pdfinfo " + quote(full_pdf())).out;
  CHECK(info.find("Title:           Zofia Łukasiewicz-Müller — CV") != std::string::npos);
  CHECK(info.find("Author:          Zofia Łukasiewicz-Müller") != std::string::npos);
  CHECK(info.find("Subject:         Compiler Engineer") != std::string::npos);
  CHECK(info.find("Creator:         cvpress") != std::string::npos);
  // features.yaml has no tags: its section titles say what it covers.
  CHECK(info.find("Keywords:        Summary, Experience, Publications, Skills") !=
        std::string::npos);
}

TEST_CASE("text extracts verbatim in reading order", "[e2e][pdf]") {
  const std::string text = pdf_text(full_pdf());
  size_t at = 0;
  for (const char* piece :
       {"Zofia Łukasiewicz-Müller", "Compiler Engineer", "Kraków, Poland", "Summary",
        "Writes compilers;", "Experience", "Example Systems", "Senior Compiler Engineer",
        "Publications", "Fast Register Allocation for Everyone", "PLDI 2024", "Skills",
        "Languages: C++, Rust, OCaml"}) {
    INFO(piece);
    const size_t found = text.find(piece, at);
    CHECK(found != std::string::npos);
    if (found != std::string::npos) at = found;
  }
}

TEST_CASE("nothing crosses the right margin, not even an over-long word", "[e2e][pdf]") {
  const std::string boxes = run("pdftotext -bbox " + quote(full_pdf()) + " -").out;
  std::istringstream in(boxes);
  std::string line;
  int words = 0;
  while (std::getline(in, line)) {
    const size_t at = line.find("xMax=\"");
    if (line.find("<word") == std::string::npos || at == std::string::npos) continue;
    ++words;
    const double x_max = std::stod(line.substr(at + 6));
    INFO(line);
    CHECK(x_max <= 595.28 - 54 + 0.5);
  }
  CHECK(words > 50);
}

TEST_CASE("A4 by default, US Letter on request", "[e2e][pdf]") {
  CHECK(run("pdfinfo " + quote(full_pdf())).out.find("595.276 x 841.89 pts (A4)") !=
        std::string::npos);
  const std::string out = scratch_dir("letter");
  REQUIRE(
      run_cvpress("build tests/fixtures/features.yaml --paper letter --format pdf -o " + quote(out))
          .status == 0);
  CHECK(run("pdfinfo " + quote(out + "/features-full.pdf")).out.find("612 x 792 pts (letter)") !=
        std::string::npos);
}

TEST_CASE("a character no font has is reported, and an error with --strict", "[e2e][pdf]") {
  const std::string dir = scratch_dir("missing-glyph");
  // 王小明 comes from the fallback chain; no font here has the hieroglyph U+13000.
  write_file(dir + "/cjk.yaml",
             "cv:\n  name: Wang Xiaoming\n  sections:\n    about:\n"
             "      - My name is 王小明 \xF0\x93\x80\x80.\n");
  Run r = run_cvpress("build cjk.yaml --format pdf -o out", dir);
  INFO(r.out);
  CHECK(r.status == 0);
  CHECK(r.out.find("U+738B") == std::string::npos);
  CHECK(r.out.find("warning: missing glyph: U+13000 '\xF0\x93\x80\x80' in text (cjk.yaml:5:9): "
                   "not in Charis SIL Regular") != std::string::npos);
  // Left out, as TeX leaves it out: the rest extracts as written.
  CHECK(pdf_text(dir + "/out/cjk-full.pdf").find("My name is 王小明 .") != std::string::npos);

  const std::string strict = scratch_dir("missing-glyph-strict");
  write_file(strict + "/cjk.yaml", read_file(dir + "/cjk.yaml"));
  r = run_cvpress("build cjk.yaml --strict -o out", strict);
  CHECK(r.status == 1);
  CHECK(r.out.find("error: missing glyph: U+13000") != std::string::npos);
  CHECK_FALSE(exists(strict + "/out"));
}

TEST_CASE("a missing glyph in the header or a section title is located, and never extracts",
          "[e2e][pdf]") {
  // Private-use characters: no font here has them. The headline's three
  // would share one .notdef glyph, and so one text, if they were drawn.
  std::string messages;
  const std::string dir = build_yaml("pua",
                                     "cv:\n"
                                     "  name: \"Wang \\uE000\"\n"
                                     "  headline: \"Engineer \\uE001\\uE002\\uE001 \\U00013000\"\n"
                                     "  location: \"Town \\uE003\"\n"
                                     "  social_networks:\n"
                                     "    - network: GitHub\n"
                                     "      username: \"w\\uE006\"\n"
                                     "  sections:\n"
                                     "    \"About \\uE004\":\n"
                                     "      - Text.\n",
                                     "--format pdf", &messages);
  for (const char* message : {"U+E000 '\xEE\x80\x80' in name (pua.yaml:2:9)",
                              "U+E001 '\xEE\x80\x81' in headline (pua.yaml:3:13)",
                              "U+E002 '\xEE\x80\x82' in headline (pua.yaml:3:13)",
                              "U+13000 '\xF0\x93\x80\x80' in headline (pua.yaml:3:13)",
                              "U+E003 '\xEE\x80\x83' in contact (pua.yaml:4:13)",
                              "U+E006 '\xEE\x80\x86' in contact (pua.yaml:6:7)",
                              "U+E004 '\xEE\x80\x84' in section title (pua.yaml:9:5)"}) {
    INFO(messages);
    CHECK(messages.find(message) != std::string::npos);
  }
  // Left out of the page: nothing extracts in their place.
  const std::string text = pdf_text(dir + "/out/pua-full.pdf");
  INFO(text);
  // classic sets the contacts on the headline's line, after a separator.
  CHECK(contains_words(text, "Wang Engineer \xC2\xB7 Town", 0));
  for (const char* absent : {"\xEE\x80", "\xF0\x93", "\xEF\xBF\xBD"}) {
    CHECK(text.find(absent) == std::string::npos);
  }
  const std::string raw = run("pdftotext -raw " + quote(dir + "/out/pua-full.pdf") + " -").out;
  CHECK(raw.find("Engineer \xC2\xB7 Town") != std::string::npos);
  CHECK(raw.find("About\n") != std::string::npos);
}

TEST_CASE("the full CV has a footer with page N of M", "[e2e][pdf]") {
  const std::string dir = scratch_dir("footer");
  REQUIRE(run_cvpress("build cv.yaml --variant full --format pdf -o " + quote(dir)).status == 0);
  const std::string pdf = dir + "/cv-full.pdf";
  const int pages = pdf_pages(pdf);
  REQUIRE(pages >= 2);
  for (int p = 1; p <= pages; ++p) {
    const std::string text = pdf_text(pdf, "-f " + std::to_string(p) + " -l " + std::to_string(p));
    CHECK(text.find("Dr. Long Cheng — page " + std::to_string(p) + " of " +
                    std::to_string(pages)) != std::string::npos);
  }
}

TEST_CASE("math with a command outside the allow-list is a located error", "[e2e][tex]") {
  const std::string dir = scratch_dir("bad-math");
  write_file(dir + "/math.yaml",
             "cv:\n  name: M\n  sections:\n    s:\n      - name: Entry\n        highlights:\n"
             "          - 'Fine $$\\alpha^2$$ but $$\\input{/etc/passwd}$$'\n");
  const Run r = run_cvpress("build math.yaml -o out", dir);
  INFO(r.out);
  CHECK(r.status == 1);
  // At the command itself, inside the quoted scalar.
  CHECK(r.out.find("math.yaml:7:38: error: math uses `\\input`") != std::string::npos);
  CHECK_FALSE(exists(dir + "/out"));
}

TEST_CASE("a formula is typeset in the math font and extracts as text", "[e2e][pdf][math]") {
  const std::string dir = scratch_dir("formula");
  write_file(dir + "/math.yaml",
             "cv:\n  name: M\n  sections:\n    s:\n      - name: Entry\n        highlights:\n"
             "          - 'Attention: $$\\mathrm{softmax}(\\mathbf{Q}\\mathbf{K}^{\\mathsf{T}}) = "
             "\\frac{1}{\\alpha}\\left(\\mathbf{I}-\\frac{\\beta}{s_2}\\right)$$ holds.'\n");
  const Run r = run_cvpress("build math.yaml --format pdf --variant full -o out --strict", dir);
  INFO(r.out);
  REQUIRE(r.status == 0);
  const std::string pdf = dir + "/out/math-full.pdf";

  const std::string text = pdf_text(pdf);
  INFO(text);
  CHECK(text.find("softmax") != std::string::npos);
  CHECK(text.find("\xF0\x9D\x90\x90\xF0\x9D\x90\x8A") != std::string::npos);  // bold Q K
  CHECK(text.find("mathrm") == std::string::npos);                            // not the source
  CHECK(text.find("frac") == std::string::npos);

  // The math font, embedded as a subset ("ABCDEF+DejaVuMathTeXGyre-Regular yes yes yes").
  const std::string fonts = run("pdffonts " + quote(pdf)).out;
  INFO(fonts);
  std::istringstream rows(fonts);
  bool math_font = false;
  for (std::string row; std::getline(rows, row);) {
    if (row.find("+DejaVuMathTeXGyre") == std::string::npos) continue;
    math_font = true;
    CHECK(row.find("yes yes yes") != std::string::npos);
  }
  CHECK(math_font);

  // softmax's letters come from that font, not from the text font
  REQUIRE(have_tool("mutool"));
  const std::string stext = run("mutool draw -q -F stext -o - " + quote(pdf)).out;
  std::istringstream lines(stext);
  std::string font, math_chars;
  for (std::string line; std::getline(lines, line);) {
    if (const size_t at = line.find("<font name=\""); at != std::string::npos)
      font = line.substr(at + 12, line.find('"', at + 12) - at - 12);
    const size_t c = line.find(" c=\"");
    if (c != std::string::npos && font.find("DejaVuMath") != std::string::npos)
      math_chars += line.substr(c + 4, line.find('"', c + 4) - c - 4);
  }
  CHECK(math_chars.find("softmax") != std::string::npos);
}

TEST_CASE("dates: SOURCE_DATE_EPOCH sets them reproducibly; without it there are none",
          "[e2e][pdf]") {
  // features.yaml has no settings.current_date: the date comes from the
  // environment or nowhere. Built in any time zone, the bytes are the same.
  const std::string input = quote(source_dir() + "/tests/fixtures/features.yaml");
  auto build = [&](const std::string& env, const std::string& name) {
    const std::string dir = scratch_dir("dates-" + name);
    const Run r = run("env -u SOURCE_DATE_EPOCH " + env + " " + quote(CVPRESS_BINARY) + " build " +
                      input + " --format pdf -o " + quote(dir));
    INFO(r.out);
    REQUIRE(r.status == 0);
    return dir + "/features-full.pdf";
  };
  const std::string epoch = "SOURCE_DATE_EPOCH=1700000000";
  const std::string dated = build(epoch + " TZ=UTC", "utc");
  CHECK(read_file(dated) == read_file(build(epoch + " TZ=Asia/Shanghai", "shanghai")));
  CHECK(read_file(dated) == read_file(build(epoch + " TZ=America/Los_Angeles", "la")));
  const std::string info = run("pdfinfo -isodates " + quote(dated)).out;
  INFO(info);
  CHECK(info.find("CreationDate:    2023-11-14T22:13:20Z") != std::string::npos);
  CHECK(info.find("ModDate:         2023-11-14T22:13:20Z") != std::string::npos);

  const std::string undated = build("TZ=UTC", "none-utc");
  CHECK(read_file(undated) == read_file(build("TZ=Asia/Shanghai", "none-shanghai")));
  CHECK(read_file(undated) != read_file(dated));
  // No date at all, rather than an empty (invalid) one.
  for (const char* key : {"/CreationDate", "/ModDate"}) {
    CHECK(read_file(undated).find(key) == std::string::npos);
  }
  const std::string undated_info = run("pdfinfo " + quote(undated)).out;
  CHECK(undated_info.find("CreationDate:") == std::string::npos);
  CHECK(undated_info.find("Title:") != std::string::npos);
}

namespace {

struct Box {
  double x0, y0, x1, y1;
};

// The /Rect of every annotation of a PDF (all its pages).
std::vector<Box> link_boxes(const std::string& pdf) {
  const std::string qdf = run("qpdf --qdf --object-streams=disable " + quote(pdf) + " -").out;
  const std::regex rect_re(R"(/Rect \[\s*([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+)\s*\])");
  std::vector<Box> boxes;
  for (auto it = std::sregex_iterator(qdf.begin(), qdf.end(), rect_re);
       it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    boxes.push_back({std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4])});
  }
  return boxes;
}

}  // namespace

TEST_CASE("link boxes of neighbouring lines do not overlap", "[e2e][pdf]") {
  std::string links;
  for (int i = 0; i < 12; ++i) links += " https://example.org/page/" + std::to_string(i);
  const std::string dir =
      build_yaml("links",
                 "cv:\n  name: Links\n  email: a@example.org\n  website: https://example.org\n"
                 "  sections:\n    links:\n      - \"" +
                     links +
                     "\"\n"
                     "      - bullet: https://example.org/one\n"
                     "      - bullet: https://example.org/two\n"
                     "      - name: https://example.org/title\n"
                     "        highlights:\n          - https://example.org/three\n"
                     "          - https://example.org/four\n",
                 "--variant full --format pdf");
  const std::string pdf = dir + "/out/links-full.pdf";
  REQUIRE(pdf_pages(pdf) == 1);
  const std::vector<Box> boxes = link_boxes(pdf);
  CHECK(boxes.size() >= 18);
  for (size_t i = 0; i < boxes.size(); ++i) {
    const Box& a = boxes[i];
    CHECK(a.y1 - a.y0 > 8);  // still covers the text of a 10 bp line
    for (size_t j = i + 1; j < boxes.size(); ++j) {
      const Box& b = boxes[j];
      const double wide = std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
      const double high = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
      INFO(a.x0 << " " << a.y0 << " " << a.x1 << " " << a.y1 << " / " << b.x0 << " " << b.y0 << " "
                << b.x1 << " " << b.y1);
      CHECK_FALSE((wide > 0.01 && high > 0.01));
    }
  }
}

TEST_CASE("bullets and numbers come before their text in reading order", "[e2e][pdf]") {
  const std::string dir = scratch_dir("marks");
  write_file(dir + "/marks.yaml",
             "cv:\n  name: Marks\n  sections:\n    list:\n"
             "      - bullet: First bullet text\n      - number: Numbered one\n"
             "      - name: Entry\n        date: 2020\n        highlights:\n"
             "          - Highlight text\n");
  write_file(dir + "/left.yaml", "extends: classic\nentry: {dates: left, date_column: 70}\n");
  for (const char* style : {"classic", "left"}) {
    INFO(style);
    const Run r =
        run_cvpress(std::string("build marks.yaml --format pdf -o ") + style + " --style " +
                        (std::string(style) == "left" ? "left.yaml" : style),
                    dir);
    INFO(r.out);
    REQUIRE(r.status == 0);
    const std::string raw =
        run("pdftotext -raw " + quote(dir + "/" + style + "/marks-full.pdf") + " -").out;
    INFO(raw);
    CHECK(raw.find("\xE2\x80\xA2 First bullet text\n") != std::string::npos);
    CHECK(raw.find("1. Numbered one\n") != std::string::npos);
    CHECK(raw.find("\xE2\x80\xA2 Highlight text\n") != std::string::npos);
    // A date in a left column reads before its title, one on the right after it.
    CHECK(raw.find(std::string(style) == "left" ? "2020 Entry\n" : "Entry 2020\n") !=
          std::string::npos);
  }
}

TEST_CASE("a glyph drawn for two characters extracts as each", "[e2e][pdf]") {
  // Lato draws U+2010 HYPHEN with the glyph of U+002D, and U+00A0 with the space's.
  const std::string dir = build_yaml("shared",
                                     "cv:\n  name: Shared\n  sections:\n    about:\n"
                                     "      - \"a-b c\\u2010d e\\u00A0f a-b c\\u2010d\"\n",
                                     "--style modern --format pdf");
  const std::string pdf = dir + "/out/shared-full.pdf";
  // (pdftotext writes U+00A0 as a space.)
  CHECK(pdf_text(pdf).find("a-b c\xE2\x80\x90"
                           "d e f a-b c\xE2\x80\x90"
                           "d") != std::string::npos);
  // Each text has a code of its own, which the ToUnicode map gives back.
  const std::string qdf = run("qpdf --qdf --object-streams=disable " + quote(pdf) + " -").out;
  CHECK(qdf.find("> <00A0>") != std::string::npos);
  CHECK(qdf.find("> <2010>") != std::string::npos);
  CHECK(qdf.find("> <002D>") != std::string::npos);
}

// The font programs a PDF embeds (FontFile2 streams), as mutool extracts them.
std::set<std::string> font_programs(const std::string& pdf, const std::string& dir) {
  const Run r =
      run("mkdir -p " + quote(dir) + " && cd " + quote(dir) + " && mutool extract " + quote(pdf));
  INFO(r.out);
  REQUIRE(r.status == 0);
  std::set<std::string> programs;
  for (const auto& file : std::filesystem::directory_iterator(dir))
    if (file.path().extension() == ".ttf") programs.insert(read_file(file.path().string()));
  return programs;
}

TEST_CASE("each font file is embedded once, and the one-page CV shares the full CV's subsets",
          "[e2e][pdf]") {
  const std::string dir = scratch_dir("shared-programs");
  REQUIRE(run_cvpress("build cv.yaml --format pdf -o " + quote(dir)).status == 0);
  const std::string full = dir + "/cv-full.pdf", onepage = dir + "/cv-onepage.pdf";
  // cv.yaml's style sets small caps in the bold face: two fonts, one file.
  const std::string listed = run("pdffonts " + quote(full)).out;
  std::set<std::string> names;
  int fonts = 0;
  std::istringstream lines(listed);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("CID TrueType") == std::string::npos) continue;
    ++fonts;
    names.insert(line.substr(0, line.find(' ')));
  }
  INFO(listed);
  CHECK(fonts > static_cast<int>(names.size()));
  const std::set<std::string> in_full = font_programs(full, dir + "/full");
  const std::set<std::string> in_onepage = font_programs(onepage, dir + "/onepage");
  CHECK(in_full.size() == names.size());
  CHECK(!in_onepage.empty());
  CHECK(std::includes(in_full.begin(), in_full.end(), in_onepage.begin(), in_onepage.end()));
  for (const std::string& pdf : {full, onepage}) {
    const Run check = run("qpdf --check " + quote(pdf));
    INFO(check.out);
    CHECK(check.status == 0);
  }
}
