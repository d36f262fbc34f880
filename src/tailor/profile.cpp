#include "tailor/profile.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

namespace cvpress {
namespace {

// `a` with the names of `b` it does not have yet.
std::vector<std::string> united(std::vector<std::string> a, const std::vector<std::string>& b) {
  for (const std::string& name : b) {
    const bool known = std::any_of(a.begin(), a.end(),
                                   [&](const std::string& have) { return same_tag(have, name); });
    if (!known) a.push_back(name);
  }
  return a;
}

std::vector<std::string> tags_of(const Cv& cv) {
  std::vector<std::string> tags;
  for (const Section& section : cv.sections) {
    for (const Entry& entry : section.entries) {
      tags.insert(tags.end(), entry.tags.begin(), entry.tags.end());
      for (const Highlight& h : entry.highlights) {
        tags.insert(tags.end(), h.tags.begin(), h.tags.end());
      }
    }
  }
  return distinct_tags(std::move(tags));
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& names,
                         std::string_view what) {
  const std::string guess = closest(word, names);
  std::string list;
  for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
  const std::string known = fmt::format("the {} are: {}", what, list);
  return guess.empty() ? known : fmt::format("did you mean `{}`? {}", guess, known);
}

}  // namespace

const Profile* find_profile(const Cv& cv, std::string_view name) {
  if (name.empty()) return nullptr;
  const auto it = std::find_if(cv.profiles.begin(), cv.profiles.end(),
                               [&](const Profile& p) { return p.name == name; });
  return it == cv.profiles.end() ? nullptr : &*it;
}

Tailoring with_profile(const Profile& profile, const Tailoring& command_line) {
  Tailoring how;
  how.tags = united(profile.tags, command_line.tags);
  how.exclude_tags = united(profile.exclude_tags, command_line.exclude_tags);
  how.sections = command_line.sections.empty() ? profile.sections : command_line.sections;
  how.since = command_line.since;
  return how;
}

StyleChoice choose_style(const std::string& command_line, const Profile* profile, const Cv& cv) {
  if (!command_line.empty()) return {command_line, {"--style"}};
  if (profile != nullptr && !profile->style.empty()) return {profile->style, profile->style_loc};
  return {cv.theme, cv.theme_loc};
}

Diagnostics check_tailoring(const Cv& cv, const Tailoring& command_line) {
  Diagnostics problems;
  std::vector<std::string> sections;
  for (const Section& s : cv.sections) sections.push_back(s.key);
  for (const std::string& wanted : command_line.sections) {
    const bool found = std::any_of(cv.sections.begin(), cv.sections.end(), [&](const Section& s) {
      return same_section(s.key, wanted) || same_section(s.title, wanted);
    });
    if (found) continue;
    problems.error({"--sections"}, fmt::format("the CV has no section `{}`", wanted),
                   did_you_mean(wanted, sections, "sections"));
  }
  const std::vector<std::string> tags = tags_of(cv);
  for (const auto* list : {&command_line.tags, &command_line.exclude_tags}) {
    const char* flag = list == &command_line.tags ? "--tags" : "--exclude-tags";
    for (const std::string& tag : *list) {
      const bool carried = std::any_of(tags.begin(), tags.end(),
                                       [&](const std::string& t) { return same_tag(t, tag); });
      if (carried) continue;
      problems.warning({flag}, fmt::format("no entry or highlight carries the tag `{}`", tag),
                       did_you_mean(tag, tags, "tags"));
    }
  }
  return problems;
}

}  // namespace cvpress
