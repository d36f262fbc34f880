// Overrides: changes to an input's YAML tree by dot path, made before the tree
// is read into a Cv, so that any field can be changed: `--set PATH=VALUE` on
// the command line and the `overrides:` of a profile.
//
// Paths follow the file, with list items numbered from 0:
//   cv.headline   design.page.size   cv.sections.experience.0.position
// A path may name a key the file does not have yet when the input's
// description (load/schema.h) allows that key there; any other path is an
// error that suggests the closest valid one.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "load/diagnostics.h"
#include "load/schema.h"

namespace cvpress {

struct Override {
  std::string path;
  std::string value;
};

// "PATH=VALUE" split at the first '='; nullopt when there is no '=' or no path.
std::optional<Override> parse_override(std::string_view arg);

// VALUE as YAML, the way a value written in the file would be read, except
// that a plain string stays that string (`--set cv.headline=Lead: GPU` is not
// a map): a value starting with `[`, `{` or a quote is read as YAML (lists,
// maps, quoted text); an empty value is null, which removes the field.
// nullopt, with `error` set, when such a value is not valid YAML.
std::optional<YAML::Node> parse_override_value(std::string_view value, std::string& error);

struct PathError {
  std::string message;  // "unknown path `cv.headlin`: `cv` has no key `headlin`"
  std::string hint;     // "did you mean `cv.headline`?"
};

// Sets the node at `path` in `root` to `value` (which `root` then shares),
// making the maps on the way that the description allows there.
std::optional<PathError> set_path(YAML::Node& root, const InputSchema& schema,
                                  std::string_view path, const YAML::Node& value);

// Nodes that came from the command line, not from the file, with a name for
// diagnostics about them ("--set cv.headline"): their marks mean nothing.
class NodeOrigins {
 public:
  // Registers `value` and every node inside it.
  void add(const YAML::Node& value, const std::string& origin);
  // The name of the origin of `node`; nullptr when it comes from the file.
  const std::string* find(const YAML::Node& node) const;

 private:
  std::vector<std::pair<YAML::Node, std::string>> nodes_;
};

// Applies the overrides of the profile named `profile` (none when empty),
// found in the tree's own `profiles:`, then each "PATH=VALUE" of `set`.
// Every problem is an error in `diags`: at the override's key in the file for
// a profile, under the name "--profile" or "--set" for the command line.
// `locate` gives the source location of a node of the file.
void apply_overrides(YAML::Node& root, const InputSchema& schema, const std::string& profile,
                     const std::vector<std::string>& set,
                     const std::function<SourceLoc(const YAML::Node&)>& locate, Diagnostics& diags,
                     NodeOrigins& origins);

}  // namespace cvpress
