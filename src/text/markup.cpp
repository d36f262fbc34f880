#include "text/markup.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <unordered_map>
#include <utility>

namespace cvpress {
namespace {

constexpr std::string_view kEscapable = "\\*_`[]()$-";
constexpr std::string_view kMayStartMarkup = "\\*_`[$";

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Letters, digits and every byte of a multi-byte UTF-8 character.
bool is_word_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// A piece of the paragraph: literal content, or a run of emphasis delimiters
// ("*", "**", "_" ...) whose unmatched characters end up as literal text.
struct Token {
  Span span;
  char delim = 0;  // '*' or '_' for a delimiter run
  int count = 0;   // characters of the run not matched yet
  bool can_open = false;
  bool can_close = false;
};

// One paragraph, parsed left to right into tokens; emphasis is then resolved
// over the tokens with the CommonMark delimiter-stack algorithm (no "rule of
// 3"), linear in the length of the text.
class Parser {
 public:
  Parser(std::string_view text, bool links, std::vector<std::string>* errors)
      : text_(text), links_(links), errors_(errors) {}

  RichText parse() {
    if (links_) match_brackets();
    while (pos_ < text_.size()) step();
    resolve_emphasis();
    return flatten();
  }

 private:
  void step() {
    const size_t next = std::min(text_.find_first_of(kMayStartMarkup, pos_), text_.size());
    if (next > pos_) {
      add_text(text_.substr(pos_, next - pos_));
      pos_ = next;
      return;
    }
    if (escape() || code() || math() || link() || delimiter_run()) return;
    add_text(text_.substr(pos_, 1));
    ++pos_;
  }

  bool at(size_t i, char c) const { return i < text_.size() && text_[i] == c; }

  bool escape() {
    if (!at(pos_, '\\') || pos_ + 1 >= text_.size()) return false;
    if (kEscapable.find(text_[pos_ + 1]) == std::string_view::npos) return false;
    add_text(text_.substr(pos_ + 1, 1));
    pos_ += 2;
    return true;
  }

  // `code`: one backtick on each side; a run of several backticks is literal.
  bool code() {
    if (!at(pos_, '`')) return false;
    if (at(pos_ + 1, '`')) return literal_run('`');
    const size_t end = find_single_backtick(pos_ + 1);
    if (end == std::string_view::npos) return false;
    add_atom(text_.substr(pos_ + 1, end - pos_ - 1), SpanKind::Code);
    pos_ = end + 1;
    return true;
  }

  size_t find_single_backtick(size_t from) const {
    for (size_t i = text_.find('`', from); i != std::string_view::npos;) {
      size_t end = i;
      while (at(end, '`')) ++end;
      if (end - i == 1) return i;
      i = text_.find('`', end);
    }
    return std::string_view::npos;
  }

  bool literal_run(char c) {
    size_t end = pos_;
    while (at(end, c)) ++end;
    add_text(text_.substr(pos_, end - pos_));
    pos_ = end;
    return true;
  }

  bool math() {
    if (!at(pos_, '$') || !at(pos_ + 1, '$')) return false;
    const size_t end = text_.find("$$", pos_ + 2);
    if (end == std::string_view::npos) return false;
    const std::string_view source = text_.substr(pos_ + 2, end - pos_ - 2);
    if (trim(source).empty()) {
      report("empty math `$$" + std::string(source) + "$$` is shown as written");
      return false;
    }
    add_atom(source, SpanKind::Math);
    pos_ = end + 2;
    return true;
  }

  // [text](url): the text is parsed again (without links), the URL is verbatim.
  bool link() {
    if (!links_ || !at(pos_, '[')) return false;
    const auto label_end = match_.find(pos_);
    if (label_end == match_.end() || !at(label_end->second + 1, '(')) return false;
    const auto url_end = match_.find(label_end->second + 1);
    if (url_end == match_.end()) return false;

    const std::string_view label = text_.substr(pos_ + 1, label_end->second - pos_ - 1);
    const size_t url_begin = label_end->second + 2;
    const std::string url(trim(text_.substr(url_begin, url_end->second - url_begin)));
    if (url.empty()) {
      report("link `[" + std::string(label) + "]()` has no target; it is shown as written");
      return false;
    }
    RichText shown = Parser(label, false, errors_).parse();
    if (shown.empty()) shown = plain(url);
    for (Span& span : shown) {
      span.link = url;
      tokens_.push_back(Token{std::move(span)});
    }
    pos_ = url_end->second + 1;
    return true;
  }

  bool delimiter_run() {
    const char c = text_[pos_];
    if (c != '*' && c != '_') return false;
    size_t end = pos_;
    while (at(end, c)) ++end;
    const char before = pos_ > 0 ? text_[pos_ - 1] : ' ';
    const char after = end < text_.size() ? text_[end] : ' ';
    bool can_open = !is_space(after);
    bool can_close = !is_space(before);
    if (c == '_') {  // only at word boundaries: snake_case is literal
      can_open = can_open && !is_word_char(before);
      can_close = can_close && !is_word_char(after);
    }
    if (!can_open && !can_close) return literal_run(c);
    Token run;
    run.delim = c;
    run.count = static_cast<int>(end - pos_);
    run.can_open = can_open;
    run.can_close = can_close;
    tokens_.push_back(std::move(run));
    pos_ = end;
    return true;
  }

