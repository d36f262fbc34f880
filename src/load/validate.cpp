#include "load/validate.h"

#include <algorithm>

#include <fmt/format.h>

namespace cvpress {
namespace {

bool same(const Diagnostic& a, const Diagnostic& b) {
  return a.severity == b.severity && a.loc.file == b.loc.file && a.loc.line == b.loc.line &&
         a.loc.col == b.loc.col && a.message == b.message;
}

bool has(const Diagnostics& diags, const Diagnostic& d) {
  return std::any_of(diags.all().begin(), diags.all().end(),
                     [&](const Diagnostic& known) { return same(known, d); });
}

}  // namespace

LoadResult validate_cv_file(const std::string& path) {
  LoadResult result = load_cv_file(path);
  if (result.source.empty()) return result;  // unreadable or empty: nothing more to check
  for (const Profile& profile : result.cv.profiles) {
    if (profile.overrides.empty()) continue;
    const LoadResult with = load_cv_text(result.source, path, {profile.name, {}});
    const std::string prefix = fmt::format("profile `{}`: ", profile.name);
    for (Diagnostic d : with.diags.all()) {
      if (has(result.diags, d)) continue;
      if (!d.message.starts_with(prefix)) d.message = prefix + d.message;
      if (!has(result.diags, d)) result.diags.add(std::move(d));
    }
  }
  result.diags.sort_by_location();
  return result;
}

}  // namespace cvpress
