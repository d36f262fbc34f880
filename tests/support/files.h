// Files for tests, unit and end-to-end: scratch folders, reading and writing.
#pragma once

#include <string>
#include <vector>

namespace cvpress::test {

// A fresh, empty scratch folder under the system temp dir, named after the
// process (tests that ctest runs in parallel stay apart) and `name`.
std::string scratch_dir(const std::string& name);

std::string read_file(const std::string& path);  // "" when it cannot be read
// Throws std::runtime_error when the file cannot be written.
void write_file(const std::string& path, const std::string& text);
bool exists(const std::string& path);
std::vector<std::string> list_dir(const std::string& dir);  // sorted names

}  // namespace cvpress::test
