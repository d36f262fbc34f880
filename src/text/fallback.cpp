#include "text/fallback.h"

#include <array>
#include <set>
#include <string>

#include "style/text_case.h"
#include "text/font_book.h"
#include "text/utf8.h"

namespace cvpress {
namespace {

// Characters that never switch the font: they go with their neighbours.
bool is_neutral(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x200B ||  // soft break
         (c >= 0x300 && c <= 0x36F) ||                                      // combining marks
         c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F);                       // ZWJ, selectors
}

class Chooser {
 public:
  Chooser(const Style& style, FontBook& fonts) : fonts_(fonts) {
    for (int f = 0; f < kTextFaceCount; ++f)
      own_[static_cast<std::size_t>(f)] = fonts.load(style.faces[static_cast<std::size_t>(f)].file);
    for (const FallbackFont& font : style.fallbacks)
      others_.push_back(fonts.load(font.faces[0].file));
  }

  void add(std::string_view text) {
    add_chars(text);
    add_chars(to_upper(text));  // as an upper-case text style sets it
  }
  void add(const RichText& text) {
    for (const Span& span : text)
      if (span.kind != SpanKind::Math) add(span.text);
  }

  FallbackMap map() && { return std::move(map_); }

 private:
  void add_chars(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
      const std::optional<char32_t> c = next_code_point(text, i);
      if (!c || is_neutral(*c) || !seen_.insert(*c).second || own_all(*c)) continue;
      for (std::size_t k = 0; k < others_.size(); ++k) {
        if (fonts_.has_char(others_[k], *c)) {
          map_[*c] = static_cast<int>(k) + 1;
          break;
        }
      }
    }
  }
  bool own_all(char32_t c) const {
    for (const int font : own_)
      if (!fonts_.has_char(font, c)) return false;
    return true;
  }

  FontBook& fonts_;
  std::array<int, kTextFaceCount> own_{};
  std::vector<int> others_;
  std::set<char32_t> seen_;
  FallbackMap map_;
};

}  // namespace

FallbackMap choose_fallbacks(const Document& doc, const Style& style, FontBook& fonts) {
  if (style.fallbacks.empty()) return {};
  Chooser chooser(style, fonts);
  chooser.add(doc.header.name);
  for (const DocSection& section : doc.sections) {
    chooser.add(section.title);
    for (const Block& block : section.blocks) {
      chooser.add(block.date);
      chooser.add(block.location);
      chooser.add(block.marker);
    }
  }
  for_each_text(doc,
                [&](const RichText& text, const char*, const SourceLoc&) { chooser.add(text); });
  chooser.add(style.bullet);
  chooser.add(style.contact_separator);
  chooser.add(" \xE2\x80\x94 page 0123456789 of");  // the footer's own words
  return std::move(chooser).map();
}

Document with_fallback_fonts(Document doc, const Style& style, FontBook& fonts) {
  doc.fallback = choose_fallbacks(doc, style, fonts);
  return doc;
}

RichText with_fallback(const RichText& text, const FallbackMap& map) {
  if (map.empty()) return text;
  RichText out;
  for (const Span& span : text) {
    if (span.kind == SpanKind::Math) {
      out.push_back(span);
      continue;
    }
    Span run = span;
    run.text.clear();
    run.fallback = 0;
    const std::string_view s = span.text;
    for (std::size_t i = 0; i < s.size();) {
      const std::size_t start = i;
      const std::optional<char32_t> c = next_code_point(s, i);
      int font = run.fallback;
      if (c && !is_neutral(*c)) {
        const auto found = map.find(*c);
        font = found == map.end() ? 0 : found->second;
      }
      if (font != run.fallback && !run.text.empty()) {
        out.push_back(run);
        run.text.clear();
      }
      run.fallback = font;
      run.text.append(s.substr(start, i - start));
    }
    if (!run.text.empty()) out.push_back(std::move(run));
  }
  return out;
}

}  // namespace cvpress
