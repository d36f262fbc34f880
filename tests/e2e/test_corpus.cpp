// Real files from users' worlds: every RenderCV example and JSON Resume file
// in tests/fixtures (copies of ../shared/corpus) builds unchanged into all
// four documents, and `cvpress import` writes YAML that builds into the same
// PDF text as the JSON it came from.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "support.h"

using namespace cvpress::test;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> fixtures(const std::string& folder, const std::string& ext) {
  std::vector<std::string> out;
  for (const auto& item : fs::directory_iterator(source_dir() + "/tests/fixtures/" + folder)) {
    if (item.path().extension() == ext) out.push_back(item.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The four documents of `stem`, as `cvpress build` names them.
std::vector<std::string> four(const std::string& stem) {
  return {stem + "-full.pdf", stem + "-full.tex", stem + "-onepage.pdf", stem + "-onepage.tex"};
}

}  // namespace

TEST_CASE("corpus: every RenderCV and JSON Resume file builds all four documents",
          "[e2e][corpus]") {
  std::vector<std::string> files = fixtures("rendercv", ".yaml");
  const std::vector<std::string> json = fixtures("jsonresume", ".json");
  files.insert(files.end(), json.begin(), json.end());
  CHECK(files.size() == 11);
  for (const std::string& file : files) {
    const std::string stem = fs::path(file).stem().string();
    const std::string out = scratch_dir("corpus-" + stem);
    const Run r = run_cvpress("build " + quote(file) + " -o " + quote(out));
    INFO(file << "\n" << r.out);
    CHECK(r.status == 0);
    std::vector<std::string> expected = four(stem);
    std::sort(expected.begin(), expected.end());
    CHECK(list_dir(out) == expected);
    if (r.status == 0) CHECK(pdf_pages(out + "/" + stem + "-onepage.pdf") == 1);
  }
}

TEST_CASE("corpus: import then build gives the PDF text of building the JSON", "[e2e][corpus]") {
  for (const std::string& file : fixtures("jsonresume", ".json")) {
    const std::string stem = fs::path(file).stem().string();
    const std::string dir = scratch_dir("import-" + stem);
    const std::string yaml = dir + "/" + stem + ".yaml";
    const Run imported = run_cvpress("import " + quote(file) + " -o " + quote(yaml));
    INFO(file << "\n" << imported.out);
    REQUIRE(imported.status == 0);
    const Run from_json = run_cvpress("build " + quote(file) + " -o " + quote(dir + "/json"));
    const Run from_yaml = run_cvpress("build " + quote(yaml) + " -o " + quote(dir + "/yaml"));
    REQUIRE(from_json.status == 0);
    REQUIRE(from_yaml.status == 0);
    for (const char* variant : {"-full.pdf", "-onepage.pdf"}) {
      INFO(variant);
      const std::string a = pdf_text(dir + "/json/" + stem + variant);
      CHECK_FALSE(a.empty());
      CHECK(a == pdf_text(dir + "/yaml/" + stem + variant));
    }
  }
}

TEST_CASE("corpus: RenderCV's nested highlights are sub-bullets under their bullet",
          "[e2e][corpus]") {
  const std::string file = source_dir() + "/tests/fixtures/rendercv/John_Doe_ClassicTheme_CV.yaml";
  const std::string out = scratch_dir("corpus-nested");
  const Run r = run_cvpress("build " + quote(file) + " --variant full -o " + quote(out));
  INFO(r.out);
  REQUIRE(r.status == 0);
  const std::string tex = read_file(out + "/John_Doe_ClassicTheme_CV-full.tex");
  CHECK(tex.find("\\cvitem{Published research at top-tier venues with significant academic "
                 "impact}\n\\cvsubitem{ICML 2022 main conference paper, cited 340+ times within "
                 "two years}\n\\cvsubitem{NeurIPS 2022") != std::string::npos);
  // In the PDF each is a line of its own, in order, the sub-bullets with their mark.
  const std::string text = pdf_text(out + "/John_Doe_ClassicTheme_CV-full.pdf");
  const std::size_t parent = text.find("Published research at top-tier venues");
  const std::size_t first = text.find("\xE2\x80\x93 ICML 2022 main conference paper");
  const std::size_t last = text.find("\xE2\x80\x93 Invited journal extension in JMLR");
  CHECK(parent != std::string::npos);
  CHECK(first > parent);
  CHECK(last > first);
  CHECK(last != std::string::npos);
}
