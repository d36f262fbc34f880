#include "load/yaml_parse.h"

#include <algorithm>
#include <istream>
#include <optional>
#include <streambuf>
#include <string_view>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>

#include "load/yaml_loader.h"
#include "load/yaml_syntax.h"
#include "text/utf8.h"

namespace cvpress {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Hands the text to yaml-cpp a piece at a time, never more than `ahead` bytes
// beyond what its events have reached. There it says the text ends, and
// remembers that it cut the text short: yaml-cpp's memory then stays bounded
// whatever the text holds.
class BoundedInput : public std::streambuf {
 public:
  BoundedInput(std::string_view text, std::size_t ahead) : text_(text), ahead_(ahead) {}

  void reach(std::size_t offset) { reached_ = std::max(reached_, offset); }
  bool cut() const { return cut_; }
  // How far the events had reached when the text was cut short.
  std::size_t cut_after() const { return cut_after_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (cut_ || next_ >= text_.size()) return traits_type::eof();
    const std::size_t limit = reached_ + ahead_;
    if (next_ >= limit) {
      cut_ = true;
      cut_after_ = reached_;
      return traits_type::eof();
    }
    const std::size_t n = std::min({kPiece, text_.size() - next_, limit - next_});
    // The get area starts at the text's start, so that yaml-cpp can put back
    // what it read; nothing is ever written through it.
    char* base = const_cast<char*>(text_.data());
    setg(base, base + next_, base + next_ + n);
    next_ += n;
    return traits_type::to_int_type(*gptr());
  }

 private:
  static constexpr std::size_t kPiece = 4096;
  std::string_view text_;
  std::size_t ahead_;
  std::size_t reached_ = 0;
  std::size_t next_ = 0;
  bool cut_ = false;
  std::size_t cut_after_ = 0;
};

// Thrown from the event handler at the collection that nests too deeply;
// yaml-cpp unwinds and the parse ends there.
struct TooDeep {
  std::size_t offset;
};

// Where the quoted scalar whose node starts at `at` opens (after its tag and
// anchor, if any), or npos when the scalar is not quoted.
std::size_t opening_quote(std::string_view text, std::size_t at) {
  for (int properties = 0; properties < 2 && at < text.size(); ++properties) {
    if (text[at] != '!' && text[at] != '&') break;
    while (at < text.size() && !is_blank(text[at]) && text[at] != '"' && text[at] != '\'') ++at;
    while (at < text.size() && is_blank(text[at])) ++at;
  }
  return at < text.size() && (text[at] == '"' || text[at] == '\'') ? at : std::string_view::npos;
}

// Whether the quoted scalar that opens at `open` is closed before the text ends.
bool quote_closes(std::string_view text, std::size_t open) {
  const char quote = text[open];
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      if (quote == '"' || i + 1 == text.size() || text[i + 1] != '\'') return true;
      ++i;  // '' inside single quotes
    }
  }
  return false;
}

YamlProblem unclosed_quote(std::string_view text, std::size_t quote) {
  return {true, quote, "this quote is not closed: the text runs on to the end of the file",
          text[quote] == '"' ? "end the text with `\"`; a `\"` inside it is written `\\\"`"
                             : "end the text with `'`; a `'` inside it is written `''`"};
}

// Checks yaml-cpp's events as they come: the nesting depth, quotes that are
// never closed, and where each document starts.
class Checker : public YAML::EventHandler {
 public:
  Checker(std::string_view text, BoundedInput& input) : text_(text), input_(input) {}

