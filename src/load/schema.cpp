#include "load/schema.h"

#include <algorithm>
#include <cstddef>
#include <utility>
#include <variant>

#include <fmt/format.h>

namespace cvpress {
namespace {

// ---------------------------------------------------------------------------
// A small JSON value with ordered objects, enough to write a schema.

struct Json;
using JsonArray = std::vector<Json>;
using JsonObject = std::vector<std::pair<std::string, Json>>;

struct Json {
  std::variant<std::nullptr_t, bool, long, std::string, JsonArray, JsonObject> value;

  Json(std::nullptr_t) : value(nullptr) {}
  Json(bool b) : value(b) {}
  Json(int n) : value(static_cast<long>(n)) {}
  Json(const char* s) : value(std::string(s)) {}
  Json(std::string s) : value(std::move(s)) {}
  Json(JsonArray a) : value(std::move(a)) {}
  Json(JsonObject o) : value(std::move(o)) {}
};

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

bool is_scalar(const Json& j) {
  return !std::holds_alternative<JsonArray>(j.value) &&
         !std::holds_alternative<JsonObject>(j.value);
}

// Two-space indentation; arrays of scalars stay on one line.
void write(const Json& j, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
  if (std::holds_alternative<std::nullptr_t>(j.value)) {
    out += "null";
  } else if (const auto* b = std::get_if<bool>(&j.value)) {
    out += *b ? "true" : "false";
  } else if (const auto* n = std::get_if<long>(&j.value)) {
    out += std::to_string(*n);
  } else if (const auto* s = std::get_if<std::string>(&j.value)) {
    out += quoted(*s);
  } else if (const auto* a = std::get_if<JsonArray>(&j.value)) {
    const bool flat = std::all_of(a->begin(), a->end(), is_scalar);
    out += '[';
    for (std::size_t i = 0; i < a->size(); ++i) {
      out += i == 0 ? "" : ",";
      out += flat ? (i == 0 ? "" : " ") : "\n" + pad;
      write((*a)[i], indent + 2, out);
    }
    if (!flat && !a->empty()) out += "\n" + std::string(static_cast<std::size_t>(indent), ' ');
    out += ']';
  } else if (const auto* o = std::get_if<JsonObject>(&j.value)) {
    out += '{';
    for (std::size_t i = 0; i < o->size(); ++i) {
      out += (i == 0 ? "\n" : ",\n") + pad + quoted((*o)[i].first) + ": ";
      write((*o)[i].second, indent + 2, out);
    }
    if (!o->empty()) out += "\n" + std::string(static_cast<std::size_t>(indent), ' ');
    out += '}';
  }
}

// ---------------------------------------------------------------------------
// The schema of each kind of value

constexpr std::string_view kMarkupNote =
    " Inline markup: `**bold**`, `*italic*`, `[text](url)`, `` `code` ``, `$$math$$`.";

std::string kind_note(ValueKind kind) {
  switch (kind) {
    case ValueKind::Markup:
    case ValueKind::MarkupList:
      return std::string(kMarkupNote);
    case ValueKind::Date:
      return " YYYY, YYYY-MM, YYYY-MM-DD, `present`, or free text (\"Fall 2020\").";
    case ValueKind::CurrentDate:
      return " YYYY-MM-DD, or `today`.";
    case ValueKind::Priority:
      return " 1 is always kept, 5 appears only in the full CV; 3 when not given.";
    case ValueKind::PageSize:
      return " `a4` or `letter` (RenderCV's `us-letter` too).";
    default:
      return "";
  }
}

std::string description(const FieldInfo& f) { return f.doc + kind_note(f.kind); }

// Any YAML scalar: the loader reads numbers and booleans as their text.
JsonArray scalar_types() { return {"string", "number", "boolean"}; }

// `types` plus "null" when the value may be left empty: the loader reads
// `key:` with nothing after it as if the key were absent.
JsonArray with_null(JsonArray types, bool nullable) {
  if (nullable) types.emplace_back("null");
  return types;
}

// "type": one name, or a list of them.
Json type(JsonArray types) {
  if (types.size() == 1) return std::move(types.front());
  return types;
}

Json definition_ref(const std::string& definition) {
  return JsonObject{{"$ref", "#/definitions/" + definition}};
}

// Keys a map does not define may only be empty (`photo:`), as the loader
// ignores those silently and warns about the others.
Json only_empty() { return JsonObject{{"type", "null"}}; }

Json object_schema(const std::vector<FieldInfo>& fields, const std::vector<FieldInfo>& more,
                   bool nullable);

// The schema of one field's value.
Json value_schema(const FieldInfo& f, bool nullable) {
  const auto typed = [&](JsonArray types) {
    return JsonObject{{"type", type(with_null(std::move(types), nullable))}};
  };
  JsonObject out;
  switch (f.kind) {
    case ValueKind::Text:
    case ValueKind::Markup:
      out = typed(scalar_types());
      break;
    case ValueKind::MarkupList:
    case ValueKind::Names:
      out = typed({"array"});
      out.emplace_back("items", JsonObject{{"type", scalar_types()}});
      break;
    case ValueKind::Date:
    case ValueKind::CurrentDate:
      out = typed({"string", "integer"});
      break;
    case ValueKind::Priority:
      // 3, or "3" as the loader also reads it.
      out = typed({"integer", "string"});
      out.emplace_back("minimum", 1);
      out.emplace_back("maximum", 5);
      out.emplace_back("pattern", "^\\s*[1-5]\\s*$");
      break;
    case ValueKind::PageSize: {
      JsonArray sizes{"a4", "letter", "us-letter"};
      if (nullable) sizes.emplace_back(nullptr);
      out = JsonObject{{"enum", std::move(sizes)}};
      break;
    }
    case ValueKind::Object:
      out = std::get<JsonObject>(object_schema(f.fields, {}, nullable).value);
      break;
    case ValueKind::SocialNetworks:
      out = typed({"array"});
      out.emplace_back("items", definition_ref("social_network"));
      break;
    case ValueKind::Highlights:
      out = typed({"array"});
      out.emplace_back("items", definition_ref("highlight"));
      break;
    case ValueKind::Sections:
      out = typed({"object"});
      out.emplace_back("additionalProperties",
                       JsonObject{{"type", "array"}, {"items", definition_ref("entry")}});
      break;
    case ValueKind::Profiles:
      out = typed({"object"});
      out.emplace_back("additionalProperties", definition_ref("profile"));
      break;
    case ValueKind::Overrides:
      out = typed({"object"});
      out.emplace_back("propertyNames", JsonObject{{"pattern", "^[^.]+(\\.[^.]+)*$"}});
      out.emplace_back(
          "additionalProperties",
          JsonObject{{"not", only_empty()}, {"description", "the new value; lists and maps too"}});
      break;
  }
  out.insert(out.begin(), {"description", description(f)});
  return out;
}

// A map with the keys of `fields` and `more`; required keys may not be empty.
Json object_schema(const std::vector<FieldInfo>& fields, const std::vector<FieldInfo>& more,
                   bool nullable) {
  JsonObject properties;
  JsonArray required;
  for (const auto* list : {&fields, &more}) {
    for (const FieldInfo& f : *list) {
      properties.emplace_back(f.key, value_schema(f, !f.required));
      if (f.required) required.emplace_back(f.key);
    }
  }
  JsonObject out{{"type", type(with_null({"object"}, nullable))},
                 {"properties", std::move(properties)}};
  if (!required.empty()) out.emplace_back("required", std::move(required));
  out.emplace_back("additionalProperties", only_empty());
  return out;
}

const FieldInfo* find_kind(const std::vector<FieldInfo>& fields, ValueKind kind) {
  for (const FieldInfo& f : fields) {
    if (f.kind == kind) return &f;
    if (const FieldInfo* inner = find_kind(f.fields, kind)) return inner;
  }
  return nullptr;
}

// The maps that sit inside lists and free-form maps: social networks,
// highlights, profiles; each once, in "definitions".
JsonObject definitions(const InputSchema& schema) {
  JsonObject defs;
  JsonArray kinds;
  for (const EntryKindInfo& kind : schema.entry_kinds)
    kinds.push_back(definition_ref(kind.name + "_entry"));
  defs.emplace_back(
      "entry", JsonObject{{"description", "an entry of a section"}, {"anyOf", std::move(kinds)}});
  for (const EntryKindInfo& kind : schema.entry_kinds) {
    JsonObject entry =
        std::get<JsonObject>(object_schema(kind.fields, schema.entry_keys, false).value);
    entry.insert(entry.begin(), {"description", kind.doc});
    if (kind.name == "text") {  // a paragraph: a plain string, or that map
      entry =
          JsonObject{{"description",
                      "a paragraph of text: a string, or a map with `text` (and tags, "
                      "priority)." +
                          std::string(kMarkupNote)},
                     {"anyOf", JsonArray{JsonObject{{"type", scalar_types()}}, std::move(entry)}}};
    }
    defs.emplace_back(kind.name + "_entry", std::move(entry));
  }
  if (const FieldInfo* highlights = find_kind(schema.entry_keys, ValueKind::Highlights)) {
    JsonObject object = std::get<JsonObject>(object_schema(highlights->fields, {}, false).value);
    defs.emplace_back(
        "highlight",
        JsonObject{{"description", "a bullet under an entry: text, or a map with `text`"},
                   {"anyOf", JsonArray{JsonObject{{"type", scalar_types()}}, std::move(object)}}});
  }
  if (const FieldInfo* networks = find_kind(schema.top, ValueKind::SocialNetworks)) {
    defs.emplace_back("social_network", object_schema(networks->fields, {}, false));
  }
  if (const FieldInfo* profiles = find_kind(schema.top, ValueKind::Profiles)) {
    JsonObject profile = std::get<JsonObject>(object_schema(profiles->fields, {}, true).value);
    profile.insert(profile.begin(), {"description", profiles->doc});
    defs.emplace_back("profile", std::move(profile));
  }
  return defs;
}

// ---------------------------------------------------------------------------
// The Markdown reference

std::string kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::Text:
      return "text";
    case ValueKind::Markup:
      return "markup";
    case ValueKind::MarkupList:
      return "list of markup";
    case ValueKind::Names:
      return "list of names";
    case ValueKind::Date:
      return "date";
    case ValueKind::CurrentDate:
      return "date or `today`";
    case ValueKind::Priority:
      return "1 to 5";
    case ValueKind::PageSize:
      return "`a4` or `letter`";
    case ValueKind::Object:
      return "map";
    case ValueKind::SocialNetworks:
      return "list of social networks";
    case ValueKind::Highlights:
      return "list of highlights";
    case ValueKind::Sections:
      return "map of sections";
    case ValueKind::Profiles:
      return "map of profiles";
    case ValueKind::Overrides:
      return "map of dot path: value";
  }
  return "";
}

