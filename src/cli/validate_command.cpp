#include "cli/validate_command.h"

#include <fmt/format.h>

#include <iostream>
#include <vector>

#include "load/validate.h"
#include "style/style_loader.h"

namespace cvpress {
namespace {

std::string count(std::size_t n, const char* what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace

void check_style_name(const StyleChoice& choice, Diagnostics& diags) {
  if (choice.name.empty()) return;
  const std::string name = style_for_theme(choice.name);
  if (!find_style_file(name).empty()) return;
  const bool file =
      name.find('/') != std::string::npos || name.ends_with(".yaml") || name.ends_with(".yml");
  if (file) return diags.error(choice.loc, fmt::format("cannot read the style file `{}`", name));
  const std::vector<std::string> names = builtin_style_names();
  const std::string guess = closest(name, names);
  diags.error(choice.loc, fmt::format("there is no style `{}`", name),
              guess.empty() ? fmt::format("the styles are {}, or a style file's path "
                                          "(my-style.yaml)",
                                          joined(names))
                            : fmt::format("did you mean `{}`?", guess));
}

void check_styles(const Cv& cv, Diagnostics& diags) {
  check_style_name({cv.theme, cv.theme_loc}, diags);
  for (const Profile& profile : cv.profiles) {
    check_style_name({profile.style, profile.style_loc}, diags);
  }
}

int run_validate(const std::string& file) {
  LoadResult loaded = validate_cv_file(file);
  if (!loaded.source.empty()) check_styles(loaded.cv, loaded.diags);
  loaded.diags.sort_by_location();
  std::cerr << loaded.diags.render(loaded.source);
  const std::size_t errors = loaded.diags.error_count();
  const std::size_t warnings = loaded.diags.warning_count();
  if (errors > 0) {
    std::cerr << file << ": not valid: " << count(errors, "error") << ", "
              << count(warnings, "warning") << "\n";
    return 1;
  }
  std::cout << file << ": valid" << (warnings ? " (" + count(warnings, "warning") + ")" : "")
            << "\n";
  return 0;
}

}  // namespace cvpress
