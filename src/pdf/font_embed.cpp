#include "pdf/font_embed.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include <stdexcept>

#include <fmt/format.h>

namespace cvpress {

std::string subset_font(const std::string& file, const GlyphUse& glyphs) {
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(file.c_str());
  if (!blob) throw std::runtime_error("cannot read font file " + file);
  hb_face_t* face = hb_face_create(blob, 0);
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  hb_set_t* glyph_set = hb_subset_input_glyph_set(input);
  hb_set_t* unicodes = hb_subset_input_unicode_set(input);
  hb_set_add(glyph_set, 0);  // .notdef
  for (const auto& [id, chars] : glyphs) {
    hb_set_add(glyph_set, id);
    if (chars.size() == 1) hb_set_add(unicodes, chars[0]);
  }
  // Keep glyph ids, so the content streams' codes (= glyph ids) stay valid.
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS);
  // The text is shaped already: PDF viewers read no layout tables. Dropping
  // them also spares the subsetter their glyph closure (half its time) and
  // shrinks the file.
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* table : {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern"})
    hb_set_add(drop, hb_tag_from_string(table, 4));
  hb_face_t* subset = hb_subset_or_fail(face, input);
  hb_subset_input_destroy(input);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  if (!subset) throw std::runtime_error("cannot subset font " + file);

  hb_blob_t* out = hb_face_reference_blob(subset);
  unsigned length = 0;
  const char* data = hb_blob_get_data(out, &length);
  std::string bytes(data, length);
  hb_blob_destroy(out);
  hb_face_destroy(subset);
  return bytes;
}

FontInfo font_info(const std::string& file) {
  hb_blob_t* blob = hb_blob_create_from_file(file.c_str());
  hb_face_t* face = hb_face_create(blob, 0);
  hb_font_t* font = hb_font_create(face);
  FontInfo info;
  info.upem = hb_face_get_upem(face);
  info.glyph_count = hb_face_get_glyph_count(face);
  const double scale = 1000.0 / info.upem;

  char name[128] = {0};
  unsigned size = sizeof name;
  hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size, name);
  for (const char* c = name; *c; ++c) {
    // PDF names: keep the printable ASCII a PostScript name may hold.
    if (*c > ' ' && *c < 127 && std::string_view("()<>[]{}/%#").find(*c) == std::string::npos)
      info.postscript_name += *c;
  }
  if (info.postscript_name.empty()) info.postscript_name = "Font";

  hb_blob_t* head = hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
  unsigned head_length = 0;
  const unsigned char* h =
      reinterpret_cast<const unsigned char*>(hb_blob_get_data(head, &head_length));
  if (head_length >= 44) {
    for (int i = 0; i < 4; ++i) {
      info.bbox[i] = static_cast<std::int16_t>((h[36 + 2 * i] << 8) | h[37 + 2 * i]) * scale;
    }
  }
  hb_blob_destroy(head);

  hb_position_t value = 0;
  hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &value);
  info.ascent = value * scale;
  hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &value);
  info.descent = value * scale;
  value = 0;
  hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_CAP_HEIGHT, &value);
  info.cap_height = value ? value * scale : info.ascent;
  info.italic_angle = hb_style_get_value(font, HB_STYLE_TAG_SLANT_ANGLE);

  hb_font_destroy(font);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return info;
}

namespace {

std::string utf16_hex(const std::u32string& chars) {
  std::string out;
  for (char32_t c : chars) {
    if (c >= 0x10000) {
      c -= 0x10000;
      out += fmt::format("{:04X}{:04X}", 0xD800 + (c >> 10), 0xDC00 + (c & 0x3FF));
    } else {
      out += fmt::format("{:04X}", static_cast<unsigned>(c));
    }
  }
  return out;
}

}  // namespace

std::string to_unicode_cmap(const GlyphUse& glyphs) {
  std::string out =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  std::vector<std::pair<std::uint32_t, std::u32string>> mapped;
  for (const auto& [id, chars] : glyphs) {
    if (!chars.empty()) mapped.emplace_back(id, chars);
  }
  for (size_t i = 0; i < mapped.size(); i += 100) {
    const size_t n = std::min<size_t>(100, mapped.size() - i);
    out += fmt::format("{} beginbfchar\n", n);
    for (size_t k = i; k < i + n; ++k) {
      out += fmt::format("<{:04X}> <{}>\n", mapped[k].first, utf16_hex(mapped[k].second));
    }
    out += "endbfchar\n";
  }
  out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return out;
}

std::string subset_tag(const std::string& font_name, const GlyphUse& glyphs) {
  std::uint64_t hash = 1469598103934665603ull;  // FNV-1a
  auto mix = [&](std::uint64_t v) {
    hash ^= v;
    hash *= 1099511628211ull;
  };
  for (char c : font_name) mix(static_cast<unsigned char>(c));
  for (const auto& entry : glyphs) mix(entry.first);
  std::string tag;
  for (int i = 0; i < 6; ++i) {
    tag += static_cast<char>('A' + hash % 26);
    hash /= 26;
  }
  return tag;
}

}  // namespace cvpress
