// LaTeX output that no input can break: every URL reaches the PDF's /URI
// exactly, and every string, however hostile, prints as written, with
// nothing executed even under -shell-escape. Built by the binary from YAML
// and compiled with both engines.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include "support.h"
#include "text/uri.h"

using namespace cvpress::test;

namespace {

// `s` as a YAML double-quoted scalar.
std::string yaml_quoted(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// The link targets of a PDF (pdfinfo -url), as a set.
std::multiset<std::string> uris(const std::string& pdf) {
  std::multiset<std::string> out;
  std::istringstream in(run("pdfinfo -url " + quote(pdf)).out);
  std::string row;
  std::getline(in, row);  // the heading
  while (std::getline(in, row)) {
    const size_t at = row.find("Annotation");
    if (at != std::string::npos) out.insert(row.substr(row.find_first_not_of(' ', at + 10)));
  }
  return out;
}

void require_engines() {
  for (const char* tool : {"xelatex", "lualatex"}) {
    INFO(tool << " is not installed (make test installs it)");
    REQUIRE(have_tool(tool));
  }
}

}  // namespace

TEST_CASE("every URL reaches /URI exactly, in both PDFs and both engines", "[e2e][tex]") {
  require_engines();
  const std::vector<std::string> urls = {
      "https://example.org/a_b?x=1&y=2#frag",
      "https://example.org/%7Euser/~me/100%25",
      "https://example.org/$price^2/{a}/\\back\\\\",
      "https://example.org/\"<>|`'!*()[];:@=+,",
      "https://example.org/^^5c\\input{/etc/passwd}}{%",
      "https://example.org/\xC3\xA4 \xC3\xB6/\xC3\xA9",  // non-ASCII and a space
      "https://example.org/a#b#c",
      "https://example.org/end#",
  };
  std::string yaml =
      "cv:\n  name: Links\n  website: " + yaml_quoted(urls[0]) + "\n  sections:\n    links:\n";
  for (const std::string& url : urls) {
    yaml += "      - name: Link\n        url: " + yaml_quoted(url) + "\n";
  }
  const std::string dir = scratch_dir("url-roundtrip");
  write_file(dir + "/links.yaml", yaml);
  const Run r = run_cvpress("build links.yaml --variant full -o out", dir);
  INFO(r.out);
  REQUIRE(r.status == 0);

  std::multiset<std::string> expected;
  for (const std::string& url : urls) expected.insert(cvpress::link_uri(url));
  expected.insert(cvpress::link_uri(urls[0]));  // the website, in the header
  CHECK(expected.count("https://example.org/$price^2/{a}/\\back\\\\") == 1);
  CHECK(expected.count("https://example.org/%C3%A4%20%C3%B6/%C3%A9") == 1);
  CHECK(uris(dir + "/out/links-full.pdf") == expected);
  for (const char* engine : {"xelatex", "lualatex"}) {
    std::string log;
    const std::string pdf = compile_tex(dir + "/out/links-full.tex", engine, &log);
    INFO(engine << "\n" << log);
    REQUIRE_FALSE(pdf.empty());
    CHECK(uris(pdf) == expected);
  }
}
