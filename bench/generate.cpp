#include "generate.h"

#include <yaml-cpp/yaml.h>

#include <array>
#include <stdexcept>
#include <string_view>

namespace cvpress::bench {
namespace {

// The keys whose values are text a reader sees (and the layout shapes).
constexpr std::array<std::string_view, 14> kTextKeys = {
    "name",     "label", "details", "title",  "summary", "institution",     "company",
    "position", "area",  "degree",  "bullet", "number",  "reversed_number", "journal"};

bool is_text_key(const std::string& key) {
  for (std::string_view k : kTextKeys)
    if (key == k) return true;
  return false;
}

void mark(YAML::Node scalar, const std::string& suffix) {
  scalar = scalar.as<std::string>() + suffix;
}

// Priority 1 (never dropped) becomes 2, so the one-page fit can drop copies.
void unpin(YAML::Node map) {
  if (map["priority"] && map["priority"].IsScalar() && map["priority"].as<std::string>() == "1")
    map["priority"] = 2;
}

// Appends `suffix` to every text of `entry` (a deep copy) and unpins it.
void mark_entry(YAML::Node entry, const std::string& suffix) {
  if (entry.IsScalar()) {
    mark(entry, suffix);
    return;
  }
  if (!entry.IsMap()) return;
  unpin(entry);
  for (auto field : entry) {
    const std::string key = field.first.as<std::string>();
    if (is_text_key(key) && field.second.IsScalar()) mark(field.second, suffix);
    if (key != "highlights" || !field.second.IsSequence()) continue;
    for (YAML::Node highlight : field.second) {
      if (highlight.IsScalar()) {
        mark(highlight, suffix);
      } else if (highlight.IsMap() && highlight["text"] && highlight["text"].IsScalar()) {
        mark(highlight["text"], suffix);
        unpin(highlight);
      }
    }
  }
}

}  // namespace

std::string multiply_cv(const std::string& cv_yaml, int factor) {
  YAML::Node root = YAML::Load(cv_yaml);
  YAML::Node sections = root["cv"] ? root["cv"]["sections"] : YAML::Node();
  if (!sections || !sections.IsMap()) throw std::runtime_error("no cv.sections to multiply");
  for (auto section : sections) {
    if (!section.second.IsSequence()) continue;
    const YAML::Node original = YAML::Clone(section.second);
    YAML::Node entries(YAML::NodeType::Sequence);
    for (int copy = 1; copy <= factor; ++copy) {
      for (const YAML::Node& entry : original) {
        YAML::Node clone = YAML::Clone(entry);
        if (copy > 1) mark_entry(clone, " (" + std::to_string(copy) + ")");
        entries.push_back(clone);
      }
    }
    section.second = entries;
  }
  YAML::Emitter out;
  out.SetIndent(2);
  out << root;
  return std::string(out.c_str(), out.size()) + "\n";
}

}  // namespace cvpress::bench
