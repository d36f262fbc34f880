#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "files.h"
#include "latex/writer.h"
#include "layout/layout.h"
#include "style/fonts.h"
#include "text/font_book.h"

namespace fs = std::filesystem;
using namespace cvpress;
using cvpress::test::read_file;
using cvpress::test::write_file;

namespace {

Span text(std::string s) {
  Span span;
  span.text = std::move(s);
  return span;
}

Span bold(std::string s) {
  Span span = text(std::move(s));
  span.bold = true;
  return span;
}

Span italic(std::string s) {
  Span span = text(std::move(s));
  span.italic = true;
  return span;
}

Span code(std::string s) {
  Span span = text(std::move(s));
  span.kind = SpanKind::Code;
  return span;
}

Span math(std::string s) {
  Span span = text(std::move(s));
  span.kind = SpanKind::Math;
  return span;
}

Span linked(std::string s, std::string url) {
  Span span = text(std::move(s));
  span.link = std::move(url);
  return span;
}

Block entry(RichText title, std::string date, RichText subtitle, std::string location,
            std::vector<RichText> paragraphs, std::vector<RichText> items) {
  Block b;
  b.kind = BlockKind::Entry;
  b.title = std::move(title);
  b.date = std::move(date);
  b.subtitle = std::move(subtitle);
  b.location = std::move(location);
  b.paragraphs = std::move(paragraphs);
  for (RichText& item : items) b.items.push_back(Item{std::move(item), 3, {}});
  return b;
}

Block paragraph_block(BlockKind kind, RichText text, std::string marker = "") {
  Block b;
  b.kind = kind;
  b.paragraphs = {std::move(text)};
  b.marker = std::move(marker);
  return b;
}

// A CV with every block kind and TeX's special characters in every field.
Document sample_document() {
  Document doc;
  doc.header.name = "Ada Lovelace-Čech {100%}";
  doc.header.headline = {text("Engineer & Researcher_#1 "), code("a_b^c")};
  doc.header.tagline = {italic("Math $5 ~ tilde \\ backslash")};
  doc.header.contacts = {{text("London")},
                         {linked("ada@example.com", "mailto:ada@example.com")},
                         {linked("github.com/ada_l", "https://github.com/ada_l?x=1&y=%20#frag~")}};

  DocSection work{"Experience & Education {#1}", {}};
  work.blocks.push_back(
      entry({text("Senior Engineer, "), italic("R&D")}, "2020 -- 2024 ~",
            {text("Analytical Engines $")}, "London #2",
            {{text("Summary with "), bold("bold"), text(", "), italic("italic"), text(", "),
              code("x_{i}^2 % not a comment"), text(" and math "),
              math("\\alpha + \\beta^2 \\leq \\frac{1}{2}"), text(".")}},
            {{text("Cut latency by 50% (p99) -- see the "),
              linked("paper", "https://arxiv.org/abs/2503.01873"), text(".")},
             {bold("Impact:"), text(" built {braces} and \\commands that print as text.")}}));
  work.blocks.front().type = EntryType::Experience;
  work.blocks.push_back(entry({text("PhD in Mathematics")}, "2016 – 2020", {}, "", {},
                              {{text("Thesis on difference engines ^_^.")}}));
  work.blocks.back().type = EntryType::Education;
  work.blocks.push_back(entry({text("Visiting researcher")}, "2015", {}, "", {}, {}));

  DocSection skills{"Skills_&_Tools", {}};
  skills.blocks.push_back(
      paragraph_block(BlockKind::OneLine, {bold("Languages:"), text(" C++20, Python ^ Rust ~")}));
  skills.blocks.push_back(paragraph_block(BlockKind::OneLine, {text("A one-line without label")}));
  skills.blocks.push_back(
      paragraph_block(BlockKind::Bullet, {text("A bullet ending in a backslash \\")}));
  skills.blocks.push_back(
      paragraph_block(BlockKind::Numbered, {text("First numbered #item")}, "1."));
  skills.blocks.push_back(
      paragraph_block(BlockKind::Numbered, {text("Second numbered $item$")}, "2."));

  DocSection other{"Other ~ notes", {}};
  other.blocks.push_back(paragraph_block(
      BlockKind::Text, {text("Math that fails the check: "), math("\\input{/etc/passwd}")}));
  other.blocks.push_back(paragraph_block(
      BlockKind::Text,
      {text("A longer paragraph so that the source wraps and the PDF breaks lines: the analytical "
            "engine weaves algebraic patterns just as the Jacquard loom weaves flowers and leaves, "
            "and its operations may act upon other things besides number.")}));

  doc.sections = {work, skills, other};
  doc.meta = {"Ada — CV & {notes}", "Ada \\ Lovelace", "CV #1 100%", "c++, math_$"};
  doc.footer = true;
  return doc;
}

Style resolved_style() {
  Style style = classic_style();
  const std::string error = resolve_fonts(style);
  INFO(error);
  REQUIRE(error.empty());
  return style;
}

fs::path make_temp_dir() {
  std::string pattern = (fs::temp_directory_path() / "cvpress-latex-XXXXXX").string();
  REQUIRE(mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

int run(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool have(const std::string& program) {
  return run("command -v " + program + " >/dev/null 2>&1") == 0;
}

// Compiles `dir/cv.tex` as job `job` with `engine`, `runs` times; true on success.
bool compile(const fs::path& dir, const std::string& engine, const std::string& job,
             const std::string& flags = "", int runs = 2) {
  for (int i = 0; i < runs; ++i) {
    const std::string command = "cd '" + dir.string() + "' && timeout 300 " + engine +
                                " -interaction=nonstopmode -halt-on-error " + flags +
                                " -jobname=" + job + " cv.tex >/dev/null 2>&1";
    if (run(command) != 0) return false;
  }
  return true;
}

// The PDF's text with every run of white space as one space.
std::string pdf_text(const fs::path& pdf) {
  const fs::path txt = pdf.string() + ".txt";
  REQUIRE(run("pdftotext -enc UTF-8 '" + pdf.string() + "' '" + txt.string() + "'") == 0);
  return std::regex_replace(read_file(txt), std::regex("\\s+"), " ");
}

// Removes a test's files unless CVPRESS_KEEP_TEX is set (to look at them).
void clean_up(const fs::path& dir) {
  if (std::getenv("CVPRESS_KEEP_TEX")) {
    WARN("kept " << dir.string());
    return;
  }
  fs::remove_all(dir);
}

std::string squeeze(const std::string& s) { return std::regex_replace(s, std::regex("\\s+"), " "); }

// Every field of the sample, as it must read in the PDF.
const std::vector<std::string> kSampleFields = {
    "Ada Lovelace-Čech {100%}",
    "Engineer & Researcher_#1 a_b^c",
    "Math $5 ~ tilde \\ backslash",
    "London · ada@example.com · github.com/ada_l",
    "Experience & Education {#1}",
    "Senior Engineer, R&D",
    "2020 -- 2024 ~",
    "Analytical Engines $",
    "London #2",
    "x_{i}^2 % not a comment",
    "Cut latency by 50% (p99) -- see the paper.",
    "Impact: built {braces} and \\commands that print as text.",
    "PhD in Mathematics",
    "2016 – 2020",
    "Thesis on difference engines ^_^.",
    "Visiting researcher",
    "Skills_&_Tools",
    "Languages: C++20, Python ^ Rust ~",
    "A one-line without label",
    "A bullet ending in a backslash \\",
    "First numbered #item",
    "Second numbered $item$",
    "Other ~ notes",
    "Math that fails the check: \\input{/etc/passwd}",
    "the analytical engine weaves algebraic patterns",
};

}  // namespace

TEST_CASE("write_latex: a preamble of named, commented macros in bp", "[latex]") {
  const std::string tex = write_latex(sample_document(), resolved_style());

  CHECK(tex.rfind("% Ada — CV & {notes}\n", 0) == 0);
  CHECK(tex.find("xelatex") != std::string::npos);
  CHECK(tex.find("twice") != std::string::npos);

  for (const char* macro :
       {"\\newcommand\\cvheader[4]", "\\newcommand\\cvsection[2][]", "\\newcommand\\cveducation{",
        "\\newcommand\\cvexperience{", "\\newcommand\\cvpublication{", "\\newcommand\\cventry{",
        "\\newcommand\\cvparagraph[1]", "\\newcommand\\cvitem[1]", "\\newcommand\\cvoneline[2]",
        "\\newcommand\\cvbullet[1]", "\\newcommand\\cvnumbered[2]", "\\newcommand\\cvtext[1]",
        "\\newcommand\\cvfooter[1]", "\\newcommand\\cvbreak{"}) {
    INFO(macro);
    const std::size_t at = tex.find(std::string("\n") + macro);
    REQUIRE(at != std::string::npos);
    const std::size_t previous_line = tex.rfind('\n', at - 1);
    CHECK(tex[previous_line + 1] == '%');  // a comment says what it does
  }

  // Page and fonts from the style, in bp; fontspec options as design.md says.
  CHECK(tex.find("\\paperwidth=595.2756bp \\paperheight=841.8898bp") != std::string::npos);
  CHECK(tex.find("\\textwidth=487.2756bp \\textheight=741.8898bp") != std::string::npos);
  CHECK(tex.find("\\setmainfont{Charis SIL}") != std::string::npos);
  CHECK(tex.find("BoldItalicFont={Charis SIL Bold Italic}") != std::string::npos);
  CHECK(tex.find("\\setmonofont{DejaVu Sans Mono}") != std::string::npos);
  CHECK(tex.find("Ligatures={CommonOff,TeXOff}, Kerning=On, WordSpace={1,0,0}, "
                 "PunctuationSpace=WordSpace,\n  HyphenChar=None") != std::string::npos);
  CHECK(tex.find("RawFeature=-spacekern") != std::string::npos);
  CHECK(tex.find("\\cv@style{}{10bp}{12.5bp}{11.96289bp}{4.39453bp}") != std::string::npos);
  CHECK(tex.find("pdfauthor={Ada \\textbackslash{} Lovelace}") != std::string::npos);
  CHECK(tex.find("\\definecolor{cvlink}{HTML}{0D408C}") != std::string::npos);

  // Every dimension in bp, none in TeX points.
  std::smatch match;
  CHECK_FALSE(std::regex_search(tex, match, std::regex("[0-9.]\\s*pt\\b")));
  CHECK(std::regex_search(tex, std::regex("[0-9]bp")));
}

TEST_CASE("write_latex: the content is one macro call per block, in order", "[latex]") {
  const std::string tex = write_latex(sample_document(), resolved_style());
  const std::size_t body = tex.find("\n\\begin{document}");
  REQUIRE(body != std::string::npos);

  // Long calls wrap onto indented lines; TeX reads the line break as a space.
  const std::string flat = std::regex_replace(tex, std::regex("\n    "), " ");
  std::size_t at = flat.find("\n\\begin{document}");
  for (const char* call : {
           "\\cvfooter{Ada Lovelace-Čech \\{100\\%\\}}",
           "\\cvheader\n  {Ada Lovelace-Čech \\{100\\%\\}}\n"
           "  {Engineer \\& Researcher\\_\\#1 {\\ttfamily a\\_b\\textasciicircum{}c} · London · "
           "\\href{mailto:ada@example.com}{ada@example.com} ·",
           "  {}\n",  // the contacts are on the headline's line
           "\\cvsection[{Experience \\& Education \\{\\#1\\}}]"
           "{{\\cvsmallcaps Experience \\& Education \\{\\#1\\}}}",
           "\\cvexperience{Senior Engineer, {\\itshape R\\&D}}{2020 -{}- 2024 \\textasciitilde{}}"
           "{Analytical Engines \\$}{London \\#2}",
           "\\cvparagraph{Summary with {\\bfseries bold}, {\\itshape italic},",
           "$\\alpha + \\beta^2 \\leq \\frac{1}{2}$.}",
           "\\cvitem{Cut latency by 50\\% (p99) -{}- see the "
           "\\href{https://arxiv.org/abs/2503.01873}{paper}.}",
           "\\cvitem{{\\bfseries Impact:} built \\{braces\\} and \\textbackslash{}commands",
           "\\cveducation{PhD in Mathematics}{2016 – 2020}{}{}",
           "\\cventry{Visiting researcher}{2015}{}{}",
           "\\cvsection[{Skills\\_\\&\\_Tools}]{{\\cvsmallcaps Skills\\_\\&\\_Tools}}",
           "\\cvoneline{Languages:}{C++20, Python \\textasciicircum{} Rust \\textasciitilde{}}",
           "\\cvtext{A one-line without label}",
           "\\cvbullet{A bullet ending in a backslash \\textbackslash{}}",
           "\\cvnumbered{1.}{First numbered \\#item}",
           "\\cvnumbered{2.}{Second numbered \\$item\\$}",
           "\\cvsection[{Other \\textasciitilde{} notes}]{{\\cvsmallcaps Other \\textasciitilde{} "
           "notes}}",
           "\\cvtext{Math that fails the check: \\textbackslash{}input\\{/etc/passwd\\}}",
           "\\end{document}",
       }) {
    INFO(call);
    const std::size_t found = flat.find(call, at);
    CHECK(found != std::string::npos);
    if (found != std::string::npos) at = found;
  }

  // The source wraps long paragraphs at spaces.
  std::istringstream lines(tex.substr(body));
  for (std::string line; std::getline(lines, line);) {
    INFO(line);
    CHECK(line.size() <= 110);
  }
}

TEST_CASE("write_latex: rich text conversion", "[latex]") {
  CHECK(latex_rich_text({text("  a "), bold(" b"), text("  c ")}) == "a {\\bfseries b} c");
  CHECK(latex_rich_text({text("a"), bold(" b")}) == "a{\\bfseries{} b}");
  CHECK(latex_rich_text({math("x"), math("y")}) == "$x${}$y$");
  CHECK(latex_rich_text({text("a "), math("x"), text(" b")}) == "a $x$ b");
  CHECK(latex_rich_text({math("")}) == "");
  CHECK(latex_rich_text({linked("a b", "http://x/%")}) == "\\href{http://x/\\%}{a b}");
  CHECK(latex_rich_text({[] {
          Span s = linked("x", "http://x");
          s.bold = s.italic = true;
          return s;
        }()}) == "{\\bfseries\\itshape\\href{http://x}{x}}");
  CHECK(latex_rich_text({code("--x")}) == "{\\ttfamily -{}-x}");
  CHECK(latex_rich_text({math("\\def\\x{}")}) == "\\textbackslash{}def\\textbackslash{}x\\{\\}");
}

TEST_CASE("write_latex: small caps, the font's own or synthesised, as the layout sets them",
          "[latex][smallcaps]") {
  Document doc;
  doc.sections = {DocSection{"Selected Projects", {paragraph_block(BlockKind::Text, {text("x")})}}};
  Style style = resolved_style();
  style.section_text.text_case = TextCase::SmallCaps;
  SECTION("Charis SIL has its own") {
    const std::string tex = write_latex(doc, style);
    CHECK(tex.find("\\newcommand\\cvsmallcaps{\\addfontfeatures{Letters=SmallCaps}}") !=
          std::string::npos);
    CHECK(tex.find("\\cvsection[{Selected Projects}]{{\\cvsmallcaps Selected Projects}}\n") !=
          std::string::npos);
  }
  SECTION("without them, capitals at small_caps_scale of the size") {
    for (int f = 0; f < kTextFaceCount; ++f) style.faces[static_cast<size_t>(f)].small_caps = false;
    style.small_caps_scale = 0.75;
    const std::string tex = write_latex(doc, style);
    CHECK(tex.find("\\newcommand\\cvsc{") != std::string::npos);
    CHECK(tex.find("\\def\\cv@scsize{9.375bp}") != std::string::npos);  // 0.75 x 12.5
    CHECK(tex.find("\\cvsection[{Selected Projects}]{S{\\cvsc ELECTED} P{\\cvsc ROJECTS}}\n") !=
          std::string::npos);
  }
}

TEST_CASE("write_latex: an over-long word breaks with \\cvbreak where the layout cuts it",
          "[latex]") {
  Document doc;
  const std::string word = "https://example.org/" + std::string(150, 'x');
  doc.sections = {DocSection{"Links", {paragraph_block(BlockKind::Text, {text(word)})}}};
  const Style style = resolved_style();
  FontBook fonts;
  const Document soft = with_soft_breaks(doc, style, fonts);
  const std::string tex = write_latex(soft, style);
  const std::string flat = std::regex_replace(tex, std::regex("\n    "), " ");
  const std::size_t at = flat.find("\\cvtext{https://example.org/xxx");
  REQUIRE(at != std::string::npos);
  const std::string call = flat.substr(at, flat.find('\n', at) - at);
  std::size_t breaks = 0;
  for (std::size_t b = call.find("\\cvbreak "); b != std::string::npos;
       b = call.find("\\cvbreak ", b + 1))
    ++breaks;
  CHECK(breaks >= 1);
  CHECK(breaks <= 3);
  CHECK(call.find("\\hskip") == std::string::npos);
}

TEST_CASE("write_latex: a one-line block splits off its label only when that is exact", "[latex]") {
  Document doc;
  DocSection section{"S", {}};
  section.blocks.push_back(paragraph_block(BlockKind::OneLine, {bold("Label:"), text(" plain")}));
  section.blocks.push_back(
      paragraph_block(BlockKind::OneLine, {bold("Label:"), italic(" italic space")}));
  section.blocks.push_back(paragraph_block(BlockKind::OneLine, {bold("Label: "), text("x")}));
  section.blocks.push_back(paragraph_block(BlockKind::OneLine, {text("   ")}));  // left out
  doc.sections = {section, DocSection{"Empty", {}}};                             // left out too
  const std::string tex = write_latex(doc, resolved_style());
  CHECK(tex.find("\\cvoneline{Label:}{plain}\n") != std::string::npos);
  CHECK(tex.find("\\cvtext{{\\bfseries Label:}{\\itshape{} italic space}}\n") != std::string::npos);
  CHECK(tex.find("\\cvtext{{\\bfseries Label: }x}\n") != std::string::npos);
  CHECK(tex.find("\\cvtext{}") == std::string::npos);
  CHECK(tex.find("\\cvsection{Empty}") == std::string::npos);
}

TEST_CASE("write_latex: XeLaTeX and LuaLaTeX compile it and print every field", "[latex][tex]") {
  for (const char* tool : {"xelatex", "lualatex", "pdftotext"}) {
    INFO(tool << " is not on PATH: `make test` installs it");
    REQUIRE(have(tool));
  }
  const fs::path dir = make_temp_dir();
  write_file(dir / "cv.tex", write_latex(sample_document(), resolved_style()));

  for (const std::string engine : {"xelatex", "lualatex"}) {
    INFO(engine << " in " << dir);
    REQUIRE(compile(dir, engine, "cv-" + engine));
    const std::string pdf = pdf_text(dir / ("cv-" + engine + ".pdf"));
    for (const std::string& field : kSampleFields) {
      INFO(field);
      CHECK(pdf.find(squeeze(field)) != std::string::npos);
    }
    CHECK(std::regex_search(pdf, std::regex("Ada Lovelace-Čech \\{100%\\} — page 1 of [0-9]+")));
    CHECK(pdf.find("??") == std::string::npos);
  }
  clean_up(dir);
}

TEST_CASE("write_latex: TeX commands in the input print as text, even with -shell-escape",
          "[latex][tex]") {
  for (const char* tool : {"xelatex", "lualatex", "pdftotext"}) {
    INFO(tool << " is not on PATH: `make test` installs it");
    REQUIRE(have(tool));
  }
  const fs::path pwned = "/tmp/pwned-cvpress";
  fs::remove(pwned);
  const std::vector<std::string> attacks = {
      "\\input{/etc/passwd}",
      "\\immediate\\write18{touch /tmp/pwned-cvpress}",
      "\\write18{touch /tmp/pwned-cvpress}",
      "}{\\directlua{os.execute('touch /tmp/pwned-cvpress')}",
      "\\end{document}",
      "}{",
      "trailing \\",
  };
  Document doc;
  std::string joined;
  for (const std::string& a : attacks) joined += a + " ";
  doc.header.name = joined;
  doc.header.headline = {text(joined)};
  doc.meta = {joined, joined, joined, joined};
  DocSection section{joined, {}};
  for (const std::string& a : attacks) {
    section.blocks.push_back(entry({text(a)}, a, {text(a)}, a, {{text(a)}}, {{text(a)}}));
    section.blocks.push_back(paragraph_block(BlockKind::Text, {math(a)}));
    section.blocks.push_back(paragraph_block(BlockKind::Numbered, {code(a)}, a));
    section.blocks.push_back(paragraph_block(BlockKind::Bullet, {linked(a, a)}));
  }
  doc.sections = {section};
  doc.footer = true;

  const fs::path dir = make_temp_dir();
  write_file(dir / "cv.tex", write_latex(doc, resolved_style()));
  for (const std::string engine : {"xelatex", "lualatex"}) {
    INFO(engine << " in " << dir);
    REQUIRE(compile(dir, engine, "cv-" + engine, "-shell-escape"));
    CHECK_FALSE(fs::exists(pwned));
    const std::string pdf = pdf_text(dir / ("cv-" + engine + ".pdf"));
    for (const std::string& a : attacks) {
      INFO(a);
      CHECK(pdf.find(squeeze(a)) != std::string::npos);
    }
    CHECK(pdf.find("root:") == std::string::npos);
  }
  clean_up(dir);
}

// ---------------------------------------------------------------- parity with the layout

namespace {

// A page's text lines: baseline y (bp from the top) and the characters
// left to right, spaces left out.
using PageLines = std::vector<std::pair<double, std::string>>;

struct Glyphs {
  double y, x;
  std::string chars;
};

PageLines lines_of(std::vector<Glyphs> glyphs) {
  std::sort(glyphs.begin(), glyphs.end(), [](const Glyphs& a, const Glyphs& b) {
    return a.y < b.y - 0.05 || (std::abs(a.y - b.y) <= 0.05 && a.x < b.x);
  });
  PageLines lines;
  for (const Glyphs& g : glyphs) {
    if (lines.empty() || std::abs(lines.back().first - g.y) > 0.05) lines.push_back({g.y, ""});
    lines.back().second += g.chars;
  }
  return lines;
}

std::vector<PageLines> layout_lines(const Pages& pages) {
  std::vector<PageLines> out;
  for (const Page& page : pages.pages) {
    std::vector<Glyphs> glyphs;
    for (const GlyphRun& run : page.runs) {
      double x = run.x;
      for (const Glyph& g : run.glyphs) {
        const std::string chars = encode_utf8(g.chars);
        if (chars != " ") glyphs.push_back({run.y, x, chars});
        x += g.advance;
      }
    }
    out.push_back(lines_of(std::move(glyphs)));
  }
  return out;
}

std::string xml_unescape(std::string s) {
  const std::regex numeric("&#x([0-9a-fA-F]+);");
  for (std::smatch m; std::regex_search(s, m, numeric);)
    s.replace(m.position(0), m.length(0),
              encode_utf8(std::u32string(1, static_cast<char32_t>(std::stoul(m[1], nullptr, 16)))));
  for (const auto& [entity, c] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}})
    for (std::size_t at = s.find(entity); at != std::string::npos; at = s.find(entity, at + 1))
      s.replace(at, entity.size(), c);
  return s;
}

// Lines of a PDF as MuPDF extracts them (character origins are baselines).
std::vector<PageLines> pdf_lines(const fs::path& pdf) {
  const fs::path xml = pdf.string() + ".stext";
  REQUIRE(run("mutool draw -q -F stext -o '" + xml.string() + "' '" + pdf.string() + "'") == 0);
  std::vector<PageLines> out;
  std::vector<Glyphs> glyphs;
  std::istringstream in(read_file(xml));
  const std::regex char_re(R"re(<char .* x="([-0-9.]+)" y="([-0-9.]+)" .*c="(.*)"/>)re");
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (line.rfind("<page ", 0) == 0) {
      glyphs.clear();
    } else if (line.rfind("</page>", 0) == 0) {
      out.push_back(lines_of(glyphs));
    } else if (std::regex_search(line, m, char_re)) {
      std::string c = xml_unescape(m[3]);
      // xdvipdfmx's ToUnicode picks another code point for a few shared glyphs.
      if (c == "\u2010") c = "-";
      if (c == "\u2219") c = "\u00B7";
      if (c != " ") glyphs.push_back({std::stod(m[2]), std::stod(m[1]), c});
    }
  }
  return out;
}

// A few pages of varied content without math (which the layout cannot set as
// TeX does): long paragraphs that break inside, entries with and without
// subtitles, one-liners opening sections, numbered and bullet blocks.
Document long_document() {
  static const std::vector<std::string> words = {
      "kernel",   "attention", "sparse",    "decoding",  "latency",   "throughput",
      "compiler", "vector",    "precision", "numerics",  "Blackwell", "TensorRT-LLM",
      "operator", "profile",   "schedule",  "memory",    "bandwidth", "roofline",
      "tiling",   "a",         "the",       "of",        "and",       "to",
      "with",     "for",       "across",    "production"};
  unsigned seed = 7;
  const auto sentence = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) {
      seed = seed * 1103515245u + 12345u;
      s += (i ? " " : "") + words[(seed >> 16) % words.size()];
    }
    return s + ".";
  };
  Document doc;
  doc.header.name = "Parity Test";
  doc.header.headline = {text("Line and page breaks, TeX against the layout engine")};
  doc.header.contacts = {{text("Nowhere")}, {linked("example.org", "https://example.org")}};
  doc.footer = true;
  for (int s = 0; s < 4; ++s) {
    DocSection section{"Section " + std::to_string(s + 1), {}};
    if (s % 2 == 0)
      section.blocks.push_back(
          paragraph_block(BlockKind::OneLine, {bold("Focus:"), text(" " + sentence(8))}));
    for (int e = 0; e < 6; ++e) {
      std::vector<RichText> paragraphs, items;
      if (e % 3 != 1) paragraphs.push_back({text(sentence(12 + 9 * e))});
      for (int i = 0; i < e % 4 + 1; ++i)
        items.push_back({bold("Item:"), text(" " + sentence(10 + 14 * ((i + e) % 4)))});
      const bool subtitle = (e + s) % 2 == 0;
      section.blocks.push_back(entry({text(sentence(3 + e % 5 * 4))}, "20" + std::to_string(10 + e),
                                     subtitle ? RichText{italic(sentence(5))} : RichText{},
                                     subtitle ? "City, Country" : "", paragraphs, items));
    }
    section.blocks.push_back(paragraph_block(BlockKind::Numbered, {text(sentence(40))}, "1."));
    section.blocks.push_back(paragraph_block(BlockKind::Bullet, {text(sentence(25))}));
    section.blocks.push_back(paragraph_block(BlockKind::Text, {text(sentence(70))}));
    section.blocks.push_back(entry({text(sentence(4))}, "2024", {}, "", {}, {}));
    doc.sections.push_back(section);
  }
  return doc;
}

