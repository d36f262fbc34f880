#include "load/json.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "text/utf8.h"

namespace cvpress {
namespace {

// Thrown inside the parser only, caught by parse_json.
struct SyntaxError {
  std::size_t at;
  std::string message;
  std::string hint;
};

class Parser {
 public:
  Parser(std::string_view text, const std::string& file, Diagnostics& diags)
      : text_(text), file_(file), diags_(diags) {}

  JsonValue document() {
    skip_space();
    JsonValue root = value(0);
    skip_space();
    if (pos_ < text_.size()) {
      fail(pos_, "unexpected text after the JSON value",
           "a JSON file holds one value: the object that starts on line " +
               std::to_string(root.line));
    }
    return root;
  }

  // Line and column (in characters) of byte `at`. Positions are asked for in
  // increasing order while parsing, so the scan resumes where it stopped.
  std::pair<int, int> where(std::size_t at) {
    if (at < mark_pos_) mark_pos_ = 0, mark_line_ = 1, mark_col_ = 1;
    // Columns count characters as column_of() does: a malformed byte is one.
    while (mark_pos_ < at && mark_pos_ < text_.size()) {
      if (text_[mark_pos_] == '\n') {
        ++mark_line_;
        mark_col_ = 1;
        ++mark_pos_;
      } else {
        ++mark_col_;
        mark_pos_ += std::max<std::size_t>(utf8_sequence_length(text_, mark_pos_), 1);
      }
    }
    return {mark_line_, mark_col_};
  }

  [[noreturn]] void fail(std::size_t at, std::string message, std::string hint = {}) {
    throw SyntaxError{at, std::move(message), std::move(hint)};
  }

