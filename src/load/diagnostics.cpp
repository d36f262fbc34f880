#include "load/diagnostics.h"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "text/utf8.h"

namespace cvpress {
namespace {

// Long lines (minified YAML, binary garbage) are shown as a window around the
// caret, at most this many bytes wide.
constexpr std::size_t kMaxShownBytes = 200;

// Bytes of the character at line[i]: a well-formed UTF-8 sequence, or one
// malformed byte.
std::size_t char_length(std::string_view line, std::size_t i) {
  return std::max<std::size_t>(utf8_sequence_length(line, i), 1);
}

// Byte offset of the `chars`-th character of `line` (or its end).
std::size_t byte_offset(std::string_view line, int chars) {
  std::size_t i = 0;
  for (int n = 0; n < chars && i < line.size(); ++n) i += char_length(line, i);
  return std::min(i, line.size());
}

// The first character boundary at or after byte i.
std::size_t char_boundary(std::string_view line, std::size_t i) {
  std::size_t at = 0;
  while (at < i && at < line.size()) at += char_length(line, at);
  return std::min(at, line.size());
}

// The start of each line of `text`, so that every diagnostic finds its line
// without rescanning the text.
std::vector<std::size_t> line_starts(std::string_view text) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) {
    starts.push_back(i + 1);
  }
  return starts;
}

std::string_view line_at(std::string_view text, const std::vector<std::size_t>& starts, int line) {
  if (line < 1 || static_cast<std::size_t>(line) > starts.size()) return {};
  const std::size_t begin = starts[static_cast<std::size_t>(line) - 1];
  std::string_view rest = text.substr(std::min(begin, text.size()));
  rest = rest.substr(0, rest.find('\n'));
  if (!rest.empty() && rest.back() == '\r') rest.remove_suffix(1);
  return rest;
}

std::string location_prefix(const SourceLoc& loc) {
  if (loc.file.empty() && !loc.known()) return {};
  std::string out = loc.file.empty() ? "<input>" : loc.file;
  if (loc.known()) out += fmt::format(":{}", loc.line);
  if (loc.known() && loc.col > 0) out += fmt::format(":{}", loc.col);
  return out + ": ";
}

// Control characters and bytes that are not UTF-8 would garble the terminal:
// each becomes one '?', which takes its one column, so that the caret stays
// under its column.
std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto u = static_cast<unsigned char>(s[i]);
    const std::size_t length = utf8_sequence_length(s, i);
    if (length == 0) {
      out += '?';
      ++i;
    } else if (length == 1) {
      out += (u < 0x20 && u != '\t') || u == 0x7F ? '?' : s[i];
      ++i;
    } else {
      out.append(s.substr(i, length));
      i += length;
    }
  }
  return out;
}

// The source line (a window of it when it is long) and the caret under `col`.
std::string quote_line(std::string_view line, int col) {
  std::size_t caret = byte_offset(line, std::max(col, 1) - 1);
  std::string prefix, suffix;
  if (line.size() > kMaxShownBytes) {
    const std::size_t begin =
        char_boundary(line, caret > kMaxShownBytes / 2 ? caret - kMaxShownBytes / 2 : 0);
    const std::size_t end = std::max(begin, char_boundary(line, begin + kMaxShownBytes));
    if (begin > 0) prefix = "...";
    if (end < line.size()) suffix = "...";
    caret -= std::min(caret, begin);
    line = line.substr(begin, end - begin);
  }
  std::string out = prefix + printable(line) + suffix + "\n";
  if (col <= 0) return out;
  std::string pad(prefix.size(), ' ');
  for (std::size_t i = 0; i < caret && i < line.size(); i += char_length(line, i)) {
    pad += line[i] == '\t' ? '\t' : ' ';
  }
  return out + pad + "^\n";
}

std::string render_one(const Diagnostic& d, std::string_view source,
                       const std::vector<std::size_t>& starts) {
  const char* severity = d.severity == Severity::Error ? "error" : "warning";
  std::string out = fmt::format("{}{}: {}\n", location_prefix(d.loc), severity, d.message);
  const std::string_view line = d.loc.known() ? line_at(source, starts, d.loc.line) : "";
  if (!line.empty()) out += quote_line(line, d.loc.col);
  if (!d.hint.empty()) out += fmt::format("  hint: {}\n", d.hint);
  return out;
}

}  // namespace

int column_of(std::string_view line, std::size_t offset) {
  int column = 1;
  for (std::size_t i = 0; i < offset && i < line.size(); i += char_length(line, i)) ++column;
  return column;
}

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Optimal string alignment distance: insertions, deletions, substitutions
// and transpositions of neighbours each cost 1; case is ignored.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

void Diagnostics::error(SourceLoc loc, std::string message, std::string hint) {
  add({Severity::Error, std::move(loc), std::move(message), std::move(hint)});
}

void Diagnostics::warning(SourceLoc loc, std::string message, std::string hint) {
  add({Severity::Warning, std::move(loc), std::move(message), std::move(hint)});
}

void Diagnostics::add(Diagnostic diagnostic) {
  // The same problem at the same place is reported once (a node read through
  // many aliases would otherwise repeat it).
  const bool known = std::any_of(
      list_.rbegin(),
      list_.rbegin() + std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(list_.size()), 64),
      [&](const Diagnostic& d) {
        return d.severity == diagnostic.severity && d.loc.line == diagnostic.loc.line &&
               d.loc.col == diagnostic.loc.col && d.message == diagnostic.message &&
               d.loc.file == diagnostic.loc.file;
      });
  if (!known) list_.push_back(std::move(diagnostic));
}

void Diagnostics::sort_by_location() {
  std::stable_sort(list_.begin(), list_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.loc.line, a.loc.col) < std::pair(b.loc.line, b.loc.col);
  });
}

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(
      std::count_if(list_.begin(), list_.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t Diagnostics::warning_count() const { return list_.size() - error_count(); }

std::string Diagnostics::render(std::string_view source_text) const {
  const std::vector<std::size_t> starts = line_starts(source_text);
  std::string out;
  std::size_t errors = 0, warnings = 0;
  for (const Diagnostic& d : list_) {
    if (errors + warnings < kMaxRendered) {
      out += render_one(d, source_text, starts);
      continue;
    }
    ++(d.severity == Severity::Error ? errors : warnings);
  }
  if (errors + warnings > 0) {
    out += fmt::format("cvpress: {} more error{} and {} more warning{} are not shown\n", errors,
                       errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
  }
  return out;
}

std::string render(const Diagnostic& diagnostic, std::string_view source_text) {
  return render_one(diagnostic, source_text, line_starts(source_text));
}

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  // Allow about one typo per three letters: "postion" finds "position", "foo"
  // finds nothing in {"date", "url"}.
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t gap = word.size() > candidate.size() ? word.size() - candidate.size()
                                                           : candidate.size() - word.size();
    if (gap > limit) continue;  // the distance is at least the difference in length
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace cvpress
