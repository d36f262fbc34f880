#include "text/font_book.h"

#include <hb-ot.h>
#include <hb.h>

#include <functional>
#include <stdexcept>

namespace cvpress {
namespace {

// Lets the shaping cache be searched with a string_view, without a copy.
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

struct Plan {
  hb_segment_properties_t props;
  hb_shape_plan_t* plan;
};

}  // namespace

struct FontBook::Font {
  hb_blob_t* blob = nullptr;
  hb_face_t* face = nullptr;
  hb_font_t* font = nullptr;
  double upem = 1000;
  std::unordered_map<std::string, std::vector<ShapedGlyph>, TextHash, std::equal_to<>> cache;
  // One shape plan per script, direction and language: hb_shape would make
  // (or look up) one for every word.
  std::vector<Plan> plans;
  std::unordered_map<std::uint64_t, std::uint32_t> math_glyphs;  // (char, ssty) -> glyph

  ~Font() {
    for (const Plan& p : plans) hb_shape_plan_destroy(p.plan);
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
  }
};

FontBook::FontBook() = default;
FontBook::~FontBook() = default;

int FontBook::load(const std::string& file) {
  for (size_t i = 0; i < files_.size(); ++i) {
    if (files_[i] == file) return static_cast<int>(i);
  }
  auto font = std::make_unique<Font>();
  font->blob = hb_blob_create_from_file_or_fail(file.c_str());
  if (!font->blob) throw std::runtime_error("cannot read font file " + file);
  font->face = hb_face_create(font->blob, 0);
  if (hb_face_get_glyph_count(font->face) == 0) {
    throw std::runtime_error("not a usable font: " + file);
  }
  font->font = hb_font_create(font->face);
  font->upem = hb_face_get_upem(font->face);
  fonts_.push_back(std::move(font));
  files_.push_back(file);
  return static_cast<int>(files_.size() - 1);
}

const std::string& FontBook::file(int font) const { return files_.at(font); }

double FontBook::units_per_em(int font) const { return fonts_.at(font)->upem; }

const std::vector<FontBook::ShapedGlyph>& FontBook::shape_units(int font_index,
                                                                std::string_view text) {
  Font& font = *fonts_.at(font_index);
  auto found = font.cache.find(text);
  if (found != font.cache.end()) return found->second;

  hb_buffer_t* buffer = hb_buffer_create();
  hb_buffer_add_utf8(buffer, text.data(), static_cast<int>(text.size()), 0,
                     static_cast<int>(text.size()));
  hb_buffer_guess_segment_properties(buffer);
  static const hb_feature_t features[] = {
      {HB_TAG('k', 'e', 'r', 'n'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
      {HB_TAG('l', 'i', 'g', 'a'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
      {HB_TAG('c', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
  };
  hb_segment_properties_t props;
  hb_buffer_get_segment_properties(buffer, &props);
  hb_shape_plan_t* plan = nullptr;
  for (const Plan& p : font.plans) {
    if (hb_segment_properties_equal(&p.props, &props)) plan = p.plan;
  }
  if (!plan) {
    plan = hb_shape_plan_create_cached(font.face, &props, features, std::size(features), nullptr);
    font.plans.push_back({props, plan});
  }
  hb_shape_plan_execute(plan, font.font, buffer, features, std::size(features));

  unsigned count = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
  std::vector<ShapedGlyph> glyphs;
  glyphs.reserve(count);
  for (unsigned i = 0; i < count; ++i) {
    // A character the font lacks is left out, as XeTeX and LuaTeX leave it
    // out (the missing-glyph check has reported it): never a .notdef box
    // whose text no ToUnicode map could tell apart from another's.
    if (info[i].codepoint == 0) continue;
    // The characters of a cluster go to its first glyph.
    size_t begin = info[i].cluster;
    size_t end = text.size();
    for (unsigned j = i + 1; j < count; ++j) {
      if (info[j].cluster != info[i].cluster) {
        end = info[j].cluster;
        break;
      }
    }
    bool first_of_cluster = i == 0 || info[i - 1].cluster != info[i].cluster;
    glyphs.push_back({info[i].codepoint, pos[i].x_advance,
                      first_of_cluster && end > begin ? decode_utf8(text.substr(begin, end - begin))
                                                      : std::u32string()});
  }
  hb_buffer_destroy(buffer);
  return font.cache.emplace(std::string(text), std::move(glyphs)).first->second;
}

std::vector<Glyph> FontBook::shape(int font, std::string_view text, double size) {
  const double scale = size / fonts_.at(font)->upem;
  std::vector<Glyph> out;
  for (const ShapedGlyph& g : shape_units(font, text)) {
    out.push_back({g.id, g.advance * scale, g.chars});
  }
  return out;
}

double FontBook::width(int font, std::string_view text, double size) {
  std::int64_t units = 0;
  for (const ShapedGlyph& g : shape_units(font, text)) units += g.advance;
  return units * size / fonts_.at(font)->upem;
}

double FontBook::space_width(int font, double size) { return width(font, " ", size); }

bool FontBook::has_char(int font, char32_t c) const {
  hb_codepoint_t glyph = 0;
  return hb_font_get_nominal_glyph(fonts_.at(font)->font, c, &glyph) != 0;
}

int FontBook::nominal_advance(int font, std::uint32_t glyph) const {
  return hb_font_get_glyph_h_advance(fonts_.at(font)->font, glyph);
}

bool FontBook::has_math(int font) const { return hb_ot_math_has_data(fonts_.at(font)->face); }

int FontBook::math_constant(int font, int which) const {
  return hb_ot_math_get_constant(fonts_.at(font)->font, static_cast<hb_ot_math_constant_t>(which));
}

std::uint32_t FontBook::math_glyph(int font_index, char32_t c, int ssty) {
  Font& font = *fonts_.at(font_index);
  const std::uint64_t key = (static_cast<std::uint64_t>(c) << 2) | static_cast<unsigned>(ssty);
  if (const auto found = font.math_glyphs.find(key); found != font.math_glyphs.end())
    return found->second;
  hb_buffer_t* buffer = hb_buffer_create();
  const std::uint32_t text[] = {static_cast<std::uint32_t>(c)};
  hb_buffer_add_utf32(buffer, text, 1, 0, 1);
  hb_buffer_set_direction(buffer, HB_DIRECTION_LTR);
  hb_buffer_set_script(buffer, HB_SCRIPT_MATH);
  const hb_feature_t features[] = {
      {HB_TAG('s', 's', 't', 'y'), static_cast<std::uint32_t>(ssty), HB_FEATURE_GLOBAL_START,
       HB_FEATURE_GLOBAL_END},
  };
  hb_shape(font.font, buffer, features, ssty > 0 ? 1 : 0);
  unsigned count = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
  const std::uint32_t glyph = count > 0 ? info[0].codepoint : 0;
  hb_buffer_destroy(buffer);
  font.math_glyphs.emplace(key, glyph);
  return glyph;
}

int FontBook::italic_correction(int font, std::uint32_t glyph) const {
  return hb_ot_math_get_glyph_italics_correction(fonts_.at(font)->font, glyph);
}

int FontBook::top_accent_attachment(int font, std::uint32_t glyph) const {
  return hb_ot_math_get_glyph_top_accent_attachment(fonts_.at(font)->font, glyph);
}

FontBook::Extents FontBook::extents(int font, std::uint32_t glyph) const {
  hb_glyph_extents_t e{};
  if (!hb_font_get_glyph_extents(fonts_.at(font)->font, glyph, &e)) return {};
  return {e.y_bearing, -(e.y_bearing + e.height)};
}

std::vector<FontBook::Variant> FontBook::math_variants(int font, std::uint32_t glyph,
                                                       bool vertical) const {
  hb_font_t* f = fonts_.at(font)->font;
  const hb_direction_t dir = vertical ? HB_DIRECTION_BTT : HB_DIRECTION_LTR;
  unsigned count = hb_ot_math_get_glyph_variants(f, glyph, dir, 0, nullptr, nullptr);
  std::vector<hb_ot_math_glyph_variant_t> raw(count);
  hb_ot_math_get_glyph_variants(f, glyph, dir, 0, &count, raw.data());
  std::vector<Variant> out;
  for (const auto& v : raw) out.push_back({v.glyph, v.advance});
  return out;
}

std::vector<FontBook::Part> FontBook::math_assembly(int font, std::uint32_t glyph,
                                                    bool vertical) const {
  hb_font_t* f = fonts_.at(font)->font;
  const hb_direction_t dir = vertical ? HB_DIRECTION_BTT : HB_DIRECTION_LTR;
  unsigned count = hb_ot_math_get_glyph_assembly(f, glyph, dir, 0, nullptr, nullptr, nullptr);
  std::vector<hb_ot_math_glyph_part_t> raw(count);
  hb_ot_math_get_glyph_assembly(f, glyph, dir, 0, &count, raw.data(), nullptr);
  std::vector<Part> out;
  for (const auto& p : raw)
    out.push_back({p.glyph, p.start_connector_length, p.end_connector_length, p.full_advance,
                   (p.flags & HB_OT_MATH_GLYPH_PART_FLAG_EXTENDER) != 0});
  return out;
}

int FontBook::min_connector_overlap(int font, bool vertical) const {
  return hb_ot_math_get_min_connector_overlap(fonts_.at(font)->font,
                                              vertical ? HB_DIRECTION_BTT : HB_DIRECTION_LTR);
}

int FontBook::math_kerning(int font, std::uint32_t glyph, int corner, int height) const {
  return hb_ot_math_get_glyph_kerning(fonts_.at(font)->font, glyph,
                                      static_cast<hb_ot_math_kern_t>(corner), height);
}

}  // namespace cvpress
