#include "load/yaml_writer.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "text/utf8.h"

namespace cvpress {
namespace {

int chars(std::string_view s) {
  return static_cast<int>(
      std::count_if(s.begin(), s.end(), [](char c) { return !is_utf8_continuation(c); }));
}

// The code point of the UTF-8 sequence at s[i] (an invalid byte is returned
// as itself), and its length.
std::pair<unsigned, std::size_t> decode(std::string_view s, std::size_t i) {
  const std::size_t length = utf8_sequence_length(s, i);
  if (length <= 1) return {static_cast<unsigned char>(s[i]), 1};
  std::size_t at = i;
  return {static_cast<unsigned>(*next_code_point(s, at)), length};
}

// Characters that YAML reads as line breaks or that cvpress's loader refuses
// raw, and the byte order mark: written as escapes in double quotes.
bool needs_escape(unsigned code) {
  return code < 0x20 || code == 0x7F || (code >= 0x80 && code <= 0x9F) || code == 0x2028 ||
         code == 0x2029 || code == 0xFEFF;
}

// What the loader's guard against deep nesting (find_too_deep_nesting in
// yaml_loader.cpp) counts on a line of this text: `[` and `{` outside
// comments and outside quotes that start a token inside brackets. Returns
// whether a scalar written like this leaves the count where it found it
// (zero) and never takes it far up, so that no number of such scalars can
// trip the guard.
bool neutral_for_nesting_guard(std::string_view text) {
  constexpr int kMaxDepth = 32;
  int depth = 0;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (quote == '"' && c == '\\')
        ++i;
      else if (c == quote)
        quote = 0;
      continue;
    }
    const bool token_start =
        i == 0 || std::string_view(" \t\n[{,:").find(text[i - 1]) != std::string_view::npos;
    if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t')) {
      return depth == 0;  // the rest of the line is a comment to the guard
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) return false;
    } else if (c == ']' || c == '}') {
      depth = std::max(depth - 1, 0);
    } else if ((c == '\'' || c == '"') && depth > 0 && token_start) {
      quote = c;
    }
  }
  return depth == 0 && quote == 0;
}

bool plain_is_safe(std::string_view s) {
  if (s.empty()) return false;
  if (s.front() == ' ' || s.back() == ' ') return false;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string_view::npos) {
    return false;
  }
  if (s.back() == ':') return false;
  if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos)
    return false;
  for (const std::string_view word : {"null", "Null", "NULL", "~"}) {
    if (s == word) return false;
  }
  for (std::size_t i = 0; i < s.size();) {
    const auto [code, length] = decode(s, i);
    if (code == '\t' || needs_escape(code)) return false;
    i += length;
  }
  return true;
}

std::string single_quoted(std::string_view s) {
  std::string out = "'";
  for (const char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// `brackets`: write [ and { as escapes too, so that the loader's nesting
// guard sees none.
std::string double_quoted(std::string_view s, bool brackets) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    const auto [code, length] = decode(s, i);
    switch (code) {
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
      case '\r':
        out += "\\r";
        break;
      default:
        if (needs_escape(code) || (brackets && (code == '[' || code == '{'))) {
          out += code <= 0xFF ? fmt::format("\\x{:02X}", code) : fmt::format("\\u{:04X}", code);
        } else {
          out.append(s.substr(i, length));
        }
    }
    i += length;
  }
  return out + "\"";
}

bool has_escapes(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto [code, length] = decode(s, i);
    if (needs_escape(code)) return true;
    i += length;
  }
  return false;
}

// Safe as an item of a flow list: [a, b].
bool flow_is_safe(std::string_view s) {
  return plain_is_safe(s) && s.find_first_of(",[]{}#") == std::string_view::npos;
}

class Writer {
 public:
  WrittenYaml finish() { return {std::move(out_), std::move(origins_)}; }

  void comment(int indent, std::string_view text) {
    // One "# " line per line of text; characters the loader refuses are dropped.
    for (std::size_t start = 0;;) {
      const std::size_t end = text.find('\n', start);
      const std::string_view part =
          text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
      std::string clean;
      for (std::size_t i = 0; i < part.size();) {
        const auto [code, length] = decode(part, i);
        if (!needs_escape(code) || code == '\t') clean.append(part.substr(i, length));
        i += length;
      }
      while (!clean.empty() && (clean.back() == ' ' || clean.back() == '\t')) clean.pop_back();
      line_ =
          std::string(static_cast<std::size_t>(indent), ' ') + (clean.empty() ? "#" : "# " + clean);
      end_line();
      if (end == std::string_view::npos) return;
      start = end + 1;
    }
  }