std::string table(const std::vector<FieldInfo>& fields, const std::vector<FieldInfo>& more = {}) {
  std::string out = "| key | value | |\n| --- | --- | --- |\n";
  for (const auto* list : {&fields, &more}) {
    for (const FieldInfo& f : *list) {
      std::string text = description(f);
      std::replace(text.begin(), text.end(), '|', '/');
      out += fmt::format("| `{}`{} | {} | {} |\n", f.key, f.required ? " (required)" : "",
                         kind_name(f.kind), text);
    }
  }
  return out;
}

// Each map of the description as a heading and a table, depth first.
void reference(const std::vector<FieldInfo>& fields, const std::string& path, std::string& out) {
  for (const FieldInfo& f : fields) {
    if (f.fields.empty()) continue;
    std::string where = path.empty() ? f.key : path + "." + f.key;
    if (f.kind == ValueKind::SocialNetworks || f.kind == ValueKind::Highlights) where += "[]";
    if (f.kind == ValueKind::Profiles) where += ".NAME";
    out += fmt::format("### `{}`\n\n{}\n\n{}\n", where, f.doc, table(f.fields));
    reference(f.fields, where, out);
  }
}

}  // namespace

int detect_entry_kind(const InputSchema& schema, const std::vector<std::string>& keys) {
  int best = -1;
  std::ptrdiff_t best_hits = 0;
  for (std::size_t i = 0; i < schema.entry_kinds.size(); ++i) {
    const std::vector<FieldInfo>& own = schema.entry_kinds[i].fields;
    const std::ptrdiff_t hits = std::count_if(own.begin(), own.end(), [&](const FieldInfo& f) {
      return std::find(keys.begin(), keys.end(), f.key) != keys.end();
    });
    if (hits > best_hits) {
      best = static_cast<int>(i);
      best_hits = hits;
    }
  }
  return best;
}

