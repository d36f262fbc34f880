// A strict JSON (RFC 8259) parser that keeps the source location of every
// value and key, for the JSON Resume reader and its diagnostics.
//
// Strict, so that a mistake is reported where it is rather than read as
// something else: no comments, no trailing commas, no single quotes; strings
// must be valid UTF-8 without raw control characters; duplicate keys are
// errors (the first one is kept). Bounded, so that no input can exhaust the
// stack or the memory: nesting deeper than kMaxJsonNesting and more than
// kMaxJsonValues values are errors. Parsing never throws.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/diagnostics.h"

namespace cvpress {

inline constexpr int kMaxJsonNesting = 256;
inline constexpr std::size_t kMaxJsonValues = std::size_t{1} << 18;

enum class JsonType { Null, Bool, Number, String, Array, Object };

struct JsonMember;

struct JsonValue {
  JsonType type = JsonType::Null;
  std::string text;                 // String: the value; Number and Bool: as written
  std::vector<JsonValue> items;     // Array
  std::vector<JsonMember> members;  // Object, in file order, without duplicates
  int line = 0;                     // 1-based
  int col = 0;                      // 1-based, in UTF-8 characters

  bool is_scalar() const { return type != JsonType::Array && type != JsonType::Object; }
  // The member named `key` of an object; nullptr when there is none.
  const JsonValue* find(std::string_view key) const;
};

struct JsonMember {
  std::string key;
  int line = 0;  // of the key
  int col = 0;
  JsonValue value;
};

// Parses `text` (without a byte order mark); every problem becomes an error in
// `diags`, located in `file_name`. nullopt after a syntax error; a value when
// only duplicate keys were found.
std::optional<JsonValue> parse_json(std::string_view text, const std::string& file_name,
                                    Diagnostics& diags);

// "an object", "a list", "text", "a number", "true or false", "null".
std::string_view describe(JsonType type);

}  // namespace cvpress