  void map(const YamlNode& node, int indent, bool after_dash) {
    bool first = true;
    for (const YamlMember& m : node.members) {
      if (!(first && after_dash)) {
        for (const std::string& c : m.comments) comment(indent, c);
        line_ = std::string(static_cast<std::size_t>(indent), ' ');
      }
      if (first) anchor(node.origin);
      first = false;
      anchor(m.key_origin);
      line_ += m.key + ":";
      value(m.value, indent);
    }
    for (const std::string& c : node.trailing_comments) comment(indent, c);
  }

 private:
  void anchor(const SourceLoc& loc) {
    if (loc.known()) anchors_.emplace_back(chars(line_) + 1, loc);
  }

  void end_line() {
    out_ += line_;
    out_ += '\n';
    origins_.push_back(std::move(anchors_));
    anchors_.clear();
    line_.clear();
  }

  // The value of a key whose "key:" ends line_.
  void value(const YamlNode& v, int indent) {
    switch (v.kind) {
      case YamlNode::Kind::Scalar:
        line_ += ' ';
        anchor(v.origin);
        line_ += yaml_scalar(v.scalar);
        return end_line();
      case YamlNode::Kind::List:
        if (v.items.empty()) {
          line_ += " []";
          return end_line();
        }
        if (v.flow && std::all_of(v.items.begin(), v.items.end(), [](const YamlNode& item) {
              return item.kind == YamlNode::Kind::Scalar && flow_is_safe(item.scalar);
            })) {
          line_ += ' ';
          anchor(v.origin);
          line_ += '[';
          for (std::size_t i = 0; i < v.items.size(); ++i) {
            if (i > 0) line_ += ", ";
            anchor(v.items[i].origin);
            line_ += v.items[i].scalar;
          }
          line_ += ']';
          return end_line();
        }
        end_line();
        return list(v, indent + 2);
      case YamlNode::Kind::Map:
        if (v.members.empty()) {
          line_ += " {}";
          return end_line();
        }
        end_line();
        return map(v, indent + 2, false);
    }
  }

  void list(const YamlNode& node, int indent) {
    const std::string pad(static_cast<std::size_t>(indent), ' ');
    for (const YamlNode& item : node.items) {
      switch (item.kind) {
        case YamlNode::Kind::Scalar:
          line_ = pad + "- ";
          anchor(item.origin);
          line_ += yaml_scalar(item.scalar);
          end_line();
          break;
        case YamlNode::Kind::Map:
          if (item.members.empty()) {
            line_ = pad + "- {}";
            end_line();
            break;
          }
          for (const std::string& c : item.members.front().comments) comment(indent, c);
          line_ = pad + "- ";
          map(item, indent + 2, true);
          break;
        case YamlNode::Kind::List:
          line_ = pad + "-";
          if (item.items.empty()) line_ += " []";
          end_line();
          if (!item.items.empty()) list(item, indent + 2);
          break;
      }
    }
  }

  std::string out_;
  std::vector<std::vector<std::pair<int, SourceLoc>>> origins_;
  std::string line_;
  std::vector<std::pair<int, SourceLoc>> anchors_;
};

}  // namespace

YamlNode YamlNode::text(std::string value, SourceLoc origin) {
  YamlNode node;
  node.scalar = std::move(value);
  node.origin = std::move(origin);
  return node;
}

YamlNode YamlNode::list(SourceLoc origin) {
  YamlNode node;
  node.kind = Kind::List;
  node.origin = std::move(origin);
  return node;
}

YamlNode YamlNode::map(SourceLoc origin) {
  YamlNode node;
  node.kind = Kind::Map;
  node.origin = std::move(origin);
  return node;
}

YamlNode& YamlNode::add(std::string key, YamlNode value, SourceLoc key_origin) {
  members.push_back({std::move(key), std::move(value), std::move(key_origin), {}});
  return members.back().value;
}

SourceLoc WrittenYaml::origin_of(int line, int col) const {
  if (line < 1 || static_cast<std::size_t>(line) > origins.size()) return {};
  const auto& anchors = origins[static_cast<std::size_t>(line) - 1];
  if (anchors.empty()) return {};
  const std::pair<int, SourceLoc>* best = nullptr;
  for (const auto& a : anchors) {
    if (a.first <= col && (best == nullptr || a.first > best->first)) best = &a;
  }
  return best != nullptr ? best->second : anchors.front().second;
}

WrittenYaml write_yaml(const YamlNode& root, const std::vector<std::string>& header) {
  Writer writer;
  for (const std::string& line : header) writer.comment(0, line);
  writer.map(root, 0, false);
  return writer.finish();
}

std::string yaml_scalar(std::string_view text) {
  std::string written;
  if (plain_is_safe(text)) {
    written = std::string(text);
  } else if (!has_escapes(text) && text.find('\t') == std::string_view::npos) {
    written = single_quoted(text);
  } else {
    written = double_quoted(text, false);
  }
  return neutral_for_nesting_guard(written) ? written : double_quoted(text, true);
}

}  // namespace cvpress
