// `cvpress validate`: a file is checked as it is, and with each of its
// profiles applied, so that a profile's overrides are checked too.
#pragma once

#include <string>

#include "load/yaml_loader.h"

namespace cvpress {

// The file as loaded, with the diagnostics of every profile's overrides added
// (each once, and said to come with that profile).
LoadResult validate_cv_file(const std::string& path);

}  // namespace cvpress
