// Parsing YAML with bounded time and memory. yaml-cpp 0.7.0 alone is not
// safe on hostile input: a stray `,` at block level makes YAML::LoadAll loop
// for ever while it allocates (jbeder/yaml-cpp#1040), a flow collection keeps
// every token in memory until it is closed (hundreds of bytes a bracket), and
// a quote that is never closed silently ends at the end of the file. The text
// is therefore read twice: once for yaml-cpp's events, fed to it in pieces
// and checked as they come, then, only when that pass finds nothing wrong,
// for the nodes of its first document.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace cvpress {

// The offset of a problem that has no place in the text.
inline constexpr std::size_t kNoOffset = static_cast<std::size_t>(-1);

struct YamlProblem {
  bool error = true;               // else a warning
  std::size_t offset = kNoOffset;  // in the text
  std::string message;
  std::string hint;
};

struct ParsedYaml {
  std::optional<YAML::Node> root;  // the first document; nullopt after an error
  std::vector<YamlProblem> problems;
};

// Parses `text` (UTF-8, LF line ends) within the limits of load/yaml_loader.h:
// kMaxNesting and kMaxLookahead. Never throws.
ParsedYaml parse_yaml(const std::string& text);

}  // namespace cvpress
