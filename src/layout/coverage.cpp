#include "layout/coverage.h"

#include <fmt/format.h>

#include <set>
#include <string_view>

#include "layout/paragraph.h"
#include "text/font_book.h"

namespace cvpress {
namespace {

// The face a field's text starts from (its spans may switch to others).
Face base_face(std::string_view field, const Style& s) {
  if (field == "title") return s.title_text.face;
  if (field == "subtitle") return s.subtitle_text.face;
  if (field == "headline") return s.headline_text.face;
  if (field == "tagline") return s.tagline_text.face;
  if (field == "contact") return s.contact_text.face;
  return s.body.face;
}

bool is_layout_char(char32_t c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == 0x200B;  // 0x200B: soft break
}

}  // namespace

std::vector<MissingGlyph> find_missing_glyphs(const Document& doc, const Style& style,
                                              FontBook& fonts) {
  std::vector<MissingGlyph> missing;
  auto check = [&](const std::string& text, Face face, const char* field, const SourceLoc& loc,
                   std::set<char32_t>& seen) {
    const FontFace& f = style.faces[static_cast<int>(face)];
    const int font = fonts.load(f.file);
    for (char32_t c : decode_utf8(text)) {
      if (is_layout_char(c) || fonts.has_char(font, c) || !seen.insert(c).second) continue;
      missing.push_back({c, field, loc, f.family + " " + f.style});
    }
  };
  auto check_text = [&](const RichText& text, const char* field, const SourceLoc& loc) {
    std::set<char32_t> seen;
    for (const Span& span : text) {
      const Face face = span_face(span, base_face(field, style));
      check(span.kind == SpanKind::Math ? math_to_text(span.text) : span.text, face, field, loc,
            seen);
    }
  };
  std::set<char32_t> seen;
  check(doc.header.name, style.name_text.face, "name", {}, seen);
  for (const DocSection& section : doc.sections) {
    std::set<char32_t> seen_title;
    check(section.title, style.section_text.face, "section title", {}, seen_title);
  }
  for_each_text(doc, check_text);
  return missing;
}

std::string describe(const MissingGlyph& m) {
  std::string where =
      m.loc.known() ? fmt::format(" ({}:{}:{})", m.loc.file, m.loc.line, m.loc.col) : std::string();
  return fmt::format("U+{:04X} '{}' in {}{}: not in {}", static_cast<unsigned>(m.ch),
                     encode_utf8(std::u32string(1, m.ch)), m.field, where, m.font);
}

}  // namespace cvpress
