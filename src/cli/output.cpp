#include "cli/output.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace cvpress {

namespace fs = std::filesystem;

std::string write_files_atomically(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<std::string> temps;
  auto cleanup = [&] {
    for (const std::string& t : temps) std::remove(t.c_str());
  };
  for (const auto& [path, bytes] : files) {
    std::error_code ec;
    const fs::path dir = fs::path(path).parent_path();
    if (!dir.empty()) fs::create_directories(dir, ec);
    if (ec) {
      cleanup();
      return "cannot create directory " + dir.string() + ": " + ec.message();
    }
    const std::string temp = path + ".tmp-" + std::to_string(::getpid());
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      cleanup();
      return "cannot write " + temp + ": " + std::strerror(errno);
    }
    temps.push_back(temp);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      cleanup();
      return "cannot write " + temp + ": " + std::strerror(errno);
    }
  }
  for (size_t i = 0; i < files.size(); ++i) {
    if (std::rename(temps[i].c_str(), files[i].first.c_str()) != 0) {
      std::string error =
          "cannot rename " + temps[i] + " to " + files[i].first + ": " + std::strerror(errno);
      temps.erase(temps.begin(), temps.begin() + static_cast<long>(i));
      cleanup();
      return error;
    }
  }
  return "";
}

}  // namespace cvpress