// Lines compare without case: small caps extract as the letters written
// from the direct PDF (and from LuaTeX's), as capitals from XeTeX's.
std::string folded(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

// Compiles `doc` in `style` with XeLaTeX and LuaLaTeX and checks that both
// give the layout's pages: the same lines, on the same baselines.
void check_tex_pages(const Document& doc, const Style& style) {
  const int runs = doc.footer ? 2 : 1;  // "page N of M" needs a second run
  FontBook fonts;
  const std::vector<PageLines> expected = layout_lines(layout(doc, style, fonts));
  const fs::path dir = make_temp_dir();
  write_file(dir / "cv.tex", write_latex(doc, style));
  for (const std::string engine : {"xelatex", "lualatex"}) {
    INFO(engine << " in " << dir);
    REQUIRE(compile(dir, engine, "cv-" + engine, "", runs));
    const std::vector<PageLines> got = pdf_lines(dir / ("cv-" + engine + ".pdf"));
    REQUIRE(got.size() == expected.size());
    for (std::size_t p = 0; p < got.size(); ++p) {
      INFO("page " << p + 1);
      REQUIRE(got[p].size() == expected[p].size());
      for (std::size_t l = 0; l < got[p].size(); ++l) {
        INFO("line " << l + 1 << ": " << expected[p][l].second);
        CHECK(folded(got[p][l].second) == folded(expected[p][l].second));
        CHECK(got[p][l].first == Approx(expected[p][l].first).margin(0.01));
      }
    }
  }
  clean_up(dir);
}

// The engines and MuPDF are there (`make test` installs them): a parity test
// fails, rather than passes unchecked, without them.
bool have_tex() {
  for (const char* tool : {"xelatex", "lualatex", "mutool"}) {
    INFO(tool << " is not on PATH: `make test` installs it");
    REQUIRE(have(tool));
  }
  return true;
}

Style lato_style() {
  Style style = classic_style();
  const auto face = [](const char* family, const char* name) {
    FontFace f;
    f.family = family, f.style = name;
    return f;
  };
  style.faces = {face("Lato", "Regular"), face("Lato", "Bold"), face("Lato", "Italic"),
                 face("Lato", "Bold Italic"), face("DejaVu Sans Mono", "Book")};
  REQUIRE(resolve_fonts(style).empty());
  return style;
}

}  // namespace

