// Problems found in an input file, each with its exact source location, and
// their rendering in the style of LLVM:
//
//   cv.yaml:12:7: error: month 13 is not between 1 and 12
//     start_date: 2021-13
//                 ^
//     hint: write dates as YYYY, YYYY-MM or YYYY-MM-DD
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "model/source.h"

namespace cvpress {

enum class Severity { Error, Warning };

struct Diagnostic {
  Severity severity = Severity::Error;
  SourceLoc loc;
  std::string message;
  std::string hint;  // empty when there is none
};

// Collects the diagnostics of one input, in the order they were found.
class Diagnostics {
 public:
  void error(SourceLoc loc, std::string message, std::string hint = {});
  void warning(SourceLoc loc, std::string message, std::string hint = {});
  void add(Diagnostic diagnostic);
  // Orders the diagnostics as their locations appear in the file (those
  // without a line first); diagnostics at the same place keep their order.
  void sort_by_location();

  bool has_errors() const { return error_count() > 0; }
  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool empty() const { return list_.empty(); }
  const std::vector<Diagnostic>& all() const { return list_; }

  // The diagnostics, rendered one after the other (see render() below): the
  // first kMaxRendered of them, then how many more there are.
  std::string render(std::string_view source_text) const;
  static constexpr std::size_t kMaxRendered = 200;

 private:
  std::vector<Diagnostic> list_;
};

// "file:line:col: error: message", then the source line and a caret under the
// column (when the location and the line are known), then "  hint: ..." when
// there is a hint; every line ends with '\n'. `source_text` is the text of
// loc.file. Columns count characters, not bytes (see column_of()).
std::string render(const Diagnostic& diagnostic, std::string_view source_text);

// The 1-based column of byte `offset` of `line`: one more than the number of
// characters before it, each malformed UTF-8 byte counting as one character
// (so that two bad bytes side by side have columns of their own).
int column_of(std::string_view line, std::size_t offset);

// The candidate closest to `word` by edit distance (ignoring case), for "did
// you mean `position`?"; "" when none is close enough to be a likely typo.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace cvpress
