// `cvpress import FILE.json [-o cv.yaml]`: a JSON Resume file as cvpress YAML,
// written atomically; fields without a counterpart become comments. Exit codes
// as for build: 0 done, 1 bad input, 2 usage, 4 cannot write.
#pragma once

#include <string>

namespace cvpress {

struct ImportOptions {
  std::string input;
  std::string output;  // "" = <input's stem>.yaml in the current folder; "-" = standard output
  bool force = false;  // replace an existing output file
};

int run_import(const ImportOptions& options);

}  // namespace cvpress
