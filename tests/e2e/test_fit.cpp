// The page budget end to end: one full page in both backends for a CV more
// than three times the size of cv.yaml, in every style and on both papers;
// --max-pages; the impossible budget; --explain. These tests need pdftotext
// and xelatex (make test installs them) and fail without them.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "load/diagnostics.h"
#include "style/style_loader.h"
#include "support.h"

using namespace cvpress::test;

namespace {

// A CV more than three times the size of cv.yaml (the first test checks):
// 30 jobs of 5 bullets, 60 publications, 20 talks and 12 skills, with
// priorities 1-5 spread over entries and bullets, a few priority-1 bullets
// (which pin their job, unless the job is priority 5), and some markup.
// The first `pinned_jobs` jobs are priority 1 through and through.
std::string large_cv(int pinned_jobs = 1) {
  std::string y =
      "cv:\n  name: Ada Large\n  headline: Principal Engineer\n  location: Zurich\n"
      "  email: ada@example.org\n  sections:\n    experience:\n";
  for (int j = 0; j < 30; ++j) {
    const bool pinned = j < pinned_jobs;
    y += fmt::format(
        "      - company: Company {0}\n        position: Engineer level {0}\n"
        "        start_date: {1}-01\n        end_date: {1}-12\n        location: City {0}\n"
        "        priority: {2}\n        highlights:\n",
        j, 2024 - j, pinned ? 1 : 2 + j % 4);
    for (int h = 0; h < 5; ++h) {
      const int p = pinned || (h == 0 && j % 6 == 1) ? 1 : 2 + (h + j) % 4;
      y += fmt::format(
          "          - text: Highlight {0}.{1} describes **work** on systems, *compilers* and "
          "[kernels](https://example.org/{0}/{1}) with enough words to wrap onto a second line\n"
          "            priority: {2}\n",
          j, h, p);
    }
  }
  y += "    publications:\n";
  for (int p = 0; p < 60; ++p) {
    y += fmt::format(
        "      - title: Publication number {0} on a topic of lasting interest\n"
        "        authors: [Ada Large, Co Author]\n        journal: Journal {0}\n"
        "        date: {1}\n        doi: 10.1000/j.{0}\n        priority: {2}\n",
        p, 2024 - p / 3, p < 2 ? 1 : 2 + p % 4);
  }
  y += "    talks:\n";
  for (int t = 0; t < 20; ++t) {
    y += fmt::format(
        "      - name: Talk {0} on compilers and kernels\n        date: {1}-05\n"
        "        location: Venue {0}\n        summary: A talk of about an hour.\n"
        "        priority: {2}\n",
        t, 2024 - t / 2, 2 + t % 4);
  }
  y += "    skills:\n";
  for (int s = 0; s < 12; ++s) {
    y += fmt::format(
        "      - label: Area {0}\n        details: one, two, three, four\n"
        "        priority: {1}\n",
        s, s < 2 ? 1 : 3);
  }
  return y;
}

std::string build_large(const std::string& name, const std::string& yaml, const std::string& flags,
                        Run* result = nullptr) {
  const std::string dir = scratch_dir(name);
  write_file(dir + "/large.yaml", yaml);
  Run r = run_cvpress("build large.yaml -o out " + flags, dir);
  if (result) *result = r;
  return dir;
}

// The lowest bottom of a word on the first page of `pdf` (pdftotext -bbox):
// the last line's baseline plus its descent.
double last_line_bottom(const std::string& pdf) {
  const std::string boxes = run("pdftotext -f 1 -l 1 -bbox " + quote(pdf) + " -").out;
  double lowest = 0;
  for (size_t at = boxes.find("yMax=\""); at != std::string::npos;
       at = boxes.find("yMax=\"", at + 1))
    lowest = std::max(lowest, std::stod(boxes.substr(at + 6)));
  return lowest;
}

// Checks that the one-page PDF is filled as the fitter claims: its last line
// within 10% of the text height above the bottom margin (its descenders may
// hang into the margin).
void check_filled(const std::string& pdf, const cvpress::Style& style) {
  const double bottom = style.page_height - style.margin_bottom;
  const double text_height = bottom - style.margin_top;
  const double lowest = last_line_bottom(pdf);
  INFO(pdf << ": the last line ends at " << lowest << " bp; the text area ends at " << bottom);
  CHECK(lowest > bottom - 0.1 * text_height);
  CHECK(lowest < bottom + 0.5 * style.body.size);
}

// The large CV in `style` on `paper`: its one-page CV is one page, filled,
// in the direct PDF and compiled by xelatex, with the same lines, and every
// line of it is a line of the full CV.
void check_one_page(const std::string& style_name, const std::string& paper) {
  REQUIRE(have_tool("pdftotext"));
  REQUIRE(have_tool("xelatex"));
  cvpress::Diagnostics problems;
  cvpress::Style style = cvpress::load_style(style_name, problems);
  REQUIRE_FALSE(problems.has_errors());
  REQUIRE(cvpress::set_paper(style, paper));

  const std::string flags = "--style " + style_name + " --paper " + paper;
  Run r;
  const std::string dir = build_large("fit-" + style_name + "-" + paper, large_cv(), flags, &r);
  INFO(r.out);
  REQUIRE(r.status == 0);
  const std::string onepage = dir + "/out/large-onepage.pdf";
  CHECK(pdf_pages(onepage) == 1);
  check_filled(onepage, style);

  // More than three times cv.yaml, as laid out in the same style.
  const std::string cv_dir = scratch_dir("fit-cv-" + style_name + "-" + paper);
  REQUIRE(run_cvpress("build cv.yaml --variant full --format pdf " + flags + " -o " + quote(cv_dir))
              .status == 0);
  CHECK(pdf_pages(dir + "/out/large-full.pdf") >= 3 * pdf_pages(cv_dir + "/cv-full.pdf"));

  // The one-page CV is a subset of the full one: each of its lines is a line of the full CV.
  std::set<std::string> full_lines;
  for (const std::string& line : pdf_lines(dir + "/out/large-full.pdf"))
    full_lines.insert(line.substr(line.find(": ") + 2));
  const std::vector<std::string> lines = pdf_lines(onepage);
  REQUIRE(lines.size() > 30);
  for (const std::string& line : lines) {
    INFO(line);
    CHECK(full_lines.count(line.substr(line.find(": ") + 2)) == 1);
  }

  std::string log;
  const std::string tex_pdf = compile_tex(dir + "/out/large-onepage.tex", "xelatex", &log);
  INFO(log);
  REQUIRE_FALSE(tex_pdf.empty());
  CHECK(pdf_pages(tex_pdf) == 1);
  check_filled(tex_pdf, style);
  CHECK(matching_lines(lines, pdf_lines(tex_pdf)) == lines.size());
}

}  // namespace

