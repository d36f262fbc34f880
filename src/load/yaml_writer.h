// Writing a YAML document as a person would: block style, two-space indents,
// keys in the order given, comments where they belong, and every string
// quoted only when YAML needs it. For `cvpress import`.
//
// The writer also records where each line's values came from, so that a
// problem found when the written YAML is read can be reported at the place
// in the original file that the value came from.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/source.h"

namespace cvpress {

struct YamlMember;

struct YamlNode {
  enum class Kind { Scalar, List, Map };
  Kind kind = Kind::Scalar;
  std::string scalar;                          // Scalar
  std::vector<YamlNode> items;                 // List
  std::vector<YamlMember> members;             // Map
  bool flow = false;                           // a List of short scalars written as [a, b]
  std::vector<std::string> trailing_comments;  // Map: after its last member
  SourceLoc origin;                            // where the value came from

  static YamlNode text(std::string value, SourceLoc origin = {});
  static YamlNode list(SourceLoc origin = {});
  static YamlNode map(SourceLoc origin = {});
  // Map: appends `key: value`.
  YamlNode& add(std::string key, YamlNode value, SourceLoc key_origin = {});
};

struct YamlMember {
  std::string key;
  YamlNode value;
  SourceLoc key_origin;
  std::vector<std::string> comments;  // "# ..." lines before the key
};

struct WrittenYaml {
  std::string text;
  // For each line (index line - 1), the columns where values begin on it and
  // where each came from, by increasing column.
  std::vector<std::vector<std::pair<int, SourceLoc>>> origins;

  // Where the thing at `line`:`col` of `text` came from: the origin of the
  // last value that begins at or before `col` on that line, else of the
  // line's first value; an unknown location when the line has none.
  SourceLoc origin_of(int line, int col) const;
};

// `root` (a Map) as a YAML document, after `header` (comment lines, written
// with "# " in front).
WrittenYaml write_yaml(const YamlNode& root, const std::vector<std::string>& header = {});

// `text` as a YAML scalar that reads back as exactly `text`: plain when that
// is safe, else in single quotes, else (control characters, line breaks) in
// double quotes with escapes.
std::string yaml_scalar(std::string_view text);

}  // namespace cvpress
