// Writing outputs atomically: a temporary file beside the target, then a
// rename, so a failed run never leaves a partial file or a clobbered output.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace cvpress {

// Writes every (path, bytes) pair; all or nothing as far as the file system
// allows: every temporary file is written before the first rename. Returns
// an empty string on success, else what failed.
std::string write_files_atomically(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace cvpress
