// Where something came from in an input file, for diagnostics.
#pragma once

#include <string>

namespace cvpress {

struct SourceLoc {
  std::string file;
  int line = 0;  // 1-based; 0 when unknown
  int col = 0;   // 1-based; 0 when unknown

  bool known() const { return line > 0; }
};

}  // namespace cvpress
