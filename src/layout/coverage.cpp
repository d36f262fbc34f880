#include "layout/coverage.h"

#include <fmt/format.h>

#include <set>
#include <string_view>

#include "layout/paragraph.h"
#include "text/fallback.h"
#include "text/font_book.h"
#include "text/math.h"

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
  // Each span in the font the layout sets it in: its face, or its fallback's.
  auto check = [&](const RichText& text, Face base, const char* field, const SourceLoc& loc,
                   std::set<char32_t>& seen) {
    for (const Span& span : with_fallback(text, doc.fallback)) {
      // A formula's characters as the layout sets them, in the math font; one
      // the parser refuses is set as its source text.
      MathParse formula;
      if (span.kind == SpanKind::Math) formula = parse_math(span.text);
      const bool math = span.kind == SpanKind::Math && formula.bad.empty();
      const Face face = span_face(span, base);
      const FontFace& f = math                ? style.math_font
                          : span.fallback > 0 ? style.fallback_face(span.fallback, face)
                                              : style.faces[static_cast<int>(face)];
      const int font = fonts.load(f.file);
      const std::u32string chars = math ? math_chars(formula.list) : decode_utf8(span.text);
      for (char32_t c : chars) {
        if (is_layout_char(c) || fonts.has_char(font, c) || !seen.insert(c).second) continue;
        missing.push_back({c, field, loc, f.family + " " + f.style});
      }
    }
  };
  auto check_plain = [&](const std::string& text, Face base, const char* field,
                         const SourceLoc& loc) {
    std::set<char32_t> seen;
    check(plain(text), base, field, loc, seen);
  };
  auto check_text = [&](const RichText& text, const char* field, const SourceLoc& loc) {
    std::set<char32_t> seen;
    check(text, base_face(field, style), field, loc, seen);
  };
  check_plain(doc.header.name, style.name_text.face, "name", doc.header.name_loc);
  for (const DocSection& section : doc.sections) {
    check_plain(section.title, style.section_text.face, "section title", section.loc);
    for (const Block& block : section.blocks) {
      check_plain(block.date, style.date_text.face, "date", block.loc);
      check_plain(block.location, style.location_text.face, "location", block.loc);
    }
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
