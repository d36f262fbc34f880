// Writing outputs atomically: a temporary file beside each target, then a
// rename, so a failed run never leaves a partial file or a clobbered output.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace cvpress {

// rename(2) as the writer calls it; tests replace it to make a rename fail.
using RenameFn = std::function<int(const char* from, const char* to)>;

// Writes every (path, bytes) pair, all or nothing as far as the file system
// allows:
//   1. every target is checked (its folder is made; a target that is a folder
//      is refused) before anything is written;
//   2. every temporary file is written, flushed and synced;
//   3. each existing target is kept under a hard-linked backup name, then the
//      temporary files are renamed over the targets one by one;
//   4. when a rename fails, the targets already replaced get their backups
//      back (or are removed when they did not exist), so the folder is as it
//      was; no temporary file or backup is left behind either way.
// Returns an empty string on success, else what failed.
std::string write_files_atomically(const std::vector<std::pair<std::string, std::string>>& files,
                                   const RenameFn& rename = {});

}  // namespace cvpress
