#include "load/yaml_syntax.h"

#include <algorithm>
#include <vector>

namespace cvpress {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool starts_token(std::string_view text, std::size_t i) {
  return i == 0 || std::string_view(" \t\n[{,:").find(text[i - 1]) != std::string_view::npos;
}

// The last `[` or `{` (as `open` says) left open at the end of `text`, or npos.
// Quoted text inside brackets and comments are skipped.
std::size_t unclosed(std::string_view text, char open) {
  std::vector<std::size_t> stack;
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
    if (c == '#' && (i == 0 || is_space(text[i - 1]))) {
      i = std::min(text.find('\n', i), text.size());
    } else if (c == '[' || c == '{') {
      stack.push_back(i);
    } else if ((c == ']' || c == '}') && !stack.empty()) {
      stack.pop_back();
    } else if ((c == '\'' || c == '"') && !stack.empty() && starts_token(text, i)) {
      quote = c;
    }
  }
  for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
    if (text[*it] == open) return *it;
  }
  return std::string_view::npos;
}

// The start of the line holding `offset`.
std::size_t line_start(std::string_view text, std::size_t offset) {
  const std::size_t nl = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  return nl == std::string_view::npos || offset == 0 ? 0 : nl + 1;
}

bool contains(std::string_view message, std::string_view part) {
  return message.find(part) != std::string_view::npos;
}

}  // namespace

SyntaxExplanation explain_yaml_error(std::string_view text, std::size_t offset,
                                     std::string_view message) {
  offset = std::min(offset, text.size());
  // At the end of the text there is nothing to show: point after its last word.
  std::size_t shown = offset;
  if (std::all_of(text.begin() + static_cast<std::ptrdiff_t>(offset), text.end(), is_space)) {
    shown = offset;
    while (shown > 0 && is_space(text[shown - 1])) --shown;
  }
  const std::string_view line = text.substr(line_start(text, offset));
  const std::string_view indent = line.substr(0, line.find_first_not_of(" \t"));

  if (contains(message, "end of sequence flow") || contains(message, "end of map flow")) {
    const char open = contains(message, "sequence") ? '[' : '{';
    const std::size_t at = unclosed(text, open);
    return {at != std::string_view::npos ? at : shown,
            open == '['
                ? "this `[` is not closed by a `]`; text that starts with `[` needs quotes"
                : "this `{` is not closed by a `}`; text that starts with `{` needs quotes"};
  }
  if (indent.find('\t') != std::string_view::npos) {
    return {shown, "YAML indents with spaces only; replace the tabs at the start of this line"};
  }
  if (contains(message, "quoted scalar") || contains(message, "end of file")) {
    return {shown, "is a quote not closed? a `'` inside single quotes is written `''`"};
  }
  if (contains(message, "escape")) {
    return {shown, "inside double quotes write a backslash as `\\\\`, or use single quotes"};
  }
  if (contains(message, "illegal map value") || contains(message, "block sequence entries")) {
    return {shown,
            "text that holds `: ` or starts with `-` needs quotes; check the indentation "
            "of this line against the lines above"};
  }
  if (contains(message, "alias")) {
    return {shown, "`*` starts an alias; quote text that starts with `*` (e.g. '**bold**')"};
  }
  if (contains(message, "anchor")) {
    return {shown, "`&` starts an anchor; quote text that starts with `&`"};
  }
  return {shown,
          "check the quoting and indentation here; text holding `: ` or ` #`, or starting "
          "with `*`, `&`, `!`, `[`, `{`, `|`, `>` or a quote, needs quotes"};
}

}  // namespace cvpress