TEST_CASE("write_latex: TeX breaks lines and pages where the layout engine does",
          "[latex][tex][parity]") {
  if (have_tex()) check_tex_pages(long_document(), resolved_style());
}

TEST_CASE("write_latex: the same pages in a sans style with other sizes, gaps and places",
          "[latex][tex][parity]") {
  if (!have_tex()) return;
  Style style = lato_style();
  style.header_align = Align::Left;
  style.page_width = 612, style.page_height = 792;  // US letter
  style.margin_top = 40, style.margin_bottom = 60, style.margin_left = 50;
  style.body = {Face::Regular, 10.5, 13.2};
  style.title_text = {Face::Bold, 11, 14};
  style.section_text = {Face::BoldItalic, 13, 16.5};
  style.block_gap = {7.25, 3, 9};
  style.item_gap = {2.5, 0, 3};
  style.date_gap = 14;
  style.number_indent = 22, style.number_gap = 6.5;
  style.dates = DatePlacement::Below;
  check_tex_pages(long_document(), style);
}

TEST_CASE("write_latex: the same pages with dates in a left column", "[latex][tex][parity]") {
  if (!have_tex()) return;
  Document doc = long_document();
  doc.footer = false;  // one TeX run
  Style style = resolved_style();
  style.dates = DatePlacement::Left;
  style.date_column = 70;
  check_tex_pages(doc, style);
}

