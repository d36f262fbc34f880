#include "style/fonts.h"

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb.h>

#include <memory>

namespace cvpress {
namespace {

// The TrueType file fontconfig picks for family + style, or "" when the best
// match is another family or not TrueType.
std::string find_font_file(const std::string& family, const std::string& style) {
  FcInit();
  FcPattern* pattern = FcPatternCreate();
  FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
  FcPatternAddString(pattern, FC_STYLE, reinterpret_cast<const FcChar8*>(style.c_str()));
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result;
  FcPattern* match = FcFontMatch(nullptr, pattern, &result);
  FcPatternDestroy(pattern);
  if (!match) return "";

  std::string file;
  FcChar8* found_family = nullptr;
  FcChar8* path = nullptr;
  FcChar8* format = nullptr;
  if (FcPatternGetString(match, FC_FAMILY, 0, &found_family) == FcResultMatch &&
      FcPatternGetString(match, FC_FILE, 0, &path) == FcResultMatch &&
      FcPatternGetString(match, FC_FONTFORMAT, 0, &format) == FcResultMatch &&
      FcStrCmpIgnoreCase(found_family, reinterpret_cast<const FcChar8*>(family.c_str())) == 0 &&
      std::string(reinterpret_cast<const char*>(format)) == "TrueType") {
    file = reinterpret_cast<const char*>(path);
  }
  FcPatternDestroy(match);
  return file;
}

// hhea ascender and descender as fractions of the em.
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
  hb_font_destroy(font);
  hb_face_destroy(hb_face);
  hb_blob_destroy(blob);
}

}  // namespace

std::string resolve_fonts(Style& style) {
  for (FontFace& face : style.faces) {
    face.file = find_font_file(face.family, face.style);
    if (face.file.empty()) {
      return "font not found: \"" + face.family + "\" " + face.style +
             " (a TrueType font; on Debian install its fonts-* package)";
    }
    read_metrics(face);
  }
  return "";
}

}  // namespace cvpress