 private:
  void skip_space() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++pos_;
      } else if (c == '/' && pos_ + 1 < text_.size() &&
                 (text_[pos_ + 1] == '/' || text_[pos_ + 1] == '*')) {
        fail(pos_, "comments are not allowed in JSON", "remove the comment");
      } else {
        return;
      }
    }
  }

  JsonValue start(JsonType type) {
    if (++values_ > kMaxJsonValues) {
      fail(pos_,
           fmt::format("the file holds more than {} values, far more than a CV needs",
                       kMaxJsonValues),
           "is this a JSON Resume file?");
    }
    JsonValue v;
    v.type = type;
    std::tie(v.line, v.col) = where(pos_);
    return v;
  }

  JsonValue value(int depth) {
    if (pos_ >= text_.size()) {
      fail(pos_, "the JSON ends where a value should be", "is the file cut short?");
    }
    const char c = text_[pos_];
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"': {
        JsonValue v = start(JsonType::String);
        v.text = string();
        return v;
      }
      case 't':
      case 'f':
      case 'n':
        return literal();
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        if (c == '\'') {
          fail(pos_, "JSON strings are written in double quotes, not single quotes",
               "write \"text\"");
        }
        if (c == ']' || c == '}') {
          fail(pos_, fmt::format("expected a value before `{}`", c),
               "a comma before a closing bracket is not allowed in JSON");
        }
        fail(pos_, fmt::format("expected a JSON value, found {}", shown(pos_)),
             "a value is an object {...}, a list [...], \"text\", a number, true, false or null");
    }
  }

  // How a character is shown in messages.
  std::string shown(std::size_t at) const {
    const auto c = static_cast<unsigned char>(text_[at]);
    if (c >= 0x21 && c < 0x7F) return fmt::format("`{}`", static_cast<char>(c));
    const std::size_t length = utf8_sequence_length(text_, at);
    if (length > 1) return fmt::format("`{}`", text_.substr(at, length));
    return fmt::format("the byte 0x{:02X}", c);
  }

  void check_depth(int depth) {
    if (depth > kMaxJsonNesting) {
      fail(pos_, fmt::format("lists and objects nest deeper than {} levels here", kMaxJsonNesting),
           "a CV needs only a few levels; is a bracket not closed?");
    }
  }

  JsonValue object(int depth) {
    check_depth(depth);
    JsonValue v = start(JsonType::Object);
    ++pos_;  // {
    skip_space();
    if (peek() == '}') {
      ++pos_;
      return v;
    }
    std::unordered_map<std::string, int> first_line;
    for (;;) {
      skip_space();
      if (peek() != '"') {
        if (peek() == '}')
          fail(pos_, "a comma before `}` is not allowed in JSON",
               "remove the comma after the last member");
        if (pos_ >= text_.size()) fail(pos_, "the JSON ends inside an object", "is a `}` missing?");
        fail(pos_, fmt::format("expected a key in double quotes, found {}", shown(pos_)),
             "write \"key\": value");
      }
      JsonMember member;
      std::tie(member.line, member.col) = where(pos_);
      member.key = string();
      skip_space();
      if (peek() != ':') {
        if (pos_ >= text_.size()) fail(pos_, "the JSON ends inside an object", "is a `}` missing?");
        fail(pos_,
             fmt::format("expected `:` after the key \"{}\", found {}", member.key, shown(pos_)),
             "write \"key\": value");
      }
      ++pos_;
      skip_space();
      member.value = value(depth);
      const auto [first, fresh] = first_line.emplace(member.key, member.line);
      if (fresh) {
        v.members.push_back(std::move(member));
      } else {
        diags_.error(
            {file_, member.line, member.col}, fmt::format("duplicate key \"{}\"", member.key),
            fmt::format("it is first given on line {}; only that one is read", first->second));
      }
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        return v;
      }
      if (pos_ >= text_.size()) fail(pos_, "the JSON ends inside an object", "is a `}` missing?");
      fail(pos_, fmt::format("expected `,` or `}}` after a member, found {}", shown(pos_)),
           peek() == '"' ? "is a comma missing?" : "members are separated by commas");
    }
  }

  JsonValue array(int depth) {
    check_depth(depth);
    JsonValue v = start(JsonType::Array);
    ++pos_;  // [
    skip_space();
    if (peek() == ']') {
      ++pos_;
      return v;
    }
    for (;;) {
      skip_space();
      if (peek() == ']') {
        fail(pos_, "a comma before `]` is not allowed in JSON",
             "remove the comma after the last item");
      }
      v.items.push_back(value(depth));
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        return v;
      }
      if (pos_ >= text_.size()) fail(pos_, "the JSON ends inside a list", "is a `]` missing?");
      fail(pos_, fmt::format("expected `,` or `]` after an item, found {}", shown(pos_)),
           "items are separated by commas");
    }
  }

  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  JsonValue literal() {
    for (const char* word : {"true", "false", "null"}) {
      const std::string_view w(word);
      if (text_.substr(pos_, w.size()) != w) continue;
      JsonValue v = start(w == "null" ? JsonType::Null : JsonType::Bool);
      v.text = std::string(w);
      pos_ += w.size();
      return v;
    }
    fail(pos_, "expected a JSON value", "text is written in double quotes: \"...\"");
  }

  JsonValue number() {
    JsonValue v = start(JsonType::Number);
    const std::size_t begin = pos_;
    auto digits = [&] {
      const std::size_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (digits() == 0) {
      fail(pos_, "expected a digit", "numbers are written like 42, -1.5 or 2e3");
    }
    if (peek() == '.') {
      ++pos_;
      if (digits() == 0) fail(pos_, "expected a digit after `.`", "write 1.0, not 1.");
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (digits() == 0) fail(pos_, "expected a digit in the exponent", "write 2e3");
    }
    if (pos_ < text_.size() &&
        ((text_[pos_] >= '0' && text_[pos_] <= '9') || (text_[pos_] >= 'A' && text_[pos_] <= 'Z') ||
         (text_[pos_] >= 'a' && text_[pos_] <= 'z'))) {
      fail(begin, "not a JSON number", "write text in double quotes: \"...\"");
    }
    v.text = std::string(text_.substr(begin, pos_ - begin));
    return v;
  }

  unsigned hex4(std::size_t at) {
    unsigned code = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const char c = at + k < text_.size() ? text_[at + k] : '\0';
      unsigned digit = 0;
      if (c >= '0' && c <= '9')
        digit = static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        digit = static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        digit = static_cast<unsigned>(c - 'A' + 10);
      else
        fail(at - 2, "`\\u` must be followed by four hex digits", "write \\u00e9 for é");
      code = code * 16 + digit;
    }
    return code;
  }

  // A string at pos_ (which is at its opening quote); pos_ ends after it.
  std::string string() {
    const std::size_t open = pos_++;
    std::string out;
    for (;;) {
      if (pos_ >= text_.size()) {
        fail(open, "this string is not closed", "is a closing `\"` missing?");
      }
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c == '\\') {
        escape(out);
        continue;
      }
      if (c < 0x20) {
        if (c == '\n')
          fail(open, "this string is not closed on its line",
               "a line break inside a string is written \\n");
        fail(pos_, fmt::format("control character U+{:04X} inside a string", c),
             c == '\t' ? "write a tab as \\t" : "write it as \\u00XX, or remove it");
      }
      const std::size_t length = utf8_sequence_length(text_, pos_);
      if (length == 0) {
        fail(pos_, fmt::format("invalid UTF-8 byte 0x{:02X}", c), "save the file as UTF-8 text");
      }
      out.append(text_.substr(pos_, length));
      pos_ += length;
    }
  }

  void escape(std::string& out) {
    const std::size_t at = pos_;
    const char e = pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0';
    pos_ += 2;
    switch (e) {
      case '"':
        out += '"';
        return;
      case '\\':
        out += '\\';
        return;
      case '/':
        out += '/';
        return;
      case 'b':
        out += '\b';
        return;
      case 'f':
        out += '\f';
        return;
      case 'n':
        out += '\n';
        return;
      case 'r':
        out += '\r';
        return;
      case 't':
        out += '\t';
        return;
      case 'u':
        break;
      default:
        fail(at, fmt::format("`\\{}` is not a JSON escape", e == '\0' ? ' ' : e),
             "JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a backslash as \\\\");
    }
    unsigned code = hex4(pos_);
    pos_ += 4;
    if (code >= 0xDC00 && code <= 0xDFFF) {
      fail(at, fmt::format("`\\u{:04X}` is the second half of a surrogate pair, alone", code),
           "write the character itself, or both halves: \\uD83D\\uDE00");
    }
    if (code >= 0xD800 && code <= 0xDBFF) {
      if (text_.substr(pos_, 2) != "\\u") {
        fail(at, fmt::format("`\\u{:04X}` is the first half of a surrogate pair, alone", code),
             "write the character itself, or both halves: \\uD83D\\uDE00");
      }
      const unsigned low = hex4(pos_ + 2);
      if (low < 0xDC00 || low > 0xDFFF) {
        fail(at, fmt::format("`\\u{:04X}` is not followed by the second half of its pair", code),
             "write the character itself, or both halves: \\uD83D\\uDE00");
      }
      pos_ += 6;
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(out, code);
  }

  std::string_view text_;
  const std::string& file_;
  Diagnostics& diags_;
  std::size_t pos_ = 0;
  std::size_t values_ = 0;
  std::size_t mark_pos_ = 0;
  int mark_line_ = 1, mark_col_ = 1;
};

}  // namespace

const JsonValue* JsonValue::find(std::string_view key) const {
  for (const JsonMember& m : members) {
    if (m.key == key) return &m.value;
  }
  return nullptr;
}

std::optional<JsonValue> parse_json(std::string_view text, const std::string& file_name,
                                    Diagnostics& diags) {
  Parser parser(text, file_name, diags);
  try {
    return parser.document();
  } catch (const SyntaxError& e) {
    const auto [line, col] = parser.where(e.at);
    diags.error({file_name, line, col}, "invalid JSON: " + e.message, e.hint);
  }
  return std::nullopt;
}

std::string_view describe(JsonType type) {
  switch (type) {
    case JsonType::Null:
      return "null";
    case JsonType::Bool:
      return "true or false";
    case JsonType::Number:
      return "a number";
    case JsonType::String:
      return "text";
    case JsonType::Array:
      return "a list";
    case JsonType::Object:
      return "an object";
  }
  return "a value";
}

}  // namespace cvpress
