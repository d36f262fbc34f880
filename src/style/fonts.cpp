#include "style/fonts.h"

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb.h>

#include <algorithm>
#include <future>
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

// The TrueType file fontconfig picks for family + style, and its style (a
// family without the style gives its nearest); none when the best match is
// another family or not TrueType.
FoundFont find_font_file(const std::string& family, const std::string& style) {
  if (config_loading().valid()) config_loading().get();
  FcInit();
  FcPattern* pattern = FcPatternCreate();
  FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
  FcPatternAddString(pattern, FC_STYLE, reinterpret_cast<const FcChar8*>(style.c_str()));
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result;
  FcPattern* match = FcFontMatch(nullptr, pattern, &result);
  FcPatternDestroy(pattern);
  if (!match) return {};

  FoundFont found;
  FcChar8* found_family = nullptr;
  FcChar8* found_style = nullptr;
  FcChar8* path = nullptr;
  FcChar8* format = nullptr;
  if (FcPatternGetString(match, FC_FAMILY, 0, &found_family) == FcResultMatch &&
      FcPatternGetString(match, FC_FILE, 0, &path) == FcResultMatch &&
      FcPatternGetString(match, FC_FONTFORMAT, 0, &format) == FcResultMatch &&
      FcStrCmpIgnoreCase(found_family, reinterpret_cast<const FcChar8*>(family.c_str())) == 0 &&
      std::string(reinterpret_cast<const char*>(format)) == "TrueType") {
    found.file = reinterpret_cast<const char*>(path);
    found.style = style;
    if (FcPatternGetString(match, FC_STYLE, 0, &found_style) == FcResultMatch)
      found.style = reinterpret_cast<const char*>(found_style);
  }
  FcPatternDestroy(match);
  return found;
}

bool has_math_table(const std::string& file) {
  hb_blob_t* blob = hb_blob_create_from_file(file.c_str());
  hb_face_t* face = hb_face_create(blob, 0);
  const bool math = hb_ot_math_has_data(face);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return math;
}

// Whether the face's GSUB has the OpenType small capitals feature (smcp).
bool has_small_caps(hb_face_t* face) {
  unsigned count = hb_ot_layout_table_get_feature_tags(face, HB_OT_TAG_GSUB, 0, nullptr, nullptr);
  std::vector<hb_tag_t> tags(count);
  hb_ot_layout_table_get_feature_tags(face, HB_OT_TAG_GSUB, 0, &count, tags.data());
  return std::find(tags.begin(), tags.end(), HB_TAG('s', 'm', 'c', 'p')) != tags.end();
}

// hhea ascender and descender as fractions of the em, and small caps.
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
  face.small_caps = has_small_caps(hb_face);
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

std::string missing_font(const FontFace& face, const std::vector<std::string>& styles) {
  std::string list;
  for (const std::string& style : styles) list += (list.empty() ? "" : ", ") + style;
  if (styles.size() > 1) list = "(" + list + ")";
  const std::string package =
      !face.package.empty() ? face.package : debian_font_package(face.family);
  return "font \"" + face.family + "\" " + list + " is not installed as TrueType (" +
         (package.empty() ? std::string("install the Debian fonts-* package that has it")
                          : "on Debian: apt-get install " + package) +
         ")";
}

std::string resolve_face(FontFace& face) {
  const FoundFont found = find_font_file(face.family, face.style);
  face.file = found.file;
  if (face.file.empty()) return missing_font(face, {face.style});
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
