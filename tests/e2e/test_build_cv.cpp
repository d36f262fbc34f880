// Builds the reference cv.yaml with the cvpress binary and reads the four
// documents back with poppler-utils, qpdf and XeLaTeX.
#include <catch2/catch.hpp>

#include "load/yaml_loader.h"
#include "support.h"

#include <sstream>

using namespace cvpress;
using namespace cvpress::test;

namespace {

// Builds cv.yaml once into a scratch folder shared by the tests below.
const std::string& built() {
  static const std::string dir = [] {
    const std::string out = scratch_dir("build-cv");
    const Run r = run_cvpress("build cv.yaml -o " + quote(out));
    INFO(r.out);
    REQUIRE(r.status == 0);
    return out;
  }();
  return dir;
}

std::string title_of(const Entry& e) {
  for (const RichText* t : {&e.institution, &e.company, &e.name, &e.title, &e.label, &e.text}) {
    if (!t->empty()) return plain_text(*t);
  }
  return "";
}

}  // namespace

TEST_CASE("build writes the four documents", "[e2e]") {
  const std::vector<std::string> files = list_dir(built());
  CHECK(files ==
        std::vector<std::string>{"cv-full.pdf", "cv-full.tex", "cv-onepage.pdf", "cv-onepage.tex"});
}

TEST_CASE("the full PDF shows every section and entry title of cv.yaml", "[e2e]") {
  const LoadResult loaded = load_cv_file(source_dir() + "/cv.yaml");
  REQUIRE_FALSE(loaded.diags.has_errors());
  const std::string text = pdf_text(built() + "/cv-full.pdf");
  CHECK(contains_words(text, loaded.cv.name));
  for (const Section& section : loaded.cv.sections) {
    CHECK(contains_words(text, section.title));
    for (const Entry& entry : section.entries) {
      std::string title = title_of(entry);
      // Math is typeset, not printed as source: check the words before it.
      if (size_t math = title.find("$$"); math != std::string::npos) title.resize(math);
      INFO(section.title << ": " << title);
      CHECK(contains_words(text, title));
    }
  }
}

TEST_CASE("the one-page PDF has one page and the full PDF more", "[e2e]") {
  CHECK(pdf_pages(built() + "/cv-onepage.pdf") == 1);
  CHECK(pdf_pages(built() + "/cv-full.pdf") >= 2);
}

TEST_CASE("qpdf finds both PDFs well-formed", "[e2e]") {
  for (const char* name : {"cv-full.pdf", "cv-onepage.pdf"}) {
    const Run r = run("qpdf --check " + quote(built() + "/" + name));
    INFO(r.out);
    CHECK(r.status == 0);
    CHECK(r.out.find("No syntax or stream encoding errors") != std::string::npos);
  }
}

TEST_CASE("every font is embedded and subset, with a ToUnicode map", "[e2e]") {
  for (const char* name : {"cv-full.pdf", "cv-onepage.pdf"}) {
    const Run r = run("pdffonts " + quote(built() + "/" + name));
    REQUIRE(r.status == 0);
    std::istringstream lines(r.out);
    std::string line;
    int fonts = 0;
    while (std::getline(lines, line)) {
      if (line.rfind("name", 0) == 0 || line.rfind("---", 0) == 0 || line.empty()) continue;
      INFO(line);
      ++fonts;
      CHECK(line.find('+') == 6);  // subset tag, e.g. ABCDEF+CharisSIL
      CHECK(line.find("CID TrueType") != std::string::npos);
      CHECK(line.find("yes yes yes") != std::string::npos);  // emb sub uni
    }
    CHECK(fonts >= 3);
  }
}

TEST_CASE("both .tex files compile with xelatex", "[e2e][tex]") {
  INFO("xelatex is not installed: `make test` installs it");
  REQUIRE(have_tool("xelatex"));
  for (const char* stem : {"cv-full", "cv-onepage"}) {
    const std::string dir = scratch_dir(std::string("xelatex-") + stem);
    run("cp " + quote(built() + "/" + stem + ".tex") + " " + quote(dir));
    const std::string cmd =
        "cd " + quote(dir) + " && xelatex -interaction=nonstopmode -halt-on-error " + stem + ".tex";
    Run r = run(cmd);
    if (r.status == 0) r = run(cmd);  // second pass: page N of M
    INFO(r.out.substr(r.out.size() > 3000 ? r.out.size() - 3000 : 0));
    REQUIRE(r.status == 0);
    CHECK(pdf_pages(dir + "/" + stem + ".pdf") >= 1);
  }
}

TEST_CASE("the same input gives byte-identical PDFs", "[e2e]") {
  const std::string a = scratch_dir("repro-a"), b = scratch_dir("repro-b");
  REQUIRE(run_cvpress("build cv.yaml -o " + quote(a)).status == 0);
  REQUIRE(run("cd " + quote(source_dir()) + " && TZ=Asia/Shanghai " + quote(CVPRESS_BINARY) +
              " build cv.yaml -o " + quote(b))
              .status == 0);
  for (const char* name : {"cv-full.pdf", "cv-onepage.pdf", "cv-full.tex", "cv-onepage.tex"}) {
    INFO(name);
    CHECK(read_file(a + "/" + name) == read_file(b + "/" + name));
  }
}

TEST_CASE("MuPDF renders both PDFs without errors", "[e2e]") {
  INFO("mutool is not installed: `make test` installs it");
  REQUIRE(have_tool("mutool"));
  for (const char* name : {"cv-full.pdf", "cv-onepage.pdf"}) {
    const Run r = run("mutool draw -o /dev/null -F txt " + quote(built() + "/" + name));
    INFO(r.out);
    CHECK(r.status == 0);
    CHECK(r.out.find("error") == std::string::npos);
  }
}
