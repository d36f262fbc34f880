// The page budget end to end: one page in both backends for real and large
// CVs, --max-pages, the impossible budget and --explain.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <set>

#include "support.h"

using namespace cvpress::test;

namespace {

// A CV about three times the size of cv.yaml: 10 jobs, 30 publications,
// talks and skills, with priorities 1-5 spread over entries and bullets.
std::string large_cv(int pinned_jobs = 1) {
  std::string y =
      "cv:\n  name: Ada Large\n  headline: Principal Engineer\n  location: Zurich\n"
      "  email: ada@example.org\n  sections:\n    experience:\n";
  for (int j = 0; j < 10; ++j) {
    y += fmt::format(
        "      - company: Company {0}\n        position: Engineer level {0}\n"
        "        start_date: {1}-01\n        end_date: {2}-12\n        location: City {0}\n"
        "        priority: {3}\n        highlights:\n",
        j, 2020 - 2 * j, 2021 - 2 * j, j < pinned_jobs ? 1 : 2 + j % 3);
    for (int h = 0; h < 4; ++h) {
      y += fmt::format(
          "          - text: Highlight {0}.{1} describes work on systems, compilers and kernels "
          "with enough words to wrap onto a second line of the page\n"
          "            priority: {2}\n",
          j, h, j < pinned_jobs ? 1 : 1 + (h + j) % 5);
    }
  }
  y += "    publications:\n";
  for (int p = 0; p < 30; ++p) {
    y += fmt::format(
        "      - title: Publication number {0} on a topic of lasting interest\n"
        "        authors: [Ada Large, Co Author]\n        journal: Journal {0}\n"
        "        date: {1}\n        doi: 10.1000/j.{0}\n        priority: {2}\n",
        p, 2024 - p / 3, p < 2 ? 1 : 2 + p % 4);
  }
  y += "    skills:\n";
  for (int s = 0; s < 6; ++s) {
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

}  // namespace

TEST_CASE("a CV three times cv.yaml's size fits one page in both backends", "[e2e][fit]") {
  Run r;
  const std::string dir = build_large("fit-large", large_cv(), "", &r);
  INFO(r.out);
  REQUIRE(r.status == 0);
  CHECK(pdf_pages(dir + "/out/large-onepage.pdf") == 1);
  CHECK(pdf_pages(dir + "/out/large-full.pdf") >= 4);
  // The one-page CV is a subset of the full one: each of its lines is a line of the full CV.
  std::set<std::string> full_lines;
  for (const std::string& line : pdf_lines(dir + "/out/large-full.pdf"))
    full_lines.insert(line.substr(line.find(": ") + 2));
  for (const std::string& line : pdf_lines(dir + "/out/large-onepage.pdf")) {
    INFO(line);
    CHECK(full_lines.count(line.substr(line.find(": ") + 2)) == 1);
  }
  // Filled: the last line is near the bottom margin (within ~10% of the text height).
  const std::vector<std::string> lines = pdf_lines(dir + "/out/large-onepage.pdf");
  REQUIRE_FALSE(lines.empty());
  if (!have_tool("xelatex")) return;
  std::string log;
  const std::string tex_pdf = compile_tex(dir + "/out/large-onepage.tex", "xelatex", &log);
  INFO(log);
  REQUIRE_FALSE(tex_pdf.empty());
  CHECK(pdf_pages(tex_pdf) == 1);
  CHECK(matching_lines(pdf_lines(dir + "/out/large-onepage.pdf"), pdf_lines(tex_pdf)) ==
        lines.size());
}

TEST_CASE("the one-page CV is filled to near its bottom margin", "[e2e][fit]") {
  const std::string dir = scratch_dir("fit-fill");
  REQUIRE(run_cvpress("build cv.yaml --variant onepage --format pdf -o " + quote(dir)).status == 0);
  const std::string boxes = run("pdftotext -bbox " + quote(dir + "/cv-onepage.pdf") + " -").out;
  double lowest = 0;
  for (size_t at = boxes.find("yMax=\""); at != std::string::npos;
       at = boxes.find("yMax=\"", at + 1))
    lowest = std::max(lowest, std::stod(boxes.substr(at + 6)));
  // A4: text area 50..791.9 bp; 10% of it is 74 bp.
  CHECK(lowest > 791.9 - 74);
  CHECK(lowest < 841.9);
}

TEST_CASE("max-pages fits the full CV to N pages", "[e2e][fit]") {
  Run r;
  const std::string dir = build_large("fit-max-pages", large_cv(), "--max-pages 2", &r);
  INFO(r.out);
  REQUIRE(r.status == 0);
  CHECK(pdf_pages(dir + "/out/large-full.pdf") == 2);
  CHECK(pdf_pages(dir + "/out/large-onepage.pdf") == 1);
  const std::string text = pdf_text(dir + "/out/large-full.pdf");
  CHECK(text.find("page 2 of 2") != std::string::npos);
}

TEST_CASE("an impossible budget exits 3, says by how much, and writes nothing", "[e2e][fit]") {
  Run r;
  const std::string dir = build_large("fit-impossible", large_cv(10), "", &r);
  CHECK(r.status == 3);
  CHECK(r.out.find("does not fit 1 page") != std::string::npos);
  CHECK(r.out.find(" pt (about ") != std::string::npos);
  CHECK(r.out.find("pinned: 14 entries (Company 0, Company 1, ") != std::string::npos);
  CHECK_FALSE(exists(dir + "/out"));
  INFO(r.out);
}

TEST_CASE("explain says what was dropped, why, and the space it frees", "[e2e][fit]") {
  const Run r = run_cvpress("build cv.yaml --explain -o " + quote(scratch_dir("fit-explain")));
  REQUIRE(r.status == 0);
  CHECK(r.out.find("onepage:") != std::string::npos);
  CHECK(r.out.find("(priority 5): National Scholarship - full CV only") != std::string::npos);
  CHECK(
      r.out.find(
          "entry 3 of Experience (priority 4, with 1 bullet): Huawei Cambridge Research Center") !=
      std::string::npos);
  CHECK(r.out.find(" - to fit, frees ") != std::string::npos);
  CHECK(r.out.find("spacing: ") != std::string::npos);
}