  std::size_t document_start() const { return document_start_; }
  const std::optional<YamlProblem>& open_quote() const { return open_quote_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    document_start_ = offset(mark);
    reach(mark);
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { reach(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { reach(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string& value) override {
    reach(mark, value.size());
    if (open_quote_ || mark.pos < 0) return;
    const std::size_t quote = opening_quote(text_, offset(mark));
    if (quote == std::string_view::npos || quote_closes(text_, quote)) return;
    open_quote_ = unclosed_quote(text_, quote);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    enter(mark);
  }
  void OnSequenceEnd() override { --depth_; }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    enter(mark);
  }
  void OnMapEnd() override { --depth_; }

 private:
  static std::size_t offset(const YAML::Mark& mark) {
    return mark.pos < 0 ? 0 : static_cast<std::size_t>(mark.pos);
  }
  void reach(const YAML::Mark& mark, std::size_t length = 0) {
    input_.reach(offset(mark) + length);
  }
  void enter(const YAML::Mark& mark) {
    reach(mark);
    if (++depth_ > kMaxNesting) throw TooDeep{offset(mark)};
  }

  std::string_view text_;
  BoundedInput& input_;
  int depth_ = 0;
  std::size_t document_start_ = kNoOffset;
  std::optional<YamlProblem> open_quote_;
};

// The start of the first token at or after `at`: past blanks, comments and
// the indicators `:`, `-` and `?`.
std::size_t next_token(std::string_view text, std::size_t at) {
  while (at < text.size()) {
    const char c = text[at];
    const bool indicator =
        (c == ':' || c == '-' || c == '?') && (at + 1 == text.size() || is_blank(text[at + 1]));
    if (is_blank(c) || indicator) {
      ++at;
    } else if (c == '#') {
      at = std::min(text.find('\n', at), text.size());
    } else {
      break;
    }
  }
  return std::min(at, text.size());
}

YamlProblem syntax_error(std::string_view text, const YAML::Exception& e) {
  const std::string message = fmt::format("invalid YAML: {}", e.msg);
  if (e.mark.pos < 0) return {true, kNoOffset, message, {}};
  const SyntaxExplanation why =
      explain_yaml_error(text, static_cast<std::size_t>(e.mark.pos), e.msg);
  return {true, why.offset, message, why.hint};
}

YamlProblem stuck_at(std::string_view text, std::size_t at) {
  at = std::min(at, text.size());
  const char c = at < text.size() ? text[at] : ' ';
  if (c == ',') {
    return {true, at, "invalid YAML: a `,` outside `[ ]` or `{ }`",
            "commas separate the items of a `[...]` or `{...}` list; quote text that starts "
            "with `,`"};
  }
  return {true, at, fmt::format("invalid YAML: unexpected `{}`", c),
          "quote text that starts with a punctuation mark"};
}

// The first pass: yaml-cpp's events, checked. Returns false after an error.
bool check_events(const std::string& text, std::vector<YamlProblem>& problems) {
  BoundedInput input(text, kMaxLookahead);
  std::istream stream(&input);
  Checker checker(text, input);
  std::optional<YamlProblem> syntax;
  std::optional<std::size_t> second_document;
  try {
    YAML::Parser parser(stream);
    std::size_t previous = kNoOffset;
    while (parser.HandleNextDocument(checker)) {
      // A document that starts where the one before it started has read
      // nothing: yaml-cpp would return it again and again.
      if (checker.document_start() == previous) {
        syntax = stuck_at(text, previous);
        break;
      }
      if (previous != kNoOffset && !second_document) second_document = checker.document_start();
      previous = checker.document_start();
    }
  } catch (const TooDeep& e) {
    problems.push_back({true, e.offset,
                        fmt::format("the YAML nests deeper than {} levels here", kMaxNesting),
                        "a CV needs only a few levels; is a bracket not closed?"});
    return false;
  } catch (const YAML::Exception& e) {
    syntax = syntax_error(text, e);
  } catch (const std::exception& e) {
    syntax = YamlProblem{true, kNoOffset, fmt::format("cannot parse the YAML: {}", e.what()), {}};
  }
  // The first cause first: a quote not closed swallows the rest of the file,
  // and what yaml-cpp says of a text cut short is beside the point.
  if (checker.open_quote()) {
    problems.push_back(*checker.open_quote());
    return false;
  }
  if (input.cut()) {
    const std::size_t at = next_token(text, input.cut_after());
    if (const std::size_t quote = opening_quote(text, at);
        quote != std::string_view::npos && !quote_closes(text, quote)) {
      problems.push_back(unclosed_quote(text, quote));
      return false;
    }
    problems.push_back(
        {true, at,
         fmt::format("the text from here runs on for more than {} without a break",
                     size_name(kMaxLookahead)),
         "is a quote or a bracket not closed? cvpress reads a value, or a `[...]` or `{...}` "
         "list, of at most this size; a long list is written one item a line, after `- `"});
    return false;
  }
  if (syntax) {
    problems.push_back(*syntax);
    return false;
  }
  if (second_document) {
    problems.push_back({false,
                        *second_document,
                        "only the first YAML document is read; the others are ignored",
                        {}});
  }
  return true;
}

// yaml-cpp 0.7.0 turns the escapes `\N` and `\_` into the single bytes 0x85
// and 0xA0 (their Latin-1 codes), which are no UTF-8. The text was checked
// to be UTF-8, so such a byte outside a well-formed sequence came from an
// escape: it is written as its code point, U+0085 or U+00A0.
std::string with_escapes_encoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t n = utf8_sequence_length(text, i); n > 0) {
      out.append(text, i, n);
      i += n;
    } else {
      append_utf8(out, static_cast<unsigned char>(text[i++]));
    }
  }
  return out;
}

void encode_escapes(YAML::Node node) {
  if (node.IsScalar()) {
    if (!is_utf8(node.Scalar())) node = with_escapes_encoded(node.Scalar());
  } else if (node.IsSequence()) {
    for (YAML::Node item : node) encode_escapes(item);
  } else if (node.IsMap()) {
    for (auto pair : node) {
      encode_escapes(pair.first);
      encode_escapes(pair.second);
    }
  }
}

}  // namespace

ParsedYaml parse_yaml(const std::string& input) {
  // Without a final line end, yaml-cpp says "illegal EOF in scalar" at the end
  // of a quote that is not closed, instead of reading it to the end as it
  // otherwise does: one line end makes both cases one, the unclosed quote.
  std::string with_line_end;
  if (!input.empty() && input.back() != '\n') with_line_end = input + '\n';
  const std::string& text = with_line_end.empty() ? input : with_line_end;
  ParsedYaml out;
  if (!check_events(text, out.problems)) return out;
  try {
    out.root = YAML::Load(text);  // the first document only
    if (text.find("\\N") != std::string::npos || text.find("\\_") != std::string::npos)
      encode_escapes(*out.root);
  } catch (const YAML::Exception& e) {
    out.problems.push_back(syntax_error(text, e));
  } catch (const std::exception& e) {
    out.problems.push_back(
        {true, kNoOffset, fmt::format("cannot parse the YAML: {}", e.what()), {}});
  }
  return out;
}

}  // namespace cvpress
