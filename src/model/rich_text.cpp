#include "model/rich_text.h"

#include <utility>

namespace cvpress {
namespace {

// Two spans can become one when nothing but their text differs. Math spans
// stay apart: each is one formula.
bool same_style(const Span& a, const Span& b) {
  return a.kind == b.kind && a.kind != SpanKind::Math && a.bold == b.bold && a.italic == b.italic &&
         a.link == b.link && a.fallback == b.fallback && a.small_caps == b.small_caps;
}

}  // namespace

std::string plain_text(const RichText& text) {
  std::string out;
  for (const Span& span : text) out += span.text;
  return out;
}

bool is_blank(const RichText& text) {
  for (const Span& span : text) {
    if (span.text.find_first_not_of(" \t\n\r") != std::string::npos) return false;
  }
  return true;
}

RichText plain(std::string text) {
  if (text.empty()) return {};
  Span span;
  span.text = std::move(text);
  return {std::move(span)};
}

void append(RichText& head, const RichText& tail) {
  for (const Span& span : tail) {
    if (span.text.empty()) continue;
    if (!head.empty() && same_style(head.back(), span)) {
      head.back().text += span.text;
      continue;
    }
    head.push_back(span);
  }
}

}  // namespace cvpress
