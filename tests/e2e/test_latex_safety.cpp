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

namespace {

// Every character TeX treats specially and the attacks of issue 4: reading
// a file, running a command (\write18 and LuaTeX's \directlua), ending the
// document, changing catcodes, ^^ notation, unbalanced braces and a
// trailing backslash. Markup leaves it as written (no `*`, backquote, `[`,
// `$$`, or backslash before a markup escape).
const std::string kAttack =
    R"(\ { } $ & # ^ _ ~ % ^^5c \catcode92=12 \csname input\endcsname{/etc/passwd} )"
    R"(\input{/etc/passwd} \write18{touch pwned} \immediate\write18{touch pwned} )"
    R"(\directlua{os.execute("touch pwned")} \end{document} }}{{ \)";

// Compiles `tex` with `engine` and -shell-escape, twice, in a folder of its
// own; returns that folder ("" when it failed, with `log` set).
std::string compile_shell_escape(const std::string& tex, const std::string& engine,
                                 std::string* log) {
  const std::string dir = scratch_dir("shell-escape-" + engine);
  run("cp " + quote(tex) + " " + quote(dir + "/cv.tex"));
  const std::string cmd = "cd " + quote(dir) + " && " + engine +
                          " -shell-escape -interaction=nonstopmode -halt-on-error cv.tex";
  Run r = run(cmd);
  if (r.status == 0) r = run(cmd);
  *log = r.out.substr(r.out.size() > 3000 ? r.out.size() - 3000 : 0);
  return r.status == 0 ? dir : "";
}

}  // namespace

TEST_CASE("hostile text in every field prints as written; nothing runs with -shell-escape",
          "[e2e][tex]") {
  require_engines();
  // Field k holds "F<k> " and the attack, so each can be found in the text.
  int fields = 0;
  auto field = [&] { return "F" + std::to_string(++fields) + " " + kAttack; };
  auto value = [&] { return yaml_quoted(field()); };
  // Appended one at a time, so that the numbers follow the file's order.
  std::string yaml = "cv:\n";
  auto add = [&](std::initializer_list<std::string> parts) {
    for (const std::string& part : parts) yaml += part == "#" ? value() : part;
  };
  add({"  name: ", "#", "\n  headline: ", "#", "\n  location: ", "#", "\n  email: ", "#",
       "\n  phone: ", "#", "\n  website: ", "#", "\n  social_networks:\n    - network: ", "#",
       "\n      username: ", "#", "\n"});
  add({"  sections:\n    ",
       "#",
       ":\n      - company: ",
       "#",
       "\n        position: ",
       "#",
       "\n        date: ",
       "#",
       "\n        location: ",
       "#",
       "\n        summary: ",
       "#",
       "\n        tags: [",
       "#",
       "]\n        highlights:\n          - ",
       "#",
       "\n          - text: ",
       "#",
       "\n            tags: [",
       "#",
       "]\n"});
  add({"      - institution: ", "#", "\n        area: ", "#", "\n        degree: ", "#",
       "\n        start_date: ", "#", "\n        end_date: ", "#", "\n"});
  add({"      - title: ", "#", "\n        authors: [", "#", ", ", "#", "]\n        journal: ", "#",
       "\n        url: ", "#", "\n"});
  add({"      - name: ", "#", "\n        url: ", "#", "\n"});
  add({"      - label: ", "#", "\n        details: ", "#", "\n"});
  add({"    ", "#", ":\n      - bullet: ", "#", "\n"});
  add({"    ", "#", ":\n      - number: ", "#", "\n      - ", "#", "\n"});
  const std::string dir = scratch_dir("injection");
  write_file(dir + "/cv.yaml", yaml);
  const Run r = run_cvpress("build cv.yaml --style classic -o out", dir);
  INFO(yaml << "\n" << r.out);
  REQUIRE(r.status == 0);

  // Shown once each (tags only in the PDF's keywords), as written.
  std::vector<std::string> shown, tags;
  for (int k = 1; k <= fields; ++k) {
    const std::string text = "F" + std::to_string(k) + " " + kAttack;
    (yaml.find("tags: [" + yaml_quoted(text)) != std::string::npos ? tags : shown).push_back(text);
  }
  REQUIRE(tags.size() == 2);
  for (const char* variant : {"full", "onepage"}) {
    const std::string tex = dir + "/out/cv-" + variant + ".tex";
    const std::string source = read_file(tex);
    CHECK(source.rfind("% ", 0) == 0);  // the top comment, on its line
    for (const char* engine : {"xelatex", "lualatex"}) {
      INFO(variant << " with " << engine);
      std::string log;
      const std::string out = compile_shell_escape(tex, engine, &log);
      INFO(log);
      REQUIRE_FALSE(out.empty());
      CHECK_FALSE(exists(out + "/pwned"));
      const std::string text = pdf_text(out + "/cv.pdf");
      CHECK(text.find("root:") == std::string::npos);
      if (std::string(variant) == "onepage") continue;  // the fitter may drop some
      for (const std::string& s : shown) {
        INFO(s);
        CHECK(text.find(s) != std::string::npos);
      }
      const std::string info = run("pdfinfo " + quote(out + "/cv.pdf")).out;
      for (const std::string& s : tags) {
        INFO(info);
        CHECK(info.find(s) != std::string::npos);
      }
    }
  }
  // The direct PDF shows the same.
  const std::string direct = pdf_text(dir + "/out/cv-full.pdf");
  for (const std::string& s : shown) {
    INFO(s);
    CHECK(direct.find(s) != std::string::npos);
  }

  // The check would see a command run: the same engines do run one
  // (LuaTeX has no \write18 of its own; Lua runs it).
  for (const char* engine : {"xelatex", "lualatex"}) {
    const std::string command = std::string(engine) == "xelatex"
                                    ? "\\immediate\\write18{touch pwned}"
                                    : "\\directlua{os.execute('touch pwned')}";
    write_file(dir + "/control.tex",
               "\\documentclass{article}\\begin{document}" + command + "x\\end{document}\n");
    std::string log;
    const std::string out = compile_shell_escape(dir + "/control.tex", engine, &log);
    INFO(engine << " " << log);
    REQUIRE_FALSE(out.empty());
    CHECK(exists(out + "/pwned"));
  }
}
