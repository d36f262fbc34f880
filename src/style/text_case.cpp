#include "style/text_case.h"

#include <optional>

#include "layout/paragraph.h"
#include "text/utf8.h"

namespace cvpress {

char32_t upper_case(char32_t c) {
  if (c >= U'a' && c <= U'z') return c - 0x20;
  if (c < 0x80) return c;
  if ((c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 0x20;  // à..þ, not ÷
  if (c == 0xFF) return 0x178;                                 // ÿ
  if (c >= 0x100 && c <= 0x17F) {                              // Latin Extended-A
    if (c == 0x131) return U'I';                               // dotless i
    if (c == 0x130 || c == 0x138 || c == 0x149 || c == 0x17F) return c;
    const bool even_is_lower = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    if (even_is_lower) return (c % 2 == 0) ? c - 1 : c;
    return (c % 2 == 1) ? c - 1 : c;
  }
  if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) return c - 0x20;  // α..ω
  if (c == 0x3C2) return 0x3A3;                                 // final sigma
  if (c >= 0x3AC && c <= 0x3CE) {                               // Greek with tonos
    switch (c) {
      case 0x3AC:
        return 0x386;
      case 0x3AD:
        return 0x388;
      case 0x3AE:
        return 0x389;
      case 0x3AF:
        return 0x38A;
      case 0x3CC:
        return 0x38C;
      case 0x3CD:
        return 0x38E;
      case 0x3CE:
        return 0x38F;
      default:
        return c;
    }
  }
  if (c >= 0x430 && c <= 0x44F) return c - 0x20;  // а..я
  if (c >= 0x450 && c <= 0x45F) return c - 0x50;  // ѐ..џ
  return c;
}

std::string to_upper(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const std::optional<char32_t> c = next_code_point(s, i);
    if (!c) {  // not UTF-8: copy the byte as it is
      out += s[start];
      continue;
    }
    const char32_t u = upper_case(*c);
    if (u == *c) {
      out.append(s.substr(start, i - start));
    } else {
      append_utf8(out, u);
    }
  }
  return out;
}

std::string with_case(std::string_view text, TextCase text_case) {
  return text_case == TextCase::Upper ? to_upper(text) : std::string(text);
}

RichText with_case(const RichText& text, TextCase text_case) {
  if (text_case != TextCase::Upper) return text;
  RichText out = text;
  for (Span& span : out) {
    if (span.kind == SpanKind::Text) span.text = to_upper(span.text);
  }
  return out;
}

RichText with_small_caps(const RichText& text, const Style& style, Face base) {
  RichText out;
  for (const Span& span : text) {
    if (span.kind != SpanKind::Text || span.fallback > 0 || !span.link.empty()) {
      out.push_back(span);
      continue;
    }
    if (style.faces[static_cast<std::size_t>(span_face(span, base))].small_caps) {
      out.push_back(span);
      out.back().small_caps = SmallCaps::OpenType;
      continue;
    }
    // Runs of lower-case letters, and runs of everything else.
    for (std::size_t i = 0; i < span.text.size();) {
      const std::size_t start = i;
      bool lower = false;
      for (std::size_t next = i; i < span.text.size(); i = next) {
        const std::optional<char32_t> c = next_code_point(span.text, next);
        const bool is_lower = c && upper_case(*c) != *c;
        if (i == start) lower = is_lower;
        if (is_lower != lower) break;
      }
      Span run = span;
      run.text = span.text.substr(start, i - start);
      run.small_caps = lower ? SmallCaps::Synthetic : SmallCaps::None;
      out.push_back(std::move(run));
    }
  }
  return out;
}

}  // namespace cvpress