TEST_CASE("a CV over three times cv.yaml fits one full page: classic, A4", "[e2e][fit]") {
  check_one_page("classic", "a4");
}

TEST_CASE("a CV over three times cv.yaml fits one full page: classic, Letter", "[e2e][fit]") {
  check_one_page("classic", "letter");
}

TEST_CASE("a CV over three times cv.yaml fits one full page: modern, A4", "[e2e][fit]") {
  check_one_page("modern", "a4");
}

TEST_CASE("a CV over three times cv.yaml fits one full page: modern, Letter", "[e2e][fit]") {
  check_one_page("modern", "letter");
}

TEST_CASE("a CV over three times cv.yaml fits one full page: compact, Letter", "[e2e][fit]") {
  check_one_page("compact", "letter");
}

TEST_CASE("a CV over three times cv.yaml fits one full page: compact, A4", "[e2e][fit]") {
  check_one_page("compact", "a4");
}

TEST_CASE("the one-page cv.yaml is filled to near its bottom margin", "[e2e][fit]") {
  REQUIRE(have_tool("pdftotext"));
  const std::string dir = scratch_dir("fit-fill");
  REQUIRE(run_cvpress("build cv.yaml --variant onepage --format pdf -o " + quote(dir)).status == 0);
  cvpress::Diagnostics problems;
  check_filled(dir + "/cv-onepage.pdf", cvpress::load_style("classic", problems));
}

