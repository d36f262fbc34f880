// Rich text: a paragraph of inline spans, as parsed from the CV's markup
// (**bold**, *italic*, `code`, [text](url), $$math$$). Plain values, no I/O.
#pragma once

#include <string>
#include <vector>

namespace cvpress {

enum class SpanKind {
  Text,  // ordinary words
  Code,  // `code`: set in the monospace font
  Math,  // $$...$$: `text` holds the TeX math source without the dollars
};

// How a span's letters are set when its text style asks for small caps
// (style/text_case.h decides, for both backends alike).
enum class SmallCaps {
  None,
  OpenType,   // the font's own small capitals (OpenType feature smcp)
  Synthetic,  // lower-case letters only, set as capitals at a reduced size
};

struct Span {
  std::string text;  // UTF-8
  SpanKind kind = SpanKind::Text;
  bool bold = false;
  bool italic = false;
  std::string link;  // target URL; empty when the span is not a link
  // 0: the style's own face; k > 0: the style's k-th fallback font draws it
  // (set by with_fallback, text/fallback.h, for both backends alike).
  int fallback = 0;
  SmallCaps small_caps = SmallCaps::None;

  bool operator==(const Span&) const = default;
};

using RichText = std::vector<Span>;

// The text of all spans, concatenated (math as its source).
std::string plain_text(const RichText& text);

// Whether the text has nothing but white space (in any kind of span).
bool is_blank(const RichText& text);

// A single unstyled span (or nothing for an empty string).
RichText plain(std::string text);

// Appends `tail` to `head`, merging with the last span when the styles match.
void append(RichText& head, const RichText& tail);

}  // namespace cvpress
