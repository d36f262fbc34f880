#include "style/fonts.h"

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <future>
#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace cvpress {
namespace {

std::future<FcBool>& config_loading() {
  static std::future<FcBool> loading;
  return loading;
}

struct FoundFont {
  std::string file;   // "" when there is none
  std::string style;  // the style of the file found
};

// The first value of a pattern's string property, or "".
std::string first_string(FcPattern* pattern, const char* property) {
  FcChar8* value = nullptr;
  if (FcPatternGetString(pattern, property, 0, &value) != FcResultMatch) return "";
  return reinterpret_cast<const char*>(value);
}

// One TrueType font of a family, as fontconfig lists it.
struct Listed {
  std::string file;
  std::vector<std::string> styles;  // its style names, the first the main one
  int weight = FC_WEIGHT_REGULAR, slant = FC_SLANT_ROMAN, width = FC_WIDTH_NORMAL;
};

// The TrueType fonts of a family, listed once per run: listing one family
// costs a fraction of an FcFontMatch, which scores every installed font (a
// style and its fallback chain resolve some 20 faces per build).
const std::vector<Listed>& family_fonts(const std::string& family) {
  static std::map<std::string, std::vector<Listed>> cache;
  const auto found = cache.find(family);
  if (found != cache.end()) return found->second;
  std::vector<Listed>& out = cache[family];
  FcPattern* pattern = FcPatternCreate();
  FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
  FcObjectSet* objects = FcObjectSetBuild(FC_FAMILY, FC_STYLE, FC_FILE, FC_FONTFORMAT, FC_WEIGHT,
                                          FC_SLANT, FC_WIDTH, nullptr);
  FcFontSet* fonts = FcFontList(nullptr, pattern, objects);
  FcObjectSetDestroy(objects);
  FcPatternDestroy(pattern);
  for (int i = 0; fonts != nullptr && i < fonts->nfont; ++i) {
    FcPattern* font = fonts->fonts[i];
    if (first_string(font, FC_FONTFORMAT) != "TrueType") continue;
    Listed listed;
    listed.file = first_string(font, FC_FILE);
    FcChar8* name = nullptr;
    for (int k = 0; FcPatternGetString(font, FC_STYLE, k, &name) == FcResultMatch; ++k)
      listed.styles.emplace_back(reinterpret_cast<const char*>(name));
    FcPatternGetInteger(font, FC_WEIGHT, 0, &listed.weight);
    FcPatternGetInteger(font, FC_SLANT, 0, &listed.slant);
    FcPatternGetInteger(font, FC_WIDTH, 0, &listed.width);
    if (!listed.file.empty() && !listed.styles.empty()) out.push_back(std::move(listed));
  }
  if (fonts != nullptr) FcFontSetDestroy(fonts);
  // Files in a fixed order, so that ties go the same way on every machine.
  std::sort(out.begin(), out.end(),
            [](const Listed& a, const Listed& b) { return a.file < b.file; });
  return out;
}

bool contains_word(std::string text, const char* word) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text.find(word) != std::string::npos;
}

// The font of `family` that fontconfig's matching would pick for `style`:
// one with that style name if any, then by slant, weight and width, in the
// order of fontconfig's priorities (so a family without italics gives its
// upright face, Droid Sans Fallback its only one).
FoundFont find_font_file(const std::string& family, const std::string& style) {
  if (config_loading().valid()) config_loading().get();
  FcInit();
  const bool italic = contains_word(style, "italic") || contains_word(style, "oblique");
  const int slant = italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN;
  const int weight = contains_word(style, "bold") ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR;
  const Listed* best = nullptr;
  std::array<int, 5> best_score{};
  for (const Listed& font : family_fonts(family)) {
    int named = 2;  // 0: the main style name, 1: another of its names, 2: none
    for (std::size_t k = 0; k < font.styles.size() && named == 2; ++k) {
      if (FcStrCmpIgnoreCase(reinterpret_cast<const FcChar8*>(font.styles[k].c_str()),
                             reinterpret_cast<const FcChar8*>(style.c_str())) == 0)
        named = k == 0 ? 0 : 1;
    }
    const std::array<int, 5> score = {named == 2, std::abs(font.slant - slant),
                                      std::abs(font.weight - weight),
                                      std::abs(font.width - FC_WIDTH_NORMAL), named};
    if (best == nullptr || score < best_score) {
      best = &font;
      best_score = score;
    }
  }
  if (best == nullptr) return {};
  return {best->file, best->styles.front()};
}

bool has_math_table(const std::string& file) {
  hb_blob_t* blob = hb_blob_create_from_file(file.c_str());
  hb_face_t* face = hb_face_create(blob, 0);
  const bool math = hb_ot_math_has_data(face);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return math;
}