TEST_CASE("write_latex: the same pages with small caps, the font's own and synthesised",
          "[latex][tex][parity][smallcaps]") {
  if (!have_tex()) return;
  Document doc = long_document();
  doc.footer = false;
  const bool own = GENERATE(true, false);
  INFO((own ? "Charis SIL, with smcp" : "Lato, without"));
  Style style = own ? resolved_style() : lato_style();
  style.name_text.text_case = TextCase::SmallCaps;
  style.section_text.text_case = TextCase::SmallCaps;
  style.subtitle_text.text_case = TextCase::SmallCaps;
  style.small_caps_scale = 0.77;
  REQUIRE(style.faces[0].small_caps == own);
  check_tex_pages(doc, style);
}

namespace {

// A document whose `target` line comes after `n` lines of filler, for
// pushing the target down to a page's foot.
struct Scenario {
  const char* what;
  std::function<Document(int n)> make;
  std::string target;  // what the target line starts with (no spaces)
  double gap;          // the glue above it
  double leading;
  // Checks the layout's pages for what the rules promise.
  std::function<void(const std::vector<PageLines>&)> check;
};

// `n` one-line paragraphs in a section "Filler", then `blocks`: in a
// section of their own when `title` is given.
Document with_filler(int n, std::vector<Block> blocks, const char* title = nullptr) {
  Document doc;
  doc.header.name = "Page Breaks";
  DocSection filler{"Filler", {}};
  for (int i = 0; i < n; ++i)
    filler.blocks.push_back(
        paragraph_block(BlockKind::Text, {text("Filler line " + std::to_string(i + 1) + ".")}));
  if (title) {
    doc.sections = {filler, DocSection{title, std::move(blocks)}};
  } else {
    for (Block& b : blocks) filler.blocks.push_back(std::move(b));
    doc.sections = {filler};
  }
  return doc;
}

struct Where {
  std::size_t page = 0, line = 0;
  bool found = false;
};

Where find_line(const std::vector<PageLines>& pages, const std::string& prefix) {
  for (std::size_t p = 0; p < pages.size(); ++p)
    for (std::size_t l = 0; l < pages[p].size(); ++l)
      if (pages[p][l].second.starts_with(prefix)) return {p, l, true};
  return {};
}

// The line starting with `prefix` has at least `n` lines after it on its page.
void lines_after(const std::vector<PageLines>& pages, const std::string& prefix, std::size_t n) {
  const Where w = find_line(pages, prefix);
  REQUIRE(w.found);
  INFO(prefix << " on page " << w.page + 1);
  CHECK(pages[w.page].size() - w.line - 1 >= n);
}

// The line starting with `prefix` does not open a page.
void not_first(const std::vector<PageLines>& pages, const std::string& prefix) {
  const Where w = find_line(pages, prefix);
  REQUIRE(w.found);
  INFO(prefix << " on page " << w.page + 1);
  CHECK(w.line > 0);
}

std::vector<RichText> texts(const std::vector<std::string>& lines) {
  std::vector<RichText> out;
  for (const std::string& line : lines) out.push_back({text(line)});
  return out;
}

}  // namespace

