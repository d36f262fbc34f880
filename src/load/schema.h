// The shape of a cvpress input file: every key the loader reads, what kind of
// value it takes, whether it is required and what it means. The loader's own
// key tables are the one source of it (input_schema() in yaml_loader.h), so
// validation, the JSON Schema of `cvpress schema`, the Markdown reference and
// the paths `--set` accepts cannot disagree.
#pragma once

#include <string>
#include <vector>

namespace cvpress {

enum class ValueKind {
  Text,            // a scalar, read as plain text
  Markup,          // a scalar with inline markup (**bold**, *italic*, [text](url), ...)
  MarkupList,      // a list of Markup (publication authors)
  Names,           // a list of names (tags, section names)
  Date,            // YYYY, YYYY-MM, YYYY-MM-DD, `present`, or free text
  CurrentDate,     // a Date or `today`
  Priority,        // a whole number from 1 (always kept) to 5 (full CV only)
  PageSize,        // a4 or letter (RenderCV's us-letter too)
  Object,          // a map with the keys of `fields`
  SocialNetworks,  // a list of maps with the keys of `fields`
  Highlights,      // a list of Markup, or of maps with the keys of `fields`
  Sections,        // a map: section name -> list of entries (see InputSchema)
  Profiles,        // a map: profile name -> map with the keys of `fields`
  Overrides,       // a map: dot path -> value, as `--set PATH=VALUE`
};

struct FieldInfo {
  std::string key;
  ValueKind kind = ValueKind::Text;
  bool required = false;
  std::string doc;
  std::vector<FieldInfo> fields;  // the keys of the maps inside (Object, SocialNetworks, ...)
};

struct EntryKindInfo {
  std::string name;               // "education"
  std::string doc;                // "an education entry: ..."
  std::vector<FieldInfo> fields;  // its own keys; InputSchema::entry_keys come on top
};

struct InputSchema {
  std::vector<FieldInfo> top;              // cv, design, locale, settings, profiles
  std::vector<EntryKindInfo> entry_kinds;  // in the loader's order of precedence
  std::vector<FieldInfo> entry_keys;       // the keys every entry kind takes
};

// The entry kind a map with these keys is read as: the kind with the most of
// its own keys among them, the earlier kind on a tie; -1 when none has any.
int detect_entry_kind(const InputSchema& schema, const std::vector<std::string>& keys);

// The fields of `schema.top`, or of an Object field, by key; nullptr when unknown.
const FieldInfo* find_field(const std::vector<FieldInfo>& fields, const std::string& key);

// The JSON Schema (draft-07) of the whole input, for editors and validators.
// A file satisfies it when cvpress reads it without errors or warnings, up to
// what a JSON Schema cannot see (impossible dates, an end before its start,
// duplicate keys, markup mistakes).
std::string json_schema(const InputSchema& schema);

// A Markdown reference of every key, from the same description.
std::string markdown_reference(const InputSchema& schema);

}  // namespace cvpress