  void add_text(std::string_view s) {
    if (!tokens_.empty()) {
      Token& last = tokens_.back();
      const Span& span = last.span;
      if (!last.delim && span.kind == SpanKind::Text && span.link.empty() && !span.bold &&
          !span.italic) {
        last.span.text += s;
        return;
      }
    }
    add_atom(s, SpanKind::Text);
  }

  void add_atom(std::string_view s, SpanKind kind) {
    Token token;
    token.span.text = std::string(s);
    token.span.kind = kind;
    tokens_.push_back(std::move(token));
  }

  void report(std::string message) {
    if (errors_) errors_->push_back(std::move(message));
  }

  // Pairs every `[` with its `]` and every `(` with its `)`, once, so that
  // looking for the end of a link never rescans the text.
  void match_brackets() {
    std::vector<size_t> squares, rounds;
    for (size_t i = 0; i < text_.size(); ++i) {
      const char c = text_[i];
      if (c == '\\') {
        ++i;  // an escaped bracket never pairs
      } else if (c == '[' || c == '(') {
        (c == '[' ? squares : rounds).push_back(i);
      } else if (c == ']' || c == ')') {
        pair_with(c == ']' ? squares : rounds, i);
      }
    }
  }

  void pair_with(std::vector<size_t>& opened, size_t close) {
    if (opened.empty()) return;
    match_[opened.back()] = close;
    opened.pop_back();
  }

  void resolve_emphasis() {
    bold_.assign(tokens_.size() + 1, 0);
    italic_.assign(tokens_.size() + 1, 0);
    for (size_t i = 0; i < tokens_.size(); ++i) {
      if (!tokens_[i].delim) continue;
      if (tokens_[i].can_close) close_run(i);
      if (tokens_[i].count > 0 && tokens_[i].can_open) openers_.push_back(i);
    }
  }

  // Matches the closing run `close` against the nearest openers of its kind.
  void close_run(size_t close) {
    Token& closer = tokens_[close];
    size_t& bottom = bottom_[closer.delim == '*' ? 0 : 1];
    while (closer.count > 0) {
      size_t i = openers_.size();
      while (i > bottom && tokens_[openers_[i - 1]].delim != closer.delim) --i;
      if (i == bottom) {  // none: no later closer of this kind needs to look below here
        bottom = openers_.size();
        return;
      }
      const size_t open = openers_[i - 1];
      Token& opener = tokens_[open];
      const int width = opener.count >= 2 && closer.count >= 2 ? 2 : 1;
      std::vector<int>& style = width == 2 ? bold_ : italic_;
      ++style[open + 1];
      --style[close];
      opener.count -= width;
      closer.count -= width;
      openers_.resize(opener.count > 0 ? i : i - 1);  // openers in between stay literal
      for (size_t& b : bottom_) b = std::min(b, openers_.size());
    }
  }

  RichText flatten() {
    RichText out;
    int bold = 0, italic = 0;
    for (size_t i = 0; i < tokens_.size(); ++i) {
      bold += bold_[i];
      italic += italic_[i];
      Token& token = tokens_[i];
      if (token.delim) token.span.text.assign(static_cast<size_t>(token.count), token.delim);
      token.span.bold = token.span.bold || bold > 0;
      token.span.italic = token.span.italic || italic > 0;
      append(out, {std::move(token.span)});
    }
    return out;
  }

  std::string_view text_;
  bool links_;
  std::vector<std::string>* errors_;
  size_t pos_ = 0;
  std::vector<Token> tokens_;
  std::unordered_map<size_t, size_t> match_;
  std::vector<size_t> openers_;
  std::array<size_t, 2> bottom_{};  // per delimiter ('*', '_'): openers below cannot match
  std::vector<int> bold_, italic_;  // +1 where a style starts, -1 where it ends
};

}  // namespace

RichText parse_markup(std::string_view text, std::vector<std::string>* errors) {
  return Parser(text, true, errors).parse();
}

std::string strip_markup(std::string_view text) { return plain_text(parse_markup(text)); }

std::vector<std::string_view> split_sub_bullets(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  auto add = [&](std::size_t end) {
    std::string_view part = text.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) parts.push_back(part);
  };
  for (std::size_t i = 0; i < text.size();) {
    const std::string_view rest = text.substr(i);
    std::size_t skip = 1;
    if (rest.size() >= 2 && rest[0] == '\\') {
      skip = 2;                           // an escape: `\-` is a dash that starts nothing
    } else if (rest.starts_with("$$")) {  // math, verbatim
      const std::size_t end = text.find("$$", i + 2);
      if (end != std::string_view::npos) skip = end + 2 - i;
    } else if (rest[0] == '`') {  // code, verbatim
      const std::size_t end = text.find('`', i + 1);
      if (end != std::string_view::npos) skip = end + 1 - i;
    } else if (rest[0] == '[') {  // a link: [text](target)
      const std::size_t close = text.find(']', i + 1);
      const std::size_t end =
          close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != '('
              ? std::string_view::npos
              : text.find(')', close + 2);
      if (end != std::string_view::npos) skip = end + 1 - i;
    } else if (rest.starts_with(" - ")) {
      add(i);
      start = i + 3;
      skip = 3;
    }
    i += skip;
  }
  add(text.size());
  return parts;
}

}  // namespace cvpress
