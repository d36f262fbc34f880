// How a section is named on the command line and in profiles: by its key or
// its title, with case, spaces, underscores and hyphens alike, so that
// "Selected Projects", selected_projects and selected-projects are one.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace cvpress {

// Lower case, `_` and `-` as spaces, runs of spaces as one, trimmed.
inline std::string section_name_key(std::string_view name) {
  std::string out;
  for (const unsigned char c : name) {
    const bool space = c == '_' || c == '-' || c == ' ' || c == '\t';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : static_cast<char>(std::tolower(c));
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

inline bool same_section(std::string_view a, std::string_view b) {
  return section_name_key(a) == section_name_key(b);
}

}  // namespace cvpress