// hhea ascender and descender as fractions of the em, and a math font's
// script sizes.
void read_metrics(FontFace& face) {
  hb_blob_t* blob = hb_blob_create_from_file(face.file.c_str());
  hb_face_t* hb_face = hb_face_create(blob, 0);
  hb_font_t* font = hb_font_create(hb_face);
  const double upem = hb_face_get_upem(hb_face);
  hb_position_t ascender = 0, descender = 0;
  hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &ascender);
  hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &descender);
  face.ascent = ascender / upem;
  face.descent = -descender / upem;
  if (hb_ot_math_has_data(hb_face)) {
    face.script_scale =
        hb_ot_math_get_constant(font, HB_OT_MATH_CONSTANT_SCRIPT_PERCENT_SCALE_DOWN) / 100.0;
    face.script_script_scale =
        hb_ot_math_get_constant(font, HB_OT_MATH_CONSTANT_SCRIPT_SCRIPT_PERCENT_SCALE_DOWN) / 100.0;
    face.script_space =
        hb_ot_math_get_constant(font, HB_OT_MATH_CONSTANT_SPACE_AFTER_SCRIPT) / upem;
  }
  hb_font_destroy(font);
  hb_face_destroy(hb_face);
  hb_blob_destroy(blob);
}

}  // namespace

std::string debian_font_package(const std::string& family) {
  static const std::pair<const char*, const char*> known[] = {
      {"Charis SIL", "fonts-sil-charis"},
      {"Gentium", "fonts-sil-gentium"},
      {"Gentium Plus", "fonts-sil-gentiumplus"},
      {"Andika", "fonts-sil-andika"},
      {"Lato", "fonts-lato"},
      {"Roboto", "fonts-roboto-unhinted"},
      {"Roboto Condensed", "fonts-roboto-unhinted"},
      {"Roboto Slab", "fonts-roboto-slab"},
      {"Carlito", "fonts-crosextra-carlito"},
      {"Caladea", "fonts-crosextra-caladea"},
      {"Open Sans", "fonts-open-sans"},
      {"Noto Sans", "fonts-noto-core"},
      {"Noto Serif", "fonts-noto-core"},
      {"Noto Sans Mono", "fonts-noto-mono"},
      {"DejaVu Sans", "fonts-dejavu-core"},
      {"DejaVu Serif", "fonts-dejavu-core"},
      {"DejaVu Sans Mono", "fonts-dejavu-core"},
      {"DejaVu Math TeX Gyre", "fonts-dejavu-extra"},
      {"Droid Sans Fallback", "fonts-droid-fallback"},
      {"NanumGothic", "fonts-nanum"},
      {"Symbola", "fonts-symbola"},
      {"Liberation Sans", "fonts-liberation2"},
      {"Liberation Serif", "fonts-liberation2"},
      {"Liberation Mono", "fonts-liberation2"},
      {"Ubuntu", "fonts-ubuntu"},
      {"IBM Plex Sans", "fonts-ibm-plex"},
      {"IBM Plex Serif", "fonts-ibm-plex"},
      {"Inter", "fonts-inter"},
  };
  for (const auto& [name, package] : known) {
    if (FcStrCmpIgnoreCase(reinterpret_cast<const FcChar8*>(name),
                           reinterpret_cast<const FcChar8*>(family.c_str())) == 0)
      return package;
  }
  return "";
}

void start_font_lookup() {
  if (!config_loading().valid()) config_loading() = std::async(std::launch::async, FcInit);
}

std::string resolve_face(FontFace& face) {
  const FoundFont found = find_font_file(face.family, face.style);
  face.file = found.file;
  if (face.file.empty()) {
    const std::string package =
        !face.package.empty() ? face.package : debian_font_package(face.family);
    return "font \"" + face.family + "\" " + face.style + " is not installed as TrueType (" +
           (package.empty() ? std::string("install the Debian fonts-* package that has it")
                            : "on Debian: apt-get install " + package) +
           ")";
  }
  face.style = found.style;
  read_metrics(face);
  return "";
}

std::string resolve_math_face(FontFace& face) {
  if (std::string error = resolve_face(face); !error.empty()) return error;
  if (!has_math_table(face.file))
    return "font \"" + face.family + "\" has no OpenType MATH table (a math font such as " +
           "DejaVu Math TeX Gyre, from fonts-dejavu-extra)";
  return "";
}

std::string resolve_fonts(Style& style) {
  for (FontFace& face : style.faces) {
    if (std::string error = resolve_face(face); !error.empty()) return error;
  }
  for (FallbackFont& font : style.fallbacks) {
    for (FontFace& face : font.faces) {
      if (std::string error = resolve_face(face); !error.empty()) return error;
    }
  }
  return resolve_math_face(style.math_font);
}

}  // namespace cvpress
