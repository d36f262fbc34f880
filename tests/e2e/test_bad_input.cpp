// `cvpress build` on broken and hostile input, one class of input a test:
// the exit code, the message with its file:line:col, and an output folder
// (filled by an earlier run) left exactly as it was, bytes and times. Also
// every input the fuzzer or the audit found crashing or hanging cvpress
// (tests/fixtures/crashes/), and outputs that cannot be written.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <utility>

#include "support.h"

using namespace cvpress::test;
namespace fs = std::filesystem;

namespace {

// What a folder holds: each file's bytes and modification time.
using Snapshot = std::map<std::string, std::pair<std::string, fs::file_time_type>>;

Snapshot snapshot(const std::string& dir) {
  Snapshot out;
  for (const auto& item : fs::recursive_directory_iterator(dir)) {
    const std::string name = fs::relative(item.path(), dir).string();
    out[name] = {item.is_regular_file() ? read_file(item.path()) : "(folder)",
                 fs::last_write_time(item.path())};
  }
  return out;
}

// An output folder as an earlier run left it for an input named `stem`,
// dated a day back so that a rewrite would show in the times.
std::string earlier_outputs(const std::string& dir, const std::string& stem) {
  const std::string out = dir + "/out";
  fs::create_directories(out);
  const auto yesterday = fs::file_time_type::clock::now() - std::chrono::hours(24);
  for (const char* suffix : {"-full.pdf", "-full.tex", "-onepage.pdf", "-onepage.tex"}) {
    const std::string path = out + "/" + stem + suffix;
    write_file(path, std::string("earlier ") + suffix + "\n");
    fs::last_write_time(path, yesterday);
  }
  return out;
}

// Runs `cvpress build` on `input` (written to a file `name` of a scratch
// folder) with a time limit; exit 124 means it hung.
struct BadRun {
  Run run;
  std::string file;  // the input's path, as messages name it
  bool outputs_untouched = false;
  bool input_untouched = false;
};

BadRun build_bad(const std::string& name, const std::string& input, int seconds = 60) {
  const std::string dir = scratch_dir("bad-" + name);
  BadRun r;
  r.file = dir + "/" + name;
  write_file(r.file, input);
  const std::string out = earlier_outputs(dir, fs::path(name).stem().string());
  const Snapshot before = snapshot(out);
  r.run = run("timeout " + std::to_string(seconds) + " " + quote(CVPRESS_BINARY) + " build " +
              quote(r.file) + " -o " + quote(out));
  r.outputs_untouched = snapshot(out) == before;
  r.input_untouched = read_file(r.file) == input;
  return r;
}

// `cvpress build` of `input` exits 1 with `message` at line:col (0: no
// column; -1: no line either) and leaves everything as it was.
void expect_error(const std::string& name, const std::string& input, const std::string& message,
                  int line, int col) {
  const BadRun r = build_bad(name, input);
  INFO(r.run.out.substr(0, 3000));
  CHECK(r.run.status == 1);
  std::string place = r.file;
  if (line >= 0) place += ":" + std::to_string(line);
  if (col > 0) place += ":" + std::to_string(col);
  CHECK(r.run.out.find(place + ": error: " + message) != std::string::npos);
  CHECK(r.outputs_untouched);
  CHECK(r.input_untouched);
}

std::string repeat(const std::string& text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

}  // namespace

TEST_CASE("bad input: an empty file", "[e2e][bad]") {
  expect_error("empty.yaml", "", "the file holds no CV", 1, 1);
  expect_error("empty.json", "", "the file holds no JSON Resume", 1, 1);
  expect_error("blank.yaml", "\n\n# nothing\n", "the file holds no CV", 1, 1);
}

TEST_CASE("bad input: binary garbage", "[e2e][bad]") {
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0", 20);
  expect_error("image.yaml", png, "invalid UTF-8 byte 0x89", 1, 1);
  expect_error("image.json", png, "invalid JSON: expected a JSON value, found the byte 0x89", 1, 1);
}

TEST_CASE("bad input: a UTF-8 BOM and CRLF line ends simply work", "[e2e][bad]") {
  const std::string yaml =
      "\xEF\xBB\xBF"
      "cv:\r\n  name: Ana B\xC3\xA9la\r\n  sections:\r\n    experience:\r\n"
      "      - company: ACME\r\n        position: Engineer\r\n        start_date: 2020-01\r\n"
      "        end_date: present\r\n        highlights:\r\n          - Built things\r\n";
  const std::string json =
      "\xEF\xBB\xBF{\r\n  \"basics\": {\"name\": \"Ana B\xC3\xA9la\"},\r\n"
      "  \"work\": [{\"name\": \"ACME\", \"position\": \"Engineer\", \"startDate\": "
      "\"2020-01\"}]\r\n}\r\n";
  for (const auto& [name, input] : {std::pair{"bom.yaml", yaml}, std::pair{"bom.json", json}}) {
    INFO(name);
    const BadRun r = build_bad(name, input);
    INFO(r.run.out);
    REQUIRE(r.run.status == 0);
    CHECK(r.run.out.find("warning") == std::string::npos);
    CHECK_FALSE(r.outputs_untouched);  // all four replaced
    const std::string pdf = fs::path(r.file).parent_path().string() + "/out/bom-full.pdf";
    CHECK(contains_words(pdf_text(pdf), "Ana B\xC3\xA9la"));
    CHECK(contains_words(pdf_text(pdf), "ACME Engineer"));
  }
}

TEST_CASE("bad input: tabs for indentation", "[e2e][bad]") {
  const BadRun r = build_bad("tabs.yaml", "cv:\n\tname: A\n");
  CHECK(r.run.status == 1);
  CHECK(r.run.out.find(r.file + ":2:6: error: invalid YAML") != std::string::npos);
  CHECK(r.run.out.find("YAML indents with spaces only") != std::string::npos);
  CHECK(r.outputs_untouched);
}

TEST_CASE("bad input: brackets nested hundreds of thousands deep", "[e2e][bad]") {
  // Closed: the 256th bracket is the 257th level (with the top-level map).
  expect_error("deep.yaml", "cv: " + std::string(30000, '[') + std::string(30000, ']'),
               "the YAML nests deeper than 256 levels here", 1, 260);
  // Not closed (or closed too far on to be read): yaml-cpp reads each `[` in
  // a list as the key of a one-pair map too, so each is two levels.
  expect_error("deeper.yaml", "cv: " + std::string(300000, '[') + std::string(300000, ']'),
               "the YAML nests deeper than 256 levels here", 1, 5 + 128);
  expect_error("deep-block.yaml", "cv:\n  sections:\n    s:\n      " + repeat("- ", 100000) + "x\n",
               "the YAML nests deeper than 256 levels here", 4, 513);
  expect_error("deep.json", std::string(300000, '['),
               "invalid JSON: lists and objects nest deeper than 256 levels here", 1, 257);
  // A quote inside a plain scalar does not hide the brackets after it.
  expect_error("tricked.yaml", "cv: [a 'b, " + std::string(300000, '['),
               "the YAML nests deeper than 256 levels here", 1, 139);
}

TEST_CASE("bad input: an alias bomb", "[e2e][bad]") {
  std::string yaml = "x: &s '" + std::string(10000, 'x') + "'\nh: &h [*s" + repeat(", *s", 999) +
                     "]\ne: &e {name: x, highlights: *h}\nl: &l [*e" + repeat(", *e", 999) +
                     "]\ncv: {name: A, sections: {s: *l}}\n";
  const BadRun r = build_bad("bomb.yaml", yaml);
  INFO(r.run.out.substr(0, 2000));
  CHECK(r.run.status == 1);
  // At the text that the aliases repeat.
  CHECK(r.run.out.find(r.file + ":1:4: error: the file expands to far more than it holds") !=
        std::string::npos);
  CHECK(r.outputs_untouched);
}

TEST_CASE("bad input: huge strings and huge files", "[e2e][bad]") {
  expect_error("long-value.yaml", "cv:\n  name: A\n  headline: " + std::string(100000, 'x') + "\n",
               "this text is 98 KiB long; cvpress reads at most 64 KiB in one value", 3, 13);
  expect_error("longer-value.yaml",
               "cv:\n  name: A\n  headline: " + std::string(900000, 'x') + "\n",
               "the text from here runs on for more than 128 KiB without a break", 3, 13);
  expect_error("huge.yaml", "cv:\n  name: " + std::string(3 << 20, 'x') + "\n",
               "the file is larger than 2 MiB, the most cvpress reads", -1, 0);
  expect_error("huge.json", "{\"basics\": {\"name\": \"" + std::string(3 << 20, 'x') + "\"}}",
               "the file is larger than 2 MiB, the most cvpress reads", -1, 0);
}

TEST_CASE("bad input: a long word builds, fast", "[e2e][bad]") {
  const auto start = std::chrono::steady_clock::now();
  const BadRun r =
      build_bad("word.yaml", "cv:\n  name: A\n  sections:\n    s:\n      - " +
                                 std::string(60000, 'w') + "\n      - and a short one\n");
  INFO(r.run.out);
  CHECK(r.run.status == 0);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
}

TEST_CASE("bad input: invalid UTF-8, at the exact byte", "[e2e][bad]") {
  expect_error("utf8.yaml", "cv:\n  name: Jo\xA0\x80 B\n", "invalid UTF-8 byte 0xA0", 2, 11);
  expect_error("utf8-2.yaml", "cv:\n  name: Jo\xA0\x80 B\n", "invalid UTF-8 byte 0x80", 2, 12);
  expect_error("utf8.json", "{\"basics\": {\"name\": \"Jo\xA0\"}}",
               "invalid JSON: invalid UTF-8 byte 0xA0", 1, 24);
}

TEST_CASE("bad input: NUL and other control characters", "[e2e][bad]") {
  const std::string nul("cv:\n  name: A\0B\n", 16);
  expect_error("nul.yaml", nul, "control character U+0000 is not allowed in YAML", 2, 10);
  const BadRun r = build_bad("nul-only.yaml", nul);
  CHECK(r.run.out.find("invalid YAML") == std::string::npos);  // no second, misleading error
  expect_error("nul.json", std::string("{\"basics\": {\"name\": \"A\0B\"}}", 27),
               "invalid JSON: control character U+0000 inside a string", 1, 23);
}

TEST_CASE("bad input: the inputs that made yaml-cpp loop for ever", "[e2e][bad]") {
  const std::string message = "invalid YAML: a `,` outside `[ ]` or `{ }`";
  expect_error("comma.yaml", ",", message, 1, 1);
  expect_error("map-comma.yaml", "{},", message, 1, 3);
  expect_error("string-comma.yaml", "\"x\",", message, 1, 4);
  expect_error("document-comma.yaml", "--- ,", message, 1, 5);
  expect_error("second-document.yaml", "cv:\n  name: A\n---\n,\n", message, 4, 1);
}

TEST_CASE("bad input: a quote that is never closed", "[e2e][bad]") {
  expect_error("quote.yaml", "cv:\n  name: \"A B\n  headline: C\n",
               "this quote is not closed: the text runs on to the end of the file", 2, 9);
  expect_error("single-quote.yaml", "cv:\n  name: A\n  headline: 'it''s\n",
               "this quote is not closed: the text runs on to the end of the file", 3, 13);
}

TEST_CASE("bad input: every input that once crashed or hung cvpress", "[e2e][bad][crashes]") {
  // Kept by fuzz/run.sh and the audit of issue 8; each must end, in time,
  // with exit 0 or 1 and never a signal.
  int files = 0;
  for (const auto& item : fs::directory_iterator(source_dir() + "/tests/fixtures/crashes")) {
    const std::string ext = item.path().extension().string();
    if (ext != ".yaml" && ext != ".json") continue;
    ++files;
    const std::string out = scratch_dir("crash-" + item.path().stem().string());
    const Run r = run("timeout 60 " + quote(CVPRESS_BINARY) + " build " +
                      quote(item.path().string()) + " -o " + quote(out));
    INFO(item.path().filename().string() << "\n" << r.out.substr(0, 2000));
    CHECK((r.status == 0 || r.status == 1));
    if (r.status == 1) CHECK(r.out.find(": error: ") != std::string::npos);
    if (r.status == 1) CHECK(list_dir(out).empty());
  }
  CHECK(files > 0);
}

TEST_CASE("unwritable output: exit 4 and the earlier outputs stay", "[e2e][bad][output]") {
  // Tests may run as root, who may write anywhere but under /proc and
  // under a regular file.
  const Run proc = run_cvpress("build cv.yaml -o /proc/cvpress-test-out");
  CHECK(proc.status == 4);
  CHECK(proc.out.find("cvpress: error: cannot create the folder /proc/cvpress-test-out") !=
        std::string::npos);

  const std::string dir = scratch_dir("unwritable");
  write_file(dir + "/file", "a regular file\n");
  const Run under_file = run_cvpress("build cv.yaml -o " + quote(dir + "/file/out"));
  CHECK(under_file.status == 4);
  CHECK(under_file.out.find("cannot create the folder " + dir + "/file/out") != std::string::npos);
  CHECK(read_file(dir + "/file") == "a regular file\n");

  // One target is a folder: refused before anything is written.
  const std::string out = earlier_outputs(dir, "cv");
  fs::remove(out + "/cv-onepage.tex");
  fs::create_directory(out + "/cv-onepage.tex");
  const Snapshot before = snapshot(out);
  const Run folder = run_cvpress("build cv.yaml -o " + quote(out));
  INFO(folder.out);
  CHECK(folder.status == 4);
  CHECK(folder.out.find("cannot write " + out + "/cv-onepage.tex: it is a folder") !=
        std::string::npos);
  CHECK(snapshot(out) == before);
}
