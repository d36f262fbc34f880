// cvpress_gencv FILE N: writes FILE (a cvpress YAML CV) with every section's
// entries repeated N times to stdout. The benchmarks' 10x and 100x inputs.
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "generate.h"

int main(int argc, char** argv) {
  if (argc != 3 || std::atoi(argv[2]) < 1) {
    std::cerr << "usage: cvpress_gencv FILE N   (N >= 1; the result goes to stdout)\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "cvpress_gencv: cannot read " << argv[1] << "\n";
    return 1;
  }
  std::ostringstream text;
  text << in.rdbuf();
  try {
    std::cout << cvpress::bench::multiply_cv(text.str(), std::atoi(argv[2]));
  } catch (const std::exception& e) {
    std::cerr << "cvpress_gencv: " << argv[1] << ": " << e.what() << "\n";
    return 1;
  }
  return std::cout ? 0 : 1;
}
