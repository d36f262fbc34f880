// Explaining yaml-cpp's syntax errors: a place to show (the bracket that is
// not closed rather than the end of the file) and a hint that says what to do.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cvpress {

struct SyntaxExplanation {
  std::size_t offset;  // where to point in the text
  std::string hint;
};

// `offset` is where yaml-cpp stopped (its mark), `message` what it said.
SyntaxExplanation explain_yaml_error(std::string_view text, std::size_t offset,
                                     std::string_view message);

}  // namespace cvpress