TEST_CASE("write_latex: page breaks keep titles, first and last items together in both backends",
          "[latex][tex][parity][pagebreak]") {
  const Style style = resolved_style();
  const std::vector<std::string> three = {"First item.", "Second item.", "Last item."};
  const std::vector<Scenario> scenarios = {
      {"a section title",
       [&](int n) {
         return with_filler(n,
                            {entry({text("Entry one")}, "2024", {italic("Subtitle")}, "Place", {},
                                   texts({"An item.", "Another item."}))},
                            "Target Section");
       },
       "TargetSection", style.section_before.value, style.section_text.leading,
       [](const std::vector<PageLines>& pages) { lines_after(pages, "TargetSection", 2); }},
      {"an entry's title without a subtitle",
       [&](int n) {
         return with_filler(n,
                            {entry({text("Target entry")}, "2024", {}, "Place", {}, texts(three))});
       },
       "Targetentry", style.block_gap.value, style.title_text.leading,
       [](const std::vector<PageLines>& pages) { lines_after(pages, "Targetentry", 2); }},
      {"an entry's title with a subtitle",
       [&](int n) {
         return with_filler(n, {entry({text("Target entry")}, "2024", {italic("Subtitle")}, "", {},
                                      texts(three))});
       },
       "Targetentry", style.block_gap.value, style.title_text.leading,
       [](const std::vector<PageLines>& pages) { lines_after(pages, "Targetentry", 2); }},
      {"an entry's last item",
       [&](int n) {
         return with_filler(
             n, {entry({text("Listing")}, "2024", {italic("Subtitle")}, "", {}, texts(three))});
       },
       "•Seconditem.", style.item_gap.value, style.body.leading,
       [](const std::vector<PageLines>& pages) { not_first(pages, "•Lastitem."); }},
      {"a list's last item",
       [&](int n) {
         std::vector<Block> steps;
         for (const char* step : {"First step.", "Second step.", "Third step.", "Last step."})
           steps.push_back(paragraph_block(BlockKind::Numbered, {text(step)},
                                           std::to_string(steps.size() + 1) + "."));
         return with_filler(n, std::move(steps), "Steps");
       },
       "3.Thirdstep.", style.block_gap.value, style.body.leading,
       [](const std::vector<PageLines>& pages) { not_first(pages, "4.Laststep."); }},
  };
  const double bottom = style.page_height - style.margin_bottom;
  for (const Scenario& s : scenarios) {
    INFO(s.what);
    // Every amount of filler keeps the promise; one of them forces the target
    // onto the next page though it would fit at the foot of the one before.
    std::optional<Document> forced;
    for (int n = 0; n < 90; ++n) {
      INFO(n << " lines of filler");
      FontBook fonts;
      const Document doc = s.make(n);
      const std::vector<PageLines> pages = layout_lines(layout(doc, style, fonts));
      s.check(pages);
      const Where w = find_line(pages, s.target);
      REQUIRE(w.found);
      if (!forced && w.page > 0 && w.line == 0 &&
          pages[w.page - 1].back().first + s.gap + s.leading <= bottom)
        forced = doc;
    }
    REQUIRE(forced);
    if (have_tex()) check_tex_pages(*forced, style);
  }
}
