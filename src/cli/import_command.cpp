#include "cli/import_command.h"

#include <array>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <system_error>

#include <fmt/format.h>

#include "cli/output.h"
#include "load/json_resume.h"
#include "load/yaml_loader.h"

namespace cvpress {
namespace {

namespace fs = std::filesystem;

constexpr int kBadInput = 1;
constexpr int kUsage = 2;
constexpr int kCannotWrite = 4;

// The file's bytes, at most kMaxInputBytes + 1 of them (enough to tell that
// it is too large); nullopt with `problem` set when it cannot be read.
std::optional<std::string> read_input(const std::string& path, std::string& problem) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    problem = "it is a directory";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problem = std::error_code(errno, std::generic_category()).message();
    return std::nullopt;
  }
  std::string text;
  std::array<char, 1 << 16> chunk;
  while (text.size() <= kMaxInputBytes && in.read(chunk.data(), chunk.size()).gcount() > 0) {
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    problem = "reading failed";
    return std::nullopt;
  }
  return text;
}

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return fs::equivalent(a, b, ec) && !ec;
}

}  // namespace

int run_import(const ImportOptions& options) {
  std::string problem;
  std::optional<std::string> text = read_input(options.input, problem);
  if (!text) {
    std::cerr << fmt::format("{}: error: cannot read `{}`: {}\n", options.input, options.input,
                             problem);
    return kBadInput;
  }
  const std::string output =
      !options.output.empty() ? options.output : fs::path(options.input).stem().string() + ".yaml";
  if (output != "-" && same_file(output, options.input)) {
    std::cerr << fmt::format(
        "cvpress: error: the output `{}` is the input file\n"
        "  hint: name another file with -o\n",
        output);
    return kUsage;
  }

  // The YAML is checked as `cvpress build` reads the JSON: every problem, at
  // its place in the JSON file.
  const JsonResumeYaml converted = json_resume_to_yaml(*text, options.input);
  const LoadResult loaded = load_json_resume_text(std::move(*text), options.input);
  std::cerr << loaded.diags.render(loaded.source);
  if (loaded.diags.has_errors() || converted.yaml.text.empty()) {
    std::cerr << fmt::format("cvpress: error: `{}` was not imported; nothing was written\n",
                             options.input);
    return kBadInput;
  }

  if (output == "-") {
    std::cout << converted.yaml.text;
    return std::cout.flush() ? 0 : kCannotWrite;
  }
  std::error_code ec;
  if (!options.force && fs::symlink_status(output, ec).type() != fs::file_type::not_found) {
    std::cerr << fmt::format(
        "cvpress: error: `{}` exists; it is left as it is\n"
        "  hint: pass --force to replace it, or name another file with -o\n",
        output);
    return kCannotWrite;
  }
  if (std::string error = write_files_atomically({{output, converted.yaml.text}}); !error.empty()) {
    std::cerr << "cvpress: error: " << error << "\n";
    return kCannotWrite;
  }
  std::cout << "wrote " << output << "\n";
  return 0;
}

}  // namespace cvpress