const FieldInfo* find_field(const std::vector<FieldInfo>& fields, const std::string& key) {
  const auto it =
      std::find_if(fields.begin(), fields.end(), [&](const FieldInfo& f) { return f.key == key; });
  return it == fields.end() ? nullptr : &*it;
}

std::string json_schema(const InputSchema& schema) {
  JsonObject root = std::get<JsonObject>(object_schema(schema.top, {}, false).value);
  const JsonObject head{
      {"$schema", "http://json-schema.org/draft-07/schema#"},
      {"title", "cvpress CV"},
      {"description",
       "A CV for cvpress: RenderCV's v2 `cv:` schema plus tags, priority, tagline and profiles. "
       "Generated by `cvpress schema` from the tables cvpress reads with."}};
  root.insert(root.begin(), head.begin(), head.end());
  root.emplace_back("definitions", definitions(schema));
  std::string out;
  write(root, 0, out);
  return out + "\n";
}

std::string markdown_reference(const InputSchema& schema) {
  std::string out = "## Input reference\n\nGenerated by `cvpress schema --markdown`.\n\n";
  out += "### Top level\n\n" + table(schema.top) + "\n";
  reference(schema.top, "", out);
  out +=
      "### Entries\n\nAn entry of a section is a plain string (a paragraph of text) or a map; "
      "its keys say which kind it is. Every kind also takes these keys:\n\n" +
      table(schema.entry_keys) + "\n";
  for (const EntryKindInfo& kind : schema.entry_kinds) {
    out += fmt::format("#### {}\n\n{}\n\n{}\n", kind.name, kind.doc, table(kind.fields));
  }
  if (const FieldInfo* highlights = find_kind(schema.entry_keys, ValueKind::Highlights)) {
    out += fmt::format("#### highlight\n\nA highlight is text, or a map:\n\n{}",
                       table(highlights->fields));
  }
  return out;
}

}  // namespace cvpress
