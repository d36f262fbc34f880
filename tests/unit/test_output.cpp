// Writing the outputs all or nothing (cli/output.h).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/output.h"
#include "files.h"

namespace cvpress {
namespace {

using test::list_dir;
using test::read_file;
using test::scratch_dir;
using test::write_file;

namespace fs = std::filesystem;

// rename(2), except that call number `failing` (1-based) fails with EIO.
RenameFn failing_rename(int failing, int& calls) {
  return [failing, &calls](const char* from, const char* to) {
    if (++calls == failing) {
      errno = EIO;
      return -1;
    }
    return std::rename(from, to);
  };
}

}  // namespace

TEST_CASE("output: every file is written, no temporary file is left", "[output]") {
  const std::string dir = scratch_dir("output-ok");
  write_file(dir + "/a.pdf", "old a");
  CHECK(write_files_atomically({{dir + "/a.pdf", "new a"}, {dir + "/sub/b.tex", "new b"}}) == "");
  CHECK(read_file(dir + "/a.pdf") == "new a");
  CHECK(read_file(dir + "/sub/b.tex") == "new b");
  CHECK(list_dir(dir) == std::vector<std::string>{"a.pdf", "sub"});
  fs::remove_all(dir);
}

TEST_CASE("output: when the third of four renames fails, nothing changes", "[output]") {
  const std::string dir = scratch_dir("output-rollback");
  write_file(dir + "/1.pdf", "old 1");
  write_file(dir + "/2.tex", "old 2");
  write_file(dir + "/4.tex", "old 4");  // 3.pdf does not exist yet
  const std::vector<std::pair<std::string, std::string>> files{{dir + "/1.pdf", "new 1"},
                                                               {dir + "/2.tex", "new 2"},
                                                               {dir + "/3.pdf", "new 3"},
                                                               {dir + "/4.tex", "new 4"}};
  int calls = 0;
  const std::string error = write_files_atomically(files, failing_rename(3, calls));
  CHECK(error.find("cannot rename") == 0);
  CHECK(error.find("3.pdf") != std::string::npos);
  CHECK(error.find("no output was changed") != std::string::npos);
  CHECK(read_file(dir + "/1.pdf") == "old 1");
  CHECK(read_file(dir + "/2.tex") == "old 2");
  CHECK(read_file(dir + "/4.tex") == "old 4");
  CHECK(list_dir(dir) == std::vector<std::string>{"1.pdf", "2.tex", "4.tex"});

  // The second fails: the first, which did not exist before, is removed.
  const std::string fresh = scratch_dir("output-rollback-new");
  calls = 0;
  CHECK_FALSE(write_files_atomically({{fresh + "/x.pdf", "x"}, {fresh + "/y.pdf", "y"}},
                                     failing_rename(2, calls))
                  .empty());
  CHECK(list_dir(fresh).empty());
  fs::remove_all(dir);
  fs::remove_all(fresh);
}

TEST_CASE("output: a target that is a folder is refused before anything is written", "[output]") {
  const std::string dir = scratch_dir("output-folder");
  write_file(dir + "/a.pdf", "old a");
  fs::create_directories(dir + "/b.tex");
  const std::string error =
      write_files_atomically({{dir + "/a.pdf", "new a"}, {dir + "/b.tex", "new b"}});
  CHECK(error == "cannot write " + dir + "/b.tex: it is a folder");
  CHECK(read_file(dir + "/a.pdf") == "old a");
  CHECK(list_dir(dir) == std::vector<std::string>{"a.pdf", "b.tex"});
  fs::remove_all(dir);
}

TEST_CASE("output: a folder that cannot be made is an error, nothing is written", "[output]") {
  const std::string dir = scratch_dir("output-blocked");
  write_file(dir + "/file", "a regular file");
  const std::string error =
      write_files_atomically({{dir + "/a.pdf", "a"}, {dir + "/file/sub/b.pdf", "b"}});
  CHECK(error.find("cannot create the folder") == 0);
  CHECK(list_dir(dir) == std::vector<std::string>{"file"});
  fs::remove_all(dir);
}

}  // namespace cvpress
