#include "cli/output.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <future>
#include <system_error>

namespace cvpress {
namespace {

namespace fs = std::filesystem;

std::string error_text(int error) { return std::strerror(error); }

// A name beside `path` for this run's temporary file or backup.
std::string beside(const std::string& path, const char* what) {
  return path + "." + what + "-" + std::to_string(::getpid());
}

// Writes `bytes` to a new file at `path`; "" or what failed.
std::string write_new_file(const std::string& path, const std::string& bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return "cannot write " + path + ": " + error_text(errno);
  std::string error;
  for (std::size_t done = 0; done < bytes.size() && error.empty();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n >= 0)
      done += static_cast<std::size_t>(n);
    else if (errno != EINTR)
      error = "cannot write " + path + ": " + error_text(errno);
  }
  if (::close(fd) != 0 && error.empty()) error = "cannot write " + path + ": " + error_text(errno);
  if (!error.empty()) ::unlink(path.c_str());
  return error;
}

// Syncs the files at `paths` to the disk; "" or what failed. Without the
// sync, a crash just after a rename could leave an empty file where the old
// output was. The files are synced in parallel: the file system can commit
// them together. Some file systems cannot sync: that is no error.
std::string sync_files(const std::vector<std::string>& paths) {
  auto sync = [](const std::string& path) -> std::string {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return "cannot write " + path + ": " + error_text(errno);
    std::string error;
    if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS)
      error = "cannot write " + path + ": " + error_text(errno);
    ::close(fd);
    return error;
  };
  std::vector<std::future<std::string>> others;
  for (std::size_t i = 1; i < paths.size(); ++i)
    others.push_back(std::async(std::launch::async, sync, std::cref(paths[i])));
  std::string error = paths.empty() ? "" : sync(paths.front());
  for (std::future<std::string>& other : others) {
    std::string e = other.get();
    if (error.empty()) error = std::move(e);
  }
  return error;
}

// What a target is now, before it is replaced.
struct Target {
  std::string path;
  std::string temp;    // the new bytes, once written
  std::string backup;  // a hard link to the old file, when there was one
  bool existed = false;
  bool replaced = false;
};

// Checks `path` as a target and makes its folder; "" or why it cannot be one.
std::string check_target(Target& target) {
  std::error_code ec;
  const fs::path path(target.path);
  if (path.has_parent_path()) {
    fs::create_directories(path.parent_path(), ec);
    if (ec) return "cannot create the folder " + path.parent_path().string() + ": " + ec.message();
  }
  const fs::file_status status = fs::symlink_status(path, ec);
  target.existed = fs::exists(status);
  if (fs::is_directory(fs::status(path, ec)))
    return "cannot write " + target.path + ": it is a folder";
  if (target.existed && !fs::is_regular_file(status) && !fs::is_symlink(status))
    return "cannot write " + target.path + ": it is not a regular file";
  return "";
}

// Keeps the old file under a backup name: a hard link, or a copy where the
// file system has no hard links. Without either it cannot be restored.
void back_up(Target& target) {
  if (!target.existed) return;
  const std::string backup = beside(target.path, "old");
  ::unlink(backup.c_str());
  std::error_code ec;
  if (::link(target.path.c_str(), backup.c_str()) == 0 ||
      fs::copy_file(target.path, backup, fs::copy_options::overwrite_existing, ec)) {
    target.backup = backup;
  }
}

}  // namespace

std::string write_files_atomically(const std::vector<std::pair<std::string, std::string>>& files,
                                   const RenameFn& rename_fn) {
  const RenameFn rename = rename_fn ? rename_fn : RenameFn(::rename);
  std::vector<Target> targets;
  for (const auto& file : files) targets.push_back({file.first, {}, {}, false, false});
  auto clean_up = [&] {
    for (Target& t : targets) {
      if (!t.temp.empty() && !t.replaced) ::unlink(t.temp.c_str());
      if (!t.backup.empty()) ::unlink(t.backup.c_str());
    }
  };

  for (Target& t : targets) {
    if (std::string error = check_target(t); !error.empty()) return error;
  }
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const std::string temp = beside(targets[i].path, "tmp");
    if (std::string error = write_new_file(temp, files[i].second); !error.empty()) {
      clean_up();
      return error;
    }
    targets[i].temp = temp;
  }
  std::vector<std::string> temps;
  for (const Target& t : targets) temps.push_back(t.temp);
  if (std::string error = sync_files(temps); !error.empty()) {
    clean_up();
    return error;
  }
  for (Target& t : targets) back_up(t);

  for (Target& t : targets) {
    if (rename(t.temp.c_str(), t.path.c_str()) == 0) {
      t.replaced = true;
      continue;
    }
    std::string error =
        "cannot rename " + t.temp + " to " + t.path + ": " + error_text(errno) + "; ";
    // Put back what was replaced, newest first.
    std::string lost;
    for (auto done = targets.rbegin(); done != targets.rend(); ++done) {
      if (!done->replaced) continue;
      const bool restored = !done->backup.empty()
                                ? rename(done->backup.c_str(), done->path.c_str()) == 0
                                : !done->existed && ::unlink(done->path.c_str()) == 0;
      if (restored) {
        done->backup.clear();
        done->replaced = false;
      } else {
        lost += (lost.empty() ? "" : ", ") + done->path;
      }
    }
    error += lost.empty() ? "no output was changed"
                          : "these outputs are new and could not be "
                            "put back as they were: " +
                                lost;
    clean_up();
    return error;
  }
  clean_up();
  return "";
}

}  // namespace cvpress
