#include "style/style.h"

namespace cvpress {

namespace {

FontFace face(const char* family, const char* style, const char* package) {
  FontFace f;
  f.family = family;
  f.style = style;
  f.package = package;
  return f;
}

}  // namespace

FallbackFont fallback(const std::string& family, const std::string& package) {
  static constexpr const char* kStyles[kTextFaceCount] = {"Regular", "Bold", "Italic",
                                                          "Bold Italic"};
  FallbackFont font;
  for (int i = 0; i < kTextFaceCount; ++i)
    font.faces[static_cast<std::size_t>(i)] = face(family.c_str(), kStyles[i], package.c_str());
  return font;
}

// The same numbers as styles/classic.yaml (a unit test holds them equal).
Style classic_style() {
  Style s;
  s.faces[static_cast<int>(Face::Regular)] = face("Charis SIL", "Regular", "fonts-sil-charis");
  s.faces[static_cast<int>(Face::Bold)] = face("Charis SIL", "Bold", "fonts-sil-charis");
  s.faces[static_cast<int>(Face::Italic)] = face("Charis SIL", "Italic", "fonts-sil-charis");
  s.faces[static_cast<int>(Face::BoldItalic)] =
      face("Charis SIL", "Bold Italic", "fonts-sil-charis");
  s.faces[static_cast<int>(Face::Mono)] = face("DejaVu Sans Mono", "Book", "fonts-dejavu-core");
  s.fallbacks = {fallback("DejaVu Serif", "fonts-dejavu-core"),
                 fallback("Droid Sans Fallback", "fonts-droid-fallback"),
                 fallback("NanumGothic", "fonts-nanum"), fallback("Symbola", "fonts-symbola")};
  s.math_font = face("DejaVu Math TeX Gyre", "Regular", "fonts-dejavu-extra");
  return s;
}

}  // namespace cvpress
