#include "text/font_book.h"

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

}  // namespace cvpress