TEST_CASE("max-pages fits the full CV to N pages in both backends", "[e2e][fit]") {
  REQUIRE(have_tool("xelatex"));
  Run r;
  const std::string dir = build_large("fit-max-pages", large_cv(), "--max-pages 2", &r);
  INFO(r.out);
  REQUIRE(r.status == 0);
  CHECK(pdf_pages(dir + "/out/large-full.pdf") == 2);
  CHECK(pdf_pages(dir + "/out/large-onepage.pdf") == 1);
  CHECK(pdf_text(dir + "/out/large-full.pdf").find("page 2 of 2") != std::string::npos);
  std::string log;
  const std::string tex_pdf = compile_tex(dir + "/out/large-full.tex", "xelatex", &log);
  INFO(log);
  REQUIRE_FALSE(tex_pdf.empty());
  CHECK(pdf_pages(tex_pdf) == 2);
  CHECK(pdf_text(tex_pdf).find("page 2 of 2") != std::string::npos);
  const std::vector<std::string> lines = pdf_lines(dir + "/out/large-full.pdf");
  CHECK(matching_lines(lines, pdf_lines(tex_pdf)) == lines.size());
}

TEST_CASE("a budget that does not bind keeps the page count", "[e2e][fit]") {
  const std::string dir = scratch_dir("fit-no-bind");
  REQUIRE(run_cvpress("build cv.yaml --variant full --format pdf -o " + quote(dir + "/a")).status ==
          0);
  REQUIRE(run_cvpress("build cv.yaml --variant full --format pdf --max-pages 10 -o " +
                      quote(dir + "/b"))
              .status == 0);
  CHECK(pdf_pages(dir + "/b/cv-full.pdf") == pdf_pages(dir + "/a/cv-full.pdf"));
}

TEST_CASE("an impossible budget exits 3, says by how much and what is pinned", "[e2e][fit]") {
  Run r;
  const std::string dir = build_large("fit-impossible", large_cv(24), "", &r);
  INFO(r.out);
  CHECK(r.status == 3);
  CHECK(r.out.find("does not fit 1 page") != std::string::npos);
  CHECK(r.out.find(" pt (about ") != std::string::npos);
  CHECK(r.out.find("pinned: 29 entries (Company 0, Company 1, Company 2, ") != std::string::npos);
  CHECK(r.out.find(", ...) and 121 bullets") != std::string::npos);
  CHECK_FALSE(exists(dir + "/out"));
}

TEST_CASE("explain says what was dropped, kept and pinned, and why", "[e2e][fit]") {
  const Run r = run_cvpress("build cv.yaml --explain -o " + quote(scratch_dir("fit-explain")));
  REQUIRE(r.status == 0);
  INFO(r.out);
  const size_t start = r.out.find("onepage:\n");
  REQUIRE(start != std::string::npos);
  std::vector<std::string> lines;
  for (size_t at = start + 9; at < r.out.size() && r.out.compare(at, 2, "  ") == 0;) {
    const size_t end = r.out.find('\n', at);
    lines.push_back(r.out.substr(at + 2, end - at - 2));
    at = end + 1;
  }
  auto has = [&](const std::string& text) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& l) { return l.find(text) != std::string::npos; });
  };
  CHECK(has("dropped entry 5 of Awards (priority 5): National Scholarship - full CV only"));
  CHECK(
      has("dropped entry 3 of Experience (priority 4, with 1 bullet): Huawei Cambridge Research "
          "Center / HiSilicon - to fit, frees "));
  CHECK(has(" - walked back in, it fits again, takes "));
  CHECK(has("pinned entry 1 of Experience (priority 1): NVIDIA - never dropped"));
  CHECK(has("pinned bullet 1 of Selected Projects / GVR"));
  CHECK(has("kept as they are: "));
  // One line each, in groups: dropped, walked back, pinned, the rest, spacing.
  const char* groups[] = {"dropped ", "kept ", "pinned ", "kept as they are: ", "spacing: "};
  int group = 0;
  for (const std::string& line : lines) {
    INFO(line);
    int g = 0;
    while (g < 5 && line.rfind(groups[g], 0) != 0) ++g;
    if (g == 1 && line.rfind(groups[3], 0) == 0) g = 3;
    REQUIRE(g < 5);
    CHECK(g >= group);
    group = g;
    if (g == 0 && line.find("full CV only") == std::string::npos)
      CHECK(line.find(" - to fit, frees ") != std::string::npos);
  }
  CHECK(group == 4);
}
