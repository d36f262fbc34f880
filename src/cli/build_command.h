// `cvpress build`: load -> tailor -> fit -> write, with the exit codes of the
// design (0 done, 1 bad input, 2 usage, 3 page budget not met, 4 cannot write).
#pragma once

#include <string>
#include <vector>

namespace cvpress {

struct BuildOptions {
  std::string input = "cv.yaml";
  std::string out_dir = "out";
  std::string variant = "all";  // all | full | onepage
  std::vector<std::string> formats = {"pdf", "tex"};
  std::string style;  // name or file; empty = the CV's theme or classic
  std::string paper;  // a4 | letter; empty = the style's
  std::string profile;
  std::vector<std::string> tags, exclude_tags, sections, overrides;
  int since = 0;
  int max_pages = 0;  // budget for the full variant; 0 = none
  bool explain = false;
  bool strict = false;
};

int run_build(const BuildOptions& options);

}  // namespace cvpress
