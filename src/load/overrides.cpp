#include "load/overrides.h"

#include <algorithm>
#include <cstddef>

#include <fmt/format.h>

#include "load/yaml_parse.h"
#include "text/utf8.h"

namespace cvpress {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string join(const std::vector<std::string>& words, std::string_view separator,
                 std::size_t from = 0, std::size_t to = std::string::npos) {
  std::string out;
  for (std::size_t i = from; i < std::min(to, words.size()); ++i) {
    out += (i == from ? "" : std::string(separator)) + words[i];
  }
  return out;
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  for (std::size_t start = 0;;) {
    const std::size_t dot = path.find('.', start);
    segments.emplace_back(trim(path.substr(start, dot - start)));
    if (dot == std::string_view::npos) return segments;
    start = dot + 1;
  }
}

std::vector<std::string> keys_of(const YAML::Node& map) {
  std::vector<std::string> keys;
  if (!map.IsMap()) return keys;
  for (const auto& pair : map) {
    if (pair.first.IsScalar()) keys.push_back(pair.first.Scalar());
  }
  return keys;
}

std::vector<std::string> keys_of(const std::vector<const FieldInfo*>& fields) {
  std::vector<std::string> keys;
  for (const FieldInfo* f : fields) keys.push_back(f->key);
  return keys;
}

// The value of `key` in `map`, without adding the key as operator[] may.
YAML::Node child(const YAML::Node& map, const std::string& key) {
  if (!map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  for (const auto& pair : map) {
    if (pair.first.IsScalar() && pair.first.Scalar() == key) return pair.second;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

bool is_empty(const YAML::Node& node) { return !node.IsDefined() || node.IsNull(); }

std::optional<std::size_t> parse_index(const std::string& segment) {
  if (segment.empty() || segment.size() > 9) return std::nullopt;
  if (!std::all_of(segment.begin(), segment.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return static_cast<std::size_t>(std::stoul(segment));
}

std::string_view describe(const YAML::Node& node) {
  if (node.IsScalar()) return "a single value";
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a map";
  return "empty";
}

// What a place in the tree holds, by the input's description.
enum class Holds {
  Map,        // keys from `fields`
  Entry,      // an entry of a section: the keys of its kind and the shared ones
  Highlight,  // text, or a map with keys from `fields`
  List,       // items numbered from 0, each an item_place()
  FreeMap,    // keys of the file's choosing (section and profile names, paths)
  Value,      // a single value
};

struct Place {
  Holds holds = Holds::Value;
  const std::vector<FieldInfo>* fields = nullptr;
  ValueKind kind = ValueKind::Text;  // List, FreeMap: of what
};

Place value_place(const FieldInfo& f) {
  switch (f.kind) {
    case ValueKind::Object:
      return {Holds::Map, &f.fields, f.kind};
    case ValueKind::MarkupList:
    case ValueKind::Names:
    case ValueKind::Highlights:
    case ValueKind::SocialNetworks:
      return {Holds::List, &f.fields, f.kind};
    case ValueKind::Sections:
    case ValueKind::Profiles:
    case ValueKind::Overrides:
      return {Holds::FreeMap, &f.fields, f.kind};
    default:
      return {};
  }
}

// An item of a List, or a value of a FreeMap.
Place item_place(const Place& container) {
  switch (container.kind) {
    case ValueKind::Highlights:
      return {Holds::Highlight, container.fields, container.kind};
    case ValueKind::SocialNetworks:
    case ValueKind::Profiles:
      return {Holds::Map, container.fields, container.kind};
    case ValueKind::Sections:  // a map of lists of entries
      if (container.holds == Holds::FreeMap) return {Holds::List, nullptr, ValueKind::Sections};
      return {Holds::Entry, nullptr, ValueKind::Sections};
    default:
      return {};
  }
}

// The keys a map at `place` may have, given what `node` holds already (an
// entry's keys depend on its kind, which `kind_name` is set to).
std::vector<const FieldInfo*> known_keys(const Place& place, const YAML::Node& node,
                                         const InputSchema& schema, std::string& kind_name) {
  std::vector<const FieldInfo*> keys;
  const auto add = [&](const std::vector<FieldInfo>& fields) {
    for (const FieldInfo& f : fields) keys.push_back(&f);
  };
  if (place.holds != Holds::Entry) {
    if (place.fields != nullptr) add(*place.fields);
    return keys;
  }
  const int kind = detect_entry_kind(schema, keys_of(node));
  for (std::size_t i = 0; i < schema.entry_kinds.size(); ++i) {
    if (kind >= 0 && static_cast<std::size_t>(kind) != i) continue;
    add(schema.entry_kinds[i].fields);
    if (kind >= 0) kind_name = schema.entry_kinds[i].name;
  }
  add(schema.entry_keys);
  return keys;
}

class PathWalker {
 public:
  PathWalker(const InputSchema& schema, std::string_view path)
      : schema_(schema), path_(path), segments_(split_path(path)) {}

  std::optional<PathError> set(YAML::Node root, const YAML::Node& value) {
    if (std::any_of(segments_.begin(), segments_.end(),
                    [](const std::string& s) { return s.empty(); })) {
      return PathError{fmt::format("`{}` is not a dot path", path_),
                       "write the keys from the top down, with list items numbered from 0: "
                       "cv.sections.experience.0.position"};
    }
    YAML::Node node = root;
    Place place{Holds::Map, &schema_.top};
    for (std::size_t i = 0; i < segments_.size(); ++i) {
      if (place.holds == Holds::FreeMap && place.kind == ValueKind::Overrides) {
        // Its keys are dot paths themselves: the rest of the path is one key.
        segments_[i] = join(segments_, ".", i);
        segments_.resize(i + 1);
      }
      const bool last = i + 1 == segments_.size();
      if (place.holds == Holds::Value) return not_a_container(i, node);
      if ((place.holds == Holds::Highlight || place.holds == Holds::Entry) && node.IsScalar()) {
        spell_out(node);
      }
      std::optional<PathError> error = place.holds == Holds::List
                                           ? step_into_list(i, last, node, place, value)
                                           : step_into_map(i, last, node, place, value);
      if (error || last) return error;
    }
    return std::nullopt;
  }

 private:
  // `cv.sections.experience`: the path up to (not including) segment `i`.
  std::string prefix(std::size_t i) const { return join(segments_, ".", 0, i); }
  std::string where(std::size_t i) const {
    return i == 0 ? "the top level" : fmt::format("`{}`", prefix(i));
  }
  // The path with segment `i` replaced by `replacement`.
  std::string with(std::size_t i, const std::string& replacement) const {
    std::vector<std::string> segments = segments_;
    segments[i] = replacement;
    return join(segments, ".");
  }

  // `fields`, when known, are those of the map at segment `i`: a key one
  // level down is suggested too (`headline` -> `cv.headline`).
  PathError unknown(std::size_t i, const std::string& has_no,
                    const std::vector<std::string>& candidates,
                    const std::vector<const FieldInfo*>& fields = {}) const {
    PathError e{fmt::format("unknown path `{}`: {} has no {}", path_, where(i), has_no), ""};
    const std::string guess = closest(segments_[i], candidates);
    if (!guess.empty()) {
      e.hint = fmt::format("did you mean `{}`?", with(i, guess));
      return e;
    }
    for (const FieldInfo* f : fields) {
      if (f->kind != ValueKind::Object || !find_field(f->fields, segments_[i])) continue;
      e.hint = fmt::format("did you mean `{}`?", with(i, f->key + "." + segments_[i]));
      return e;
    }
    if (!candidates.empty()) e.hint = fmt::format("{} has: {}", where(i), join(candidates, ", "));
    return e;
  }

  PathError not_a_container(std::size_t i, const YAML::Node& node) const {
    return {fmt::format("unknown path `{}`: {} is {}; it has no `{}`", path_, where(i),
                        is_empty(node) ? "a single value" : describe(node), segments_[i]),
            fmt::format("set `{}` itself", prefix(i))};
  }

  // A highlight or a text entry written as text becomes {text: ...} so that
  // its tags or priority can be set.
  static void spell_out(YAML::Node& node) {
    YAML::Node map(YAML::NodeType::Map);
    map["text"] = node;
    node = map;
  }

  std::optional<PathError> step_into_list(std::size_t i, bool last, YAML::Node& node, Place& place,
                                          const YAML::Node& value) {
    const std::size_t size = node.IsSequence() ? node.size() : 0;
    if (!node.IsSequence() && !is_empty(node)) return not_a_container(i, node);
    const std::optional<std::size_t> index = parse_index(segments_[i]);
    if (!index) {
      return PathError{fmt::format("unknown path `{}`: `{}` is a list, and `{}` is not a number",
                                   path_, prefix(i), segments_[i]),
                       size == 0 ? std::string("the list is empty")
                                 : fmt::format("its items are numbered from 0 to {}", size - 1)};
    }
    if (*index >= size) {
      return PathError{fmt::format("unknown path `{}`: `{}` has {} item{}, so there is no item {}",
                                   path_, prefix(i), size, size == 1 ? "" : "s", *index),
                       size == 0 ? std::string("set the whole list, e.g. `" + prefix(i) + "=[...]`")
                                 : fmt::format("items are numbered from 0 to {}", size - 1)};
    }
    if (last) {
      node[*index] = value;
      return std::nullopt;
    }
    node.reset(node[*index]);
    place = item_place(place);
    return std::nullopt;
  }

  std::optional<PathError> step_into_map(std::size_t i, bool last, YAML::Node& node, Place& place,
                                         const YAML::Node& value) {
    if (!node.IsMap() && !is_empty(node)) return not_a_container(i, node);
    const std::string& key = segments_[i];
    const YAML::Node existing = child(node, key);
    Place next;
    if (place.holds == Holds::FreeMap) {
      // A new section or profile may be added whole, not reached into.
      if (is_empty(existing) && !last) return unknown(i, fmt::format("`{}`", key), keys_of(node));
      next = item_place(place);
    } else {
      std::string kind;
      const std::vector<const FieldInfo*> fields = known_keys(place, node, schema_, kind);
      const auto found = std::find_if(fields.begin(), fields.end(),
                                      [&](const FieldInfo* f) { return f->key == key; });
      if (found == fields.end()) {
        const std::string of_kind =
            kind.empty() ? "" : fmt::format(" (it is an entry of kind `{}`)", kind);
        return unknown(i, fmt::format("key `{}`{}", key, of_kind), keys_of(fields), fields);
      }
      next = value_place(**found);
    }
    if (is_empty(node)) node = YAML::Node(YAML::NodeType::Map);
    if (last) {
      node[key] = value;
      return std::nullopt;
    }
    if (is_empty(existing) && next.holds != Holds::List && next.holds != Holds::Value) {
      node[key] = YAML::Node(YAML::NodeType::Map);
    }
    node.reset(node[key]);
    place = next;
    return std::nullopt;
  }

  const InputSchema& schema_;
  std::string path_;
  std::vector<std::string> segments_;
};

}  // namespace

std::optional<Override> parse_override(std::string_view arg) {
  const std::size_t eq = arg.find('=');
  if (eq == std::string_view::npos || trim(arg.substr(0, eq)).empty()) return std::nullopt;
  return Override{std::string(trim(arg.substr(0, eq))), std::string(arg.substr(eq + 1))};
}

std::optional<YAML::Node> parse_override_value(std::string_view value, std::string& error) {
  const std::string_view text = trim(value);
  if (text.empty()) return YAML::Node(YAML::NodeType::Null);
  if (std::string_view("[{\"'").find(text.front()) == std::string_view::npos) {
    return YAML::Node(std::string(text));
  }
  // Parsed as the file is (load/yaml_parse.h): a command line can hold a few
  // hundred KiB of brackets too.
  ParsedYaml parsed = parse_yaml(std::string(text));
  for (const YamlProblem& p : parsed.problems) {
    if (!p.error) continue;
    constexpr std::string_view kPrefix = "invalid YAML: ";
    error = p.message.starts_with(kPrefix) ? p.message.substr(kPrefix.size()) : p.message;
    return std::nullopt;
  }
  return std::move(parsed.root);
}

std::optional<PathError> set_path(YAML::Node& root, const InputSchema& schema,
                                  std::string_view path, const YAML::Node& value) {
  return PathWalker(schema, path).set(root, value);
}

void NodeOrigins::add(const YAML::Node& value, const std::string& origin) {
  nodes_.emplace_back(value, origin);
  if (value.IsSequence()) {
    for (const auto& item : value) add(item, origin);
  } else if (value.IsMap()) {
    for (const auto& pair : value) {
      add(pair.first, origin);
      add(pair.second, origin);
    }
  }
}

const std::string* NodeOrigins::find(const YAML::Node& node) const {
  for (const auto& [known, origin] : nodes_) {
    if (known.is(node)) return &origin;
  }
  return nullptr;
}

void apply_overrides(YAML::Node& root, const InputSchema& schema, const std::string& profile,
                     const std::vector<std::string>& set,
                     const std::function<SourceLoc(const YAML::Node&)>& locate, Diagnostics& diags,
                     NodeOrigins& origins) {
  if (!profile.empty()) {
    const YAML::Node profiles = child(root, "profiles");
    const YAML::Node chosen = child(profiles, profile);
    if (!chosen.IsDefined()) {
      const std::vector<std::string> names = keys_of(profiles);
      const std::string guess = closest(profile, names);
      std::string hint = names.empty() ? "the file has no `profiles:`"
                                       : fmt::format("the profiles are: {}", join(names, ", "));
      if (!guess.empty()) hint = fmt::format("did you mean `{}`? {}", guess, hint);
      diags.error({"--profile"}, fmt::format("no profile `{}`", profile), hint);
    }
    // A malformed `overrides:`, or a value left empty, is the loader's to report.
    const YAML::Node overrides = child(chosen, "overrides");
    for (const auto& pair : overrides.IsMap() ? overrides : YAML::Node()) {
      if (!pair.first.IsScalar() || pair.second.IsNull()) continue;
      if (std::optional<PathError> e = set_path(root, schema, pair.first.Scalar(), pair.second)) {
        diags.error(locate(pair.first), fmt::format("profile `{}`: {}", profile, e->message),
                    e->hint);
      }
    }
  }
  for (const std::string& arg : set) {
    // The file is checked as UTF-8 when it is read; a command line is bytes
    // as the shell passed them.
    if (const std::size_t at = first_malformed_utf8(arg); at != std::string::npos) {
      diags.error(
          {"--set"},
          fmt::format("`{}` is not UTF-8: byte 0x{:02X} at byte {}", encode_utf8(decode_utf8(arg)),
                      static_cast<unsigned char>(arg[at]), at + 1),
          "write the value as UTF-8 text (is the terminal's locale UTF-8?)");
      continue;
    }
    const std::optional<Override> o = parse_override(arg);
    if (!o) {
      diags.error({"--set"}, fmt::format("`{}` is not PATH=VALUE", arg),
                  "for example --set cv.headline=\"GPU Kernel Architect\"");
      continue;
    }
    std::string problem;
    const std::optional<YAML::Node> value = parse_override_value(o->value, problem);
    if (!value) {
      diags.error({"--set"},
                  fmt::format("the value of `{}` is not valid YAML: {}", o->path, problem),
                  "quote it as text: --set '" + o->path + "=\"...\"'");
      continue;
    }
    if (std::optional<PathError> e = set_path(root, schema, o->path, *value)) {
      diags.error({"--set"}, e->message, e->hint);
      continue;
    }
    origins.add(*value, "--set " + o->path);
  }
}

}  // namespace cvpress
