// Helpers for end-to-end tests: run commands, read PDFs (files.h: scratch
// folders, reading and writing files).
#pragma once

#include <string>
#include <vector>

#include "files.h"

namespace cvpress::test {

struct Run {
  int status = -1;  // exit code, -1 when the command did not exit normally
  std::string out;  // standard output and standard error, merged
};

// Runs a shell command line (arguments must already be quoted with quote()).
Run run(const std::string& command);
std::string quote(const std::string& arg);

// `cvpress <args>`, run from `cwd` (default: the source tree).
Run run_cvpress(const std::string& args, const std::string& cwd = "");

bool have_tool(const std::string& tool);

// pdftotext of a file, whitespace collapsed to single spaces.
std::string pdf_text(const std::string& pdf, const std::string& options = "");
int pdf_pages(const std::string& pdf);

// Whether `words` occur in `text` in order, with at most `slack` other words
// between neighbours (a title may be interrupted by its right-aligned date).
bool contains_words(const std::string& text, const std::string& words, int slack = 4);

std::string source_dir();

}  // namespace cvpress::test

namespace cvpress::test {

// The text lines of a PDF as poppler groups them (pdftotext -bbox-layout),
// each "page: words joined by spaces", in reading order.
std::vector<std::string> pdf_lines(const std::string& pdf);

// How many lines of `a` and `b` match in order (longest common subsequence).
size_t matching_lines(const std::vector<std::string>& a, const std::vector<std::string>& b);

// Compiles `tex` (a path) with `engine` twice in a scratch folder; returns the
// PDF's path, or "" with `log` holding the end of the engine's output.
std::string compile_tex(const std::string& tex, const std::string& engine, std::string* log);

}  // namespace cvpress::test
